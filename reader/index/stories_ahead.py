"""A first build's stories made beside the rest of the build: a child process clusters them
while this one writes the Whoosh index and the catalog.

Whoosh's writer processes keep about one core busy (Reuters-21578: 19 s of CPU in 19 s), so
on two cores or more the stories' clustering, which needs only the rows the index workers
made, fits beside them and the user waits for little more than the index. The child writes
the stories file in one transaction and leaves it marked pending; the update marks it current
once the catalog is written (an update stopped in between leaves it pending, and the next one
makes the stories again).
"""

from __future__ import annotations

import contextlib
import gc
import os
import signal
import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from multiprocessing.process import BaseProcess

    from reader.index.rows import Row
    from reader.stories.store import StoryText

__all__ = [
    "AHEAD_MIN",
    "STATE_SCHEMA",
    "TABLES",
    "StoriesAhead",
    "make_tables",
    "row_text",
    "write_all",
]

AHEAD_MIN = 1000
"""From this many articles a first build makes its stories in a child process (below it the
fork costs more than the overlap saves); Whoosh writes in parallel from the same size
(``writing``), which is what the child overlaps."""
TABLES = ("story_members", "story_postings", "story_df", "stories")
"""The tables a rebuild writes (``reader.stories.rows.TABLES``, named here without loading
the stories code)."""
# How long the build waits for the child: the stories of 100,000 articles take ~35 s of CPU,
# so only a child that hangs (on a lock forked in a held state) comes near this.
_WAIT_S = 300.0
_WAIT_PER_ROW_S = 0.01
NICENESS = 4
"""How much lower the child's scheduling priority is than the build's: where the cores are
all busy (two: Whoosh's writers fill them), Whoosh's write, which the catalog's write waits
for, goes first and the child catches up while the catalog is written on one core
(Reuters-21578 on two cores: the build 0.6-0.8 s sooner, the same CPU). Where a core is
free it changes nothing; under other programs' load the child can finish after the catalog
and the build waits for it."""
STATE_SCHEMA = "CREATE TABLE IF NOT EXISTS story_state (key TEXT PRIMARY KEY, value TEXT)"


def make_tables(connection: sqlite3.Connection) -> None:
    """The stories file's tables, made when missing (the stories code loads here)."""
    from reader.stories import embeddings, store

    store.create_tables(connection)
    connection.executescript(embeddings.SCHEMA + STATE_SCHEMA)


def write_all(connection: sqlite3.Connection, rows: Sequence[Row]) -> None:
    """Every story made again from ``rows`` (every article of the catalog, as the update
    wrote them), inside the caller's transaction; the few texts MinHash needs again are read
    from the rows too, not from the catalog."""
    from reader.stories import store

    connection.execute("DELETE FROM story_state WHERE key = 'off'")
    if not rows:  # an empty corpus: no stories (the clustering needs one article at least)
        for table in TABLES:
            connection.execute(f"DELETE FROM {table}")
        return
    # in the catalog's order (by id), as the catalog reads them
    texts = map(row_text, sorted(rows, key=_id))
    store.rebuild(connection, texts, _row_source(rows))


def row_text(row: Row) -> StoryText:
    """What the stories need of a row, its story features included."""
    from reader.stories.store import StoryText

    return StoryText(row.id, row.title or "", row.body or "", row.date, row.source, row.story)


def _id(row: Row) -> str:
    return row.id


def _row_source(rows: Sequence[Row]) -> Callable[[Iterable[str]], dict[str, StoryText]]:
    by_id = {row.id: row for row in rows}
    return lambda wanted: {article: row_text(by_id[article]) for article in wanted}


class StoriesAhead:
    """The child process making a first build's stories, started before the Whoosh write.

    It writes them to a file of its own (a file the parent never opened: SQLite's state for
    a file open in a forked parent is not the child's to use), which ``copy_into`` copies
    into the stories file in one transaction (Reuters-21578: 0.25 s).
    """

    def __init__(self, process: BaseProcess, rows: Sequence[Row], path: Path) -> None:
        self._process = process
        self.rows = rows
        """The rows it makes the stories of (the update's ``added``)."""
        self._path = path

    @classmethod
    def start(cls, rows: Sequence[Row], path: Path) -> StoriesAhead | None:
        """The child, started, to write to a new file at ``path``; None where it would not
        help (few articles, one core) or where forking is not safe or possible (Linux only):
        the update then makes the stories itself, as before."""
        if len(rows) < AHEAD_MIN or (os.cpu_count() or 1) < 2:
            return None
        if not sys.platform.startswith("linux"):  # macOS's fork is unsafe with its libraries
            return None
        import multiprocessing  # here: the first paint imports this module, not a process

        if "fork" not in multiprocessing.get_all_start_methods():
            return None
        path.unlink(missing_ok=True)  # left by a build that was killed
        context = multiprocessing.get_context("fork")  # the rows are shared, not pickled
        process = context.Process(target=_make, args=(path, rows), name="reader-stories")
        process.daemon = True
        process.start()
        return cls(process, rows, path)

    def copy_into(
        self, connection: sqlite3.Connection, then: Callable[[sqlite3.Connection], None]
    ) -> bool:
        """Wait for the child and copy every story it made into ``connection``'s file, with
        ``then`` in the same transaction; False when the child failed or outlived its time
        (nothing copied: the update makes the stories itself)."""
        self._process.join(_WAIT_S + len(self.rows) * _WAIT_PER_ROW_S)
        try:
            if self._process.exitcode != 0:  # None: still running, hung on a lock the fork
                self.cancel()  # copied from a thread of the parent; stopped, not waited on
                return False
            connection.execute("ATTACH DATABASE ? AS ahead", (str(self._path),))
            try:
                with connection:
                    connection.execute("DELETE FROM story_state WHERE key = 'off'")
                    for table in TABLES:
                        connection.execute(f"DELETE FROM main.{table}")
                        connection.execute(f"INSERT INTO main.{table} SELECT * FROM ahead.{table}")
                    then(connection)
            finally:
                connection.execute("DETACH DATABASE ahead")
            return True
        finally:
            self._path.unlink(missing_ok=True)

    def cancel(self) -> None:
        """Stop the child (the update failed or was interrupted) and remove its file."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join(5)
        self._path.unlink(missing_ok=True)


def _make(path: Path, rows: Sequence[Row]) -> None:
    """The child: the stories of ``rows`` written to a new file at ``path``."""
    # The parent's objects (its open SQLite connections among them) are never collected,
    # so never closed, here: closing a copy could checkpoint the parent's WAL under it.
    gc.freeze()
    with contextlib.suppress(OSError):  # not allowed here: the build's priority
        os.nice(NICENESS)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C: the parent stops this process
    try:
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA journal_mode=OFF")  # a scratch file: a failure discards it
        connection.execute("PRAGMA synchronous=OFF")
        make_tables(connection)
        with connection:
            write_all(connection, rows)
        connection.close()
    except Exception:
        os._exit(1)  # no traceback over the user's terminal
