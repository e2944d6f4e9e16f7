"""Whether two sentences of two articles report the same thing, judged in the context of the
two articles: a logistic regression over features of every sentence pair at once (numpy
matrices, no per-pair Python), fitted on ECB+ gold sentence pairs by
``python benchmarks/stories.py --fit-alignment`` (one half of the development topics; the
benchmark reports the other half).

Why context: two outlets' paraphrases of one statement often share few words (the encoder
cosine of "most of the cyber attacks in the world are carried out from inside the United
States" and "the greatest number of cyberattacks in the world originate from American space"
is only 0.6), but they stand out of the two articles' other pairs, and each is the other's
best match. Rank and z-score features carry that; exact signals (shared names, numbers and
rare words) and the sentences' positions (headline, lead) carry the rest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
from scipy import sparse

from reader.stories.paraphrase import NUMBER_RE, STOP_WORDS, light_stem

__all__ = ["FEATURES", "SAME_THRESHOLD", "pair_features", "same_logits"]


class _Unit(Protocol):
    @property
    def field(self) -> str: ...
    @property
    def text(self) -> str: ...


# Fitted by ``python benchmarks/stories.py --fit-alignment`` on the odd-numbered ECB+ topics
# (1, 3, ... 21): 2,844 article pairs, 754,006 sentence pairs, the pairs of two look-alike events'
# articles as negatives. Each feature is standardised by its mean and scale, then weighted.
_TABLE = (  # feature, mean, scale, weight
    ("cosine", 0.1592, 0.1490, 1.6612),
    ("tfidf", 0.0486, 0.0576, -0.0463),
    ("cosine_row_z", 0.0000, 0.9926, -0.3090),
    ("cosine_column_z", 0.0000, 0.9927, -0.4014),
    ("row_best", 0.0581, 0.2345, 0.0498),
    ("column_best", 0.0576, 0.2334, 0.0500),
    ("row_margin", -0.2302, 0.1700, -0.3823),
    ("column_margin", -0.2358, 0.1740, -0.3537),
    ("shared_names", 0.0534, 0.2170, 0.1199),
    ("shared_numbers", 0.0047, 0.0605, 0.0033),
    ("content_overlap", 0.0453, 0.0979, 0.3241),
    ("position_gap", 0.3542, 0.2509, -0.2820),
    ("both_titles", 0.0038, 0.0612, 0.0735),
    ("one_title", 0.1082, 0.3101, 0.3075),
    ("pair_mean_cosine", 0.1592, 0.0559, 0.0506),
    ("articles_names", 0.1463, 0.1249, 0.3280),
    ("articles_numbers", 0.0999, 0.1251, 0.0466),
    ("articles_words", 0.1342, 0.0801, -0.1207),
    ("articles_cosine", 0.6698, 0.1540, -0.6658),
)
FEATURES = tuple(row[0] for row in _TABLE)
_MEAN = np.asarray([row[1] for row in _TABLE], dtype=np.float32)
_SCALE = np.asarray([row[2] for row in _TABLE], dtype=np.float32)
_WEIGHTS = np.asarray([row[3] for row in _TABLE], dtype=np.float32)
_BIAS = -6.0026
SAME_THRESHOLD = -4.8
"""Logit from which a candidate pair is the same statement (chosen on the fitting half)."""

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_STOP = STOP_WORDS | frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "who which after before over into about than but more also up out one two new"
    ).split()
)


def _token_sets(text: str) -> tuple[set[str], set[str], set[str]]:
    """Content words (stemmed), names (capitalised words after the first) and numbers."""
    words = _WORD_RE.findall(text)
    content = {light_stem(w.lower()) for w in words} - _STOP
    names = {w.lower() for w in words[1:] if w[:1].isupper()}
    return content, names, set(NUMBER_RE.findall(text))


def _incidence(sets: Sequence[set[str]]) -> sparse.csr_matrix:
    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for row, terms in enumerate(sets):
        for term in terms:
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csr_matrix((data, (rows, columns)), shape=(len(sets), max(1, len(vocabulary))))


def _shared(left: Sequence[set[str]], right: Sequence[set[str]]) -> np.ndarray:
    """How many terms each left set shares with each right set."""
    matrix = _incidence([*left, *right])
    product = matrix[: len(left)] @ matrix[len(left) :].T
    return np.asarray(product.toarray(), dtype=np.float32)


def _z(values: np.ndarray, axis: int) -> np.ndarray:
    mean = values.mean(axis=axis, keepdims=True)
    std = values.std(axis=axis, keepdims=True)
    return np.asarray((values - mean) / np.maximum(std, 0.05))


def _margin(values: np.ndarray, axis: int) -> np.ndarray:
    """How far each value is above the best other value of its row (axis 1) or column."""
    size = values.shape[axis]
    if size < 2:
        return np.zeros_like(values)
    top = np.sort(values, axis=axis)
    first = np.take(top, [size - 1], axis=axis)
    second = np.take(top, [size - 2], axis=axis)
    best_other = np.where(values >= first, second, first)
    return np.asarray(values - best_other)


def _jaccard(
    left: Sequence[tuple[set[str], ...]], right: Sequence[tuple[set[str], ...]], kind: int
) -> float:
    """Jaccard similarity of the two articles' terms of one kind (1: names)."""
    first = set().union(*(s[kind] for s in left))
    second = set().union(*(s[kind] for s in right))
    return len(first & second) / max(1, len(first | second))


def _articles_cosine(left: np.ndarray, right: np.ndarray) -> float:
    """Cosine of the two articles' mean sentence vectors."""
    first, second = left.mean(axis=0), right.mean(axis=0)
    return float(first @ second / max(1e-9, np.linalg.norm(first) * np.linalg.norm(second)))


def pair_features(
    left: Sequence[_Unit],
    right: Sequence[_Unit],
    left_vectors: np.ndarray,
    right_vectors: np.ndarray,
    tfidf: np.ndarray,
) -> np.ndarray:
    """Every pair's features, shape ``(len(left), len(right), len(FEATURES))``."""
    cosines = np.asarray(left_vectors @ np.ascontiguousarray(right_vectors.T))
    n, m = cosines.shape
    left_sets = [_token_sets(u.text) for u in left]
    right_sets = [_token_sets(u.text) for u in right]
    content = _shared([s[0] for s in left_sets], [s[0] for s in right_sets])
    sizes_left = np.asarray([max(1, len(s[0])) for s in left_sets], dtype=np.float32)
    sizes_right = np.asarray([max(1, len(s[0])) for s in right_sets], dtype=np.float32)
    overlap = content / np.minimum(sizes_left[:, None], sizes_right[None, :])
    names = _shared([s[1] for s in left_sets], [s[1] for s in right_sets])
    numbers = _shared([s[2] for s in left_sets], [s[2] for s in right_sets])
    left_title = np.asarray([u.field == "title" for u in left], dtype=np.float32)
    right_title = np.asarray([u.field == "title" for u in right], dtype=np.float32)
    left_place = np.arange(n, dtype=np.float32) / max(1, n - 1)
    right_place = np.arange(m, dtype=np.float32) / max(1, m - 1)
    columns = [
        cosines,
        tfidf,
        _z(cosines, 1),
        _z(cosines, 0),
        (cosines >= cosines.max(axis=1, keepdims=True)).astype(np.float32),
        (cosines >= cosines.max(axis=0, keepdims=True)).astype(np.float32),
        _margin(cosines, 1),
        _margin(cosines, 0),
        np.log1p(names),
        np.log1p(numbers),
        overlap,
        np.abs(left_place[:, None] - right_place[None, :]),
        left_title[:, None] * right_title[None, :],
        np.abs(left_title[:, None] - right_title[None, :]),
        np.full((n, m), float(cosines.mean()), dtype=np.float32),
        np.full((n, m), _jaccard(left_sets, right_sets, 1), dtype=np.float32),
        np.full((n, m), _jaccard(left_sets, right_sets, 2), dtype=np.float32),
        np.full((n, m), _jaccard(left_sets, right_sets, 0), dtype=np.float32),
        np.full((n, m), _articles_cosine(left_vectors, right_vectors), dtype=np.float32),
    ]
    return np.stack(columns, axis=-1).astype(np.float32)


def same_logits(features: np.ndarray) -> np.ndarray:
    """The fitted log-odds that each pair reports the same thing (shape of the pair grid)."""
    return np.asarray(((features - _MEAN) / _SCALE) @ _WEIGHTS + _BIAS)
