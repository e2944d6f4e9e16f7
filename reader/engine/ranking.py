"""Top hits and exact hit counts from whole posting lists, ranked as Whoosh ranks them.

Whoosh's collector scores every match through a tree of matcher objects: a dozen Python
calls per matching article and field, most of a common word's search time. Here each
posting list is decoded a block at a time and scored in one comprehension, the query's
boolean structure becomes dict and set operations, and phrases are checked against
positions only for articles that contain every word. That gives the exact set of matching
articles (so the total stays exact) and each one's BM25F score as Whoosh computes it, up to
float rounding (sums taken in another order). Hits are ordered by score, ties by document
number, as Whoosh's collector orders them; where two candidates' scores are within rounding
of each other (the order could differ), they are scored again by Whoosh's own matchers and
ordered by those. Any query part not modelled here, or a rescored article whose score or
match disagrees with the model, makes ``rank`` return None and the caller runs Whoosh's
collector instead. tests/test_search.py compares the two on generated corpora.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from heapq import nlargest
from itertools import accumulate, pairwise
from typing import Any

from whoosh import query
from whoosh.formats import Positions
from whoosh.query import compound, positional, terms, wrappers
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from reader.engine.article_sets import ArticleSet
from reader.engine.postings import Postings, decode_positions, field_lengths, read_postings

__all__ = ["Ranked", "rank"]

# Whoosh picks an array-based Or matcher (unscored for constant-score expansions) under
# these conditions (whoosh.query.compound.Or._matcher, with the default search context).
_ARRAY_OR_DOCS = 5000
# How close the model's score must be to Whoosh's (float sums in another order differ in
# the last bits; anything larger means the model is wrong for this query).
_TOLERANCE = 1e-9
_PATTERNS = (terms.Prefix, terms.Wildcard, terms.FuzzyTerm)

Scores = dict[int, float]
_SPAN = 1 << 32  # more positions than any field has


class _Unsupported(Exception):
    """A query part this module does not model: Whoosh's collector runs it."""


@dataclass(frozen=True, slots=True)
class Ranked:
    """The best ``limit`` matches as ``(score, docnum)``, best first, and how many matched."""

    top: list[tuple[float, int]]
    total: int


@dataclass(slots=True)
class _Not:
    """A negated part inside an And: the articles it excludes and the score it adds."""

    excluded: set[int]
    weight: float


def rank(
    searcher: Any, parsed: query.Query, limit: int, check: Callable[[], None], verify: bool = False
) -> Ranked | None:
    """Whoosh's top ``limit`` hits and total for ``parsed``, or None when not modelled here.

    ``check`` is called between posting lists and raises when the search has run too long.
    With ``verify`` the hits are always scored again by Whoosh (tests compare the two).
    """
    weighting = searcher.weighting
    if type(weighting) is not BM25F:
        return None
    found: list[tuple[float, int, int, Any]] = []  # (model score, global docnum, offset, leaf)
    total = 0
    try:
        for sub, offset in searcher.leaf_searchers():
            scores = _Segment(searcher, sub, weighting, check).evaluate(parsed)
            if isinstance(scores, _Not):
                raise _Unsupported("a query that only excludes")
            total += len(scores)
            if len(scores) > limit:
                # everything scoring at least the segment's limit-th best score
                floor = nlargest(limit, scores.values())[-1]
                floor -= _TOLERANCE * max(1.0, abs(floor))
                found.extend((score, offset + doc, offset, sub)
                             for doc, score in scores.items() if score >= floor)  # fmt: skip
            else:
                found.extend((score, offset + doc, offset, sub) for doc, score in scores.items())
    except _Unsupported:
        return None
    if not found:
        return Ranked([], 0)
    found.sort(key=lambda item: (-item[0], item[1]))
    threshold = found[min(limit, len(found)) - 1][0]
    margin = _TOLERANCE * max(1.0, abs(threshold))
    candidates = [item for item in found if item[0] >= threshold - margin]
    if verify or _near_ties(candidates):
        exact = _rescore(parsed, searcher.context(), candidates)
        if exact is None:
            return None
    else:
        exact = [(score, docnum) for score, docnum, _, _ in candidates]
    exact.sort(key=lambda pair: (-pair[0], pair[1]))
    return Ranked(exact[:limit], total)


def _near_ties(candidates: list[tuple[float, int, int, Any]]) -> bool:
    """Whether rounding could order the candidates differently from Whoosh: two scores so
    close that float sums taken in another order might swap them (equal ones cannot: the
    same sums in the same order give the same float, and ties go by document number)."""
    scores = [item[0] for item in candidates]
    return any(
        high != low and high - low <= _TOLERANCE * max(1.0, abs(high))
        for high, low in pairwise(scores)
    )


def _rescore(
    parsed: query.Query, context: Any, candidates: list[tuple[float, int, int, Any]]
) -> list[tuple[float, int]] | None:
    """Whoosh's own scores for the candidates; None if any disagrees with the model."""
    by_leaf: dict[int, list[tuple[float, int, int, Any]]] = {}
    for item in candidates:
        by_leaf.setdefault(item[2], []).append(item)
    exact: list[tuple[float, int]] = []
    for items in by_leaf.values():
        items.sort(key=lambda item: item[1])
        matcher = parsed.matcher(items[0][3], context)
        for model, docnum, offset, _ in items:
            local = docnum - offset
            if matcher.is_active() and matcher.id() < local:
                matcher.skip_to(local)
            if not matcher.is_active() or matcher.id() != local:
                return None
            score = matcher.score()
            if abs(score - model) > _TOLERANCE * max(1.0, abs(model)):
                return None
            exact.append((score, docnum))
    return exact


class _Segment:
    """Evaluates a query over one segment: ``{docnum: score}`` of every matching article."""

    def __init__(self, top: Any, sub: Any, weighting: BM25F, check: Callable[[], None]) -> None:
        self.top = top.get_parent() if hasattr(top, "get_parent") else top
        self.sub = sub
        self.reader = sub.reader()
        if type(self.reader) is not SegmentReader:  # an empty index has no postings to read
            raise _Unsupported(type(self.reader).__name__)
        self.weighting = weighting
        self.check = check
        self.doccount = sub.doc_count_all()
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else frozenset()
        self.deleted: frozenset[int] = frozenset(deleted)
        self.lengths: dict[str, bytes] = {}

    def evaluate(self, node: query.Query, scored: bool = True) -> Scores | _Not:
        if node.boost <= 0:
            raise _Unsupported("a zero or negative boost")
        kind = type(node)
        if kind is terms.Term:
            return self._term(node.fieldname, node.text, node.boost)
        if kind is compound.Or and not node.scale and not node.minmatch:
            return self._or(node, scored)
        if kind is compound.And:
            return self._and(node)
        if kind is compound.AndNot:
            return self._and_not(node)
        if kind is wrappers.Not:
            return _Not(set(self._required(node.query)), 1.0)
        if kind is positional.Phrase and node.slop == 1:
            return self._phrase(node)
        if isinstance(node, _PATTERNS) and node.text and node.text != "*":
            return self._pattern(node)
        if kind is ArticleSet:  # the user's data (tag:x, is:unread): a constant score each
            return dict.fromkeys(node.segment_docnums(self.reader), node.boost)
        raise _Unsupported(kind.__name__)

    def _required(self, node: query.Query) -> Scores:
        scores = self.evaluate(node)
        if isinstance(scores, _Not):
            raise _Unsupported("a double negation")
        return scores

    def _or(self, node: query.Query, scored: bool) -> Scores:
        subs = node.subqueries
        if len(subs) == 1:
            return self._required(subs[0])
        parts = [self._required(sub) for sub in subs]
        if not scored and (len(subs) >= node.TOO_MANY_CLAUSES or self._array_or(len(subs))):
            # Whoosh's unscored array matcher: every match scores 1, boosts ignored
            return dict.fromkeys(set().union(*parts), 1.0)
        merged = _sum(parts)
        if node.boost != 1.0:
            boost = node.boost
            merged = {doc: score * boost for doc, score in merged.items()}
        return merged

    def _array_or(self, count: int) -> bool:
        return count != 2 and self.doccount <= _ARRAY_OR_DOCS

    def _and(self, node: query.Query) -> Scores | _Not:
        if len(node.subqueries) == 1:  # Whoosh uses the child's matcher, without the boost
            return self.evaluate(node.subqueries[0])
        parts = [self.evaluate(sub) for sub in node.subqueries]
        positive = [part for part in parts if not isinstance(part, _Not)]
        if not positive:
            raise _Unsupported("an And of negations only")
        positive.sort(key=len)
        docs = set(positive[0]).intersection(*positive[1:])
        for part in parts:
            if isinstance(part, _Not):
                docs -= part.excluded
        added = sum(part.weight for part in parts if isinstance(part, _Not))
        scores = {doc: sum(part[doc] for part in positive) + added for doc in docs}
        if node.boost != 1.0:
            scores = {doc: score * node.boost for doc, score in scores.items()}
        return scores

    def _and_not(self, node: query.Query) -> Scores:
        kept = self._required(node.a)
        excluded = self._required(node.b)
        return {doc: score for doc, score in kept.items() if doc not in excluded}

    def _pattern(self, node: Any) -> Scores:
        words = [word for word in node._btexts(self.reader) if word]
        if len(words) == 1:
            return self._term(node.fieldname, words[0], node.boost)
        expanded = compound.Or([terms.Term(node.fieldname, word, boost=node.boost)
                                for word in words])  # fmt: skip
        return self._or(expanded, scored=not node.constantscore) if words else {}

    def _term(self, fieldname: str, text: str | bytes, boost: float) -> Scores:
        postings = self._postings(fieldname, text)
        ids, weights = postings.ids, postings.weights
        return self._scores(fieldname, text, ids, weights, boost)

    def _scores(
        self, fieldname: str, text: str | bytes, ids: list[int], weights: list[float], boost: float
    ) -> Scores:
        """BM25F scores of a term's postings, as whoosh.scoring.BM25FScorer computes them."""
        if not ids:
            return {}
        field = self.reader.schema[fieldname]
        if not field.scorable:
            return {doc: weight * boost for doc, weight in zip(ids, weights, strict=True)}
        btext = field.to_bytes(text)
        idf = self.top.idf(fieldname, btext)
        avgfl = self.top.avg_field_length(fieldname) or 1
        b = self.weighting._field_B.get(fieldname, self.weighting.B)
        k1 = self.weighting.K1
        # whoosh.scoring.bm25 with the length part computed once per length byte
        norms = [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)]
        lengths = self._lengths(fieldname)
        top = k1 + 1
        scores = {doc: idf * ((weight * top) / (weight + norms[lengths[doc]]))
                  for doc, weight in zip(ids, weights, strict=True)}  # fmt: skip
        if boost != 1.0:
            scores = {doc: score * boost for doc, score in scores.items()}
        return scores

    def _lengths(self, fieldname: str) -> bytes:
        known = self.lengths.get(fieldname)
        if known is None:
            known = self.lengths[fieldname] = field_lengths(self.reader, fieldname, self.doccount)
        return known

    def _postings(self, fieldname: str, text: str | bytes, values: bool = False) -> Postings:
        """A term's postings in this segment, deletions left out (with values if asked)."""
        if fieldname not in self.reader.schema:
            return Postings([], [])
        try:
            btext = self.reader.schema[fieldname].to_bytes(text)
        except ValueError:
            return Postings([], [])
        self.check()
        return read_postings(self.reader, fieldname, btext, self.deleted, values)

    def _phrase(self, node: Any) -> Scores:
        words = node.words
        fieldname = node.fieldname
        reader = self.reader
        if fieldname not in reader.schema or type(reader.schema[fieldname].format) is not Positions:
            raise _Unsupported("a phrase in a field without positions")
        lists = [self._postings(fieldname, word, values=True) for word in words]
        if any(not postings.ids for postings in lists):
            return {}
        docs = set(lists[0].ids).intersection(*(postings.ids for postings in lists[1:]))
        if not docs:
            return {}
        lists = [postings.only(docs) for postings in lists]
        # Every (candidate, position where the phrase would start) as one int: a phrase
        # starts where all its words' keys meet.
        starts: set[int] | None = None
        for offset, postings in enumerate(lists):
            self.check()
            decoded = decode_positions(postings.found)
            keys = {doc * _SPAN + position - offset
                    for doc, deltas in zip(postings.ids, decoded, strict=True)
                    for position in accumulate(deltas)}  # fmt: skip
            starts = keys if starts is None else starts & keys
            if not starts:
                return {}
        total: Scores = dict.fromkeys({key // _SPAN for key in starts or ()}, 0.0)
        for word, postings in zip(words, lists, strict=True):
            scores = self._scores(fieldname, word, postings.ids, postings.weights, 1.0)
            for doc in total:
                total[doc] += scores[doc]
        if node.boost != 1.0:
            total = {doc: score * node.boost for doc, score in total.items()}
        return total


def _sum(parts: list[Scores]) -> Scores:
    """Scores of the articles in any part, summed where several parts match."""
    parts = [part for part in parts if part]
    if not parts:
        return {}
    parts.sort(key=len, reverse=True)
    merged = dict(parts[0])
    get = merged.get
    for part in parts[1:]:
        for doc, score in part.items():
            merged[doc] = get(doc, 0.0) + score
    return merged
