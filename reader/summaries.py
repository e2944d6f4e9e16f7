"""The part of ``reader.models`` the article list's first screen needs: its entry
(``ArticleSummary``), its sort keys, and how counts, dates and stories read.

Kept apart so that opening the list does not create the other records' classes (each frozen
dataclass costs ~0.4 ms to create at import). ``reader.models`` re-exports everything here:
import from there, unless the code runs before the list's first paint.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["SORT_KEYS", "ArticleSummary", "SortKey", "plural", "readable_date", "story_summary"]

SortKey = Literal["id", "title", "date", "source", "quotes"]
SORT_KEYS: tuple[SortKey, ...] = ("id", "title", "date", "source", "quotes")
"""Every order the article list can be sorted in."""


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """What the article list shows of one article."""

    id: str
    title: str
    source: str | None
    date: str | None
    quote_count: int
    path: str


def story_summary(size: int, outlets: int, copies: int) -> str:
    """``5 outlets · 2 copies`` (one article an outlet); ``6 articles · 4 outlets`` when
    some outlet has two or some article no known outlet; ``3 articles`` under two outlets."""
    text = plural(size, "article")
    if outlets > 1:
        text = f"{outlets} outlets" if outlets == size else f"{text} · {outlets} outlets"
    if copies:
        text += f" · {plural(copies, 'copy', 'copies')}"
    return text


_MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def plural(count: int, noun: str, many: str | None = None) -> str:
    """``1 paragraph``, ``2 paragraphs``, ``1,024 files``; ``many`` is an irregular plural
    (``plural(2, "copy", "copies")``)."""
    return f"{count:,} {noun if count == 1 else many or noun + 's'}"


def readable_date(stored: str | None) -> str | None:
    """A stored date as a reader sees it: a full date as it is ("1987-03-02"), a month and
    day with no year (a wire dateline's "--03-02") as "Mar 2", a month alone ("--03") as
    "Mar". For what people read (list, reading pane, plain CLI, Markdown); data keeps ISO."""
    if not stored or not stored.startswith("--"):
        return stored
    month, _, day = stored[2:].partition("-")
    if not month.isdigit() or not 1 <= int(month) <= 12:
        return stored
    name = _MONTH_NAMES[int(month) - 1]
    return f"{name} {int(day)}" if day.isdigit() else name
