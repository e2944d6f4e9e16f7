"""The catalog's article count, kept by SQLite triggers: the list's first paint reads it,
where ``count(*)`` walks the whole id index."""

from __future__ import annotations

import sqlite3
import time
from contextlib import closing
from pathlib import Path

from reader.index import Library
from reader.index.catalog import Catalog


def counts(path: Path) -> tuple[int | None, int]:
    """The stored count (None: no row) and the articles counted one by one."""
    with closing(sqlite3.connect(path)) as connection:
        row = connection.execute("SELECT n FROM article_count").fetchone()
        counted = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    return (None if row is None else row[0]), counted


def built(corpus: Path, index_dir: Path) -> Library:
    library = Library.open(corpus, index_dir)
    library.update()
    return library


def test_the_count_follows_added_changed_and_deleted_files(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    library = built(seeds_copy, isolated_dirs)
    path = library.catalog.path
    assert counts(path) == (5, 5)
    (seeds_copy / "new.txt").write_text("Zanzibar talks\n\nThe zanzibar summit ended.\n")
    (seeds_copy / "other.txt").write_text("Quokka news\n\nA quokka was seen in Perth.\n")
    changed = next(seeds_copy.glob("000_*.txt"))  # stored again with INSERT OR REPLACE
    changed.write_text(changed.read_text() + "\n\nA late paragraph.\n")
    next(seeds_copy.glob("004_*.txt")).unlink()
    library.update()
    assert counts(path) == (6, 6)
    assert library.count() == 6


def test_any_writer_is_counted(seeds_copy: Path, isolated_dirs: Path) -> None:
    """Another process, or another version of reader, writing the catalog its own way."""
    path = built(seeds_copy, isolated_dirs).catalog.path
    with closing(sqlite3.connect(path)) as connection, connection:
        row = connection.execute("SELECT * FROM articles ORDER BY id LIMIT 1").fetchone()
        connection.execute(
            f"INSERT INTO articles VALUES ({','.join('?' * len(row))})", ("copy", *row[1:])
        )
        connection.execute(
            f"INSERT OR REPLACE INTO articles VALUES ({','.join('?' * len(row))})", row
        )
        connection.execute("DELETE FROM articles WHERE id = ?", (row[0],))
    assert counts(path) == (5, 5)


def test_a_catalog_from_before_the_count_gets_it_when_opened(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    path = built(seeds_copy, isolated_dirs).catalog.path
    with closing(sqlite3.connect(path)) as connection:
        connection.executescript(
            "DROP TRIGGER article_counted; DROP TRIGGER article_uncounted;"
            " DROP TABLE article_count;"
        )
    catalog = Catalog(path)
    assert counts(path) == (5, 5) and catalog.count() == 5
    with closing(sqlite3.connect(path)) as connection, connection:
        connection.execute("DELETE FROM articles WHERE id LIKE '004%'")
    assert counts(path) == (4, 4)  # and counted from then on


def test_without_the_count_the_articles_are_counted(seeds_copy: Path, isolated_dirs: Path) -> None:
    """A read-only catalog from before the count cannot be given one: count(*) it is."""
    library = built(seeds_copy, isolated_dirs)
    with closing(sqlite3.connect(library.catalog.path)) as connection:
        connection.executescript("DROP TABLE article_count;")
    assert library.catalog.count() == 5


def test_a_catalog_being_written_is_opened_at_once_and_counted_later(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    """Another process's long write must not hold up the opening (the list's first paint):
    the triggers wait for the next open."""
    path = built(seeds_copy, isolated_dirs).catalog.path
    with closing(sqlite3.connect(path, isolation_level=None)) as writer:
        writer.executescript(
            "DROP TRIGGER article_counted; DROP TRIGGER article_uncounted;"
            " DROP TABLE article_count;"
        )
        writer.execute("BEGIN IMMEDIATE")  # a build holding the write lock
        started = time.monotonic()
        catalog = Catalog(path)
        assert time.monotonic() - started < 5  # not the 30 s a write waits for the lock
        assert catalog.count() == 5
        writer.execute("ROLLBACK")
    assert counts_or_none(path) is None
    Catalog(path)
    assert counts(path) == (5, 5)


def counts_or_none(path: Path) -> int | None:
    """The stored count, None when the catalog has no count table."""
    with closing(sqlite3.connect(path)) as connection:
        try:
            return int(connection.execute("SELECT n FROM article_count").fetchone()[0])
        except sqlite3.OperationalError:
            return None
