"""Tests for the parts of reader.stories that let stories scale: pairs found in blocks and
kept as arrays, clustering one connected part at a time, re-placing from stored terms."""

from __future__ import annotations

import random

import numpy as np
import pytest

from reader.stories import store
from reader.stories.clustering import ClusterSettings, cluster
from reader.stories.features import article_terms
from reader.stories.graph import TermTable, Vectors

_WORDS = [f"w{n}" for n in range(40)] + [f"Name{n}" for n in range(12)]


def _random_vectors(seed: int, count: int = 60) -> Vectors:
    """Articles drawn from a few topics of a small vocabulary: many pairs, a few parts."""
    chooser = random.Random(seed)
    topics = [chooser.sample(_WORDS, 8) for _ in range(6)]
    table = TermTable()
    for number in range(count):
        words = chooser.choice(topics) * chooser.randint(1, 3) + chooser.sample(_WORDS, 5)
        chooser.shuffle(words)
        table.add(f"a{number:03d}", article_terms(" ".join(words[:3]), " x ".join(words)))
    return Vectors(table, table.document_frequencies(), len(table))


@pytest.mark.parametrize("seed", range(4))
def test_pairs_found_in_blocks_are_the_pairs_found_at_once(seed: int) -> None:
    vectors = _random_vectors(seed)
    whole = vectors.candidate_pairs(0.05).named(vectors.articles)
    blocks = vectors.candidate_pairs(0.05, block=7).named(vectors.articles)
    assert whole.keys() == blocks.keys() and whole
    exact = vectors.all_pairs(0.0).named(vectors.articles)
    for pair, similarity in blocks.items():
        assert similarity == pytest.approx(exact[pair], abs=1e-5)


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("threshold", [0.15, 0.3])
def test_clustering_part_by_part_gives_the_groups_of_one_run(seed: int, threshold: float) -> None:
    vectors = _random_vectors(seed)
    settings = ClusterSettings(threshold=threshold)
    pairs = vectors.candidate_pairs(settings.floor)
    keys = {article: ("~", 0, article) for article in vectors.articles}
    parts = store._cluster_parts(vectors, pairs, keys, settings)
    whole = cluster(
        sorted(vectors.articles),
        vectors.column_terms(),
        pairs.named(vectors.articles),
        vectors.signature_weights(),
        settings,
    )
    assert {frozenset(g) for g in parts} == {frozenset(g) for g in whole}
    assert len(parts) < len(vectors.articles)  # something was merged
    assert sorted(a for g in parts for a in g) == sorted(vectors.articles)


def test_components_keep_every_row_once_with_its_inside_pairs() -> None:
    vectors = _random_vectors(0)
    pairs = vectors.candidate_pairs(0.05)
    seen: list[int] = []
    for rows, inside in pairs.components(len(vectors.articles), 0.3):
        seen.extend(rows.tolist())
        members = set(rows.tolist())
        assert set(inside.first.tolist()) | set(inside.second.tolist()) <= members
    assert sorted(seen) == list(range(len(vectors.articles)))
    assert np.all(pairs.first < pairs.second)


@pytest.mark.parametrize("seed", range(3))
def test_thinning_keeps_strong_pairs_and_each_articles_nearest_weak_ones(seed: int) -> None:
    vectors = _random_vectors(seed)
    pairs = vectors.candidate_pairs(0.05)
    thin = pairs.thinned(len(vectors.articles), 3, 0.3)
    kept = set(zip(thin.first.tolist(), thin.second.tolist(), strict=True))
    triples = list(
        zip(pairs.first.tolist(), pairs.second.tolist(), pairs.similarity.tolist(), strict=True)
    )
    weak: dict[int, list[float]] = {}
    for one, other, value in triples:
        if value < 0.3:
            weak.setdefault(one, []).append(value)
            weak.setdefault(other, []).append(value)
    third = {end: sorted(values, reverse=True)[:3][-1] for end, values in weak.items()}
    for one, other, value in triples:
        if value >= 0.3 or value > min(third[one], third[other]):
            assert (one, other) in kept  # strong, or clearly among one end's three nearest
        elif value < third[one] and value < third[other]:
            assert (one, other) not in kept  # among neither end's three nearest
    assert len(thin) < len(pairs)
