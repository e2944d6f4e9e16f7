"""Article vectors as one sparse matrix, and the similar pairs among them found through the
articles' most distinctive terms (an inverted index, never all pairs).

Terms are kept as arrays over one vocabulary, not as a dict per article: 100k articles of
about 200 distinct terms each fit in some 200 MB this way, against gigabytes of dicts.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Mapping

import numpy as np
from scipy import sparse

from reader.stories.features import Terms, idf_array

__all__ = ["CANDIDATE_TERMS", "MAX_POSTINGS", "TermTable", "Vectors"]

CANDIDATE_TERMS = 32
"""An article's most distinctive terms (by TF-IDF weight) through which it finds candidates."""
MAX_POSTINGS = 2000
"""A term shared by more articles than this finds no candidates (it names no one event)."""


class TermTable:
    """The term counts of some articles over one vocabulary, in compact arrays."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.vocabulary: dict[str, int] = {}
        self.terms: list[str] = []
        """The vocabulary in column order."""
        self._starts = array("q", [0])
        self._columns = array("i")
        self._counts = array("f")

    def __len__(self) -> int:
        return len(self.articles)

    def add(self, article: str, terms: Terms) -> None:
        """Append one article's terms as the next row."""
        self.articles.append(article)
        for term, count in terms.items():
            column = self.vocabulary.get(term)
            if column is None:
                column = self.vocabulary[term] = len(self.terms)
                self.terms.append(term)
            self._columns.append(column)
            self._counts.append(count)
        self._starts.append(len(self._columns))

    def counts(self) -> sparse.csr_matrix:
        """Rows of term counts, one per article."""
        shape = (len(self.articles), max(1, len(self.terms)))
        return sparse.csr_matrix(
            (
                np.frombuffer(self._counts, dtype=np.float32).copy(),
                np.frombuffer(self._columns, dtype=np.int32).copy(),
                np.frombuffer(self._starts, dtype=np.int64).copy(),
            ),
            shape=shape,
        )

    def document_frequencies(self) -> np.ndarray:
        """How many of these articles contain each term, in column order."""
        counts = np.bincount(
            np.frombuffer(self._columns, dtype=np.int32), minlength=len(self.terms)
        )
        return counts.astype(np.int64)


class Vectors:
    """Unit TF-IDF vectors (sublinear term frequency) of a table's articles.

    ``frequencies`` are the document frequencies of the table's terms, in column order, over
    ``documents`` articles (the whole corpus, which may be more than the table holds).
    """

    def __init__(self, table: TermTable, frequencies: np.ndarray, documents: int) -> None:
        self.articles = table.articles
        self.terms = table.terms
        matrix = table.counts()
        self.idf = idf_array(self.terms, frequencies, documents)
        matrix.data = (1.0 + np.log(np.maximum(matrix.data, 1.0))) * self.idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1.0 / np.maximum(norms, 1e-12)).astype(np.float32) @ matrix
        matrix.eliminate_zeros()
        self.matrix: sparse.csr_matrix = matrix.tocsr()
        self.frequencies = frequencies

    def chosen(self, row: int) -> list[str]:
        """An article's most distinctive terms (the highest weights, ties by vocabulary)."""
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        columns, weights = self.matrix.indices[start:end], self.matrix.data[start:end]
        order = np.lexsort((columns, -weights))[:CANDIDATE_TERMS]
        return [self.terms[int(c)] for c in columns[order]]

    def column_terms(self) -> Mapping[str, list[int]]:
        """Each article's terms as column numbers (for the signature check)."""
        return _RowColumns(self)

    def signature_weights(self) -> dict[int, float]:
        """IDF by column of the terms the signature check weighs (a term of one article says
        nothing about a group)."""
        shared = np.flatnonzero(self.frequencies > 1)
        return dict(zip(shared.tolist(), self.idf[shared].tolist(), strict=True))

    def all_pairs(self, floor: float) -> dict[tuple[str, str], float]:
        """Every pair of these articles at least ``floor`` similar (for small neighbourhoods)."""
        product = sparse.triu(self.matrix @ self.matrix.T, k=1).tocoo()
        return self._pairs(product.row, product.col, product.data, floor)

    def candidate_pairs(self, floor: float) -> dict[tuple[str, str], float]:
        """Pairs that share one of each other's distinctive terms, at least ``floor`` similar."""
        postings = self._distinctive_matrix()
        shared = sparse.triu(postings @ postings.T, k=1).tocsr()
        similarities = _pair_dots(self.matrix, shared)
        rows = np.repeat(np.arange(shared.shape[0]), np.diff(shared.indptr))
        return self._pairs(rows, shared.indices, similarities, floor)

    def _distinctive_matrix(self) -> sparse.csr_matrix:
        rows, columns = array("i"), array("i")
        for row in range(len(self.articles)):
            start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
            found, weights = self.matrix.indices[start:end], self.matrix.data[start:end]
            best = found[np.lexsort((found, -weights))[:CANDIDATE_TERMS]]
            rows.extend([row] * len(best))
            columns.extend(best.tolist())
        ones = np.ones(len(rows), dtype=np.float32)
        matrix = sparse.csc_matrix(
            (ones, (np.frombuffer(rows, dtype=np.int32), np.frombuffer(columns, dtype=np.int32))),
            shape=self.matrix.shape,
        )
        common = np.flatnonzero(np.diff(matrix.indptr) > MAX_POSTINGS)
        if len(common):
            keep = np.ones(matrix.shape[1], dtype=np.float32)
            keep[common] = 0.0
            matrix = matrix @ sparse.diags(keep)
            matrix.eliminate_zeros()
        return matrix.tocsr()

    def _pairs(
        self, rows: np.ndarray, columns: np.ndarray, values: np.ndarray, floor: float
    ) -> dict[tuple[str, str], float]:
        keep = np.flatnonzero(values >= floor)
        names = self.articles
        return {
            (names[int(rows[k])], names[int(columns[k])]): float(values[k]) for k in keep.tolist()
        }


class _RowColumns(Mapping[str, list[int]]):
    """article -> its columns, read from the matrix when asked (no copy of every row)."""

    def __init__(self, vectors: Vectors) -> None:
        self._matrix = vectors.matrix
        self._row = {article: row for row, article in enumerate(vectors.articles)}

    def __getitem__(self, article: str) -> list[int]:
        row = self._row[article]
        indices: list[int] = self._matrix.indices[
            self._matrix.indptr[row] : self._matrix.indptr[row + 1]
        ].tolist()
        return indices

    def __iter__(self) -> Iterator[str]:
        return iter(self._row)

    def __len__(self) -> int:
        return len(self._row)


def _pair_dots(matrix: sparse.csr_matrix, pairs: sparse.csr_matrix) -> np.ndarray:
    """Dot products of row ``i`` with each row ``j`` of ``pairs[i]``, in ``pairs.data`` order.

    Row ``i`` is spread into a dense vector once and its partners' entries are looked up in
    it: nine times faster than multiplying gathered pairs of rows.
    """
    out = np.zeros(pairs.nnz, dtype=np.float32)
    dense = np.zeros(matrix.shape[1], dtype=np.float32)
    for row in np.flatnonzero(np.diff(pairs.indptr)).tolist():
        start, end = pairs.indptr[row], pairs.indptr[row + 1]
        first, last = matrix.indptr[row], matrix.indptr[row + 1]
        columns = matrix.indices[first:last]
        dense[columns] = matrix.data[first:last]
        partners = matrix[pairs.indices[start:end]]
        products = dense[partners.indices] * partners.data
        sums = np.add.reduceat(products, partners.indptr[:-1]) if len(products) else products
        filled = np.diff(partners.indptr) > 0  # reduceat repeats a value for an empty row
        out[start:end] = np.where(filled, sums[: end - start] if len(sums) else 0.0, 0.0)
        dense[columns] = 0.0
    return out
