"""Tests for the products of chosen rows of a sparse matrix read where the rows lie
(``reader.stories.sparse_rows``): the very float64 sums of scipy's public product."""

from __future__ import annotations

import numpy as np
import pytest
import scipy
from scipy import sparse

from reader.stories import sparse_rows
from reader.stories.sparse_rows import RowProducts


def _matrix(seed: int) -> sparse.csr_matrix:
    """float32 rows of a few to many entries, stored out of column order (as a product
    leaves them), with some empty rows."""
    generator = np.random.default_rng(seed)
    matrix = sparse.random(300, 500, density=0.05, format="csr", random_state=generator)
    matrix = matrix.astype(np.float32)
    matrix.data[:] = generator.random(matrix.nnz).astype(np.float32)
    kept = np.ones(300, dtype=np.float32)
    kept[generator.choice(300, 20, replace=False)] = 0.0
    matrix = (sparse.diags(kept) @ matrix).tocsr()
    matrix.eliminate_zeros()
    return matrix


@pytest.mark.parametrize("seed", range(5))
def test_chosen_rows_times_a_dense_block_are_the_public_products_bit_for_bit(seed: int) -> None:
    matrix = _matrix(seed)
    assert not matrix.has_sorted_indices  # summed in stored order, not by column
    generator = np.random.default_rng(100 + seed)
    dense = generator.random((500, 2))
    products = RowProducts(matrix)
    for size in (1, 2, 7, 150, 600):
        rows = generator.integers(0, 300, size).astype(np.int32)  # unsorted, repeated
        expected = np.asarray(matrix[rows] @ dense)
        assert np.array_equal(products.dots(rows, dense), expected)
    ascending = np.arange(0, 300, 3, dtype=np.int32)
    assert np.array_equal(products.dots(ascending, dense), np.asarray(matrix[ascending] @ dense))


def test_the_kernel_is_used_with_the_scipy_it_was_written_for() -> None:
    if not scipy.__version__.startswith(sparse_rows.WRITTEN_FOR):
        pytest.skip(f"scipy {scipy.__version__}: the public API is used")
    assert sparse_rows._kernel() is not None
    assert RowProducts(_matrix(0)).fast


def test_without_the_kernel_the_public_api_gives_the_same_products(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    matrix = _matrix(9)
    dense = np.random.default_rng(3).random((500, 2))
    rows = np.asarray([5, 1, 299, 5], dtype=np.int32)
    fast = RowProducts(matrix).dots(rows, dense)
    monkeypatch.setattr(sparse_rows, "_kernel", lambda: None)
    public = RowProducts(matrix)
    assert not public.fast
    assert np.array_equal(public.dots(rows, dense), fast)
    empty = public.dots(np.zeros(0, dtype=np.int32), dense)
    assert empty.shape == (0, 2)


@pytest.mark.parametrize("fast", [True, False])
def test_segments_each_times_its_own_dense_block(
    fast: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not fast:
        monkeypatch.setattr(sparse_rows, "_kernel", lambda: None)
    matrix = _matrix(4)
    generator = np.random.default_rng(11)
    counts = [0, 5, 1, 0, 40, 3]
    rows = np.concatenate([np.sort(generator.choice(300, n, replace=False)) for n in counts])
    bounds = np.concatenate(([0], np.cumsum(counts)))
    blocks = [generator.random((500, 3)) for _ in counts]
    products = RowProducts(matrix)
    segments = products.segments(bounds, rows.astype(np.int32), 3)
    for segment, block in enumerate(blocks):
        products.multiply(segments, segment, block)
    ends = zip(bounds[:-1], bounds[1:], blocks, strict=True)
    expected = np.concatenate([np.asarray(matrix[rows[a:b]] @ block) for a, b, block in ends])
    assert np.array_equal(segments.products(), expected)
