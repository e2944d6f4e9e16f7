"""Tests for what keeps the stories' share of a build small: candidate pairs found only where
their shared specific terms can anchor them, with the very pairs of the full search."""

from __future__ import annotations

import random

import numpy as np
import pytest

from reader.stories import graph
from reader.stories.features import article_terms
from reader.stories.graph import TermTable, Vectors

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
