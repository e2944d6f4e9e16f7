"""Tests for what keeps the stories' share of a build small: candidate pairs found only where
their shared specific terms can anchor them, with the very pairs of the full search."""

from __future__ import annotations

import random
import sqlite3

import numpy as np
import pytest

from reader.stories import graph, rows
from reader.stories.clustering import ClusterSettings, cluster
from reader.stories.days import apart, publication_day, window_factors
from reader.stories.features import article_terms
from reader.stories.graph import TermTable, Vectors
from reader.stories.whole import cluster_parts

_COMMON = [f"w{n}" for n in range(30)]
_RARE = [f"Name{n}" for n in range(300)]


def _vectors(seed: int, count: int = 80) -> Vectors:
    """Articles of common words said often (never specific here, and distinctive by their
    counts) and 40 rare names each (specific, more than an article's distinctive terms), so
    that pairs share distinctive terms of both kinds and anchors that are not distinctive."""
    chooser = random.Random(seed)
    table = TermTable()
    for number in range(count):
        words = chooser.sample(_COMMON, 10) * chooser.randint(5, 9) + chooser.sample(_RARE, 40)
        chooser.shuffle(words)
        table.add(f"a{number:03d}", article_terms(" ".join(words[:3]), " x ".join(words)))
    return Vectors(table, table.document_frequencies(), len(table))


def _full_search(vectors: Vectors, floor: float) -> dict[tuple[int, int], float]:
    """Every pair at least ``floor`` similar (anchoring applied) that shares one of each
    other's distinctive terms: what the search must find, found without shortcuts."""
    chosen = [set(vectors.chosen(row)) for row in range(len(vectors.articles))]
    everything = vectors.all_pairs(floor)
    return {
        (one, other): value
        for one, other, value in zip(
            everything.first.tolist(),
            everything.second.tolist(),
            everything.similarity.tolist(),
            strict=True,
        )
        if chosen[one] & chosen[other]
    }


@pytest.fixture
def few_specific(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terms of at most 12 articles are specific (the common words are in dozens)."""
    monkeypatch.setattr(graph, "SPECIFIC_MIN", 12)
    monkeypatch.setattr(graph, "SPECIFIC_SHARE", 0.0)


@pytest.mark.usefixtures("few_specific")
@pytest.mark.parametrize("seed", range(4))
def test_candidate_pairs_are_the_anchored_pairs_sharing_a_distinctive_term(seed: int) -> None:
    vectors = _vectors(seed)
    expected = _full_search(vectors, 0.05)
    pairs = vectors.candidate_pairs(0.05, block=9)
    found = dict(
        zip(
            zip(pairs.first.tolist(), pairs.second.tolist(), strict=True),
            pairs.similarity.tolist(),
            strict=True,
        )
    )
    assert found == expected and found
    # the case a search through specific distinctive terms alone misses is there: pairs whose
    # shared distinctive terms are all common, anchored by specific terms neither chose
    specific = {vectors.terms[c] for c in np.flatnonzero(vectors.specific[: len(vectors.terms)])}
    chosen = [set(vectors.chosen(row)) for row in range(len(vectors.articles))]
    assert any(not (chosen[one] & chosen[other] & specific) for one, other in found)


@pytest.mark.usefixtures("few_specific")
def test_without_the_anchor_discount_unanchored_pairs_are_searched_too(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(graph, "UNANCHORED", 0.5)
    vectors = _vectors(0)
    pairs = vectors.candidate_pairs(0.05, block=9)
    found = set(zip(pairs.first.tolist(), pairs.second.tolist(), strict=True))
    assert found == set(_full_search(vectors, 0.05))
    anchored = vectors.anchored(np.ones(1), np.zeros(1))
    assert anchored[0] == pytest.approx(0.5)  # unanchored pairs count half, and are found


def test_the_window_as_arrays_is_the_window_pair_by_pair() -> None:
    chooser = random.Random(5)
    dates: list[str | None] = [None, "~", "--02-29", "--13-01", "2021-03-01", "2020-12-30"]
    for _ in range(60):
        month, day = chooser.randint(1, 12), chooser.randint(1, 28)
        year = chooser.choice(["--", "2019-", "2020-", "2021-"])
        dates.append(f"{year}{month:02d}-{day:02d}")
    first = np.asarray([one for one in range(len(dates)) for _ in range(len(dates))])
    second = np.asarray([other for _ in range(len(dates)) for other in range(len(dates))])
    factors = window_factors(dates, first, second, 7, 0.25)
    days = [publication_day(date) for date in dates]
    for one, other, factor in zip(first.tolist(), second.tolist(), factors.tolist(), strict=True):
        day, other_day = days[one], days[other]
        if day is None or other_day is None:
            assert factor == 1.0  # an undated article is not judged
        else:
            assert factor == apart(day, other_day, 7, 0.25)
    assert 0.25 in factors.tolist() and (window_factors(dates, first, second, -1, 0.0) == 1).all()


@pytest.mark.parametrize("seed", range(4))
def test_clustering_from_arrays_gives_the_groups_of_clustering_named_pairs(seed: int) -> None:
    """Dates within and beyond the window, articles standing for copies: ``cluster_parts``
    (arrays, the window applied as arrays) against ``cluster`` over named pairs."""
    chooser = random.Random(seed)
    vectors = _vectors(seed, count=60)
    settings = ClusterSettings(threshold=0.12)
    names = vectors.articles
    days = ["~", "2021-03-01", "2021-03-05", "2021-06-01", "--03-02"]
    dates = {a: chooser.choice(days) for a in names}
    keys = {a: (dates[a], 0, a) for a in names}
    sizes = {a: chooser.randint(2, 3) for a in chooser.sample(names, 15)}
    pairs = vectors.all_pairs(settings.floor)
    parts = cluster_parts(vectors, pairs, keys, sizes, settings)
    weighted = pairs.weighted([sizes.get(a, 1) for a in names])
    whole = cluster(
        sorted(names, key=keys.__getitem__),
        vectors.column_terms(),
        weighted.named(names),
        vectors.signature_weights(),
        settings,
        sizes,
        dates=dates,
    )
    assert sorted(sorted(g) for g in parts) == sorted(sorted(g) for g in whole)
    assert 1 < len(parts) < len(names)


def test_postings_of_a_row_per_term_and_article_are_dropped_for_the_packed_table() -> None:
    connection = sqlite3.connect(":memory:")
    connection.execute(
        "CREATE TABLE story_postings (term TEXT NOT NULL, article TEXT NOT NULL,"
        " PRIMARY KEY (term, article)) WITHOUT ROWID"
    )
    connection.execute("INSERT INTO story_postings VALUES ('geneva', 'a1')")
    rows.create_tables(connection)
    rows.change_postings(connection, [("geneva", "a2"), ("geneva", "a1"), ("putin", "a1")], ())
    rows.change_postings(connection, [("geneva", "a0")], [("putin", "a1")])
    assert rows.postings(connection, "geneva") == ["a0", "a1", "a2"]  # by id, as the key was
    assert rows.postings(connection, "putin") == []
    assert connection.execute("SELECT count(*) FROM story_postings").fetchone()[0] == 1
