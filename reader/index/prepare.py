"""Reading, cleaning and quote-finding for many files at once, across processes."""

from __future__ import annotations

import ctypes
import hashlib
import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path

from reader.articles import ArticleError, article_from_bytes, read_article_bytes
from reader.index.entryfiles import EntryFile, KnownFile, is_entry_file, prepare_entries
from reader.index.pausing import pause_point
from reader.index.rows import FileStat, Row

__all__ = ["children_exit_with_parent", "prepare", "prepare_all"]

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 400
_CHUNK = 64

Prepared = Row | EntryFile | tuple[str, str]
"""A file's catalog row, a read of a file of many articles, or ``(path, reason)``."""


def prepare(corpus: Path, relative: str, known: KnownFile | None = None) -> Prepared:
    """A catalog row for one file (its new and changed entries for a file of many articles,
    ``known`` being what was read of it before), or ``(path, reason)`` when the file cannot
    be an article."""
    path = corpus / relative
    if not _is_utf8(relative):
        return relative, "file name is not valid UTF-8 (rename the file to index it)"
    if is_entry_file(relative):
        return prepare_entries(corpus, relative, known)
    try:
        # The time is taken before the read: a change during the read shows up next update.
        mtime_ns = path.stat().st_mtime_ns
        data = read_article_bytes(path)
        article = article_from_bytes(data, path, corpus)
    except ArticleError as error:
        return relative, str(error)
    except OSError as error:  # the file vanished after it was read
        return relative, f"unreadable ({error.strerror or error})"
    except RecursionError:
        return relative, "too deeply nested to parse"
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    return Row.of(article, relative, FileStat(len(data), mtime_ns, digest))


def _is_utf8(relative: str) -> bool:
    try:
        relative.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_PR_SET_PDEATHSIG = 1
_hook_lock = threading.Lock()
_prctl: Callable[..., int] | None = None
_hook_installed = False
_forking_pid = 0  # set in the parent just before each fork: the child's copy names its parent


def children_exit_with_parent() -> None:
    """From now on, every child this process forks (pool workers, Whoosh's writer processes)
    exits when this process is gone. Called when a build starts; calling again does nothing.
    """
    global _hook_installed, _prctl
    with _hook_lock:
        if _hook_installed:
            return
        _prctl = _load_prctl()  # now: a forked child must not load libraries
        os.register_at_fork(before=_remember_parent, after_in_child=_exit_with_parent)
        _hook_installed = True


def _load_prctl() -> Callable[..., int] | None:
    """libc's ``prctl`` (Linux)."""
    try:
        prctl: Callable[..., int] = ctypes.CDLL(None, use_errno=True).prctl
        return prctl
    except (OSError, AttributeError):
        return None


def _remember_parent() -> None:
    global _forking_pid
    _forking_pid = os.getpid()


def _exit_with_parent() -> None:
    """In a forked child: exit when the parent is gone. After a ``kill -9`` of ``reader
    index`` children would otherwise live on, blocked on a queue nobody reads, holding the
    terminal's output pipes and the index lock.

    On Linux the kernel does it (``PR_SET_PDEATHSIG``): no thread is started in a child that
    may have been forked while another thread held a lock. Elsewhere a thread watches.
    The parent is the pid it had before the fork: a child first run after its parent died
    would take its new parent (init) from getppid() and never exit.
    """
    parent = _forking_pid
    if _prctl is not None and _prctl(_PR_SET_PDEATHSIG, signal.SIGKILL) == 0:
        if os.getppid() != parent:  # the parent died before the signal was armed
            os._exit(1)
        return

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _ignore_interrupts() -> None:
    """Pool worker start-up: Ctrl-C reaches the whole process group; the indexing process
    stops the pool, and the workers must not each print a KeyboardInterrupt traceback."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _prepare_chunk(
    corpus: Path, relatives: list[str], known: dict[str, KnownFile], stories: bool = False
) -> list[Prepared]:
    prepared = [prepare(corpus, relative, known.get(relative)) for relative in relatives]
    return [_with_story_features(result) for result in prepared] if stories else prepared


def _with_story_features(result: Prepared) -> Prepared:
    """The result with each row's story features (its terms and places, the per-article
    part of the stories), computed here in the worker that parsed it."""
    from reader.stories.features import story_features

    if isinstance(result, Row):
        return replace(result, story=story_features(result.title, result.body))
    if isinstance(result, EntryFile):
        rows = tuple(replace(row, story=story_features(row.title, row.body)) for row in result.rows)
        return replace(result, rows=rows)
    return result


def prepare_all(
    corpus: Path,
    relatives: list[str],
    progress: Callable[[int, int], None] | None = None,
    known: dict[str, KnownFile] | None = None,
    stories: bool = False,
) -> tuple[list[Row], list[tuple[str, str]], list[EntryFile]]:
    """Prepare many files, in worker processes when there are enough of them; ``known``
    says what was read before of files of many articles; with ``stories``, each row
    carries its story features (``Row.story``).

    Returns the rows, the ``(path, reason)`` of skipped files and the reads of files of
    many articles, each in input order.
    """
    children_exit_with_parent()
    known = known or {}
    total = len(relatives)
    chunks = [relatives[i : i + _CHUNK] for i in range(0, total, _CHUNK)]
    knowns = [{path: known[path] for path in chunk if path in known} for chunk in chunks]
    results: list[Prepared] = []
    if progress:
        progress(0, total)
    workers = min(os.cpu_count() or 1, 4)
    if total < _PARALLEL_THRESHOLD or workers < 2:
        outputs = (
            _prepare_chunk(corpus, chunk, k, stories)
            for chunk, k in zip(chunks, knowns, strict=True)
        )
        _collect(outputs, results, total, progress)
    else:
        # A multiprocessing pool, whose exit stops its workers at once: on Ctrl-C (which they
        # ignore) or a failure nothing waits for chunks still being read.
        with multiprocessing.Pool(workers, initializer=_ignore_interrupts) as pool:
            arguments = [
                (corpus, chunk, k, stories) for chunk, k in zip(chunks, knowns, strict=True)
            ]
            _collect(pool.imap(_prepare_arguments, arguments), results, total, progress)
    rows = [result for result in results if isinstance(result, Row)]
    files = [result for result in results if isinstance(result, EntryFile)]
    skipped = [result for result in results if isinstance(result, tuple)]
    return rows, skipped, files


def _prepare_arguments(
    arguments: tuple[Path, list[str], dict[str, KnownFile], bool],
) -> list[Prepared]:
    return _prepare_chunk(*arguments)


def _collect(
    outputs: Iterable[list[Prepared]],
    results: list[Prepared],
    total: int,
    progress: Callable[[int, int], None] | None,
) -> None:
    pause = pause_point("prepare")
    for chunk in outputs:
        results.extend(chunk)
        if progress:
            progress(len(results), total)
        if pause is not None:
            pause(len(results))
