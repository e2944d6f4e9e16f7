"""The article list read from the catalog: its sort orders, pages of it, and where an article
is in it."""

from __future__ import annotations

import sqlite3

from reader.summaries import ArticleSummary, SortKey

__all__ = ["SORT_INDEXES", "page", "position_of", "summaries", "summary"]

# One index per sort order of the article list, so a page of it is read without a sort of the
# whole table (start-up and scrolling stay flat in corpus size).
SORT_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_by_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date, id);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS articles_by_quotes ON articles(quote_count, id);
"""
# Each sort: the key, and the column that may be missing (NULL) for an article.
_KEYS: dict[str, tuple[str, str | None]] = {
    "id": ("id", None),
    "title": ("title COLLATE NOCASE", None),
    "date": ("date", "date"),
    "source": ("source COLLATE NOCASE", "source"),
    "quotes": ("quote_count", None),
}
_COLUMNS = "id, title, source, date, quote_count, path"


def summaries(
    connection: sqlite3.Connection, sort: SortKey = "id", descending: bool = False
) -> list[ArticleSummary]:
    """The whole list, in ``page``'s order."""
    return _read(connection, 0, None, sort, descending)


def page(
    connection: sqlite3.Connection,
    offset: int,
    limit: int,
    sort: SortKey = "date",
    descending: bool = False,
) -> list[ArticleSummary]:
    """Rows ``offset`` to ``offset + limit`` of the article list in this order: by the
    sort key then id, both ``descending`` or not; articles without a date (or outlet)
    always come last, by id. Titles compare case-insensitively (ASCII letters)."""
    if limit <= 0 or offset < 0:
        return []
    return _read(connection, offset, limit, sort, descending)


def _read(
    connection: sqlite3.Connection,
    offset: int,
    limit: int | None,
    sort: SortKey,
    descending: bool,
) -> list[ArticleSummary]:
    """Up to ``limit`` rows (all without one) from ``offset`` on, in ``page``'s order."""
    key, optional = _KEYS[sort]
    direction = "DESC" if descending else "ASC"
    present = f"WHERE {optional} IS NOT NULL" if optional else ""
    rows = connection.execute(
        f"SELECT {_COLUMNS} FROM articles {present}"
        f" ORDER BY {key} {direction}, id {direction} LIMIT ? OFFSET ?",
        (_sql_limit(limit), offset),
    ).fetchall()
    if optional and (limit is None or len(rows) < limit):
        rest = None if limit is None else limit - len(rows)
        rows += _missing(connection, optional, offset, rest, after_present=bool(rows))
    return [ArticleSummary(*row) for row in rows]


def _missing(
    connection: sqlite3.Connection,
    column: str,
    offset: int,
    limit: int | None,
    after_present: bool,
) -> list[tuple[object, ...]]:
    """The rows without a ``column`` value that follow, by id, the rows that have one; a
    page that began ``offset`` rows in (``after_present``: some of it had a value)."""
    skip = (
        0
        if after_present or offset == 0
        else offset - _count_where(connection, f"{column} IS NOT NULL")
    )
    return connection.execute(
        f"SELECT {_COLUMNS} FROM articles WHERE {column} IS NULL ORDER BY id LIMIT ? OFFSET ?",
        (_sql_limit(limit), max(0, skip)),
    ).fetchall()


def position_of(
    connection: sqlite3.Connection,
    article_id: str,
    sort: SortKey = "date",
    descending: bool = False,
) -> int | None:
    """Where this article is in ``page``'s order, None when it is not indexed."""
    key, optional = _KEYS[sort]
    query = f"SELECT {key}, id FROM articles WHERE id = ?"
    found = connection.execute(query, (article_id,)).fetchone()
    if found is None:
        return None
    if optional and found[0] is None:
        before = _count_where(connection, f"{optional} IS NULL AND id < ?", (article_id,))
        return _count_where(connection, f"{optional} IS NOT NULL") + before
    later = ">" if descending else "<"
    present = f"{optional} IS NOT NULL AND " if optional else ""
    return _count_where(connection, f"{present}({key}, id) {later} (?, ?)", tuple(found))


def summary(connection: sqlite3.Connection, article_id: str) -> ArticleSummary | None:
    """The list entry of one article; None when it is not indexed."""
    query = f"SELECT {_COLUMNS} FROM articles WHERE id = ?"
    row = connection.execute(query, (article_id,)).fetchone()
    return ArticleSummary(*row) if row else None


def _count_where(
    connection: sqlite3.Connection, condition: str, parameters: tuple[object, ...] = ()
) -> int:
    query = f"SELECT count(*) FROM articles WHERE {condition}"
    return int(connection.execute(query, parameters).fetchone()[0])


def _sql_limit(limit: int | None) -> int:
    return -1 if limit is None else limit  # SQLite reads a negative LIMIT as none
