"""Grouping the same statement across articles, and one speaker name over the corpus."""

from __future__ import annotations

from reader.articles import load_article
from reader.quote_groups import (
    group_id,
    link_quotes,
    normalise_quote,
    quote_groups,
    same_quote_elsewhere,
    speaker_display_names,
)
from reader.quotes import Quote, find_quotes
from tests.conftest import SEEDS


def quote(text: str, speaker: str | None = None) -> Quote:
    return Quote(text, 0, len(text), 0, "speech", speaker)


def test_normalise_quote() -> None:
    assert normalise_quote("  “Été”, déjà VU!  ") == "ete deja vu"


def test_exact_after_normalisation_across_articles() -> None:
    linked = link_quotes(
        {"a": [quote("We will win.")], "b": [quote("we WILL win")], "c": [quote("Other.")]}
    )
    assert linked["a"][0].group == linked["b"][0].group == group_id("we will win")
    assert linked["c"][0].group is None


def test_marks_only_and_tiny_quotes_are_not_grouped() -> None:
    linked = link_quotes({"a": [quote("…"), quote("no")], "b": [quote("…"), quote("No!")]})
    assert [q.group for q in linked["a"] + linked["b"]] == [None] * 4


def test_same_article_twice_is_not_a_group() -> None:
    linked = link_quotes({"a": [quote("We will win."), quote("We will win.")]})
    assert [q.group for q in linked["a"]] == [None, None]


def test_near_duplicates_and_contained_fragments() -> None:
    linked = link_quotes(
        {
            "a": [quote("purely technical issue")],
            "b": [quote("When exactly, it is a purely technical question")],
            "c": [quote("there is a glimmer of hope for building mutual trust")],
            "d": [quote("glimmer of hope")],
            "e": [quote("something else entirely, said nobody at all")],
        }
    )
    assert linked["a"][0].group is not None
    assert linked["a"][0].group == linked["b"][0].group
    assert linked["c"][0].group == linked["d"][0].group is not None
    assert linked["e"][0].group is None


def test_group_ids_do_not_depend_on_input_order() -> None:
    first = link_quotes({"a": [quote("We will win.")], "b": [quote("we will win")]})
    second = link_quotes({"b": [quote("we will win")], "a": [quote("We will win.")]})
    assert first["a"][0].group == second["a"][0].group


def test_speakers_harmonised_across_articles() -> None:
    names = speaker_display_names(
        ["Vladimir Putin", "Vladimir Putin", "Vladimir Poutine", "Putin", "the Kremlin"]
    )
    assert names == {
        "Vladimir Putin": "Vladimir Putin",
        "Vladimir Poutine": "Vladimir Putin",
        "Putin": "Vladimir Putin",
        "the Kremlin": "the Kremlin",
    }


def test_juniors_stay_apart() -> None:
    names = speaker_display_names(["Donald Trump", "Donald Trump", "Donald Trump Jr.", "Trump"])
    assert names["Donald Trump Jr."] == "Donald Trump Jr."
    assert names["Trump"] == "Donald Trump"


def test_tie_prefers_the_canonical_spelling() -> None:
    names = speaker_display_names(["Vladimir Poutine", "Vladimir Putin"])
    assert names["Vladimir Poutine"] == "Vladimir Putin"


def test_jump_to_the_same_quote_elsewhere() -> None:
    linked = link_quotes(
        {"a": [quote("constructive", "Putin")], "b": [quote("Constructive")], "c": []}
    )
    groups = quote_groups(linked)
    others = same_quote_elsewhere(groups, "a", linked["a"][0])
    assert [(article, q.text) for article, q in others] == [("b", "Constructive")]
    assert linked["a"][0].speaker == "Putin"


def test_seeds_link_the_shared_statements() -> None:
    bodies = {p.stem[:3]: load_article(p, SEEDS).body for p in sorted(SEEDS.glob("*.txt"))}
    linked = link_quotes({key: find_quotes(body) for key, body in bodies.items()})
    groups = quote_groups(linked)
    members = [sorted({(a, q.text) for a, q in group}) for group in groups.values()]
    assert [("001", "constructive"), ("002", "constructive")] in members
    hope = next(m for m in members if ("001", "glimmer of hope") in m)
    assert {a for a, _ in hope} == {"000", "001"}
    technical = next(m for m in members if ("001", "purely technical issue") in m)
    assert {a for a, _ in technical} == {"001", "002"}
