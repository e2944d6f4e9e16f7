"""The catalog's records: one article as stored, a corpus file's stats, quotations as JSON."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from reader.index.stored_quotes import quotes_from_json, quotes_to_json

if TYPE_CHECKING:
    from reader.models import Article, Quote
    from reader.stories.features import StoryFeatures

__all__ = ["FileStat", "Row", "quotes_from_json", "quotes_to_json", "row_values"]


@dataclass(frozen=True, slots=True)
class FileStat:
    """Size and modification time of a corpus file, and the digest of its content if known."""

    size: int
    mtime_ns: int
    digest: str | None = None


@dataclass(frozen=True, slots=True)
class Row:
    """One article as stored in the catalog."""

    id: str
    path: str
    stat: FileStat
    title: str
    source: str | None
    date: str | None
    byline: str | None
    author: str | None
    body: str
    quotes: tuple[Quote, ...]
    story: StoryFeatures | None = field(default=None, compare=False)
    """What the stories need of the article's text, when the index workers computed it
    (not stored in the catalog: the stories file keeps what it needs)."""

    @classmethod
    def of(cls, article: Article, path: str, stat: FileStat) -> Row:
        """The row of an article read from ``path``: its metadata, body and quotations."""
        from reader.quotes import find_quotes  # not on the list's first-paint path

        return cls(
            id=article.id,
            path=path,
            stat=stat,
            title=article.title,
            source=article.source,
            date=article.date,
            byline=article.byline,
            author=article.author,
            body=article.body,
            quotes=tuple(find_quotes(article.body)),
        )


def row_values(row: Row) -> tuple[object, ...]:
    """The ``articles`` table's columns for a row, in table order."""
    return (
        row.id,
        row.path,
        row.stat.size,
        row.stat.mtime_ns,
        row.stat.digest,
        row.title,
        row.source,
        row.date,
        row.byline,
        row.author,
        len(row.quotes),
        row.body,
        quotes_to_json(row.quotes),
    )
