"""The catalog's tables for files of many articles: how far each file was read, and the
entries it holds that are not articles (with the reason)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from reader.index.entryfiles import EntryFile, KnownFile, position_from_json, position_to_json
from reader.sqlite import select_in

__all__ = ["SCHEMA", "forget", "known_files", "record", "skipped", "stat_pairs"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS entry_files (
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, position TEXT
);
CREATE TABLE IF NOT EXISTS entry_skips (path TEXT NOT NULL, place TEXT, reason TEXT);
CREATE INDEX IF NOT EXISTS entry_skips_by_path ON entry_skips(path);
"""


def stat_pairs(connection: sqlite3.Connection) -> dict[str, tuple[int, int]]:
    """``{path: (size, mtime_ns)}`` of every file of many articles read."""
    rows = connection.execute("SELECT path, size, mtime_ns FROM entry_files")
    return {path: (size, mtime) for path, size, mtime in rows}


def known_files(connection: sqlite3.Connection, paths: Iterable[str]) -> dict[str, KnownFile]:
    """What was read of these files: their positions and their entries' digests by id."""
    wanted = list(paths)
    positions = dict(
        select_in(connection, "SELECT path, position FROM entry_files WHERE path IN", wanted)
    )
    digests: dict[str, dict[str, str]] = {path: {} for path in positions}
    sql = "SELECT path, id, digest FROM articles WHERE path IN"
    for path, id_, digest in select_in(connection, sql, list(positions)):
        digests[path][id_] = digest
    return {
        path: KnownFile(position_from_json(position), digests[path])
        for path, position in positions.items()
    }


def record(connection: sqlite3.Connection, files: Iterable[EntryFile]) -> None:
    """Remember how far each file was read and its skipped entries (added to those of the
    earlier read when only the appended part was read)."""
    files = list(files)
    connection.executemany(
        "INSERT OR REPLACE INTO entry_files VALUES (?,?,?,?)",
        [(f.path, f.stat.size, f.stat.mtime_ns, position_to_json(f.position)) for f in files],
    )
    connection.executemany(
        "DELETE FROM entry_skips WHERE path = ?", [(f.path,) for f in files if not f.resumed]
    )
    connection.executemany(
        "INSERT INTO entry_skips VALUES (?,?,?)",
        [(f.path, where, reason) for f in files for where, reason in f.skipped],
    )
    connection.executemany(
        "UPDATE articles SET size = ?, mtime_ns = ? WHERE path = ?",
        [(f.stat.size, f.stat.mtime_ns, f.path) for f in files],
    )


def forget(connection: sqlite3.Connection, paths: Iterable[str]) -> None:
    """Forget files of many articles that are gone or no longer readable."""
    keys = [(path,) for path in paths]
    connection.executemany("DELETE FROM entry_files WHERE path = ?", keys)
    connection.executemany("DELETE FROM entry_skips WHERE path = ?", keys)


def skipped(connection: sqlite3.Connection) -> list[tuple[str, str]]:
    """``(path, "entry: reason")`` of every skipped entry, by file then place in it."""
    rows = connection.execute("SELECT path, place, reason FROM entry_skips ORDER BY path, rowid")
    return [(path, f"{place}: {reason}" if place else reason) for path, place, reason in rows]
