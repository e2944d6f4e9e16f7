"""Sentence alignment: ECB+ gold sentence pairs aligned as same/copy by compare (reader and a
TF-IDF nearest-sentence baseline), and the seeds' cyberattack pair."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from benchmarks.stories_eval.data import GoldPair, ecb_articles, ecb_labels, gold_pairs
from reader.articles import load_article
from reader.models import Article
from reader.stories import encoder
from reader.stories.align import SentenceAlignment, Span, _tfidf, align_sentences, units

SAME = frozenset({"same", "copy"})
ANY = frozenset({"same", "copy", "related"})
CYBER_LEFT = "cyber attacks in the world are carried out"
CYBER_RIGHT = "cyberattacks in the world originate"


def _locate(article: Article, spans: list[Span], text: str) -> set[int]:
    """The units a gold line covers: found in the body (a long headline is there too), else
    the title."""
    found = article.body.find(text)
    if found < 0:
        return {i for i, s in enumerate(spans) if s.field == "title"}
    end = found + len(text)
    return {i for i, s in enumerate(spans) if s.field == "body" and s.start < end and s.end > found}


def _gold_by_pair(
    pairs: list[GoldPair], articles: dict[str, Article], spans: dict[str, list[Span]]
) -> dict[tuple[str, str], list[tuple[set[int], set[int]]]]:
    grouped: defaultdict[tuple[str, str], list[tuple[set[int], set[int]]]] = defaultdict(list)
    for pair in pairs:
        left = _locate(articles[pair.left], spans[pair.left], pair.left_text)
        right = _locate(articles[pair.right], spans[pair.right], pair.right_text)
        grouped[(pair.left, pair.right)].append((left, right))
    return grouped


def _partners(
    gold: list[tuple[set[int], set[int]]],
) -> tuple[dict[int, set[int]], dict[int, set[int]]]:
    left: defaultdict[int, set[int]] = defaultdict(set)
    right: defaultdict[int, set[int]] = defaultdict(set)
    for lefts, rights in gold:
        for i in lefts:
            left[i] |= rights
        for j in rights:
            right[j] |= lefts
    return left, right


def _score(
    alignment: SentenceAlignment, gold: list[tuple[set[int], set[int]]], kinds: frozenset[str]
) -> tuple[int, int, int, int]:
    """(sentences hit, sentences, gold pairs hit, gold pairs) for one article pair, counting
    the alignment's pairs of these kinds."""
    same = {(p.left, p.right) for p in alignment.pairs if p.kind in kinds}
    left, right = _partners(gold)
    hits = sum(any((i, j) in same for j in js) for i, js in left.items())
    hits += sum(any((i, j) in same for i in is_) for j, is_ in right.items())
    pair_hits = sum(any((i, j) in same for i in a for j in b) for a, b in gold)
    return hits, len(left) + len(right), pair_hits, len(gold)


def _baseline(
    spans_left: list[Span], spans_right: list[Span], gold: list[tuple[set[int], set[int]]]
) -> tuple[int, int]:
    """The most similar sentence of the other article (TF-IDF) is a gold partner."""
    scores = _tfidf(spans_left, spans_right)
    left, right = _partners(gold)
    hits = sum(int(scores[i].argmax()) in js for i, js in left.items())
    hits += sum(int(scores[:, j].argmax()) in is_ for j, is_ in right.items())
    return hits, len(left) + len(right)


def report(ecbplus: Path, seeds: Path) -> dict[str, object]:
    articles = ecb_articles(ecbplus)
    spans = {i: units(a.title, a.body) for i, a in articles.items()}
    vectors = {i: encoder.embed([s.text for s in spans[i]]) for i in articles}
    grouped = _gold_by_pair(gold_pairs(ecbplus), articles, spans)
    halves = {name: np.zeros(4) for name in ("odd", "even")}
    aligned, base = np.zeros(4), np.zeros(2)
    for (left, right), gold in grouped.items():
        alignment = align_sentences(spans[left], spans[right], vectors[left], vectors[right])
        halves[_half(left)] += _score(alignment, gold, SAME)
        aligned += _score(alignment, gold, ANY)
        base += _baseline(spans[left], spans[right], gold)
    totals = halves["odd"] + halves["even"]
    figures: dict[str, object] = {
        "per_sentence": totals[0] / totals[1],
        "per_sentence_fitting_half": halves["odd"][0] / halves["odd"][1],
        "per_sentence_held_out_half": halves["even"][0] / halves["even"][1],
        "any_kind": aligned[0] / aligned[1],
        "per_pair": totals[2] / totals[3],
        "tfidf_baseline": base[0] / base[1],
        "look_alike_same": _look_alike(ecbplus, spans, vectors, set(grouped)),
        "cyber": _cyber(seeds),
    }
    _print(figures, int(totals[3]), int(totals[1]))
    return figures


def _half(article: str) -> str:
    """The fitting half (odd topic numbers, ``--fit-alignment``) or the held-out one."""
    return "odd" if int(article.split("_")[0]) % 2 else "even"


def _look_alike(
    ecbplus: Path,
    spans: dict[str, list[Span]],
    vectors: dict[str, np.ndarray],
    gold: set[tuple[str, str]],
) -> float:
    """Share of the sentences of two articles on the two look-alike events of a topic (no
    gold pair between them) that compare aligns as same/copy with something: the cost."""
    labels = ecb_labels(ecbplus)
    found = sentences = 0
    for left in labels:
        for right in labels:
            topic = labels[left].split("_")[0] == labels[right].split("_")[0]
            if left >= right or not topic or labels[left] == labels[right]:
                continue
            if (
                (left, right) in gold
                or (right, left) in gold
                or not spans[left]
                or not spans[right]
            ):
                continue
            alignment = align_sentences(spans[left], spans[right], vectors[left], vectors[right])
            found += len(alignment.left) - len(alignment.only_left)
            found += len(alignment.right) - len(alignment.only_right)
            sentences += len(alignment.left) + len(alignment.right)
    return found / max(1, sentences)


def _print(figures: dict[str, object], pairs: int, cases: int) -> None:
    print(f"\nECB+ gold sentence pairs ({pairs} pairs; {cases} sentence-and-other-article cases)")
    rows = (
        ("reader: a sentence aligned (same/copy) with a gold partner, all", "per_sentence"),
        ("  fitting half (odd topics)", "per_sentence_fitting_half"),
        ("  held-out half (even topics)", "per_sentence_held_out_half"),
        ("reader: a sentence aligned (any kind) with a gold partner", "any_kind"),
        ("TF-IDF baseline: its most similar sentence is a gold partner", "tfidf_baseline"),
        ("reader: gold pairs themselves aligned as same/copy", "per_pair"),
        ("cost: sentences of look-alike-event article pairs aligned as same", "look_alike_same"),
    )
    for label, key in rows:
        target = "   target >= 0.80" if key.startswith("per_sentence") else ""
        print(f"  {label:<68} {figures[key]:.3f}{target}")
    print(f"  seeds 000/002 cyberattack sentences: {figures['cyber']}")


def _cyber(seeds: Path) -> str:
    """How compare aligns the cyberattack sentence of seed 000 with seed 002's."""
    left, right = (load_article(next(seeds.glob(f"{n}_*.txt")), seeds) for n in ("000", "002"))
    left_spans, right_spans = units(left.title, left.body), units(right.title, right.body)
    alignment = align_sentences(
        left_spans,
        right_spans,
        encoder.embed([s.text for s in left_spans]),
        encoder.embed([s.text for s in right_spans]),
    )
    i = next(k for k, s in enumerate(left_spans) if CYBER_LEFT in s.text)
    j = next(k for k, s in enumerate(right_spans) if CYBER_RIGHT in s.text)
    found = [p for p in alignment.pairs if (p.left, p.right) == (i, j)]
    return f"aligned as {found[0].kind} ({found[0].score:.2f})" if found else "NOT aligned"
