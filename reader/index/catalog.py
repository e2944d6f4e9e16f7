"""The catalog: an SQLite table of indexed articles (metadata, cleaned body, quotes, file stats).

Whoosh answers "which articles match"; the catalog answers everything else about an article
quickly (listing, sorting, snippets, quotes) and remembers file stats for incremental updates.
"""

from __future__ import annotations

import itertools
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.index import listing
from reader.index.folder import file_identity
from reader.index.stored_quotes import quotes_from_json
from reader.sqlite import select_in
from reader.summaries import ArticleSummary, SortKey

if TYPE_CHECKING:
    from types import ModuleType

    from reader.index.entryfiles import EntryFile, KnownFile
    from reader.index.rows import FileStat, Row
    from reader.models import Quote, Speaker
    from reader.quotes.speaker_names import Renamed

__all__ = ["CATALOG_VERSION", "ArticleSummary", "Catalog", "SortKey"]

CATALOG_VERSION = 11
"""Bumped when the tables change meaning: an index of another version is rebuilt (6: one
speaker per person and organisation; 7: speaker totals keep tallies; 8: the quotations'
speakers by round two's English and German attribution rules; 9: a quotation keeps who said
it when it came through another source, its inner speaker; 10: the inner speaker is counted
among the speakers, with how many of their quotes came through another source; 11: the
review's fixes to the stored quotations: short English texts with umlauted names, 'Wie' as
a surname, inner speakers only when sure, a source never its own inner speaker)."""
# From this many changed articles on (or a tenth of the catalog), quotations are grouped
# again from scratch instead of incrementally.
_FULL_RELINK = 2000

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

_COUNTED = """
BEGIN IMMEDIATE;
CREATE TABLE IF NOT EXISTS article_count (one INTEGER PRIMARY KEY CHECK (one = 0), n INTEGER);
INSERT OR REPLACE INTO article_count SELECT 0, count(*) FROM articles;
CREATE TRIGGER IF NOT EXISTS article_counted BEFORE INSERT ON articles BEGIN
    UPDATE article_count SET n = n + 1 - EXISTS (SELECT 1 FROM articles WHERE id = NEW.id);
END;
CREATE TRIGGER IF NOT EXISTS article_uncounted AFTER DELETE ON articles BEGIN
    UPDATE article_count SET n = n - 1;
END;
COMMIT;
"""
"""The number of articles, kept by triggers: ``count(*)`` walks the whole id index (~3 ms at
100,000 articles, on the list's first-paint path). Triggers count every writer, this
version's or any other; an ``INSERT OR REPLACE`` of a stored id counts nothing (its implicit
delete fires no trigger). Made once, in one transaction, for a catalog without them."""

_CONNECTIONS = itertools.count(1)  # serial numbers of opened connections
_BUSY_S = 30
"""How long a statement waits for another connection's write lock."""


class Catalog:
    """SQLite storage of indexed articles; one connection per thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._tables_made: set[str] = set()
        """The modules whose tables were made (see ``_tables``)."""
        with self._transaction() as connection:
            connection.executescript(_SCHEMA)
        try:
            with self._transaction() as connection:
                connection.executescript(listing.SORT_INDEXES)
        except sqlite3.OperationalError:
            pass  # a read-only catalog from before these indexes: pages are sorted scans
        if self._stored_count() is None:
            self._make_count()

    def _make_count(self) -> None:
        """Give a catalog from before the count its triggers, if its write lock is free now:
        another process's long write must not hold up the list's first paint (the next open
        tries again; until then the articles are counted)."""
        connection = self._connection()
        connection.execute("PRAGMA busy_timeout = 0")
        try:
            connection.executescript(_COUNTED)
        except sqlite3.OperationalError:  # read-only, or being written
            if connection.in_transaction:
                connection.rollback()
        finally:
            connection.execute(f"PRAGMA busy_timeout = {_BUSY_S * 1000}")

    def _quotes(self) -> ModuleType:
        """The quotation store (``reader.quotes.store``), its tables made on first use."""
        from reader.quotes import store

        return self._tables(store)

    def _speakers(self) -> ModuleType:
        """The speakers' tables (``reader.index.speakers``), after the quotations' they use."""
        from reader.index import speakers as speaker_store

        self._quotes()
        return self._tables(speaker_store)

    def _entries(self) -> ModuleType:
        """The tables of files of many articles (``reader.index.entry_tables``)."""
        from reader.index import entry_tables

        return self._tables(entry_tables)

    def _tables(self, module: ModuleType) -> ModuleType:
        """``module``, its ``SCHEMA`` run once. Loaded and made on first use rather than when
        the catalog opens: the list's first paint reads only the articles table, and the
        article reader and quotation code they load are a large part of start-up."""
        if module.__name__ not in self._tables_made:
            with self._transaction() as connection:
                connection.executescript(module.SCHEMA)
            self._tables_made.add(module.__name__)
        return module

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened again when the file has been replaced."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        identity = file_identity(self.path)
        if connection is not None and identity not in (None, self._local.identity):
            # Another process rebuilt the index: this connection still reads the deleted file.
            connection.close()
            connection = None
        if connection is None:
            connection = _connect(self.path)
            self._local.connection = connection
            self._local.serial = next(_CONNECTIONS)
            self._local.identity = identity or file_identity(self.path)
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
        stored = self._stored_count()
        return self._count(self._connection()) if stored is None else stored

    def _stored_count(self) -> int | None:
        """The triggers' count (``_COUNTED``); None in a catalog without it."""
        try:
            row = self._connection().execute("SELECT n FROM article_count").fetchone()
        except sqlite3.OperationalError:  # no such table
            return None
        return None if row is None else int(row[0])

    def file_stats(self, paths: Iterable[str] | None = None) -> dict[str, tuple[str, FileStat]]:
        """``{path: (id, stat)}`` of these indexed articles (every one without ``paths``)."""
        from reader.index.rows import FileStat  # the row records load after the list's first paint

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

    def paths_of(self, article_ids: Iterable[str]) -> dict[str, str]:
        """``{id: path}`` of those of these articles that are indexed."""
        sql = "SELECT id, path FROM articles WHERE id IN"
        return dict(select_in(self._connection(), sql, article_ids))

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
        pairs.update(self._entries().stat_pairs(connection))
        return pairs

    def known_entry_files(self, paths: Iterable[str]) -> dict[str, KnownFile]:
        """What was read of these files of many articles (feeds, JSON Lines, CSV, WARC)."""
        known: dict[str, KnownFile] = self._entries().known_files(self._connection(), paths)
        return known

    def skipped_stats(self) -> dict[str, FileStat]:
        from reader.index.rows import FileStat  # the row records load after the list's first paint

        rows = self._connection().execute("SELECT path, size, mtime_ns FROM skipped")
        return {_path(path): FileStat(size, mtime) for path, size, mtime in rows}

    def skipped(self) -> list[tuple[str, str]]:
        """``(path, reason)`` of every file that could not be indexed, and of every entry of
        a file of many articles that is not one (the reason then starts with the entry)."""
        connection = self._connection()
        rows = connection.execute("SELECT path, reason FROM skipped")
        found = [(_path(path), reason) for path, reason in rows]
        # stable: a file's entries stay in file order
        return sorted(found + self._entries().skipped(connection), key=lambda pair: pair[0])

    def skipped_entry_count(self) -> int:
        """How many of ``skipped()`` are entries of files of many articles (not files)."""
        query = "SELECT count(*) FROM entry_skips"
        return int(self._connection().execute(query).fetchone()[0])

    def summaries(self, sort: SortKey = "id", descending: bool = False) -> list[ArticleSummary]:
        """The whole article list, in ``summaries_page``'s order."""
        return listing.summaries(self._connection(), sort, descending)

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey = "date", descending: bool = False
    ) -> list[ArticleSummary]:
        """One page of the article list (see ``reader.index.listing.page``)."""
        return listing.page(self._connection(), offset, limit, sort, descending)

    def position_of(
        self, article_id: str, sort: SortKey = "date", descending: bool = False
    ) -> int | None:
        """Where this article is in ``summaries_page``'s order, None when it is not indexed."""
        return listing.position_of(self._connection(), article_id, sort, descending)

    def summary(self, article_id: str) -> ArticleSummary | None:
        return listing.summary(self._connection(), article_id)

    def row(self, article_id: str) -> Row | None:
        """The stored article, its quotations with their groups and speakers' names."""
        from reader.index.rows import (  # the row records load after the list's first paint
            FileStat,
            Row,
        )

        connection = self._connection()
        found = connection.execute(
            "SELECT id, path, size, mtime_ns, digest, title, source, date, byline, author,"
            " body, quotes FROM articles WHERE id = ?",
            (article_id,),
        ).fetchone()
        if found is None:
            return None
        id_, path, size, mtime, digest, title, source, date, byline, author, body, quotes = found
        linked = self._quotes().linked(connection, {id_: quotes_from_json(quotes)})
        stat = FileStat(size, mtime, digest)
        return Row(id_, path, stat, title, source, date, byline, author, body, linked[id_])

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

    def article_texts(self) -> Iterator[tuple[str, str, str | None, str | None, str]]:
        """``(id, title, source, date, body)`` of every article, read as a stream (the
        stories are made from it)."""
        yield from self._connection().execute(
            "SELECT id, title, source, date, body FROM articles ORDER BY id"
        )

    def outlets_and_dates(
        self, article_ids: Iterable[str]
    ) -> dict[str, tuple[str | None, str | None]]:
        """``{id: (source, date)}`` of these articles: what sorting search results by date
        or outlet, and counting them by outlet and month, needs (no bodies read)."""
        rows = select_in(
            self._connection(), "SELECT id, source, date FROM articles WHERE id IN", article_ids
        )
        return {id_: (source, date) for id_, source, date in rows}

    def quotes_of(self, article_ids: Iterable[str]) -> dict[str, tuple[Quote, ...]]:
        """``{id: quotes}`` of these articles, with groups and speakers' display names."""
        connection = self._connection()
        rows = select_in(connection, "SELECT id, quotes FROM articles WHERE id IN", article_ids)
        linked: dict[str, tuple[Quote, ...]] = self._quotes().linked(
            connection, {id_: quotes_from_json(q) for id_, q in rows}
        )
        return linked

    def speakers_of(self, article_ids: Iterable[str]) -> dict[str, frozenset[str]]:
        """``{id: speakers}``: who is quoted in each of these articles (display names; the
        one who said words passed on too)."""
        connection = self._connection()
        rows = select_in(connection, "SELECT id, quotes FROM articles WHERE id IN", article_ids)
        linked = self._quotes().linked(connection, {id_: quotes_from_json(q) for id_, q in rows})
        return {
            id_: frozenset(name for quote in quotes for name in quote.said_by)
            for id_, quotes in linked.items()
        }

    def speakers(self, article_ids: Iterable[str] | None = None) -> list[Speaker]:
        """Everyone quoted (only in these articles when given), most quoted first."""
        found: list[Speaker] = self._speakers().speakers(self._connection(), article_ids)
        return found

    def same_speakers(self, identities: Iterable[str]) -> set[str]:
        """Every name of the speakers these identity keys belong to (``speaker:`` searches
        find a speaker under all their names)."""
        found: set[str] = self._speakers().same_speakers(self._connection(), identities)
        return found

    def speaker_test(self, typed: str) -> Callable[[str], bool]:
        """Whether a speaker name is the one typed, in any spelling (``speakers.typed_test``)."""
        found: Callable[[str], bool] = self._speakers().typed_test(self._connection(), typed)
        return found

    def speaker_quotes(self, display: str) -> dict[str, tuple[Quote, ...]]:
        """``{article id: quotes}`` of the speaker shown as ``display``, linked (with those
        they said through another source)."""
        connection = self._connection()
        articles = self._speakers().articles_of(connection, display)
        rows = select_in(connection, "SELECT id, quotes FROM articles WHERE id IN", articles)
        linked = self._quotes().linked(connection, {id_: quotes_from_json(q) for id_, q in rows})
        return {
            article: found
            for article, quotes in sorted(linked.items())
            if (found := tuple(q for q in quotes if display in q.said_by))
        }

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
        linked: dict[str, tuple[Quote, ...]]
        linked = self._quotes().linked(connection, self._all_raw_quotes(connection))
        return linked

    def write(
        self,
        rows: Iterable[Row],
        deleted_paths: Iterable[str] = (),
        skipped: Iterable[tuple[str, FileStat, str]] = (),
        touched: Iterable[tuple[str, FileStat]] = (),
        *,
        deleted_ids: Iterable[str] = (),
        entry_files: Iterable[EntryFile] = (),
        gone_entry_files: Iterable[str] = (),
    ) -> None:
        """Apply one update in a single transaction: new/changed rows, deletions (of files,
        and of entries of files of many articles), skips, the files of many articles read
        or gone, and the quotations' groups and speaker names relinked."""
        from reader.index.rows import row_values  # the row records load after the first paint

        rows, deleted_paths, deleted_ids = list(rows), list(deleted_paths), list(deleted_ids)
        self._speakers(), self._entries()  # tables made before the transaction (scripts commit)
        with self._transaction() as connection:
            ids = [row.id for row in rows] + deleted_ids
            before = self._raw_quotes(connection, ids, deleted_paths)
            connection.executemany(
                "DELETE FROM articles WHERE path = ?", [(p,) for p in deleted_paths]
            )
            connection.executemany("DELETE FROM articles WHERE id = ?", [(i,) for i in deleted_ids])
            self._entries().forget(connection, gone_entry_files)
            connection.executemany(
                "INSERT OR REPLACE INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                [row_values(row) for row in rows],
            )
            connection.executemany(
                "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
                [(stat.size, stat.mtime_ns, path) for path, stat in touched],
            )
            _write_skipped(connection, list(skipped))
            self._entries().record(connection, entry_files)
            renamed = self._relink(connection, before, {row.id: row.quotes for row in rows})
            self._recount_speakers(connection, renamed, before, rows)

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
    ) -> Renamed | None:
        """Group quotations across articles again: only what changed, unless much did.
        Returns the speaker names shown differently now (None: everything was regrouped)."""
        changes = len(removed.keys() | added.keys())
        if changes < _FULL_RELINK and changes * 10 < max(self._count(connection), 1):
            renamed: Renamed = self._quotes().relink(connection, removed, added)
            return renamed
        if len(added) == self._count(connection):  # a new catalog: these rows are all
            self._quotes().store_all(connection, added)
        else:
            self._quotes().store_all(connection, self._all_raw_quotes(connection))
        return None

    @staticmethod
    def _recount_speakers(
        connection: sqlite3.Connection,
        renamed: Renamed | None,
        before: dict[str, tuple[Quote, ...]],
        rows: list[Row],
    ) -> None:
        """Keep the speakers' counts: these articles' rows again, and the totals moved by
        the rows that changed (every total counted again when the quotations were regrouped
        from scratch)."""
        from reader.index import speakers as speaker_store

        old = speaker_store.uses_in(connection, before.keys())
        speaker_store.forget(connection, before.keys())
        speaker_store.put(connection, ((row.id, row.source, row.quotes) for row in rows))
        if renamed is None:
            speaker_store.refresh(connection, None)
            return
        new = speaker_store.uses_in(connection, [row.id for row in rows])
        articles = before.keys() | {row.id for row in rows}
        speaker_store.move(connection, old, new, articles, renamed)

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
        articles = self._quotes().group_articles(connection, group)
        sql = "SELECT id, quotes FROM articles WHERE id IN"
        stored = {id_: quotes for id_, quotes in select_in(connection, sql, articles)}
        raw = {article: quotes_from_json(stored.get(article)) for article in articles}
        linked: dict[str, tuple[Quote, ...]] = self._quotes().linked(connection, raw)
        return linked


def _connect(path: Path) -> sqlite3.Connection:
    try:
        connection = sqlite3.connect(path, timeout=_BUSY_S)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.OperationalError:
        if os.access(path.parent, os.W_OK) or not path.exists():
            raise
        # A read-only folder: WAL needs to write its -shm file, so read the file as is.
        uri = f"{path.resolve().as_uri()}?immutable=1"
        return sqlite3.connect(uri, uri=True, check_same_thread=True)
    return connection


def _write_skipped(
    connection: sqlite3.Connection, skipped: list[tuple[str, FileStat, str]]
) -> None:
    connection.executemany(
        "DELETE FROM skipped WHERE path = ?", [(_key(path),) for path, _, _ in skipped]
    )
    connection.executemany(
        "INSERT OR REPLACE INTO skipped VALUES (?,?,?,?)",
        [(_key(path), stat.size, stat.mtime_ns, reason) for path, stat, reason in skipped],
    )


def _key(path: str) -> str | bytes:
    """A skipped path as stored: text, or bytes for a file name that is not UTF-8."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape")
    return path


def _path(stored: str | bytes) -> str:
    return stored.decode("utf-8", "surrogateescape") if isinstance(stored, bytes) else stored
