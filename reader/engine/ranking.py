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
from itertools import pairwise
from typing import Any

from whoosh import query
from whoosh.scoring import BM25F

from reader.engine.fast_paths import fast_paths_enabled, log_fallback
from reader.engine.segment_scores import Negation, Segment, Unsupported, check_modelled

__all__ = ["Ranked", "fast_rank", "rank"]

# How close the model's score must be to Whoosh's (float sums in another order differ in
# the last bits; anything larger means the model is wrong for this query).
_TOLERANCE = 1e-9


@dataclass(frozen=True, slots=True)
class Ranked:
    """The best ``limit`` matches as ``(score, docnum)``, best first, and how many matched."""

    top: list[tuple[float, int]]
    total: int


def fast_rank(
    searcher: Any, parsed: query.Query, limit: int, check: Callable[[], None]
) -> Ranked | None:
    """``rank`` while the fast paths are on; None when they are off, when ``rank`` does not
    model the query, or when it failed unexpectedly (logged): the caller then runs Whoosh's
    collector. What ``check`` raises (the search ran too long) passes through."""
    if not fast_paths_enabled():
        return None
    stopped: list[BaseException] = []

    def checked() -> None:
        try:
            check()
        except BaseException as error:
            stopped.append(error)
            raise

    try:
        return rank(searcher, parsed, limit, checked)
    except Exception as error:
        if stopped and error is stopped[-1]:
            raise
        log_fallback("ranking from posting lists", error)
        return None


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
    try:
        check_modelled(parsed, negation=False)
    except Unsupported:  # before reading any posting list
        return None
    found: list[tuple[float, int, int, Any]] = []  # (model score, global docnum, offset, leaf)
    total = 0
    try:
        for sub, offset in searcher.leaf_searchers():
            scores = Segment(searcher, sub, weighting, check).evaluate(parsed)
            if isinstance(scores, Negation):
                raise Unsupported("a query that only excludes")
            total += len(scores)
            if len(scores) > limit:
                # everything scoring at least the segment's limit-th best score
                floor = nlargest(limit, scores.values())[-1]
                floor -= _TOLERANCE * max(1.0, abs(floor))
                found.extend((score, offset + doc, offset, sub)
                             for doc, score in scores.items() if score >= floor)  # fmt: skip
            else:
                found.extend((score, offset + doc, offset, sub) for doc, score in scores.items())
    except Unsupported:
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
