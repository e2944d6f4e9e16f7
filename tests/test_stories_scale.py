"""Tests for the parts of reader.stories that let stories scale: pairs found in blocks and
kept as arrays, clustering one connected part at a time, re-placing from stored terms."""

from __future__ import annotations

import random
import sqlite3

import numpy as np
import pytest

from reader.stories import store
from reader.stories.clustering import ClusterSettings, cluster
from reader.stories.features import article_terms
from reader.stories.graph import TermTable, Vectors
from reader.stories.rows import order
from reader.stories.store import StoryText
from reader.stories.whole import cluster_parts

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
    parts = cluster_parts(vectors, pairs, keys, {}, settings)
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


def _random_texts(seed: int, count: int = 40) -> list[StoryText]:
    chooser = random.Random(seed)
    topics = [chooser.sample(_WORDS, 8) for _ in range(5)]
    texts = []
    for number in range(count):
        words = chooser.choice(topics) * chooser.randint(1, 3) + chooser.sample(_WORDS, 5)
        chooser.shuffle(words)
        texts.append(StoryText(f"a{number:03d}", " ".join(words[:3]), " x ".join(words)))
    return texts


@pytest.mark.parametrize("seed", range(5))
def test_identical_articles_clustered_as_one_give_the_groups_of_clustering_each(
    seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    chooser = random.Random(seed)
    originals = _random_texts(seed)
    copies = [  # some articles published again, up to four times, under other ids
        StoryText(f"{text.id}-copy{n}", text.title, text.body)
        for text in chooser.sample(originals, 15)
        for n in range(chooser.randint(1, 4))
    ]
    texts = {text.id: text for text in [*originals, *copies]}
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    store.rebuild(connection, texts.values(), lambda wanted: {a: texts[a] for a in wanted})
    found: dict[str, set[str]] = {}
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        found.setdefault(story, set()).add(article)
    table = TermTable()
    for text in texts.values():
        table.add(text.id, article_terms(text.title, text.body))
    vectors = Vectors(table, table.document_frequencies(), len(table))
    settings = ClusterSettings()
    each = cluster(
        sorted(texts, key=lambda a: order(texts[a])),
        vectors.column_terms(),
        vectors.all_pairs(settings.floor).named(vectors.articles),
        vectors.signature_weights(),
        settings,
    )
    assert {frozenset(g) for g in found.values()} == {frozenset(g) for g in each}
    assert any(len(g) > 5 for g in each)


@pytest.mark.parametrize("local_limit", [0, store.LOCAL_LIMIT])
def test_a_new_identical_copy_joins_its_originals_story(
    local_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)
    monkeypatch.setattr(store, "LOCAL_LIMIT", local_limit)
    texts = {text.id: text for text in _random_texts(1)}
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    store.rebuild(connection, texts.values(), lambda wanted: {a: texts[a] for a in wanted})
    story_of = dict(connection.execute("SELECT article, story FROM story_members"))
    original = max(story_of, key=lambda a: list(story_of.values()).count(story_of[a]))
    copy = StoryText("z-copy", texts[original].title, texts[original].body)
    texts[copy.id] = copy
    store.update(connection, {copy.id: copy}, {}, lambda wanted: {a: texts[a] for a in wanted})
    after = dict(connection.execute("SELECT article, story FROM story_members"))
    assert after["z-copy"] == after[original]
    copies = dict(connection.execute("SELECT article, copy_of FROM story_members"))
    assert copies["z-copy"] == original or copies[original] == "z-copy"


@pytest.mark.parametrize("seed", range(3))
def test_thinning_breaks_ties_by_position(seed: int) -> None:
    """Each end keeps its nearest weak pairs, equal similarities by their order in the
    arrays (a pair's first end before its second): a build and its re-run agree."""
    from reader.stories.graph import Pairs

    chooser = np.random.default_rng(seed)
    first = chooser.integers(0, 30, 400).astype(np.int32)
    second = (first + 1 + chooser.integers(0, 10, 400)).astype(np.int32)
    similarity = (chooser.integers(5, 20, 400) / 100).astype(np.float32)  # many ties
    pairs = Pairs(first, second, similarity)
    thin = pairs.thinned(41, 3, 0.17)
    ends: dict[int, list[tuple[float, int, int]]] = {}
    for position, (one, other, value) in enumerate(zip(first, second, similarity, strict=True)):
        if value < np.float32(0.17):
            ends.setdefault(int(one), []).append((-float(value), position, position))
            ends.setdefault(int(other), []).append((-float(value), 400 + position, position))
    near = {pair for found in ends.values() for _, _, pair in sorted(found)[:3]}
    expected = [p for p, value in enumerate(similarity) if value >= np.float32(0.17) or p in near]
    assert thin.first.tolist() == first[expected].tolist()
    assert thin.second.tolist() == second[expected].tolist()
