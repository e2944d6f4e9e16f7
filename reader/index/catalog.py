"""The catalog: an SQLite table of indexed articles (metadata, cleaned body, quotes, file stats).

Whoosh answers "which articles match"; the catalog answers everything else about an article
quickly (listing, sorting, snippets, quotes) and remembers file stats for incremental updates.
"""

from __future__ import annotations

import itertools
import json
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.models import ArticleSummary, Quote, SortKey
from reader.quotes import store as quote_store
from reader.sqlite import select_in

__all__ = ["CATALOG_VERSION", "ArticleSummary", "Catalog", "FileStat", "Row", "SortKey"]

CATALOG_VERSION = 2
"""Bumped when the tables change meaning: an index of another version is rebuilt."""
# From this many changed articles on (or a tenth of the catalog), quotations are grouped
# again from scratch instead of incrementally.
_FULL_RELINK = 2000

_ORDER: dict[str, str] = {
    "id": "id",
    "title": "title COLLATE NOCASE, id",
    "date": "date IS NULL, date, id",
    "source": "source IS NULL, source COLLATE NOCASE, id",
    "quotes": "quote_count, id",
}
_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, size INTEGER, mtime_ns INTEGER, digest TEXT,
    title TEXT, source TEXT, date TEXT, byline TEXT, author TEXT,
    quote_count INTEGER, body TEXT, quotes TEXT
);
CREATE INDEX IF NOT EXISTS articles_stats ON articles(path, size, mtime_ns);
CREATE TABLE IF NOT EXISTS skipped (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, reason TEXT
);
"""

# One index per sort order of the article list, so a page of it is read without a sort of the
# whole table (start-up and scrolling stay flat in corpus size).
_SORT_INDEXES = """
CREATE INDEX IF NOT EXISTS articles_by_title ON articles(title COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date, id);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source COLLATE NOCASE, id);
CREATE INDEX IF NOT EXISTS articles_by_quotes ON articles(quote_count, id);
"""
# Page sorts: the key, and the column that may be missing (NULL) for an article.
_PAGE_KEYS: dict[str, tuple[str, str | None]] = {
    "id": ("id", None),
    "title": ("title COLLATE NOCASE", None),
    "date": ("date", "date"),
    "source": ("source COLLATE NOCASE", "source"),
    "quotes": ("quote_count", None),
}
_SUMMARY_COLUMNS = "id, title, source, date, quote_count, path"


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


def quotes_to_json(quotes: Iterable[Quote]) -> str:
    return json.dumps(
        [[q.text, q.start, q.end, q.paragraph, q.kind, q.speaker, q.group] for q in quotes],
        ensure_ascii=False,
    )


def quotes_from_json(text: str | None) -> tuple[Quote, ...]:
    return tuple(Quote(*fields) for fields in json.loads(text or "[]"))


_CONNECTIONS = itertools.count(1)  # serial numbers of opened connections


class Catalog:
    """SQLite storage of indexed articles; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        with self._transaction() as connection:
            connection.executescript(_SCHEMA + quote_store.SCHEMA)
        try:
            with self._transaction() as connection:
                connection.executescript(_SORT_INDEXES)
        except sqlite3.OperationalError:
            pass  # a read-only catalog from before these indexes: pages are sorted scans

    def _connection(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        identity = _identity(self.path)
        if connection is not None and identity not in (None, self._local.identity):
            # Another process rebuilt the index: this connection still reads the deleted file.
            connection.close()
            connection = None
        if connection is None:
            try:
                connection = sqlite3.connect(self.path, timeout=30)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.OperationalError:
                if os.access(self.path.parent, os.W_OK) or not self.path.exists():
                    raise
                # A read-only folder: WAL needs to write its -shm file, so read the file as is.
                uri = f"{self.path.resolve().as_uri()}?immutable=1"
                connection = sqlite3.connect(uri, uri=True, check_same_thread=True)
            self._local.connection = connection
            self._local.serial = next(_CONNECTIONS)
            self._local.identity = identity or _identity(self.path)
        return connection

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        connection = self._connection()
        with connection:
            yield connection

    def close(self) -> None:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    def count(self) -> int:
        return int(self._connection().execute("SELECT count(*) FROM articles").fetchone()[0])

    def file_stats(self, paths: Iterable[str] | None = None) -> dict[str, tuple[str, FileStat]]:
        """``{path: (id, stat)}`` of these indexed articles (every one without ``paths``)."""
        query = "SELECT path, id, size, mtime_ns, digest FROM articles"
        connection = self._connection()
        if paths is None:
            rows = connection.execute(query).fetchall()
        else:
            # a file name that is not UTF-8 is never an article (it is skipped), nor a key
            wanted = [path for path in paths if isinstance(_key(path), str)]
            rows = list(select_in(connection, f"{query} WHERE path IN", wanted))
        return {
            path: (id_, FileStat(size, mtime, digest)) for path, id_, size, mtime, digest in rows
        }

    def change_mark(self) -> tuple[int, int]:
        """Equal marks mean no other connection (thread or process) committed in between.

        (SQLite's data_version counts other connections' commits per connection, so marks
        of different connections, another thread's or a reopened one, never compare equal.)
        """
        connection = self._connection()
        version = int(connection.execute("PRAGMA data_version").fetchone()[0])
        return int(self._local.serial), version

    def write_mark(self) -> tuple[int, int, int]:
        """Equal marks mean nobody, this connection included, committed in between (the
        user's data matches its records to the articles again after any change)."""
        serial, version = self.change_mark()
        return serial, version, self._connection().total_changes

    def stat_pairs(self) -> dict[str, tuple[int, int]]:
        """``{path: (size, mtime_ns)}`` of every indexed or skipped file: the start-up check
        compares it with the corpus as one dict (no object per file)."""
        connection = self._connection()
        rows = connection.execute("SELECT path, size, mtime_ns FROM articles")
        pairs = {path: (size, mtime) for path, size, mtime in rows}
        rows = connection.execute("SELECT path, size, mtime_ns FROM skipped")
        pairs.update({_path(path): (size, mtime) for path, size, mtime in rows})
        return pairs

    def skipped_stats(self) -> dict[str, FileStat]:
        rows = self._connection().execute("SELECT path, size, mtime_ns FROM skipped")
        return {_path(path): FileStat(size, mtime) for path, size, mtime in rows}

    def skipped(self) -> list[tuple[str, str]]:
        """``(path, reason)`` of every file that could not be indexed."""
        rows = self._connection().execute("SELECT path, reason FROM skipped ORDER BY path")
        return [(_path(path), reason) for path, reason in rows]

    def summaries(self, sort: SortKey = "id", descending: bool = False) -> list[ArticleSummary]:
        order = _ORDER[sort]
        if descending:
            order = ", ".join(f"{part} DESC" for part in order.split(", "))
        rows = self._connection().execute(
            f"SELECT id, title, source, date, quote_count, path FROM articles ORDER BY {order}"
        )
        return [ArticleSummary(*row) for row in rows]

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey = "date", descending: bool = False
    ) -> list[ArticleSummary]:
        """Rows ``offset`` to ``offset + limit`` of the article list in this order: by the
        sort key then id, both ``descending`` or not; articles without a date (or outlet)
        always come last, by id. Titles compare case-insensitively (ASCII letters)."""
        if limit <= 0 or offset < 0:
            return []
        key, optional = _PAGE_KEYS[sort]
        direction = "DESC" if descending else "ASC"
        connection = self._connection()
        present = f"WHERE {optional} IS NOT NULL" if optional else ""
        rows = connection.execute(
            f"SELECT {_SUMMARY_COLUMNS} FROM articles {present}"
            f" ORDER BY {key} {direction}, id {direction} LIMIT ? OFFSET ?",
            (limit, offset),
        ).fetchall()
        if optional and len(rows) < limit:
            if rows or offset == 0:
                skip = 0
            else:
                skip = offset - self._count_where(f"{optional} IS NOT NULL")
            rows += connection.execute(
                f"SELECT {_SUMMARY_COLUMNS} FROM articles WHERE {optional} IS NULL"
                " ORDER BY id LIMIT ? OFFSET ?",
                (limit - len(rows), max(0, skip)),
            ).fetchall()
        return [ArticleSummary(*row) for row in rows]

    def position_of(
        self, article_id: str, sort: SortKey = "date", descending: bool = False
    ) -> int | None:
        """Where this article is in ``summaries_page``'s order, None when it is not indexed."""
        key, optional = _PAGE_KEYS[sort]
        found = (
            self._connection()
            .execute(f"SELECT {key}, id FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        if found is None:
            return None
        if optional and found[0] is None:
            before = self._count_where(f"{optional} IS NULL AND id < ?", (article_id,))
            return self._count_where(f"{optional} IS NOT NULL") + before
        later = ">" if descending else "<"
        present = f"{optional} IS NOT NULL AND " if optional else ""
        return self._count_where(f"{present}({key}, id) {later} (?, ?)", tuple(found))

    def _count_where(self, condition: str, parameters: tuple[object, ...] = ()) -> int:
        query = f"SELECT count(*) FROM articles WHERE {condition}"
        return int(self._connection().execute(query, parameters).fetchone()[0])

    def summary(self, article_id: str) -> ArticleSummary | None:
        row = (
            self._connection()
            .execute(
                "SELECT id, title, source, date, quote_count, path FROM articles WHERE id = ?",
                (article_id,),
            )
            .fetchone()
        )
        return ArticleSummary(*row) if row else None

    def row(self, article_id: str) -> Row | None:
        found = (
            self._connection()
            .execute(
                "SELECT id, path, size, mtime_ns, digest, title, source, date, byline, author,"
                " body, quotes FROM articles WHERE id = ?",
                (article_id,),
            )
            .fetchone()
        )
        if found is None:
            return None
        id_, path, size, mtime, digest, title, source, date, byline, author, body, quotes = found
        linked = quote_store.linked(self._connection(), {id_: quotes_from_json(quotes)})
        return Row(
            id_,
            path,
            FileStat(size, mtime, digest),
            title,
            source,
            date,
            byline,
            author,
            body,
            linked[id_],
        )

    def hit_details(
        self, article_ids: Iterable[str]
    ) -> dict[str, tuple[str, str | None, str | None, str]]:
        """``{id: (title, source, date, body)}`` of these articles, in one query."""
        rows = select_in(
            self._connection(),
            "SELECT id, title, source, date, body FROM articles WHERE id IN",
            article_ids,
        )
        return {id_: (title, source, date, body) for id_, title, source, date, body in rows}

    def digests(self, article_ids: Iterable[str]) -> dict[str, str | None]:
        """``{id: digest of the file's bytes}`` of those of these articles that are indexed
        (the user's data follows an article by id and content through rebuilds and moves)."""
        rows = select_in(
            self._connection(), "SELECT id, digest FROM articles WHERE id IN", article_ids
        )
        return {id_: digest for id_, digest in rows}

    def ids_with_digests(self, digests: Iterable[str]) -> list[tuple[str, str]]:
        """``(id, digest)`` of every indexed article whose file has one of these digests,
        by id: where a renamed or moved file is now."""
        rows = select_in(
            self._connection(), "SELECT id, digest FROM articles WHERE digest IN", digests
        )
        return sorted((id_, digest) for id_, digest in rows)

    def all_quotes(self) -> dict[str, tuple[Quote, ...]]:
        """Every article's quotations, with groups and speakers' display names."""
        connection = self._connection()
        return quote_store.linked(connection, self._all_raw_quotes(connection))

    def write(
        self,
        rows: Iterable[Row],
        deleted_paths: Iterable[str] = (),
        skipped: Iterable[tuple[str, FileStat, str]] = (),
        touched: Iterable[tuple[str, FileStat]] = (),
    ) -> None:
        """Apply one update in a single transaction: new/changed rows, deletions, skips, and
        the quotations' groups and speaker names relinked."""
        rows, deleted_paths = list(rows), list(deleted_paths)
        with self._transaction() as connection:
            before = self._raw_quotes(connection, [row.id for row in rows], deleted_paths)
            connection.executemany(
                "DELETE FROM articles WHERE path = ?", [(p,) for p in deleted_paths]
            )
            connection.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [_row_values(row) for row in rows],
            )
            connection.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                [(stat.size, stat.mtime_ns, path) for path, stat in touched],
            )
            skipped = list(skipped)
            connection.executemany(
                "DELETE FROM skipped WHERE path = ?", [(_key(p),) for p, _, _ in skipped]
            )
            connection.executemany(
                "INSERT OR REPLACE INTO skipped VALUES (?,?,?,?)",
                [(_key(path), stat.size, stat.mtime_ns, reason) for path, stat, reason in skipped],
            )
            self._relink(connection, before, {row.id: row.quotes for row in rows})

    def _raw_quotes(
        self, connection: sqlite3.Connection, ids: list[str], paths: list[str]
    ) -> dict[str, tuple[Quote, ...]]:
        """The stored quotes of these articles (by id, or by file for deleted ones)."""
        found: dict[str, tuple[Quote, ...]] = {}
        for column, keys in (("id", ids), ("path", paths)):
            rows = select_in(connection, f"SELECT id, quotes FROM articles WHERE {column} IN", keys)
            found.update((id_, quotes_from_json(quotes)) for id_, quotes in rows)
        return found

    def _relink(
        self,
        connection: sqlite3.Connection,
        removed: dict[str, tuple[Quote, ...]],
        added: dict[str, tuple[Quote, ...]],
    ) -> None:
        """Group quotations across articles again: only what changed, unless much did."""
        changes = len(removed.keys() | added.keys())
        if changes < _FULL_RELINK and changes * 10 < max(self._count(connection), 1):
            quote_store.relink(connection, removed, added)
        elif len(added) == self._count(connection):  # a new catalog: these rows are all
            quote_store.store_all(connection, added)
        else:
            quote_store.store_all(connection, self._all_raw_quotes(connection))

    @staticmethod
    def _count(connection: sqlite3.Connection) -> int:
        return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])

    @staticmethod
    def _all_raw_quotes(connection: sqlite3.Connection) -> dict[str, tuple[Quote, ...]]:
        rows = connection.execute("SELECT id, quotes FROM articles WHERE quote_count > 0")
        return {id_: quotes_from_json(quotes) for id_, quotes in rows}

    def forget_skipped(self, paths: Iterable[str]) -> None:
        with self._transaction() as connection:
            connection.executemany(
                "DELETE FROM skipped WHERE path = ?", [(_key(p),) for p in paths]
            )

    def group_quotes(self, group: str) -> dict[str, tuple[Quote, ...]]:
        """The quotes of every article that reports a statement of this group."""
        connection = self._connection()
        raw: dict[str, tuple[Quote, ...]] = {}
        for article in quote_store.group_articles(connection, group):
            found = connection.execute("SELECT quotes FROM articles WHERE id = ?", (article,))
            raw[article] = quotes_from_json(found.fetchone()[0])
        return quote_store.linked(connection, raw)

    def clear(self) -> None:
        with self._transaction() as connection:
            connection.execute("DELETE FROM articles")
            connection.execute("DELETE FROM skipped")
            quote_store.store_all(connection, {})


def _identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at ``path`` (device, inode, change time), None when there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_ctime_ns


def _key(path: str) -> str | bytes:
    """A skipped path as stored: text, or bytes for a file name that is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")
    return path


def _path(stored: str | bytes) -> str:
    return stored.decode("utf-8", "surrogateescape") if isinstance(stored, bytes) else stored


def _row_values(row: Row) -> tuple[object, ...]:
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
