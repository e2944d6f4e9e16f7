"""Writing articles into the Whoosh index: writer settings, parallel writer processes, and a
Ctrl-C that stops them with one line."""

from __future__ import annotations

import _thread
import os
import shutil
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

from reader.engine.files import open_writer
from reader.engine.schema import whoosh_document
from reader.index.pausing import pause_point
from reader.index.rows import Row
from reader.index.stories_ahead import AHEAD_MIN

__all__ = ["write_index"]

# From this many articles on, two or more cores index in parallel: each writer process
# analyses its share and writes its own segment (no final merge). Small updates stay in
# process, where forking would cost more than it saves. A first build's stories start
# beside the writers from the same size (one owner: ``stories_ahead.AHEAD_MIN``).
_PARALLEL_INDEXING = AHEAD_MIN
# Modules whose at-fork hooks run Python code in the forking process (logging's lock).
_FORK_HOOK_MODULES = frozenset({"logging"})


def write_index(
    ix: Any, folder: Path, rows: list[Row], deleted_ids: list[str], empty: bool
) -> None:
    """Add ``rows`` to the Whoosh index in ``folder`` and delete ``deleted_ids``, in one
    commit; ``empty`` when the index holds nothing yet (no lookup per article)."""
    if not rows and not deleted_ids:
        return
    for stale in folder.glob("*.tmp"):
        # Whoosh's writer processes' work folder, left by a killed update (we hold the lock)
        shutil.rmtree(stale, ignore_errors=True)
    with quiet_subprocess_interrupts():
        _write_documents(ix, rows, deleted_ids, empty)


def _write_documents(ix: Any, rows: list[Row], deleted_ids: list[str], empty: bool) -> None:
    writer = open_writer(ix, **_writer_options(len(rows)))
    pause = pause_point("write")
    try:
        for deleted_id in deleted_ids:
            writer.delete_by_term("id", deleted_id)
        # A new index has nothing to replace: skip update_document's lookup per article.
        add = writer.add_document if empty else writer.update_document
        for done, row in enumerate(rows, 1):
            add(**whoosh_document(row))
            if pause is not None:
                pause(done)
    except BaseException:
        # Whoosh's cancel() only flags its writer processes in this process's memory,
        # then deletes the files they work on; stop them first (no traceback per process).
        for task in getattr(writer, "tasks", ()):
            task.terminate()
            task.join(5)
        writer.cancel()
        raise
    writer.commit()


@contextmanager
def quiet_subprocess_interrupts() -> Iterator[None]:
    """Ctrl-C stops indexing with one line: Whoosh's writer processes (forked meanwhile, so
    they inherit this handler) ignore it instead of each printing a KeyboardInterrupt
    traceback; this process is interrupted as usual."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    parent = os.getpid()

    def interrupt(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != parent:
            return
        if frame is not None and frame.f_globals.get("__name__") in _FORK_HOOK_MODULES:
            # Python ignores (and prints) an exception raised in an at-fork hook, so a Ctrl-C
            # landing while Whoosh forks would be lost: deliver it again once out of there.
            threading.Timer(0.05, _thread.interrupt_main).start()
            return
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _writer_options(articles: int) -> dict[str, Any]:
    """Whoosh writer settings for a batch of this many articles (BBC: 27 s -> 13 s on 2 cores).

    Each writer sorts its postings in memory up to ``limitmb``; past it, Whoosh writes every
    posting to disk and merges the runs back (Reuters in one process: 16 s -> 25 s CPU). A
    posting takes about 200 bytes (Reuters: 1.7 million in 340 MB), so writers get up to
    1 GB each, an eighth of the machine's memory in all: 100k articles sort in memory.
    """
    cores = os.cpu_count() or 1
    try:
        memory_mb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") // 2**20
    except (AttributeError, OSError, ValueError):
        memory_mb = 4096
    if articles < _PARALLEL_INDEXING or cores < 2:
        return {"limitmb": max(256, min(1024, memory_mb // 8))}
    procs = min(cores, 4)
    limitmb = max(64, min(1024, memory_mb // 8 // procs))
    return {"procs": procs, "limitmb": limitmb, "multisegment": True}
