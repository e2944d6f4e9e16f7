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
        self._fast = _kernel() is not None
        if self._fast:
            self._starts = matrix.indptr
            self._indices = matrix.indices
            self._data = matrix.data.astype(np.float64)

    def dots(self, rows: np.ndarray, dense: np.ndarray) -> np.ndarray:
        """``matrix[rows] @ dense`` as float64 (``dense``: float64, C order, one row per
        column of the matrix), summed in each row's stored order exactly as scipy does."""
        kernel = _kernel() if self._fast else None
        if kernel is None or not len(rows):
            return np.asarray(self.matrix[rows] @ dense, dtype=np.float64)
        return _read_in_place(kernel, self._starts, self._indices, self._data, rows, dense)


def _read_in_place(
    kernel: object,
    starts: np.ndarray,
    indices: np.ndarray,
    data: np.ndarray,
    rows: np.ndarray,
    dense: np.ndarray,
) -> np.ndarray:
    """The product through the kernel: each row is given by two row pointers, its start and
    end, so that between two of them lies a "row" from one's end to the next one's start
    (its product is dropped). Highest row first, that "row" runs backwards and the kernel's
    loop (``for jj in Ap[i]..Ap[i+1]``) does nothing for it; in any other order it would
    only cost time."""
    order = np.argsort(rows, kind="stable")[::-1]
    chosen = rows[order]
    pointers = np.empty(2 * len(chosen), dtype=starts.dtype)
    pointers[0::2] = starts[chosen]
    pointers[1::2] = starts[chosen + 1]
    width = dense.shape[1]
    found = np.zeros((2 * len(chosen) - 1, width), dtype=np.float64)
    kernel(  # type: ignore[operator]
        len(found), dense.shape[0], width, pointers, indices, data, dense.ravel(), found.ravel()
    )
    out = np.empty((len(chosen), width), dtype=np.float64)
    out[order] = found[0::2]
    return out


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
        rows = np.asarray([3, 17, 5, 39, 0, 17], dtype=np.int32)
        data = matrix.data.astype(np.float64)
        found = _read_in_place(kernel, matrix.indptr, matrix.indices, data, rows, dense)
        if np.array_equal(found, np.asarray(matrix[rows] @ dense)):
            return kernel
    except Exception:  # any failure of the internals: the public API is used
        return None
    return None
