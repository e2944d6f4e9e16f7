"""Article vectors as one sparse matrix, and the similar pairs among them found through the
articles' most distinctive terms (an inverted index, never all pairs)."""

from __future__ import annotations

from array import array
from collections.abc import Mapping, Sequence

import numpy as np
from scipy import sparse

from reader.stories.features import Terms, weighted

__all__ = ["CANDIDATE_TERMS", "MAX_POSTINGS", "Vectors", "distinctive", "pair_graph"]

CANDIDATE_TERMS = 32
"""An article's most distinctive terms (by TF-IDF weight) through which it finds candidates."""
MAX_POSTINGS = 2000
"""A term shared by more articles than this finds no candidates (it names no one event)."""


def distinctive(vector: Mapping[str, float], count: int = CANDIDATE_TERMS) -> list[str]:
    """The ``count`` highest-weighted terms of a vector (ties by term, so runs agree)."""
    return sorted(vector, key=lambda term: (-vector[term], term))[:count]


class Vectors:
    """Unit TF-IDF vectors of some articles as rows of a sparse matrix."""

    def __init__(
        self,
        articles: Sequence[str],
        terms: Mapping[str, Terms],
        frequencies: Mapping[str, int],
        documents: int,
    ) -> None:
        self.articles = list(articles)
        self.chosen: list[list[str]] = []
        """Each article's distinctive terms, in ``articles`` order."""
        vocabulary: dict[str, int] = {}
        rows, columns, values = array("i"), array("i"), array("f")
        distinct_rows, distinct_columns = array("i"), array("i")
        for row, article in enumerate(self.articles):
            vector = weighted(terms[article], frequencies, documents)
            for term, weight in vector.items():
                rows.append(row)
                columns.append(vocabulary.setdefault(term, len(vocabulary)))
                values.append(weight)
            chosen = distinctive(vector)
            self.chosen.append(chosen)
            for term in chosen:
                distinct_rows.append(row)
                distinct_columns.append(vocabulary[term])
        shape = (len(self.articles), max(1, len(vocabulary)))
        self.matrix = _matrix(rows, columns, values, shape).tocsr()
        ones = array("f", [1.0]) * len(distinct_rows)
        self.distinctive = _matrix(distinct_rows, distinct_columns, ones, shape)
        self.vocabulary = vocabulary

    def all_pairs(self, floor: float) -> dict[tuple[str, str], float]:
        """Every pair of these articles at least ``floor`` similar (for small neighbourhoods)."""
        product = sparse.triu(self.matrix @ self.matrix.T, k=1).tocoo()
        return self._pairs(product.row, product.col, product.data, floor)

    def candidate_pairs(self, floor: float) -> dict[tuple[str, str], float]:
        """Pairs that share one of each other's distinctive terms, at least ``floor`` similar."""
        postings = self._distinctive_matrix()
        shared = sparse.triu(postings @ postings.T, k=1).tocoo()
        similarities = _row_dots(self.matrix, shared.row, shared.col)
        return self._pairs(shared.row, shared.col, similarities, floor)

    def _distinctive_matrix(self) -> sparse.csr_matrix:
        matrix = self.distinctive.tocsc()
        common = np.flatnonzero(np.diff(matrix.indptr) > MAX_POSTINGS)
        if len(common):
            matrix[:, common] = 0
            matrix.eliminate_zeros()
        return matrix.tocsr()

    def _pairs(
        self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray, floor: float
    ) -> dict[tuple[str, str], float]:
        keep = np.flatnonzero(values >= floor)
        names = self.articles
        return {(names[rows[k]], names[columns[k]]): float(values[k]) for k in keep.tolist()}


def _matrix(
    rows: array[int], columns: array[int], values: array[float], shape: tuple[int, int]
) -> sparse.coo_matrix:
    return sparse.coo_matrix(
        (
            np.frombuffer(values, dtype=np.float32),
            (np.frombuffer(rows, dtype=np.int32), np.frombuffer(columns, dtype=np.int32)),
        ),
        shape=shape,
    )


def _row_dots(
    matrix: sparse.csr_matrix, rows: np.ndarray, columns: np.ndarray, chunk: int = 200_000
) -> np.ndarray:
    """Dot products of the given pairs of rows, a chunk of pairs at a time."""
    out = np.empty(len(rows), dtype=np.float32)
    for start in range(0, len(rows), chunk):
        first = matrix[rows[start : start + chunk]]
        second = matrix[columns[start : start + chunk]]
        out[start : start + chunk] = np.asarray(first.multiply(second).sum(axis=1)).ravel()
    return out


def pair_graph(
    articles: Sequence[str],
    terms: Mapping[str, Terms],
    frequencies: Mapping[str, int],
    documents: int,
    floor: float,
) -> dict[tuple[str, str], float]:
    """The similarity graph of these articles through their distinctive terms."""
    return Vectors(articles, terms, frequencies, documents).candidate_pairs(floor)
