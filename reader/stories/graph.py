"""Article vectors as one sparse matrix, and the similar pairs among them found through the
articles' most distinctive terms (an inverted index, never all pairs).

Terms are kept as arrays over one vocabulary, not as a dict per article: 100k articles of
about 200 distinct terms each fit in some 200 MB this way, against gigabytes of dicts.
"""

from __future__ import annotations

from array import array
from collections.abc import ItemsView, Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.sparse import csgraph

from reader.stories.features import Terms, idf
from reader.stories.pair_products import anchored_pattern, pair_dots, sharing_pairs
from reader.stories.sparse_rows import RowProducts

__all__ = ["CANDIDATE_TERMS", "MAX_POSTINGS", "PAIR_BLOCK", "Pairs", "TermTable", "Vectors"]

CANDIDATE_TERMS = 32
"""An article's most distinctive terms (by TF-IDF weight) through which it finds candidates."""
MAX_POSTINGS = 2000
"""A term shared by more articles than this finds no candidates (it names no one event)."""
PAIR_BLOCK = 1024
"""Rows whose candidate pairs are found at once (bounds the memory of the search)."""
SPECIFIC_SHARE = 0.005
SPECIFIC_MIN = 50
"""A term is specific to few events when at most this share of the archive's articles, or
this many, have it (Reuters-21578: "Luxembourg" in 235 of 21,577 articles, "eurobond" in
253, "Ltd" in 1,749 name no one event; "Texaco" in 75, "Pennzoil" in 43 do). In an archive
of fewer than 10,000 articles every term of at most 50 of them is specific."""
ANCHOR_FLOOR = 0.02
"""Similarity two articles need through their shared specific terms to be anchored."""
UNANCHORED = 0.0
"""What an unanchored pair's similarity is multiplied by."""


class TermTable:
    """The term counts of some articles over one vocabulary, in compact arrays."""

    def __init__(self) -> None:
        self.articles: list[str] = []
        self.vocabulary: dict[str, int] = {}
        """Term -> column, in column order (a term's column is its place in the dict)."""
        self._terms: list[str] = []
        self._starts = array("q", [0])
        self._columns = array("i")
        self._counts = array("f")

    def __len__(self) -> int:
        return len(self.articles)

    @property
    def terms(self) -> list[str]:
        """The vocabulary in column order."""
        if len(self._terms) != len(self.vocabulary):
            self._terms = list(self.vocabulary)
        return self._terms

    def add(self, article: str, terms: Terms) -> None:
        """Append one article's terms as the next row."""
        self.add_counted(article, list(terms), array("f", terms.values()))

    def add_counted(self, article: str, names: Sequence[str], counts: array[float] | bytes) -> None:
        """``add`` of terms given as distinct names and their float32 counts (as the index
        workers send them: ``StoryFeatures``), without a dict per article: a term's column
        is one ``setdefault`` (a build adds some two million terms)."""
        self.articles.append(article)
        vocabulary = self.vocabulary
        setdefault = vocabulary.setdefault
        self._columns.extend([setdefault(name, len(vocabulary)) for name in names])
        if isinstance(counts, bytes):
            self._counts.frombytes(counts)
        else:
            self._counts.extend(counts)
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

    def document_frequencies(self, sizes: Sequence[int] | None = None) -> np.ndarray:
        """How many of these articles contain each term, in column order; with ``sizes``,
        each row counts as that many articles (identical copies clustered as one)."""
        columns = np.frombuffer(self._columns, dtype=np.int32)
        weights = None
        if sizes is not None:
            lengths = np.diff(np.frombuffer(self._starts, dtype=np.int64)).astype(np.int64)
            weights = np.repeat(np.asarray(sizes, dtype=np.float64), lengths)
        counts = np.bincount(columns, weights=weights, minlength=len(self.terms))
        return np.rint(counts).astype(np.int64)


class Vectors:
    """Unit TF-IDF vectors (sublinear term frequency) of a table's articles.

    ``frequencies`` are the document frequencies of the table's terms, in column order, over
    ``documents`` articles (the whole corpus, which may be more than the table holds).
    """

    def __init__(self, table: TermTable, frequencies: np.ndarray, documents: int) -> None:
        self.articles = table.articles
        self.terms = table.terms
        matrix = table.counts()
        self.idf = idf(self.terms, frequencies, documents).astype(np.float32)
        matrix.data = (1.0 + np.log(np.maximum(matrix.data, 1.0))) * self.idf[matrix.indices]
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        matrix = sparse.diags(1.0 / np.maximum(norms, 1e-12)).astype(np.float32) @ matrix
        matrix.eliminate_zeros()
        self.matrix: sparse.csr_matrix = matrix.tocsr()
        self.frequencies = frequencies
        self._best: list[np.ndarray] | None = None
        self._rows: RowProducts | None = None
        self.specific = np.zeros(matrix.shape[1], np.float64)  # no terms: one column
        self.specific[: len(self.terms)] = frequencies <= max(
            SPECIFIC_MIN, SPECIFIC_SHARE * documents
        )
        """1 for the columns of specific terms: a pair's similarity through them anchors it."""

    def anchored(self, similarity: np.ndarray, specific: np.ndarray) -> np.ndarray:
        """The pairs' similarity, discounted where what the two share is (almost) all common
        in the archive: briefs of one template ("X issues 100 mln dlr eurobond, lead manager
        Y said") share every word but the names and numbers that make each its own event."""
        unanchored = specific < ANCHOR_FLOOR
        return np.where(unanchored, similarity * UNANCHORED, similarity).astype(np.float32)

    def chosen(self, row: int) -> list[str]:
        """An article's most distinctive terms (the highest weights, ties by vocabulary)."""
        return [self.terms[column] for column in self._best_columns()[row].tolist()]

    def _best_columns(self) -> list[np.ndarray]:
        """Each row's ``CANDIDATE_TERMS`` highest-weighted columns, found once (both the
        stored distinctive terms and the candidate search use them)."""
        if self._best is None:
            self._best = []
            indptr, indices, data = self.matrix.indptr, self.matrix.indices, self.matrix.data
            for row in range(len(self.articles)):
                columns = indices[indptr[row] : indptr[row + 1]]
                weights = data[indptr[row] : indptr[row + 1]]
                self._best.append(columns[np.lexsort((columns, -weights))[:CANDIDATE_TERMS]])
        return self._best

    def column_terms(self) -> Mapping[str, list[int]]:
        """Each article's terms as column numbers (for the signature check)."""
        return _RowColumns(self)

    def signature_weights(self) -> dict[int, float]:
        """IDF by column of the terms the signature check weighs (a term of one article says
        nothing about a group)."""
        shared = np.flatnonzero(self.frequencies > 1)
        return dict(zip(shared.tolist(), self.idf[shared].tolist(), strict=True))

    def all_pairs(self, floor: float) -> Pairs:
        """Every pair of these articles at least ``floor`` similar (for small neighbourhoods)."""
        product = sparse.triu(self.matrix @ self.matrix.T, k=1).tocsr()
        rows = np.repeat(np.arange(product.shape[0]), np.diff(product.indptr))
        similarity, specific = pair_dots(
            self._products(), product.indptr, product.indices, 0, self.specific
        )
        similarity = self.anchored(similarity, specific)
        return Pairs.kept(rows, product.indices, similarity, floor)

    def candidate_pairs(self, floor: float, block: int = PAIR_BLOCK) -> Pairs:
        """Pairs that share one of each other's distinctive terms, at least ``floor`` similar.

        Found ``block`` rows at a time and kept as arrays, so memory grows with the pairs
        kept (12 bytes each), not with every candidate of the corpus at once.
        """
        postings = self._distinctive_matrix()
        anchors = self._anchor_matrix(floor)
        sharing = RowProducts(postings) if anchors is not None else None
        found: list[Pairs] = []
        for start in range(0, postings.shape[0], block):
            # each block against itself and the rows after it only (pairs are first < second)
            if anchors is None or sharing is None:
                shared = postings[start : start + block] @ postings[start:].T.tocsr()
            else:  # the anchored pairs, then those of them that share a distinctive term
                shared = anchored_pattern(anchors, start, block, ANCHOR_FLOOR)
            shared = sparse.triu(shared, k=1).tocsr()
            shared.sort_indices()
            indptr, partners = shared.indptr, shared.indices + start
            if sharing is not None:
                indptr, partners = sharing_pairs(sharing, indptr, partners, start)
            similarities, specific = pair_dots(
                self._products(), indptr, partners, start, self.specific
            )
            rows = np.repeat(np.arange(start, start + len(indptr) - 1), np.diff(indptr))
            similarities = self.anchored(similarities, specific)
            found.append(Pairs.kept(rows, partners, similarities, floor))
        return Pairs.joined(found)

    def _products(self) -> RowProducts:
        if self._rows is None:
            self._rows = RowProducts(self.matrix)
        return self._rows

    def _anchor_matrix(self, floor: float) -> sparse.csr_matrix | None:
        """The rows over the specific columns only, when only anchored pairs can reach
        ``floor`` (an unanchored pair's similarity, at most 1, times ``UNANCHORED`` stays
        under it); None when unanchored pairs may be kept too.

        Most candidates through distinctive terms are briefs of one template that share no
        specific term (Reuters: 26 million candidates, 1.4 million anchored): their exact
        similarities, the search's cost, are never computed. The specific terms are in few
        articles each, so the pairs sharing one are cheap to find by a sparse product.
        """
        if floor <= UNANCHORED * 1.001:
            return None
        matrix = (self.matrix @ sparse.diags(self.specific.astype(np.float32))).tocsr()
        matrix.eliminate_zeros()
        return matrix

    def _distinctive_matrix(self) -> sparse.csr_matrix:
        rows, columns = array("i"), array("i")
        for row, best in enumerate(self._best_columns()):
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


@dataclass(frozen=True, slots=True)
class Pairs:
    """Similar pairs of articles as three arrays: row numbers ``first < second`` and their
    similarity (12 bytes a pair, where a dict of named pairs takes some 200)."""

    first: np.ndarray
    second: np.ndarray
    similarity: np.ndarray

    @classmethod
    def kept(
        cls, first: np.ndarray, second: np.ndarray, similarity: np.ndarray, floor: float
    ) -> Pairs:
        """The pairs at least ``floor`` similar."""
        keep = np.flatnonzero(similarity >= floor)
        return cls(
            np.asarray(first[keep], dtype=np.int32),
            np.asarray(second[keep], dtype=np.int32),
            np.asarray(similarity[keep], dtype=np.float32),
        )

    @classmethod
    def joined(cls, parts: Sequence[Pairs]) -> Pairs:
        if not parts:
            empty = np.zeros(0, dtype=np.int32)
            return cls(empty, empty, np.zeros(0, dtype=np.float32))
        return cls(
            np.concatenate([p.first for p in parts]),
            np.concatenate([p.second for p in parts]),
            np.concatenate([p.similarity for p in parts]),
        )

    def __len__(self) -> int:
        return len(self.first)

    def named(self, articles: Sequence[str]) -> Mapping[tuple[str, str], float]:
        """``{(article, article): similarity}`` (what ``clustering.cluster`` takes), read from
        the arrays as it is iterated (a dict of millions of pairs would take gigabytes)."""
        return _NamedPairs(self, articles)

    def weighted(self, sizes: np.ndarray | Sequence[int]) -> Pairs:
        """Each similarity times the sizes of its two rows (rows standing for copies)."""
        counts = np.asarray(sizes, dtype=np.float32)
        factor = counts[self.first] * counts[self.second]
        return Pairs(self.first, self.second, self.similarity * factor)

    def thinned(self, count: int, neighbours: int, threshold: float) -> Pairs:
        """The pairs at least ``threshold`` similar, and of the weaker ones those among the
        ``neighbours`` most similar of either article.

        Weak pairs never merge two groups alone, they only lower or raise averages: an
        article's few nearest say what its many faint ones would (measured on ECB+), and a
        large corpus keeps a few pairs per article instead of hundreds.
        """
        weak = np.flatnonzero(self.similarity < threshold)
        if len(weak) <= neighbours * count:
            return self
        ends = np.concatenate((self.first[weak], self.second[weak]))
        values = np.concatenate((self.similarity[weak], self.similarity[weak]))
        # by end, then by similarity, highest first, then by position: one stable sort of
        # the end and the similarity's float32 bits read as integers that order as the
        # values do (half the time of two stable sorts); each end's rank from its count
        bits = values.astype(np.float32).view(np.int32).astype(np.int64)
        ascending = np.where(bits < 0, bits ^ 0x7FFFFFFF, bits)  # negative floats reversed
        keys = (ends.astype(np.int64) << 33) | (0x7FFFFFFF - ascending)
        order = np.argsort(keys, kind="stable")
        sorted_ends = ends[order]
        counts = np.bincount(sorted_ends, minlength=count)
        starts = np.cumsum(counts) - counts
        near = order[np.arange(len(order)) - starts[sorted_ends] < neighbours]
        kept_weak = np.zeros(len(weak), dtype=bool)
        kept_weak[near % len(weak)] = True
        keep = np.ones(len(self), dtype=bool)
        keep[weak[~kept_weak]] = False
        return Pairs(self.first[keep], self.second[keep], self.similarity[keep])

    def components(self, count: int, threshold: float) -> Iterator[tuple[np.ndarray, Pairs]]:
        """The rows of ``count`` articles split where no pair reaches ``threshold``, each part
        with the pairs inside it (single rows too, with none).

        Average linkage never merges two groups whose every pair is under the threshold (the
        average is at most the best pair), so clustering each part alone gives the groups
        clustering all at once does: one large neighbourhood at a time is held in memory.
        """
        for rows, chosen in self.parts(count, threshold):
            yield rows, Pairs(self.first[chosen], self.second[chosen], self.similarity[chosen])

    def parts(self, count: int, threshold: float) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``components`` as the rows of each part and the positions of its pairs here."""
        strong = np.flatnonzero(self.similarity >= threshold)
        links = sparse.coo_matrix(
            (np.ones(len(strong), dtype=np.int8), (self.first[strong], self.second[strong])),
            shape=(count, count),
        )
        _, labels = csgraph.connected_components(links, directed=False)
        inside = np.flatnonzero(labels[self.first] == labels[self.second])
        inside = inside[np.argsort(labels[self.first[inside]], kind="stable")]
        pair_labels = labels[self.first[inside]]
        rows = np.argsort(labels, kind="stable")
        row_bounds = np.searchsorted(labels[rows], np.arange(labels.max(initial=-1) + 2))
        pair_bounds = np.searchsorted(pair_labels, np.arange(labels.max(initial=-1) + 2))
        for label in range(len(row_bounds) - 1):
            chosen = inside[pair_bounds[label] : pair_bounds[label + 1]]
            yield rows[row_bounds[label] : row_bounds[label + 1]], chosen


class _NamedPairs(Mapping[tuple[str, str], float]):
    """A read-only view of ``Pairs`` by article names; a lookup by key builds a dict once."""

    def __init__(self, pairs: Pairs, articles: Sequence[str]) -> None:
        self._pairs = pairs
        self._articles = articles
        self._found: dict[tuple[str, str], float] | None = None

    def _triples(self) -> Iterator[tuple[str, str, float]]:
        names, pairs = self._articles, self._pairs
        for one, other, similarity in zip(
            pairs.first.tolist(), pairs.second.tolist(), pairs.similarity.tolist(), strict=True
        ):
            yield names[one], names[other], similarity

    def items(self) -> ItemsView[tuple[str, str], float]:
        return _PairItems(self)

    def __getitem__(self, pair: tuple[str, str]) -> float:
        if self._found is None:
            self._found = {(one, other): value for one, other, value in self._triples()}
        return self._found[pair]

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return ((one, other) for one, other, _ in self._triples())

    def __len__(self) -> int:
        return len(self._pairs)


class _PairItems(ItemsView[tuple[str, str], float]):
    _mapping: _NamedPairs

    def __iter__(self) -> Iterator[tuple[tuple[str, str], float]]:
        return (((one, other), value) for one, other, value in self._mapping._triples())


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
