"""Grouping the same statement across articles, and one speaker name over the corpus."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.articles import load_article
from reader.index.catalog import Catalog
from reader.index.rows import FileStat, Row
from reader.models import Quote
from reader.quotes import find_quotes
from reader.quotes.groups import (
    MAX_BLOCK_SIZE,
    group_id,
    link_quotes,
    normalise_quote,
    quote_groups,
    same_quote_elsewhere,
    speaker_display_names,
)
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


# -- incremental relinking in the catalog equals grouping the whole corpus again ----------

_WORDS = [
    "we",
    "will",
    "not",
    "accept",
    "any",
    "deal",
    "that",
    "hurts",
    "our",
    "farmers",
    "and",
    "the",
    "trade",
    "talks",
    "must",
    "go",
    "on",
    "there",
    "is",
    "a",
    "glimmer",
    "of",
    "hope",
    "for",
    "building",
    "mutual",
    "trust",
    "between",
    "the",
    "two",
    "sides",
    "today",
]
_SPEAKERS = (
    "Vladimir Putin",
    "Vladimir Poutine",
    "Putin",
    "Donald Trump",
    "Donald Trump Jr.",
    "Trump",
    "the Kremlin",
    "Angela Merkel",
    "Merkel",
    # one organisation under several names; surnames alone that join a person or stay apart
    "Lib Dems",
    "Liberal Democrat",
    "the Liberal Democrats",
    "Tony Blair",
    "Cherie Blair",
    "Blair",
    "Elton John",
    "John",
    "John Reid",
    "a senior official",
    None,
)


def _random_quotes(rng: random.Random, pool: list[str]) -> tuple[Quote, ...]:
    quotes = []
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.4 or not pool:  # a new statement: some word pairs grow common
            start = rng.randrange(len(_WORDS) - 8)
            text = " ".join(_WORDS[start : start + rng.randint(2, 9)])
            if rng.random() < 0.5:
                text += " " + " ".join(rng.sample(_WORDS, rng.randint(1, 4)))
            pool.append(text)
        else:
            words = rng.choice(pool).split()
            if roll < 0.6:  # the same statement, written differently
                text = " ".join(words).upper() + "!"
            elif roll < 0.8 and len(words) > 3:  # one word changed: a near-duplicate
                words[rng.randrange(len(words))] = rng.choice(_WORDS)
                text = " ".join(words)
            else:  # a fragment of it, or it inside a longer quote
                cut = rng.randint(1, max(1, len(words) - 1))
                text = " ".join(words[cut:] if rng.random() < 0.5 else words + _WORDS[:cut])
        quotes.append(Quote(text, 0, len(text), 0, "speech", rng.choice(_SPEAKERS)))
    return tuple(quotes)


def _row(article: str, quotes: tuple[Quote, ...]) -> Row:
    return Row(article, f"{article}.txt", FileStat(1, 1, article), "t", None, None, None, None,
               "body", quotes)  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(6))
def test_incremental_relinking_equals_a_full_relink(tmp_path: Path, seed: int) -> None:
    rng = random.Random(seed)
    pool: list[str] = []
    articles = {f"a{i:03d}": _random_quotes(rng, pool) for i in range(300)}
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write([_row(a, q) for a, q in articles.items()])
    for _ in range(25):
        changed: dict[str, tuple[Quote, ...]] = {}
        for _ in range(rng.randint(1, 5)):
            changed[rng.choice([*articles, f"n{rng.randrange(1000):03d}"])] = _random_quotes(
                rng, pool
            )
        gone = rng.sample(sorted(articles), rng.randint(0, 2))
        gone = [article for article in gone if article not in changed]
        catalog.write([_row(a, q) for a, q in changed.items()], [f"{a}.txt" for a in gone])
        articles.update(changed)
        for article in gone:
            del articles[article]
        expected = {a: tuple(qs) for a, qs in link_quotes(articles).items() if qs}
        assert catalog.all_quotes() == expected
    fresh = Catalog(tmp_path / "fresh.sqlite3")
    fresh.write([_row(a, q) for a, q in articles.items()])
    texts = (
        "SELECT t.norm, t.grp, c.norm FROM quote_texts t"
        " LEFT JOIN quote_texts c ON c.id = t.container ORDER BY t.norm"
    )
    links = (
        "SELECT x.norm, y.norm FROM quote_links JOIN quote_texts x ON x.id = a"
        " JOIN quote_texts y ON y.id = b ORDER BY 1, 2"
    )
    proposed = (
        "SELECT x.norm, y.norm, freq FROM quote_proposed JOIN quote_texts x ON x.id = src"
        " JOIN quote_texts y ON y.id = dst ORDER BY 1, 2"
    )
    speakers = "SELECT name, n, display FROM speakers ORDER BY name"
    for sql in (texts, links, proposed, speakers):
        got = catalog._connection().execute(sql).fetchall()
        assert got == fresh._connection().execute(sql).fetchall()
    counted = (
        "SELECT count(grp), count(container), (SELECT count(*) FROM quote_links) FROM quote_texts"
    )
    groups, containers, similar = fresh._connection().execute(counted).fetchone()
    assert groups > 20 and containers > 3 and similar > 3  # the test covers every kind of link
    common = "SELECT count(*) FROM quote_shingles GROUP BY shingle ORDER BY 1 DESC LIMIT 1"
    assert fresh._connection().execute(common).fetchone()[0] > MAX_BLOCK_SIZE


@pytest.mark.parametrize("seed", [3, 4])
def test_many_new_articles_at_once_keep_the_groups_of_those_already_there(
    tmp_path: Path, seed: int
) -> None:
    """More than a tenth of the catalog added in one update regroups everything, not only
    the new articles (which once replaced every other article's groups and speakers)."""
    rng = random.Random(seed)
    pool: list[str] = []
    articles = {f"a{i:03d}": _random_quotes(rng, pool) for i in range(300)}
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write([_row(a, q) for a, q in articles.items()])
    new = {f"n{i:03d}": _random_quotes(rng, pool) for i in range(40)}
    catalog.write([_row(a, q) for a, q in new.items()])
    articles.update(new)
    expected = {a: tuple(qs) for a, qs in link_quotes(articles).items() if qs}
    assert catalog.all_quotes() == expected
    assert any(q.group for a, qs in expected.items() if a.startswith("a") for q in qs)
