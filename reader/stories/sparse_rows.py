"""Products of chosen rows of a sparse matrix with a dense block, without copying the rows:
the one use of scipy's internals (``scipy.sparse._sparsetools``), checked against the version
it was written for and against the public API on a small matrix, which it falls back to.

The stories' candidate search multiplies each article's row with the rows of its partners
(Reuters-21578: 1.4 million pairs of some 90 terms each). Gathering those rows into a new
matrix (``matrix[rows] @ dense``) copies 130 million entries, most of the search's time;
scipy's compiled kernel can read them where they are, given where each row starts and
ends, which its public API has no way to say.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

import numpy as np
import scipy
from scipy import sparse

__all__ = ["RowProducts"]

WRITTEN_FOR = "1.17."
"""The scipy version (prefix) whose ``csr_matvecs`` this module calls."""


class RowProducts:
    """One CSR matrix, ready to multiply chosen rows of it with dense blocks."""

    def __init__(self, matrix: sparse.csr_matrix) -> None:
        self.matrix = matrix
        self._kernel = _kernel()
        self._data = matrix.data.astype(np.float64) if self._kernel is not None else None

    @property
    def fast(self) -> bool:
        """True when the rows are read in place (else gathered by the public API)."""
        return self._kernel is not None

    def dots(self, rows: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """``matrix[rows] @ dense`` as float64 (``dense``: float64, C order, one row per
        column of the matrix), summed in each row's stored order exactly as scipy does."""
        order = np.argsort(rows, kind="stable")
        segments = self.segments(np.asarray([0, len(rows)]), rows[order], dense.shape[1])
        self.multiply(segments, 0, dense)
        products = segments.products()
        out = np.empty_like(products)
        out[order] = products
        return out

    def segments(self, bounds: np.ndarray, rows: np.ndarray, width: int) -> Segments:
        """``rows`` in segments (segment ``i``: ``rows[bounds[i]:bounds[i + 1]]``, each in
        ascending order) to multiply each with its own dense block of ``width`` columns."""
        return _segments(self.matrix.indptr, bounds, rows, width)

    def multiply(self, segments: Segments, segment: int, dense: np.ndarray) -> None:
        """Segment ``segment``'s rows times ``dense`` (float64, C order), kept in
        ``segments`` until ``products``."""
        _multiply(self._kernel, self.matrix, self._data, segments, segment, dense)


@dataclass(frozen=True, slots=True)
class Segments:
    """Rows of a matrix to multiply segment by segment (``RowProducts.segments``)."""

    bounds: np.ndarray
    order: np.ndarray
    """Where each prepared row is in the rows given (each segment reversed)."""
    chosen: np.ndarray
    """The rows, each segment's highest first."""
    pointers: np.ndarray
    """Each chosen row's start and end in the matrix's arrays."""
    found: np.ndarray
    """The products: a chosen row's every second row (the kernel's rows in between are
    the backward "rows" from one chosen row's end to the next one's start)."""

    def products(self) -> np.ndarray:
        """Each row's products, in the order the rows were given."""
        out = np.empty((len(self.chosen), self.found.shape[1]), dtype=np.float64)
        out[self.order] = self.found[0::2]
        return out


def _segments(starts: np.ndarray, bounds: np.ndarray, rows: np.ndarray, width: int) -> Segments:
    """Each row given to the kernel by two row pointers, its start and end, so that between
    two of them lies a "row" from one's end to the next one's start (its product is
    dropped). Highest row first, that "row" runs backwards and the kernel's loop
    (``for jj in Ap[i]..Ap[i+1]``) does nothing for it; in another order it would only
    cost time. Each segment, given in ascending order, is reversed."""
    bounds = np.asarray(bounds, dtype=np.int64)
    position = np.arange(len(rows), dtype=np.int64)
    order = np.repeat(bounds[:-1] + bounds[1:] - 1, np.diff(bounds)) - position
    chosen = np.asarray(rows)[order]
    pointers = np.empty(2 * len(chosen), dtype=starts.dtype)
    pointers[0::2] = starts[chosen]
    pointers[1::2] = starts[chosen + 1]
    found = np.zeros((max(2 * len(chosen) - 1, 0), width), dtype=np.float64)
    return Segments(bounds, order, chosen, pointers, found)


def _multiply(
    kernel: object | None,
    matrix: sparse.csr_matrix,
    data: np.ndarray | None,
    segments: Segments,
    segment: int,
    dense: np.ndarray,
) -> None:
    start, end = int(segments.bounds[segment]), int(segments.bounds[segment + 1])
    if start == end:
        return
    found = segments.found[2 * start : 2 * end - 1]
    if kernel is None or data is None:
        found[0::2] = matrix[segments.chosen[start:end]] @ dense
        return
    kernel(  # type: ignore[operator]
        len(found), dense.shape[0], dense.shape[1], segments.pointers[2 * start : 2 * end],
        matrix.indices, data, dense.ravel(), found.ravel(),
    )  # fmt: skip


@functools.cache
def _kernel() -> object | None:
    """scipy's ``csr_matvecs``, when this is the scipy it was written for and it gives the
    public API's products on a small matrix; else None (the public API is used)."""
    if not scipy.__version__.startswith(WRITTEN_FOR):
        return None
    try:
        from scipy.sparse import _sparsetools

        kernel: object = _sparsetools.csr_matvecs
        generator = np.random.default_rng(7)
        matrix = sparse.random(40, 30, density=0.2, format="csr", random_state=generator)
        matrix = matrix.astype(np.float32)
        dense = generator.random((30, 2))
        rows = np.asarray([0, 3, 17, 39, 5, 17], dtype=np.int32)  # two segments
        segments = _segments(matrix.indptr, np.asarray([0, 4, 6]), rows, 2)
        data = matrix.data.astype(np.float64)
        _multiply(kernel, matrix, data, segments, 0, dense)
        _multiply(kernel, matrix, data, segments, 1, dense)
        if np.array_equal(segments.products(), np.asarray(matrix[rows] @ dense)):
            return kernel
    except Exception:  # any failure of the internals: the public API is used
        return None
    return None
