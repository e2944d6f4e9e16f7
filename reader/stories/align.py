"""Aligning two articles sentence by sentence, in any order and through paraphrase: what both
report (``copy``: the same words; ``same``: the same statement; ``related``: the closest
thing the other has) and what only one of them has."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

from reader.stories.paraphrase import paraphrase_probability
from reader.stories.sentences import split_sentences

__all__ = [
    "COPY_RATIO",
    "OUTLIER",
    "RELATED_FLOOR",
    "PairKind",
    "SentenceAlignment",
    "SentencePair",
    "Span",
    "align_sentences",
    "units",
]

PairKind = Literal["copy", "same", "related"]
RELATED_FLOOR = 0.5
"""Combined score (encoder cosine + TF-IDF cosine, 0-2) under which a sentence's best match
on the other side is not shown at all."""
OUTLIER = 3.0
"""Two sentences that are each other's best match and score this many standard deviations
above the average pair of the two articles are the same statement: two outlets' paraphrases
share few words ("most of the cyber attacks ... carried out from inside the United States" /
"the greatest number of cyberattacks ... originate from American space"), which the fitted
test, trained on pairs that share most words, under-rates. Needs context: both sides at least
``CONTEXT`` sentences."""
CONTEXT = 4
COPY_RATIO = 95.0
"""rapidfuzz ratio of the lower-cased texts from which a pair is the same words."""
QUOTE_BONUS = 0.5
"""Added when both sentences quote one statement (the same quotation group)."""
_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class Span:
    """A sentence: ``text == title[start:end]`` or ``body[start:end]`` as ``field`` says."""

    field: Literal["title", "body"]
    start: int
    end: int
    text: str
    groups: frozenset[str] = frozenset()
    """Quotation groups quoted in it (the same statement reported by other articles)."""

    def to_dict(self) -> dict[str, object]:
        return {"field": self.field, "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class SentencePair:
    """A sentence of each side that report the same thing (or the closest thing)."""

    left: int
    right: int
    score: float
    kind: PairKind


@dataclass(frozen=True, slots=True)
class SentenceAlignment:
    """The sentence pairs of two articles and the sentences only one side has."""

    left: tuple[Span, ...]
    right: tuple[Span, ...]
    pairs: tuple[SentencePair, ...]
    only_left: tuple[int, ...] = field(default=())
    only_right: tuple[int, ...] = field(default=())

    @property
    def in_both(self) -> int:
        """Statements of the left side that the right side reports too (same or copy)."""
        return len({pair.left for pair in self.pairs if pair.kind != "related"})

    def summary(self) -> str:
        """ "N statements in both · M only left · K only right"."""
        return (
            f"{self.in_both} statements in both · {len(self.only_left)} only left"
            f" · {len(self.only_right)} only right"
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "pairs": [
                {
                    "left": self.left[pair.left].to_dict(),
                    "right": self.right[pair.right].to_dict(),
                    "score": round(pair.score, 4),
                    "kind": pair.kind,
                }
                for pair in self.pairs
            ],
            "only_left": [self.left[i].to_dict() for i in self.only_left],
            "only_right": [self.right[i].to_dict() for i in self.only_right],
        }


def units(title: str, body: str, quote_spans: Iterable[tuple[int, int, str]] = ()) -> list[Span]:
    """The headline and the body's sentences, each with the quotation groups it quotes
    (``quote_spans``: ``(start, end, group)`` of quotes in the body)."""
    spans = [Span("title", 0, len(title), title)] if title.strip() else []
    quotes = sorted(quote_spans)
    for sentence in split_sentences(body):
        groups = frozenset(g for s, e, g in quotes if s < sentence.end and e > sentence.start)
        spans.append(Span("body", sentence.start, sentence.end, sentence.text, groups))
    return spans


def _tfidf(left: Sequence[Span], right: Sequence[Span]) -> np.ndarray:
    """TF-IDF cosine of every left sentence with every right one (IDF over both sides)."""
    documents = [Counter(w.lower() for w in _WORD_RE.findall(s.text)) for s in (*left, *right)]
    frequency: Counter[str] = Counter()
    for counts in documents:
        frequency.update(counts.keys())
    vocabulary = {term: i for i, term in enumerate(frequency)}
    matrix = np.zeros((len(documents), max(1, len(vocabulary))), dtype=np.float32)
    total = len(documents)
    for row, counts in enumerate(documents):
        for term, count in counts.items():
            weight = math.log((1 + total) / (1 + frequency[term])) + 1
            matrix[row, vocabulary[term]] = (1 + math.log(count)) * weight
    matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-9)
    return np.asarray(matrix[: len(left)] @ matrix[len(left) :].T)


def _best_pairs(scores: np.ndarray) -> set[tuple[int, int]]:
    """Each sentence's best match on the other side, from both sides."""
    if scores.size == 0:
        return set()
    rows = {(i, int(j)) for i, j in enumerate(scores.argmax(axis=1))}
    columns = {(int(i), j) for j, i in enumerate(scores.argmax(axis=0))}
    return rows | columns


def align_sentences(
    left: Sequence[Span],
    right: Sequence[Span],
    left_vectors: np.ndarray,
    right_vectors: np.ndarray,
) -> SentenceAlignment:
    """Align two articles' sentences (``units``) given their embeddings (same order)."""
    cosines = np.asarray(left_vectors @ right_vectors.T) if len(left) and len(right) else None
    if cosines is None:
        return SentenceAlignment(
            tuple(left), tuple(right), (), tuple(range(len(left))), tuple(range(len(right)))
        )
    scores = cosines + _tfidf(left, right)
    for i, span in enumerate(left):
        if span.groups:
            for j, other in enumerate(right):
                if span.groups & other.groups:
                    scores[i, j] += QUOTE_BONUS
    row_best, column_best = scores.argmax(axis=1), scores.argmax(axis=0)
    outlier = _outlier_bar(scores)
    pairs = []
    for i, j in sorted(_best_pairs(scores)):
        score = float(scores[i, j])
        if score < RELATED_FLOOR:
            continue
        standout = bool(row_best[i] == j and column_best[j] == i and score >= outlier)
        kind = _kind(left[i], right[j], float(cosines[i, j]), standout)
        pairs.append(SentencePair(i, j, score, kind))
    matched_left = {p.left for p in pairs if p.kind != "related"}
    matched_right = {p.right for p in pairs if p.kind != "related"}
    return SentenceAlignment(
        tuple(left),
        tuple(right),
        tuple(pairs),
        tuple(i for i in range(len(left)) if i not in matched_left),
        tuple(j for j in range(len(right)) if j not in matched_right),
    )


def _outlier_bar(scores: np.ndarray) -> float:
    """The score from which a mutual best match stands out of the two articles' pairs."""
    if min(scores.shape) < CONTEXT:
        return math.inf
    return float(scores.mean() + OUTLIER * scores.std())


def _kind(left: Span, right: Span, cosine: float, standout: bool) -> PairKind:
    """copy: the same words; same: one quotation, a paraphrase by the MSRP-fitted test, or
    each other's best match standing out of the two articles' pairs; related: the closest
    thing the other side reports, but not the same statement."""
    if fuzz.ratio(left.text.lower(), right.text.lower()) >= COPY_RATIO:
        return "copy"
    if left.groups & right.groups or standout:
        return "same"
    if paraphrase_probability(left.text, right.text, cosine) >= 0.5:
        return "same"
    return "related"
