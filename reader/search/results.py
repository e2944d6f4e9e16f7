"""Every article a query matches, not only the best few: ordered by relevance, date or outlet,
counted and filtered by facets (outlet, month, speaker, and any facet the caller adds, such
as the reader's own tags), and turned into hits with snippets a page at a time."""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Literal

from reader.models import SearchHit
from reader.search.queries import QueryError, bound_expansions, parse_query
from reader.search.searching import SEARCH_SECONDS, _too_slow, _top_hits
from reader.search.snippets import Highlight

if TYPE_CHECKING:
    from reader.index import Library

__all__ = [
    "FACETS",
    "SORT_ORDERS",
    "SPEAKER_FACET_ARTICLES",
    "FacetValues",
    "Match",
    "ResultSet",
    "SortOrder",
    "all_matches",
    "expand",
    "hits_for",
    "month_of",
    "months_of",
    "with_facets",
]

SortOrder = Literal["relevance", "date", "outlet"]
SORT_ORDERS: tuple[SortOrder, ...] = ("relevance", "date", "outlet")
FACETS: dict[str, str] = {"outlet": "Outlet", "month": "Month", "speaker": "Speaker"}
"""The built-in facets and their labels; callers may add more (``expand(extra=...)``)."""
SPEAKER_FACET_ARTICLES = 5000
"""Speakers are read for at most this many of the best matches (their quotes are parsed)."""
_MONTH = re.compile(r"\d{4}-\d{2}|--\d{2}")

FacetValues = Callable[[Sequence[str]], Mapping[str, Collection[str]]]
"""For article ids, each one's values of a facet (an article may have several: tags)."""


@dataclass(frozen=True, slots=True)
class Match:
    """One matching article: its score, and what sorting by date or outlet needs."""

    id: str
    score: float
    source: str | None
    date: str | None


@dataclass(frozen=True, slots=True)
class ResultSet:
    """All the matches of a query, best first, with each article's facet values."""

    query: str
    matches: tuple[Match, ...]
    values: Mapping[str, Mapping[str, frozenset[str]]] = field(default_factory=dict)
    """Facet name -> article id -> its values in that facet."""
    partial: frozenset[str] = frozenset()
    """Facets whose values were read for the best ``SPEAKER_FACET_ARTICLES`` only."""

    def view(self, order: SortOrder, chosen: Mapping[str, str]) -> list[Match]:
        """The matches with every chosen facet value, in this order."""
        wanted = [(self.values.get(facet, {}), value) for facet, value in chosen.items() if value]
        kept = [
            m for m in self.matches if all(value in by_id.get(m.id, ()) for by_id, value in wanted)
        ]
        return sort_matches(kept, order)

    def counts(self, within: Sequence[Match]) -> dict[str, list[tuple[str, int]]]:
        """For each facet, how many of ``within`` have each value, most first (months newest
        first)."""
        counted: dict[str, list[tuple[str, int]]] = {}
        for facet, by_id in self.values.items():
            counter = Counter(value for m in within for value in by_id.get(m.id, ()))
            if facet == "month":
                counted[facet] = sorted(counter.items(), reverse=True)
            else:
                counted[facet] = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
        return counted


def sort_matches(matches: Sequence[Match], order: SortOrder) -> list[Match]:
    """Best first; newest first; or by outlet A-Z. Articles without a date or an outlet go
    last, and ties keep the order of relevance."""
    if order == "date":
        dated = sorted((m for m in matches if m.date), key=lambda m: m.date or "", reverse=True)
        return dated + [m for m in matches if not m.date]
    if order == "outlet":
        named = sorted((m for m in matches if m.source), key=lambda m: (m.source or "").casefold())
        return named + [m for m in matches if not m.source]
    return list(matches)


def all_matches(library: Library, text: str) -> list[Match]:
    """Every article ``text`` matches, best first, with the scores and order of ``search``.

    Raises QueryError as ``search`` does (run ``search`` first: it also tells a damaged
    index apart, which this does not).
    """
    deadline = time.monotonic() + SEARCH_SECONDS

    def check() -> None:
        if time.monotonic() > deadline:
            raise _too_slow()

    try:
        searcher = library.searcher()
        parsed = bound_expansions(parse_query(text), searcher.reader(), check)
        limit = max(1, searcher.doc_count_all())
        _, found = _top_hits(searcher, parsed, limit, deadline, check)
        facts = library.catalog.outlets_and_dates(article_id for article_id, _ in found)
    except QueryError:
        raise
    except Exception as error:  # the index changed or went away since the first search
        raise QueryError(f"the search failed ({type(error).__name__}: {error})") from error
    return [
        Match(article_id, float(score), *facts[article_id])
        for article_id, score in found
        if article_id in facts  # not deleted since
    ]


def expand(library: Library, text: str) -> ResultSet:
    """``all_matches`` with their outlet and month facets (``with_facets`` adds the rest)."""
    matches = tuple(all_matches(library, text))
    values: dict[str, Mapping[str, frozenset[str]]] = {
        "outlet": {m.id: frozenset({m.source}) for m in matches if m.source},
        "month": months_of(matches),
    }
    return ResultSet(text, matches, values)


def month_of(stored: str | None) -> str | None:
    """The month facet's value of a stored date: ``1987-03``, or ``--03`` for a date with no
    year (a wire dateline's ``--03-02``)."""
    match = _MONTH.match(stored or "")
    return match[0] if match else None


def months_of(matches: Sequence[Match]) -> dict[str, frozenset[str]]:
    """Each dated match's month facet value."""
    return {m.id: frozenset({month}) for m in matches if (month := month_of(m.date))}


def with_facets(
    library: Library, results: ResultSet, extra: Mapping[str, FacetValues] | None = None
) -> ResultSet:
    """``results`` with speakers and the ``extra`` facets (for example ``{"tag": tags_of}``
    from the reader's own data), read for the best ``SPEAKER_FACET_ARTICLES`` matches:
    reading them costs more than the search, so it waits until facets are asked for."""
    best = [m.id for m in results.matches[:SPEAKER_FACET_ARTICLES]]
    values = dict(results.values)
    values["speaker"] = library.catalog.speakers_of(best)
    for facet, values_of in (extra or {}).items():
        values[facet] = {key: frozenset(found) for key, found in values_of(best).items()}
    added = frozenset(values) - frozenset(results.values)
    partial = added if len(results.matches) > len(best) else frozenset()
    return replace(results, values=values, partial=partial)


def hits_for(library: Library, matches: Sequence[Match], highlight: Highlight) -> list[SearchHit]:
    """Hits with snippets for these matches (a page of them), in the same order."""
    from reader.search.speaker_snippets import hit_snippets

    details = library.catalog.hit_details(m.id for m in matches)
    bodies = {article_id: body for article_id, (_, _, _, body) in details.items()}
    snippets = hit_snippets(library, bodies, highlight)
    hits = []
    for m in matches:
        if m.id in details:  # not deleted since
            title, source, date, _ = details[m.id]
            text, spans = snippets[m.id]
            hits.append(SearchHit(m.id, title, source, date, m.score, text, tuple(spans)))
    return hits
