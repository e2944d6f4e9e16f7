"""Every matching article of one segment with its BM25F score, from whole posting lists: the
query's boolean structure as dict and set operations, phrases checked against positions only
for articles holding every word (see ``reader.engine.ranking`` for how the scores are used)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from whoosh import query
from whoosh.formats import Positions
from whoosh.query import compound, positional, terms, wrappers
from whoosh.reading import SegmentReader
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from reader.engine.article_sets import ArticleSet
from reader.engine.postings import Postings, decode_positions, field_lengths, read_postings

__all__ = ["Negation", "Scores", "Segment", "Unsupported", "check_modelled"]

# Whoosh picks an array-based Or matcher (unscored for constant-score expansions) under
# these conditions (whoosh.query.compound.Or._matcher, with the default search context).
_ARRAY_OR_DOCS = 5000
_PATTERNS = (terms.Prefix, terms.Wildcard, terms.FuzzyTerm)

Scores = dict[int, float]
_SPAN = 1 << 32  # more positions than any field has


class Unsupported(Exception):
    """A query part not modelled here: Whoosh's collector runs it."""


@dataclass(slots=True)
class Negation:
    """A negated part inside an And: the articles it excludes and the score it adds."""

    excluded: set[int]
    weight: float


def check_modelled(node: query.Query, negation: bool) -> None:
    """Raise ``Unsupported`` for a query shape ``Segment.evaluate`` does not model (it
    checks again as it goes; this finds most cases before any posting list is read).
    ``negation``: whether the node may be a negation (a part of an And)."""
    kind = type(node)
    if node.boost <= 0:
        raise Unsupported("a zero or negative boost")
    if kind is compound.Or and not node.scale and not node.minmatch:
        for sub in node.subqueries:
            check_modelled(sub, negation=False)
    elif kind is compound.And and len(node.subqueries) == 1:
        check_modelled(node.subqueries[0], negation)
    elif kind is compound.And:
        for sub in node.subqueries:
            check_modelled(sub, negation=True)
        if all(_is_negation(sub) for sub in node.subqueries):
            raise Unsupported("an And of negations only")
    elif kind is compound.AndNot:
        check_modelled(node.a, negation=False)
        check_modelled(node.b, negation=False)
    elif kind is wrappers.Not:
        if not negation:
            raise Unsupported("a negation outside an And")
        check_modelled(node.query, negation=False)
    elif not (
        kind is terms.Term
        or kind is ArticleSet
        or (kind is positional.Phrase and node.slop == 1)
        or (isinstance(node, _PATTERNS) and node.text and node.text != "*")
    ):
        raise Unsupported(kind.__name__)


def _is_negation(node: query.Query) -> bool:
    """Whether ``evaluate`` gives a negation for ``node`` (a Not, or an And around one)."""
    if type(node) is compound.And and len(node.subqueries) == 1:
        return _is_negation(node.subqueries[0])
    return type(node) is wrappers.Not


class Segment:
    """Evaluates a query over one segment: ``{docnum: score}`` of every matching article."""

    def __init__(self, top: Any, sub: Any, weighting: BM25F, check: Callable[[], None]) -> None:
        self.top = top.get_parent() if hasattr(top, "get_parent") else top
        self.sub = sub
        self.reader = sub.reader()
        if type(self.reader) is not SegmentReader:  # an empty index has no postings to read
            raise Unsupported(type(self.reader).__name__)
        self.weighting = weighting
        self.check = check
        self.doccount = sub.doc_count_all()
        deleted = self.reader.deleted_docs_set if self.reader.has_deletions() else frozenset()
        self.deleted: frozenset[int] = frozenset(deleted)
        self.lengths: dict[str, bytes] = {}
        self.norms: dict[str, list[float]] = {}

    def evaluate(self, node: query.Query) -> Scores | Negation:
        if node.boost <= 0:
            raise Unsupported("a zero or negative boost")
        kind = type(node)
        if kind is terms.Term:
            return self._term(node.fieldname, node.text, node.boost)
        if kind is compound.Or and not node.scale and not node.minmatch:
            return self._or(node)
        if kind is compound.And:
            return self._and(node)
        if kind is compound.AndNot:
            return self._and_not(node)
        if kind is wrappers.Not:
            return Negation(set(self._required(node.query)), 1.0)
        if kind is positional.Phrase and node.slop == 1:
            return self._phrase(node)
        if isinstance(node, _PATTERNS) and node.text and node.text != "*":
            return self._pattern(node)
        if kind is ArticleSet:  # the user's data (tag:x, is:unread): a constant score each
            return dict.fromkeys(node.segment_docnums(self.reader), node.boost)
        raise Unsupported(kind.__name__)

    def _required(self, node: query.Query) -> Scores:
        scores = self.evaluate(node)
        if isinstance(scores, Negation):
            raise Unsupported("a double negation")
        return scores

    def _or(self, node: query.Query) -> Scores:
        subs = node.subqueries
        if len(subs) == 1:
            return self._required(subs[0])
        merged = _sum([self._required(sub) for sub in subs])
        if node.boost != 1.0:
            boost = node.boost
            merged = {doc: score * boost for doc, score in merged.items()}
        return merged

    def _array_or(self, count: int) -> bool:
        return count != 2 and self.doccount <= _ARRAY_OR_DOCS

    def _and(self, node: query.Query) -> Scores | Negation:
        if len(node.subqueries) == 1:  # Whoosh uses the child's matcher, without the boost
            return self.evaluate(node.subqueries[0])
        parts = [self.evaluate(sub) for sub in node.subqueries]
        positive = [part for part in parts if not isinstance(part, Negation)]
        if not positive:
            raise Unsupported("an And of negations only")
        positive.sort(key=len)
        docs = set(positive[0]).intersection(*positive[1:])
        for part in parts:
            if isinstance(part, Negation):
                docs -= part.excluded
        added = sum(part.weight for part in parts if isinstance(part, Negation))
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
        if not words:
            return {}
        too_many = len(words) >= compound.Or.TOO_MANY_CLAUSES
        if node.constantscore and (too_many or self._array_or(len(words))):
            # Whoosh's unscored array matcher: every match scores 1, boosts ignored (so the
            # postings' scores are never computed)
            matched: set[int] = set()
            for word in words:
                matched.update(self._postings(node.fieldname, word).ids)
            return dict.fromkeys(matched, 1.0)
        expanded = compound.Or([terms.Term(node.fieldname, word, boost=node.boost)
                                for word in words])  # fmt: skip
        return self._or(expanded)

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
        norms = self._norms(fieldname)
        lengths = self._lengths(fieldname)
        top = self.weighting.K1 + 1
        scores = {doc: idf * ((weight * top) / (weight + norms[lengths[doc]]))
                  for doc, weight in zip(ids, weights, strict=True)}  # fmt: skip
        if boost != 1.0:
            scores = {doc: score * boost for doc, score in scores.items()}
        return scores

    def _norms(self, fieldname: str) -> list[float]:
        """whoosh.scoring.bm25's length part for each length byte, once per field."""
        known = self.norms.get(fieldname)
        if known is None:
            avgfl = self.top.avg_field_length(fieldname) or 1
            b = self.weighting._field_B.get(fieldname, self.weighting.B)
            k1 = self.weighting.K1
            known = [k1 * ((1 - b) + b * byte_to_length(byte) / avgfl) for byte in range(256)]
            self.norms[fieldname] = known
        return known

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
            raise Unsupported("a phrase in a field without positions")
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
