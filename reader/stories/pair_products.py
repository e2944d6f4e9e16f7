"""The candidate search's products over chosen pairs of rows (``graph.Vectors``): which pairs
may be anchored, which of them share a distinctive term, and the exact similarities of those,
each row's partners multiplied where they lie (``sparse_rows``)."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from reader.stories.sparse_rows import RowProducts

__all__ = ["anchored_pattern", "pair_dots", "sharing_pairs"]

_ANCHOR_SLACK = 1e-4
"""How far under the anchor floor the sparse product's float32 sums may find a pair and
still pass it on to the exact check (their rounding differs by about 1e-7)."""


def anchored_pattern(
    anchors: sparse.csr_matrix, start: int, block: int, floor: float
) -> sparse.csr_matrix:
    """Ones where row ``start + i`` and row ``start + j`` may be anchored (their similarity
    through specific terms near ``floor``, ``graph.ANCHOR_FLOOR``, or more): a superset of
    the anchored pairs, which ``Vectors.anchored`` then judges as it judges every candidate."""
    product = (anchors[start : start + block] @ anchors[start:].T).tocsr()
    product.data = (product.data >= floor - _ANCHOR_SLACK).astype(np.float32)
    product.eliminate_zeros()
    return product


def sharing_pairs(
    postings: RowProducts, indptr: np.ndarray, partners: np.ndarray, offset: int
) -> tuple[np.ndarray, np.ndarray]:
    """The pairs (row ``offset + i`` with each of ``partners[indptr[i]:indptr[i + 1]]``)
    that share one of each other's distinctive terms: ``postings`` rows (ones at an
    article's distinctive columns) multiplied in place, one dense vector a row (the anchored
    pairs are few: Reuters' 1.8 million, where 27 million share a distinctive term)."""
    matrix = postings.matrix
    dense = np.zeros((matrix.shape[1], 1), dtype=np.float64)
    starts, indices = matrix.indptr, matrix.indices
    segments = postings.segments(indptr, partners, 1)
    for row in np.flatnonzero(np.diff(indptr)).tolist():
        columns = indices[starts[offset + row] : starts[offset + row + 1]]
        dense[columns] = 1.0
        postings.multiply(segments, row, dense)
        dense[columns] = 0.0
    keep = segments.products()[:, 0] > 0
    rows = np.repeat(np.arange(len(indptr) - 1), np.diff(indptr))
    counts = np.bincount(rows[keep], minlength=len(indptr) - 1)
    return np.concatenate(([0], np.cumsum(counts))).astype(indptr.dtype), partners[keep]


def pair_dots(
    products: RowProducts,
    indptr: np.ndarray,
    partners: np.ndarray,
    offset: int,
    mask: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """Dot products of row ``offset + i`` of the matrix with each row ``partners[k]`` for
    ``k`` in ``indptr[i]:indptr[i + 1]``, in ``partners`` order, and the same over the
    columns where ``mask`` is 1.

    The row is spread into a dense vector once; its partners' rows are multiplied with it by
    scipy's compiled code where they lie (``sparse_rows``), summed in float64; the masked
    product rides along as a second column of the same multiplication.
    """
    matrix = products.matrix
    dense = np.zeros((matrix.shape[1], 2), dtype=np.float64)
    starts, indices, data = matrix.indptr, matrix.indices, matrix.data
    segments = products.segments(indptr, partners, 2)
    for row in np.flatnonzero(np.diff(indptr)).tolist():
        first, last = starts[offset + row], starts[offset + row + 1]
        columns = indices[first:last]
        dense[columns, 0] = data[first:last]
        dense[columns, 1] = data[first:last] * mask[columns]
        products.multiply(segments, row, dense)
        dense[columns] = 0.0
    out = segments.products().astype(np.float32)
    return out[:, 0], out[:, 1]
