"""The user's database: one SQLite file in the data folder, shared safely by processes."""

from __future__ import annotations

import functools
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import ParamSpec, TypeVar

from reader.locations import data_dir

__all__ = [
    "DATABASE_NAME",
    "SCHEMA_VERSION",
    "PersonalError",
    "Store",
    "guarded",
    "now_ns",
]

P = ParamSpec("P")
R = TypeVar("R")

DATABASE_NAME = "personal.sqlite3"
SCHEMA_VERSION = 1
"""``PRAGMA user_version`` of this layout; a newer file is read but never written."""
# How long a write waits for another process's write (the TUI and a CLI call) to finish.
BUSY_SECONDS = 30.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS corpora (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    created_ns INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    key INTEGER PRIMARY KEY,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    article_id TEXT NOT NULL,
    digest TEXT,
    title TEXT,
    read_ns INTEGER,
    starred_ns INTEGER,
    note TEXT,
    note_ns INTEGER,
    UNIQUE (corpus, article_id)
);
CREATE INDEX IF NOT EXISTS articles_by_digest ON articles(corpus, digest);
CREATE TABLE IF NOT EXISTS tags (
    key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    folded TEXT NOT NULL,
    tag TEXT NOT NULL,
    added_ns INTEGER NOT NULL,
    PRIMARY KEY (key, folded)
);
CREATE INDEX IF NOT EXISTS tags_by_name ON tags(folded);
CREATE TABLE IF NOT EXISTS quote_notes (
    key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    quote_hash TEXT NOT NULL,
    occurrence INTEGER NOT NULL,
    quote TEXT NOT NULL,
    note TEXT NOT NULL,
    updated_ns INTEGER NOT NULL,
    PRIMARY KEY (key, quote_hash, occurrence)
);
CREATE TABLE IF NOT EXISTS visits (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    corpus INTEGER NOT NULL REFERENCES corpora(id) ON DELETE CASCADE,
    key INTEGER NOT NULL REFERENCES articles(key) ON DELETE CASCADE,
    at_ns INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS visits_by_corpus ON visits(corpus, seq);
CREATE TABLE IF NOT EXISTS saved_searches (
    folded TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    query TEXT NOT NULL,
    created_ns INTEGER NOT NULL,
    updated_ns INTEGER NOT NULL
);
"""


class PersonalError(Exception):
    """The user's data cannot be used as asked; the message is one line saying why."""


def guarded(method: Callable[P, R]) -> Callable[P, R]:
    """Database errors become a one-line PersonalError (never a traceback for the user)."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return method(*args, **kwargs)
        except sqlite3.Error as error:
            raise PersonalError(f"your reading data cannot be used: {error}") from None

    return wrapper


def now_ns() -> int:
    return time.time_ns()


class Store:
    """The user's database; one connection per thread, every write a short transaction.

    WAL lets readers go on while another process writes; ``BEGIN IMMEDIATE`` takes the write
    lock before reading what the write depends on, so two writers queue (up to
    ``BUSY_SECONDS``) instead of one failing or overwriting the other.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self.writable = True
        """False for a database made by a newer version of reader: it is read, not written."""
        self._create()

    @classmethod
    def open(cls, folder: Path | None = None) -> Store:
        """The database in ``folder`` (default: ``reader.locations.data_dir()``), created with
        its folder when missing. PersonalError when it cannot be used."""
        folder = data_dir(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            return cls(folder / DATABASE_NAME)
        except (OSError, sqlite3.Error) as error:
            raise PersonalError(_reason(folder / DATABASE_NAME, error)) from None

    def _create(self) -> None:
        version = int(self.read().execute("PRAGMA user_version").fetchone()[0])
        if version > SCHEMA_VERSION:
            self.writable = False
            return
        if version < SCHEMA_VERSION:
            with self.write() as connection:
                # statement by statement: executescript would commit the open transaction
                for statement in _SCHEMA.split(";"):
                    connection.execute(statement)
                connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def read(self) -> sqlite3.Connection:
        """This thread's connection, for reading (autocommit: each statement sees the latest
        committed data)."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            # A note the user typed must survive a power cut; writes are few and small.
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA foreign_keys=ON")
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: committed when the block ends, rolled back on an error."""
        if not self.writable:
            from reader.articles.text import escape_controls  # not on the first paint's path

            raise PersonalError(
                f"{escape_controls(str(self.path))} was written by a newer version of reader:"
                " upgrade reader to change your reading data"
            )
        connection = self.read()
        try:
            connection.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise PersonalError(_reason(self.path, error)) from None
        try:
            yield connection
        except BaseException:
            if connection.in_transaction:  # some errors end the transaction themselves
                connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")

    def close(self) -> None:
        """Close every thread's connection (call when no thread uses the store any more)."""
        with self._lock:
            connections, self._connections = self._connections, []
        for connection in connections:
            connection.close()
        self._local = threading.local()


def _reason(path: Path, error: Exception) -> str:
    from reader.articles.text import escape_controls

    where = escape_controls(str(path))
    if isinstance(error, sqlite3.OperationalError) and "locked" in str(error):
        return (
            f"your reading data ({where}) stayed locked by another reader process for"
            f" {BUSY_SECONDS:g} s: try again"
        )
    if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.OperationalError):
        return (
            f"your reading data ({where}) cannot be read ({error}): move the file aside"
            " to start afresh (it is never deleted for you)"
        )
    detail = getattr(error, "strerror", None) or str(error)
    return f"cannot use your reading data ({where}): {detail}"
