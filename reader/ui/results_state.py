"""What the hit list shows of a search: all its matches in the chosen order and filters, and
the hits (with snippets) read so far, a page at a time."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from reader.models import SearchHit, SearchResult, plural, readable_date
from reader.search.results import FACETS, SORT_ORDERS, Match, ResultSet, SortOrder, months_of

__all__ = ["PAGE_HITS", "ResultsState"]

PAGE_HITS = 50
"""Hits read (snippets made) at a time: the first search's, then each page as it is reached."""


@dataclass(slots=True)
class ResultsState:
    """The matches of the search on screen, how they are ordered and filtered, and the hits
    known so far by article id."""

    result: SearchResult
    """The first page, as ``search`` answered it."""
    results: ResultSet | None = None
    """Every match, once read (None: only the first page is known)."""
    order: SortOrder = "relevance"
    chosen: dict[str, str] = field(default_factory=dict)
    """Facet -> the value results are filtered to."""
    hits: dict[str, SearchHit] = field(default_factory=dict)
    view: list[Match] = field(default_factory=list)
    """The matches to list, in order."""

    def __post_init__(self) -> None:
        self.hits = {hit.id: hit for hit in self.result.hits}
        self.view = [Match(h.id, h.score, h.source, h.date) for h in self.result.hits]

    @property
    def complete(self) -> bool:
        """Whether every match is known (read, or all on the first page)."""
        return self.results is not None or self.result.total <= len(self.result.hits)

    def expanded(self, results: ResultSet) -> None:
        """All the matches have been read: list them, in the current order and filters."""
        self.results = results
        self._refresh_view()

    def set_order(self, order: SortOrder) -> None:
        self.order = order
        self._refresh_view()

    def next_order(self) -> SortOrder:
        return SORT_ORDERS[(SORT_ORDERS.index(self.order) + 1) % len(SORT_ORDERS)]

    def choose(self, facet: str, value: str | None) -> None:
        """Filter to a facet's value (None: drop that facet's filter)."""
        if value is None:
            self.chosen.pop(facet, None)
        else:
            self.chosen[facet] = value
        self._refresh_view()

    def result_set(self) -> ResultSet:
        """Every match known: all of them once read, else the first page's."""
        if self.results is None:
            first = tuple(Match(h.id, h.score, h.source, h.date) for h in self.result.hits)
            return ResultSet(self.result.query, first, _first_page_facets(first))
        return self.results

    def _refresh_view(self) -> None:
        self.results = self.result_set()
        self.view = self.results.view(self.order, self.chosen)

    def missing(self, start: int, count: int = PAGE_HITS) -> list[Match]:
        """The matches from position ``start`` whose hits have not been read yet."""
        return [m for m in self.view[start : start + count] if m.id not in self.hits]

    def known(self, start: int, count: int) -> list[SearchHit]:
        """The hits read so far, in view order, from ``start``, stopping at the first unread."""
        found = []
        for m in self.view[start : start + count]:
            hit = self.hits.get(m.id)
            if hit is None:
                break
            found.append(hit)
        return found

    def add(self, hits: Sequence[SearchHit]) -> None:
        self.hits.update((hit.id, hit) for hit in hits)

    def describe(self) -> str:
        """``671 hits · by date · Outlet: Reuters`` for the list's border."""
        total = len(self.view) if self.chosen or self.results else self.result.total
        parts = [plural(total, "hit")]
        if self.chosen and self.results is not None:
            parts[0] += f" of {len(self.results.matches):,}"
        parts.append(f"by {self.order}")
        parts.extend(
            f"{FACETS.get(facet, facet.title())}: {shown_facet_value(facet, value)}"
            for facet, value in self.chosen.items()
        )
        return " · ".join(parts)


def shown_facet_value(facet: str, value: str) -> str:
    """A facet value as a reader sees it: a month with no year (``--03``) as "Mar"."""
    return (readable_date(value) or value) if facet == "month" else value


def _first_page_facets(matches: tuple[Match, ...]) -> dict[str, Mapping[str, frozenset[str]]]:
    """Outlet and month of the first page's matches (``expand`` gives them for all)."""
    return {
        "outlet": {m.id: frozenset({m.source}) for m in matches if m.source},
        "month": months_of(matches),
    }
