"""The plain frozen records of the user's data that front ends receive."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

__all__ = ["ArticleState", "QuoteNote", "SavedSearch", "TagCount", "Visit", "from_ns"]


def from_ns(value: int) -> datetime:
    """A stored time (nanoseconds since the epoch) as an aware UTC datetime."""
    return datetime.fromtimestamp(value / 1e9, tz=UTC)


@dataclass(frozen=True, slots=True)
class QuoteNote:
    """The user's note on one quotation of an article.

    A quotation is known by its text (``quote_hash``, of the text with spacing and case
    folded) and which ``occurrence`` of that text it is in the article, never by its speaker
    or offsets, so the note stays when the quotation is attributed anew or the article is
    re-indexed.
    """

    quote: str
    """The quotation's text when the note was written."""
    quote_hash: str
    occurrence: int
    note: str
    updated: datetime


@dataclass(frozen=True, slots=True)
class ArticleState:
    """What the user has done with one article."""

    article_id: str
    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()
    """Sorted case-insensitively, as first typed."""
    note: str | None = None
    quote_notes: tuple[QuoteNote, ...] = ()

    @property
    def has_note(self) -> bool:
        return self.note is not None or bool(self.quote_notes)


@dataclass(frozen=True, slots=True)
class Visit:
    """One opening of an article, for the history."""

    article_id: str
    title: str | None
    """The title when it was opened (the article may since have gone from the corpus)."""
    at: datetime


@dataclass(frozen=True, slots=True)
class SavedSearch:
    """A query the user named; unread counts come from running it (``is:unread``)."""

    name: str
    query: str
    created: datetime
    updated: datetime


@dataclass(frozen=True, slots=True)
class TagCount:
    """A tag and how many articles of the corpus carry it."""

    tag: str
    count: int
