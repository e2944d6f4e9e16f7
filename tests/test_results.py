"""All the matches of a query: same order as search, sorting, facets, filters, pages of hits."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from reader.index import Library
from reader.search import search
from reader.search.results import (
    Match,
    ResultSet,
    all_matches,
    expand,
    hits_for,
    sort_matches,
    with_facets,
)
from reader.search.snippets import Highlight
from tests.conftest import SEEDS

ARTICLES = 130
_WORDS = [
    "summit",
    "talks",
    "trade",
    "sanctions",
    "energy",
    "markets",
    "leaders",
    "envoy",
    "border",
    "treaty",
]


def write_corpus(root: Path, count: int = ARTICLES, seed: int = 7) -> Path:
    """``count`` articles that all mention zebras, some more often than others."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        words = [rng.choice(_WORDS) for _ in range(60)] + ["zebra"] * rng.randint(1, 6)
        rng.shuffle(words)
        body = " ".join(words).capitalize() + "."
        (root / f"a{number:03}.txt").write_text(f"Zebra report {number}\n\n{body}\n")
    return root


@pytest.fixture(scope="module")
def zebras(tmp_path_factory: pytest.TempPathFactory) -> Library:
    base = tmp_path_factory.mktemp("zebras")
    library = Library.open(write_corpus(base / "corpus"), base / "index")
    library.update()
    return library


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(SEEDS, tmp_path_factory.mktemp("seeds"))
    library.update()
    return library


def test_all_matches_are_every_hit_in_the_order_and_scores_of_search(zebras: Library) -> None:
    matches = all_matches(zebras, "zebra")
    result = search(zebras, "zebra", limit=ARTICLES)
    assert result.total == ARTICLES == len(matches)
    assert [(m.id, m.score) for m in matches] == [(h.id, h.score) for h in result.hits]
    first = search(zebras, "zebra", limit=20)
    assert [m.id for m in matches[:20]] == [h.id for h in first.hits]


def test_outlet_and_date_come_from_the_catalog(seeds: Library) -> None:
    for match in all_matches(seeds, "putin"):
        summary = seeds.summary(match.id)
        assert summary is not None and (match.source, match.date) == (
            summary.source,
            summary.date,
        )


MATCHES = (
    Match("a", 9.0, "Reuters", "2021-06-16"),
    Match("b", 8.0, None, "2022-01-02"),
    Match("c", 7.0, "al-Ahed", None),
    Match("d", 6.0, "reuters", "2021-06-17"),
    Match("e", 5.0, None, None),
)


def test_sorting_puts_newest_first_or_outlets_a_to_z_and_the_unknown_last() -> None:
    assert [m.id for m in sort_matches(MATCHES, "relevance")] == list("abcde")
    assert [m.id for m in sort_matches(MATCHES, "date")] == list("bdace")
    assert [m.id for m in sort_matches(MATCHES, "outlet")] == list("cadbe")


def test_facets_count_the_hits_and_filters_combine() -> None:
    values = {
        "outlet": {m.id: frozenset({m.source}) for m in MATCHES if m.source},
        "month": {m.id: frozenset({m.date[:7]}) for m in MATCHES if m.date},
        "speaker": {"a": frozenset({"Putin", "Biden"}), "b": frozenset({"Putin"})},
    }
    results = ResultSet("q", MATCHES, values)
    counts = results.counts(results.matches)
    assert counts["speaker"] == [("Putin", 2), ("Biden", 1)]
    assert counts["month"] == [("2022-01", 1), ("2021-06", 2)]  # newest first
    only_putin = results.view("date", {"speaker": "Putin"})
    assert [m.id for m in only_putin] == ["b", "a"]
    both = results.view("relevance", {"speaker": "Putin", "month": "2021-06"})
    assert [m.id for m in both] == ["a"]
    assert results.counts(both)["outlet"] == [("Reuters", 1)]


def test_speakers_and_extra_facets_are_read_when_asked(seeds: Library) -> None:
    results = expand(seeds, "putin")
    assert "speaker" not in results.values  # reading quotes waits for the facet screen
    tagged = results.matches[0].id
    full = with_facets(seeds, results, {"tag": lambda ids: {tagged: ["summit", "mine"]}})
    speakers = full.counts(full.matches)["speaker"]
    by_article = seeds.catalog.speakers_of(m.id for m in full.matches)
    expected = sum(1 for found in by_article.values() if "Vladimir Putin" in found)
    assert ("Vladimir Putin", expected) in speakers and expected >= 4
    assert full.counts(full.matches)["tag"] == [("mine", 1), ("summit", 1)]
    assert [m.id for m in full.view("relevance", {"tag": "summit"})] == [tagged]


def test_hits_for_a_later_page_have_snippets_with_the_words_marked(zebras: Library) -> None:
    matches = all_matches(zebras, "zebra")
    page = hits_for(zebras, matches[100:120], Highlight(frozenset({"zebra"})))
    assert [hit.id for hit in page] == [m.id for m in matches[100:120]]
    for hit in page:
        assert hit.snippet_spans
        assert {hit.snippet[s:e].lower() for s, e in hit.snippet_spans} == {"zebra"}


def test_example_queries_come_from_the_corpus_and_find_something(zebras: Library) -> None:
    from reader.search.examples import example_queries

    examples = example_queries(zebras)
    assert examples and all(search(zebras, query).total for query in examples)
    assert {"zebra", "report"} & set(examples[0].split())
    assert not any("putin" in query for query in examples)  # nothing from the seeds
