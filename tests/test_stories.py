"""Tests for reader.stories: features, clustering, copies and the incremental SQLite store."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections import defaultdict

import pytest

from reader.stories import features, store
from reader.stories.clustering import ClusterSettings, cluster
from reader.stories.copies import copy_of, signature, similarity
from reader.stories.features import BACKGROUND_LIMIT, article_terms, background_share, idf
from reader.stories.graph import TermTable, Vectors
from reader.stories.store import StoryText

# Two look-alike events of one kind (two actors entering rehab) and an unrelated event.
REID = [
    "Tara Reid, the American Pie actress, has entered the Promises Treatment Center in Malibu,"
    " her publicist Jack Ketsoyan said on Friday.",
    "Actress Tara Reid checked into Promises in Malibu, publicist Jack Ketsoyan confirmed Friday"
    " to People magazine.",
    "Jack Ketsoyan said Friday that Tara Reid went to the Promises Treatment Center in Malibu.",
    "Tara Reid is at Promises in Malibu; Ketsoyan asked for privacy for the American Pie star.",
]
LOHAN = [
    "Lindsay Lohan left the Betty Ford Center and moved to Cliffside in Malibu, attorney Shawn"
    " Holley said, for the rest of her 90-day court-ordered rehab.",
    "Lohan has checked into Cliffside in Malibu after the Betty Ford Center, Shawn Holley said;"
    " the 90-day stay was ordered by a Los Angeles court.",
    "A judge allowed Lindsay Lohan to move from Betty Ford to Cliffside, a Malibu rehab, for the"
    " rest of her 90-day sentence, Holley confirmed.",
    "Lindsay Lohan is now at Cliffside in Malibu, finishing 90 days of rehab ordered after her"
    " car accident case, her lawyer Shawn Holley said.",
]
QUAKE = [
    "A magnitude 5.6 earthquake struck Qeshm island in southern Iran on Monday, injuring five"
    " people and damaging homes in Dargahan, officials told ISNA.",
    "Five people were hurt when a 5.6 earthquake hit Qeshm island off southern Iran; houses in"
    " Dargahan were damaged, ISNA reported.",
]
FILLER = [
    "The city council approved a new budget for parks and libraries after a long debate.",
    "A football club signed a young striker from a rival team for an undisclosed fee.",
    "Shares in technology companies rose as investors welcomed earnings from chip makers.",
    "Heavy snow closed mountain roads and schools across the northern valleys overnight.",
    "A museum opened an exhibition of early photographs donated by a private collector.",
    "Farmers warned that a dry summer would cut the harvest of wheat and barley this year.",
]


def _texts(groups: dict[str, list[str]]) -> dict[str, StoryText]:
    texts = {}
    for name, bodies in groups.items():
        for number, body in enumerate(bodies):
            article = f"{name}{number}"
            texts[article] = StoryText(article, body.split(",")[0], body)
    return texts


CORPUS = _texts({"reid": REID, "lohan": LOHAN, "quake": QUAKE, "filler": FILLER})


def _connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    return connection


def _stories(connection: sqlite3.Connection) -> set[frozenset[str]]:
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        groups[story].add(article)
    return {frozenset(group) for group in groups.values()}


def _expected(texts: dict[str, StoryText]) -> set[frozenset[str]]:
    """The events of the made-up corpus: one story per prefix, every filler on its own."""
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for article in texts:
        name = article.rstrip("0123456789")
        groups[article if name == "filler" else name].add(article)
    return {frozenset(group) for group in groups.values()}


def _source(texts: dict[str, StoryText]) -> store.TextSource:
    return lambda wanted: {article: texts[article] for article in wanted if article in texts}


def test_terms_keep_names_and_numbers_apart_from_words() -> None:
    terms = article_terms("Quake in Iran", "A 5.6 quake hit Qeshm on Monday.\nIt's Iran's coast.")
    assert terms["quake"] == 2.0 + 1.0  # the headline counts twice
    assert terms["#5.6"] == 1.0 and "5.6" not in terms
    assert terms["@qeshm"] == 1.0 and terms["qeshm"] == 1.0
    assert "@a" not in terms and "@it" not in terms  # the first word of a line is no name
    assert terms["iran"] == 2.0 + 1.0  # "Iran's" is Iran


def _idf(frequency: int, documents: int, term: str = "zxqvbtrl") -> float:
    return float(idf([term], [frequency], documents)[0])


def test_idf_is_zero_for_a_term_in_every_article() -> None:
    large = BACKGROUND_LIMIT
    assert _idf(large, large) < 0.1 < _idf(1, large)
    assert _idf(10, 10) > _idf(10, 10, "geneva") > 0.5 > _idf(10, 10, "the")


def test_background_share_says_how_common_a_word_is_in_the_language() -> None:
    assert background_share("the") > 0.9
    assert background_share("said") > background_share("summit") > background_share("geneva")
    assert background_share("@geneva") == background_share("geneva")  # a name is its word
    assert background_share("zxqvbtrl") == 0.0  # not in the vocabulary: rare


def test_a_small_archive_weighs_shared_names_by_the_language() -> None:
    # Five articles that all name Geneva: the archive alone would give the name no weight.
    assert _idf(5, 5, "geneva") > 2.0 > 0.5 > _idf(5, 5, "the")
    # In a large archive its own frequencies decide, as before.
    assert _idf(5, BACKGROUND_LIMIT, "geneva") == _idf(5, BACKGROUND_LIMIT, "the")


@pytest.mark.parametrize(
    ("groups", "expected"),
    [
        ({"reid": REID[:2]}, [["reid0", "reid1"]]),
        ({"lohan": LOHAN[1:3]}, [["lohan0", "lohan1"]]),
        ({"quake": QUAKE}, [["quake0", "quake1"]]),
        ({"reid": REID[:1], "lohan": LOHAN[:1]}, [["lohan0"], ["reid0"]]),
        ({"reid": REID[2:], "filler": FILLER[:2]}, [["filler0"], ["filler1"], ["reid0", "reid1"]]),
    ],
)
def test_tiny_archives_group_reports_of_one_event(
    groups: dict[str, list[str]], expected: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = _texts(groups)

    def stories() -> list[list[str]]:
        connection = _connection()
        store.rebuild(connection, texts.values(), _source(texts))
        return sorted(sorted(group) for group in _stories(connection))

    assert stories() == expected
    if len(expected) == 1:
        # With the archive's own IDF alone, an archive of two reports of one event weighs
        # every shared term 0 and they fall apart (the class of error the background fixes).
        monkeypatch.setattr(features, "BACKGROUND_DOCUMENTS", 0)
        assert stories() != expected


def test_rebuild_groups_each_event_and_keeps_look_alikes_apart() -> None:
    connection = _connection()
    store.rebuild(connection, CORPUS.values(), _source(CORPUS))
    assert _stories(connection) == _expected(CORPUS)


def test_updates_of_a_small_corpus_agree_with_a_rebuild() -> None:
    connection = _connection()
    for article, text in CORPUS.items():  # one article at a time, as a growing archive does
        store.update(connection, {article: text}, {}, _source(CORPUS))
    assert _stories(connection) == _expected(CORPUS)


def test_new_articles_are_placed_through_the_index(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)  # never the small-corpus rebuild
    late = {"reid3", "lohan2", "lohan3", "quake1", "filler5"}
    connection = _connection()
    store.rebuild(connection, [t for a, t in CORPUS.items() if a not in late], _source(CORPUS))
    for article in sorted(late):
        store.update(connection, {article: CORPUS[article]}, {}, _source(CORPUS))
    assert _stories(connection) == _expected(CORPUS)
    postings = connection.execute("SELECT articles FROM story_postings")
    assert any("reid3" in json.loads(articles) for (articles,) in postings)


@pytest.mark.parametrize("small_corpus", [0, store.SMALL_CORPUS])
def test_a_deleted_article_leaves_its_story(
    small_corpus: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", small_corpus)
    connection = _connection()
    store.rebuild(connection, CORPUS.values(), _source(CORPUS))
    remaining = {a: t for a, t in CORPUS.items() if a != "reid1"}
    store.update(connection, {}, {"reid1": CORPUS["reid1"]}, _source(remaining))
    assert _stories(connection) == _expected(remaining)
    sizes = dict(connection.execute("SELECT id, size FROM stories"))
    assert sum(sizes.values()) == len(remaining)


@pytest.mark.parametrize("small_corpus", [0, store.SMALL_CORPUS])
def test_a_changed_article_moves_to_its_new_story(
    small_corpus: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", small_corpus)
    connection = _connection()
    store.rebuild(connection, CORPUS.values(), _source(CORPUS))
    changed = dict(CORPUS)
    changed["filler0"] = StoryText("filler0", "Quake hits Qeshm", QUAKE[0] + " Rescue teams came.")
    store.update(
        connection,
        {"filler0": changed["filler0"]},
        {"filler0": CORPUS["filler0"]},
        _source(changed),
    )
    story = {s for s in _stories(connection) if "filler0" in s}
    assert story == {frozenset({"filler0", "quake0", "quake1"})}
    frequencies = dict(connection.execute("SELECT term, df FROM story_df"))
    assert frequencies.get("libraries") is None  # the old text's terms were counted out


def test_story_rows_name_the_lead_and_count_members() -> None:
    connection = _connection()
    store.rebuild(connection, CORPUS.values(), _source(CORPUS))
    rows = connection.execute("SELECT id, size, copies FROM stories ORDER BY size DESC, id")
    first = rows.fetchone()
    assert first[1] == 4 and first[0] in {
        "reid0",
        "reid1",
        "reid2",
        "reid3",
        "lohan0",
        "lohan1",
        "lohan2",
        "lohan3",
    }


def test_copies_are_marked_against_the_original() -> None:
    wire = " ".join(REID * 3)
    texts = {
        "a": StoryText("a", "Reid in rehab", wire, date="2008-01-05"),
        "b": StoryText(
            "b", "Tara Reid in rehab", wire.replace("Friday", "Saturday", 1), date="2008-01-06"
        ),
        "c": StoryText("c", "Reid", " ".join(reversed(REID)) + " Her film career was noted."),
    }
    connection = _connection()
    store.rebuild(connection, texts.values(), _source(texts))
    copies = dict(connection.execute("SELECT article, copy_of FROM story_members"))
    assert copies == {"a": None, "b": "a", "c": None}
    assert connection.execute("SELECT copies FROM stories").fetchone()[0] == 1


def test_signature_similarity_tells_copies_from_other_reports() -> None:
    wire = " ".join(LOHAN)
    assert similarity(signature(wire), signature(wire + " Lohan's publicist declined.")) > 0.8
    assert similarity(signature(wire), signature(" ".join(REID))) < 0.2
    assert signature("too short") == b"" and similarity(b"", b"") == 0.0


def test_copy_groups_take_the_earliest_as_original() -> None:
    same = signature(" ".join(QUAKE * 4))
    order = {"x": ("2020-01-02", -10, "x"), "y": ("2020-01-01", -10, "y"), "z": ("~", -5, "z")}
    assert copy_of(["x", "y", "z"], {"x": same, "y": same, "z": same}, order) == {
        "x": "y",
        "z": "y",
    }


def test_signature_check_keeps_two_events_of_one_kind_apart() -> None:
    table = TermTable()
    for article, text in CORPUS.items():
        if article.startswith(("reid", "lohan")):
            table.add(article, article_terms(text.title, text.body))
    vectors = Vectors(table, table.document_frequencies(), len(table))
    graph = vectors.all_pairs(0.0).named(table.articles)
    terms, weights = vectors.column_terms(), vectors.signature_weights()
    loose = ClusterSettings(threshold=0.0, conflict=2.0)  # no signature check: one topic
    assert len(cluster(table.articles, terms, graph, weights, loose)) == 1
    checked = ClusterSettings(threshold=0.0)
    groups = {frozenset(g) for g in cluster(table.articles, terms, graph, weights, checked)}
    assert groups == _expected({a: CORPUS[a] for a in table.articles})


@pytest.mark.parametrize("module", ["reader.stories.store", "reader.stories.align"])
def test_stories_do_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)
