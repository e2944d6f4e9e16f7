"""Aligning two articles paragraph by paragraph, for side-by-side reading and `reader compare`."""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.models import Article, Block, Quote
    from reader.stories.align import SentenceAlignment

__all__ = [
    "MIN_SIMILARITY",
    "AlignedPair",
    "Comparison",
    "Row",
    "align",
    "align_blocks",
    "align_texts",
    "compare",
    "side_by_side",
    "similarity_matrix",
    "with_sentences",
]

MIN_SIMILARITY = 0.2
"""Cosine similarity below which two paragraphs are not considered the same passage."""
KIND_MISMATCH_WEIGHT = 0.5
"""Similarity factor for a heading against a paragraph, or a caption against either."""

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
Vector = dict[str, float]


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """One row of an alignment: a block index on each side, ``None`` for a gap."""

    left: int | None
    right: int | None
    similarity: float
    """Cosine similarity of the two blocks; 0.0 when one side is a gap."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """Two articles aligned block by block, with the quotation groups both report."""

    left_id: str
    right_id: str
    left_title: str
    right_title: str
    pairs: tuple[AlignedPair, ...]
    shared_groups: tuple[str, ...]
    """Quote groups present in both articles, in order of first appearance on the left."""
    sentences: SentenceAlignment | None = None
    """The two articles aligned sentence by sentence (``with_sentences``), when asked for."""

    @property
    def matched(self) -> int:
        """How many rows pair a block on the left with one on the right."""
        return sum(1 for pair in self.pairs if pair.left is not None and pair.right is not None)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form, as printed by ``reader compare ID1 ID2 --json``: the paragraph
        rows under ``paragraphs``; with the sentence alignment, its ``pairs`` (spans with
        offsets into each article's ``body``, or its ``title`` when ``field`` says so),
        ``only_left``, ``only_right`` and ``summary``."""
        paragraphs = [
            {"left": pair.left, "right": pair.right, "similarity": round(pair.similarity, 4)}
            for pair in self.pairs
        ]
        data: dict[str, object] = {
            "left": {"id": self.left_id, "title": self.left_title},
            "right": {"id": self.right_id, "title": self.right_title},
            "matched": self.matched,
            "paragraphs": paragraphs,
            "shared_groups": list(self.shared_groups),
        }
        if self.sentences is None:
            data["pairs"] = paragraphs  # no sentence alignment: the paragraph rows, as before
        else:
            data.update(self.sentences.to_dict())
            data["summary"] = self.sentences.summary()
        return data

    def to_json(self) -> str:
        """``to_dict`` as indented JSON text."""
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _terms(text: str) -> list[str]:
    """Lower-cased words plus word bigrams (shingles), so word order counts a little."""
    words = [word.lower() for word in _WORD_RE.findall(text)]
    return words + [f"{first} {second}" for first, second in pairwise(words)]


def _vectors(documents: Sequence[Sequence[str]]) -> list[Vector]:
    """Unit-length TF-IDF vectors, with document frequencies over all the documents given."""
    document_frequency: Counter[str] = Counter()
    for terms in documents:
        document_frequency.update(set(terms))
    total = len(documents)
    vectors: list[Vector] = []
    for terms in documents:
        counts = Counter(terms)
        vector = {
            term: (1 + math.log(count))
            * (math.log((1 + total) / (1 + document_frequency[term])) + 1)
            for term, count in counts.items()
        }
        norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
        vectors.append({term: weight / norm for term, weight in vector.items()})
    return vectors


def _cosine(first: Vector, second: Vector) -> float:
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def similarity_matrix(left_texts: Sequence[str], right_texts: Sequence[str]) -> list[list[float]]:
    """Cosine similarity of every left text with every right text (TF-IDF over words+bigrams)."""
    vectors = _vectors([_terms(text) for text in [*left_texts, *right_texts]])
    left_vectors, right_vectors = vectors[: len(left_texts)], vectors[len(left_texts) :]
    return [[_cosine(left, right) for right in right_vectors] for left in left_vectors]


def align_texts(
    left_texts: Sequence[str], right_texts: Sequence[str], threshold: float = MIN_SIMILARITY
) -> list[AlignedPair]:
    """The monotone alignment of two sequences of paragraphs with the greatest total similarity.

    Pairs below ``threshold`` are never matched; every paragraph appears exactly once, in order,
    either paired or against a gap.
    """
    return _align(similarity_matrix(left_texts, right_texts), len(right_texts), threshold)


def align_blocks(
    left: Sequence[Block], right: Sequence[Block], threshold: float = MIN_SIMILARITY
) -> list[AlignedPair]:
    """``align_texts`` for article blocks; a heading, caption and paragraph only pair with
    their own kind unless the text is close enough to clear the threshold at half weight."""
    similarity = similarity_matrix([b.text for b in left], [b.text for b in right])
    for i, left_block in enumerate(left):
        for j, right_block in enumerate(right):
            if left_block.kind != right_block.kind:
                similarity[i][j] *= KIND_MISMATCH_WEIGHT
    return _align(similarity, len(right), threshold)


def _align(similarity: list[list[float]], columns: int, threshold: float) -> list[AlignedPair]:
    rows = len(similarity)
    score = [[0.0] * (columns + 1) for _ in range(rows + 1)]
    for i in range(1, rows + 1):
        previous, current, sims = score[i - 1], score[i], similarity[i - 1]
        for j in range(1, columns + 1):
            best = max(previous[j], current[j - 1])
            if sims[j - 1] >= threshold:
                best = max(best, previous[j - 1] + sims[j - 1])
            current[j] = best
    return _backtrack(score, similarity, threshold)


def _backtrack(
    score: list[list[float]], similarity: list[list[float]], threshold: float
) -> list[AlignedPair]:
    pairs: list[AlignedPair] = []
    i, j = len(score) - 1, len(score[0]) - 1
    while i > 0 or j > 0:
        if i > 0 and j > 0:
            sim = similarity[i - 1][j - 1]
            if sim >= threshold and math.isclose(score[i][j], score[i - 1][j - 1] + sim):
                pairs.append(AlignedPair(i - 1, j - 1, sim))
                i, j = i - 1, j - 1
                continue
        if j > 0 and (i == 0 or score[i][j - 1] >= score[i - 1][j]):
            pairs.append(AlignedPair(None, j - 1, 0.0))
            j -= 1
        else:
            pairs.append(AlignedPair(i - 1, None, 0.0))
            i -= 1
    pairs.reverse()
    return pairs


def align(left: Article, right: Article) -> list[tuple[int | None, int | None]]:
    """Pairs of block indexes, left and right, in reading order; ``None`` marks a gap."""
    return [(pair.left, pair.right) for pair in align_blocks(left.blocks, right.blocks)]


@dataclass(frozen=True, slots=True)
class Row:
    """One line of a side-by-side view: a block index per side (None: blank), and whether the
    two are an aligned pair or merely unmatched neighbours shown next to each other."""

    left: int | None
    right: int | None
    paired: bool


def side_by_side(pairs: Sequence[AlignedPair]) -> list[Row]:
    """Rows for reading two aligned articles side by side, the way a side-by-side diff does.

    Between two aligned pairs, the unmatched paragraphs of each side are set next to each
    other rather than one after the other, and only the longer side's surplus faces a gap.
    """
    rows: list[Row] = []
    lefts: list[int] = []
    rights: list[int] = []

    def flush() -> None:
        for position in range(max(len(lefts), len(rights))):
            left = lefts[position] if position < len(lefts) else None
            right = rights[position] if position < len(rights) else None
            rows.append(Row(left, right, paired=False))
        lefts.clear()
        rights.clear()

    for pair in pairs:
        if pair.left is not None and pair.right is not None:
            flush()
            rows.append(Row(pair.left, pair.right, paired=True))
        elif pair.left is not None:
            lefts.append(pair.left)
        elif pair.right is not None:
            rights.append(pair.right)
    flush()
    return rows


def _groups(quotes: Iterable[Quote]) -> list[str]:
    return list(dict.fromkeys(quote.group for quote in quotes if quote.group is not None))


def compare(
    left: Article,
    right: Article,
    left_quotes: Iterable[Quote] = (),
    right_quotes: Iterable[Quote] = (),
) -> Comparison:
    """Align two articles and find the quotation groups they share."""
    pairs = align_blocks(left.blocks, right.blocks)
    right_groups = set(_groups(right_quotes))
    shared = tuple(group for group in _groups(left_quotes) if group in right_groups)
    return Comparison(left.id, right.id, left.title, right.title, tuple(pairs), shared)


def with_sentences(comparison: Comparison, sentences: SentenceAlignment) -> Comparison:
    """The comparison with its sentence alignment (``Library.align_sentences``)."""
    return replace(comparison, sentences=sentences)
