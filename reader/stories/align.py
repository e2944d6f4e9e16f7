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
from scipy import sparse

from reader.stories import pairing
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
RELATED_FLOOR = 0.1
"""Pair score (0-1, ``same`` from 0.5) under which a sentence's best match on the other side
is not shown at all."""
OUTLIER = 3.0
"""Two sentences that are each other's nearest by the encoder and whose cosine stands this
many standard deviations above the two articles' average pair are the same statement, a
paraphrase sharing few words ("most of the cyber attacks ... carried out from inside the
United States" / "the greatest number of cyberattacks ... originate from American space").
The pair model, fitted on ECB+ pairs that report one event in many sentences, does not
reward standing out. Needs context: both sides at least ``CONTEXT`` sentences."""
CONTEXT = 4
COPY_RATIO = 95.0
"""rapidfuzz ratio of the lower-cased texts from which a pair is the same words."""
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
    total = len(documents)
    rows, columns, values = [], [], []
    for row, counts in enumerate(documents):
        for term, count in counts.items():
            weight = math.log((1 + total) / (1 + frequency[term])) + 1
            rows.append(row)
            columns.append(vocabulary[term])
            values.append((1 + math.log(count)) * weight)
    shape = (total, max(1, len(vocabulary)))
    matrix = sparse.csr_matrix((np.asarray(values, np.float32), (rows, columns)), shape=shape)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    matrix = sparse.diags(1.0 / np.maximum(norms, 1e-9)).astype(np.float32) @ matrix
    product = matrix[: len(left)] @ matrix[len(left) :].T
    return np.asarray(product.toarray(), dtype=np.float32)


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
    """Align two articles' sentences (``units``) given their embeddings (same order).

    Every sentence's best match on the other side (by the ECB+-fitted pair model of
    ``pairing``) is a candidate; a candidate is ``copy`` when the words are the same,
    ``same`` when the pair model or the MSRP-fitted paraphrase test says so or both quote
    one statement, ``related`` above ``RELATED_FLOOR``, and left out below it.
    """
    if not len(left) or not len(right):
        return SentenceAlignment(
            tuple(left), tuple(right), (), tuple(range(len(left))), tuple(range(len(right)))
        )
    grid = pairing.pair_features(left, right, left_vectors, right_vectors, _tfidf(left, right))
    logits = pairing.same_logits(grid)
    standouts = _standouts(grid[:, :, 0])
    pairs = []
    for i, j in sorted(_best_pairs(logits) | standouts):
        score = 1.0 / (
            1.0 + math.exp(-max(-30.0, min(30.0, logits[i, j] - pairing.SAME_THRESHOLD)))
        )
        if (i, j) in standouts:
            score = max(score, 0.5)
        kind = _kind(left[i], right[j], float(grid[i, j, 0]), score)
        if kind != "related" or score >= RELATED_FLOOR:
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


def _standouts(cosines: np.ndarray) -> set[tuple[int, int]]:
    """Mutual nearest pairs by the encoder that stand ``OUTLIER`` deviations out."""
    if min(cosines.shape) < CONTEXT:
        return set()
    bar = float(cosines.mean() + OUTLIER * cosines.std())
    rows, columns = cosines.argmax(axis=1), cosines.argmax(axis=0)
    return {(i, int(j)) for i, j in enumerate(rows) if columns[j] == i and cosines[i, j] >= bar}


def _kind(left: Span, right: Span, cosine: float, score: float) -> PairKind:
    """copy: the same words; same: one quotation, or the same statement by the pair model
    (score from 0.5) or the paraphrase test; related: the closest thing the other side
    reports, but not the same statement."""
    if fuzz.ratio(left.text.lower(), right.text.lower()) >= COPY_RATIO:
        return "copy"
    if left.groups & right.groups or score >= 0.5:
        return "same"
    if paraphrase_probability(left.text, right.text, cosine) >= 0.5:
        return "same"
    return "related"
