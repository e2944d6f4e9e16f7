"""Story clustering on ECB+ (B³ F1 against the event labels) and on the seeds, for reader and
the TF-IDF average-linkage baseline."""

from __future__ import annotations

import math
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from benchmarks.stories_eval.data import ecb_articles, ecb_labels
from reader.articles import load_article
from reader.models import Article
from reader.stories import store
from reader.stories.clustering import DEFAULT_SETTINGS, ClusterSettings
from reader.stories.store import StoryText

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
BASELINE_THRESHOLDS = (0.05, 0.08, 0.1, 0.12, 0.15, 0.18, 0.2, 0.25)


def b_cubed(
    clusters: Sequence[Sequence[str]], labels: Mapping[str, str]
) -> tuple[float, float, float]:
    """B³ F1, precision and recall of a clustering against gold labels (every item once)."""
    cluster_of = {item: index for index, members in enumerate(clusters) for item in members}
    by_cluster: defaultdict[int, set[str]] = defaultdict(set)
    by_label: defaultdict[str, set[str]] = defaultdict(set)
    for item, label in labels.items():
        by_cluster[cluster_of[item]].add(item)
        by_label[label].add(item)
    precision = recall = 0.0
    for item, label in labels.items():
        members, gold = by_cluster[cluster_of[item]], by_label[label]
        shared = len(members & gold)
        precision += shared / len(members)
        recall += shared / len(gold)
    precision, recall = precision / len(labels), recall / len(labels)
    return 2 * precision * recall / (precision + recall), precision, recall


def reader_stories(
    articles: Mapping[str, Article], settings: ClusterSettings = DEFAULT_SETTINGS
) -> list[list[str]]:
    """reader's stories of these articles (a fresh in-memory store, built from scratch)."""
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    texts = {i: _text(a) for i, a in articles.items()}
    store.rebuild(
        connection, texts.values(), lambda wanted: {i: texts[i] for i in wanted}, settings
    )
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        groups[story].append(article)
    return list(groups.values())


def _text(article: Article) -> StoryText:
    return StoryText(article.id, article.title, article.body, article.date, article.source)


def _tfidf_matrix(articles: Sequence[Article]) -> np.ndarray:
    documents = [
        Counter(w.lower() for w in _WORD_RE.findall(f"{a.title}\n{a.body}")) for a in articles
    ]
    frequency: Counter[str] = Counter()
    for counts in documents:
        frequency.update(counts.keys())
    vocabulary = {term: i for i, term in enumerate(frequency)}
    matrix = np.zeros((len(documents), len(vocabulary)))
    for row, counts in enumerate(documents):
        for term, count in counts.items():
            idf = math.log((1 + len(documents)) / (1 + frequency[term]))
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * idf
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
    return np.asarray(matrix @ matrix.T)


def average_linkage(similarity: np.ndarray, threshold: float) -> list[list[int]]:
    """Plain average-linkage agglomerative clustering down to ``threshold`` (the baseline)."""
    n = len(similarity)
    sums = similarity.astype(float).copy()
    np.fill_diagonal(sums, -np.inf)
    sizes, alive = np.ones(n), np.ones(n, dtype=bool)
    members: list[list[int]] = [[i] for i in range(n)]
    while True:
        average = sums / np.outer(sizes, sizes)
        average[~alive, :] = -np.inf
        average[:, ~alive] = -np.inf
        first, second = divmod(int(np.argmax(average)), n)
        if average[first, second] < threshold:
            break
        sums[first, :] += sums[second, :]
        sums[:, first] += sums[:, second]
        sums[first, first] = -np.inf
        sizes[first] += sizes[second]
        alive[second] = False
        members[first] += members[second]
        members[second] = []
    return [group for group in members if group]


def report(ecbplus: Path, seeds: Path) -> dict[str, object]:
    labels = ecb_labels(ecbplus)
    articles = ecb_articles(ecbplus)
    ours = b_cubed(reader_stories(articles), labels)
    ordered = [articles[i] for i in labels]
    similarity = _tfidf_matrix(ordered)
    baseline = {
        threshold: b_cubed(
            [[ordered[i].id for i in group] for group in average_linkage(similarity, threshold)],
            labels,
        )[0]
        for threshold in BASELINE_THRESHOLDS
    }
    best = max(baseline, key=baseline.__getitem__)
    no_places = b_cubed(reader_stories(articles, ClusterSettings(place_veto=0.0)), labels)[0]
    print(f"ECB+ topics 1-22 ({len(labels)} articles, {len(set(labels.values()))} events): B³")
    print(
        f"  reader stories            F1 {ours[0]:.3f}  (P {ours[1]:.3f}, R {ours[2]:.3f})"
        "   target >= 0.93"
    )
    print(f"    without the place check   F1 {no_places:.3f}")
    print(
        f"  TF-IDF average-linkage    F1 {baseline[best]:.3f}  (threshold {best}, the best"
        f" of {', '.join(map(str, BASELINE_THRESHOLDS))} on this data)"
    )
    halves = _halves(articles, labels)
    print(
        f"  halves, each its own archive: even topics F1 {halves['even']:.3f}, odd"
        f" {halves['odd']:.3f} (place settings fitted on even; odd checks them)"
    )
    small = _small_archives(articles, labels)
    print(
        f"  each topic alone (tiny archives of ~23 articles, two look-alike events)  F1"
        f" {small['topics']:.3f};  each event alone  F1 {small['events']:.3f}"
    )
    seed_groups = _seed_stories(seeds)
    print(
        f"  seeds: {' | '.join(' '.join(group) for group in seed_groups)}"
        f"   {'right' if _seeds_right(seed_groups) else 'WRONG'} (000-003 one story, 004 another)"
    )
    return {
        "b3_f1": ours[0],
        "b3_precision": ours[1],
        "b3_recall": ours[2],
        "baseline_f1": baseline[best],
        "baseline_threshold": best,
        "without_places_f1": no_places,
        "even_f1": halves["even"],
        "odd_f1": halves["odd"],
        "topics_alone_f1": small["topics"],
        "events_alone_f1": small["events"],
        "seeds": seed_groups,
        "seeds_right": _seeds_right(seed_groups),
    }


def _halves(articles: Mapping[str, Article], labels: Mapping[str, str]) -> dict[str, float]:
    """B³ F1 of the even and of the odd topics, each half clustered as an archive of its own."""
    figures = {}
    for name, parity in (("even", 0), ("odd", 1)):
        members = [a for a, event in labels.items() if int(event.split("_")[0]) % 2 == parity]
        chosen = {a: articles[a] for a in members}
        figures[name] = b_cubed(reader_stories(chosen), {a: labels[a] for a in members})[0]
    return figures


def _small_archives(articles: Mapping[str, Article], labels: Mapping[str, str]) -> dict[str, float]:
    """B³ F1 (weighted by articles) of clustering each ECB+ topic, and each event, as an
    archive of its own: what a user with a folder of a few reports of one event gets."""
    topics: defaultdict[str, list[str]] = defaultdict(list)
    events: defaultdict[str, list[str]] = defaultdict(list)
    for article, event in labels.items():
        topics[event.split("_")[0]].append(article)
        events[event].append(article)
    figures = {}
    for name, parts in (("topics", topics), ("events", events)):
        total = 0.0
        for members in parts.values():
            chosen = {a: articles[a] for a in members}
            total += b_cubed(reader_stories(chosen), {a: labels[a] for a in members})[0] * len(
                members
            )
        figures[name] = total / len(labels)
    return figures


def _seed_stories(seeds: Path) -> list[list[str]]:
    articles = {
        a.id: a for a in (load_article(path, seeds) for path in sorted(seeds.glob("*.txt")))
    }
    groups = reader_stories(articles)
    return sorted(sorted(i[:3] for i in group) for group in groups)


def _seeds_right(groups: list[list[str]]) -> bool:
    return groups == [["000", "001", "002", "003"], ["004"]]
