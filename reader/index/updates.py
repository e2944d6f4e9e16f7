"""Building and updating a corpus's index: the start-up check, incremental updates, crash
and damage handling, and the files of an index folder. ``reader.index.Library`` adds reading."""

from __future__ import annotations

import _thread
import atexit
import contextlib
import errno
import fcntl
import hashlib
import json
import marshal
import os
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import Any

from whoosh import index as whoosh_index

from reader import __version__
from reader.articles.walk import corpus_files
from reader.engine.schema import SCHEMA_VERSION, make_schema, reset_spelling, whoosh_document
from reader.engine.segment_files import install as _install_whoosh_files
from reader.index.catalog import CATALOG_VERSION, Catalog, FileStat, Row
from reader.index.prepare import prepare_all
from reader.models import UpdateReport

_install_whoosh_files()  # segments are read from their memory map, not copied


__all__ = ["Indexing", "LibraryError", "ProgressCallback", "UpdateReport"]

ProgressCallback = Callable[[int, int], None]
_META = "reader-index.json"
_CATALOG = "catalog.sqlite3"
# Left by versions that relinked quotations after the catalog write (now one transaction).
_RELINK_PENDING = "relink.pending"
# Written when a search finds a damaged file; the next update rebuilds.
_DAMAGED = "damaged"
# The digest of the corpus scan the index reflects: a start-up check that finds the same
# digest need not load and compare every file's recorded stat (see ``needs_update``).
_SCAN_DIGEST = "scan.digest"
_OWN_FILES = frozenset(
    {_META, "update.lock", "whoosh", _CATALOG, f"{_CATALOG}-wal", f"{_CATALOG}-shm"}
    | {_RELINK_PENDING, _DAMAGED, _SCAN_DIGEST}
)


class LibraryError(Exception):
    """A problem with the corpus or the index directory, explained in one line."""


@dataclass(frozen=True)
class _Scan:
    """A start-up check's findings, for the update that follows it."""

    made: float  # time.monotonic()
    files: dict[str, tuple[int, int]]
    recorded: dict[str, tuple[int, int]]
    mark: tuple[int, int]  # the catalog's change mark when ``recorded`` was read


class Indexing:
    """A corpus and its index folder: the two stores (Whoosh index and SQLite catalog), kept
    in line with the corpus. Safe to share between threads."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        self.corpus = corpus
        self.index_dir = index_dir
        self._ix: Any = None
        self._catalog: Catalog | None = None
        self._open_lock = threading.Lock()
        self.rebuilds = 0
        """How many times this Library has (re)created its index, so readers can tell."""
        self.on_wait: Callable[[str], None] | None = None
        """Told (one line) when an update has to wait for another process's update."""
        self._last_scan: _Scan | None = None

    # -- building ---------------------------------------------------------------------------

    def needs_update(self) -> bool:
        """True when the index is missing or damaged, or a corpus file was added, changed or
        deleted."""
        if not self._is_current() or self._damage() is not None:
            return True
        files = corpus_files(self.corpus)
        digest = _scan_digest(files)
        if self._recorded_digest() == digest:
            return False
        mark = self.catalog.change_mark()
        recorded = self.catalog.stat_pairs()
        if files == recorded:
            self._adopt_scan(files, digest)
            return False
        # The caller updates next: let update() use this scan (and these recorded stats,
        # while no other process has written the catalog) instead of reading them again.
        self._last_scan = _Scan(time.monotonic(), files, recorded, mark)
        return True

    def update(
        self, progress: ProgressCallback | None = None, rebuild: bool = False
    ) -> UpdateReport:
        """Bring the index in line with the corpus: index new and changed files, drop deleted
        ones. A missing, outdated, damaged or ``rebuild`` index is built from scratch.

        When the index directory cannot be written (read-only, out of space) the existing
        index is kept, or a temporary one is built; ``UpdateReport.notice`` says which.
        """
        try:
            with self._exclusive():
                # a needs_update() that just found changes has just checked for damage too
                checked = self._scan_is_recent()
                current = self._is_current()
                damage = self._damage() if not rebuild and current and not checked else None
                rebuilt = rebuild or damage is not None or not current
                if rebuilt:
                    self._create()
                report = self._update(progress, rebuilt)
        except (OSError, sqlite3.OperationalError) as error:
            if not _is_unwritable(error):
                raise
            return self._fall_back(error, progress)
        except whoosh_index.LockError:
            # Only a Whoosh writer outside reader's update lock can hold it (a foreign tool).
            raise LibraryError(
                f"the search index in {self.index_dir} is locked by another program;"
                " try again when it has finished"
            ) from None
        if damage is not None:
            return replace(report, notice=f"the index was damaged ({damage}); rebuilt it")
        return report

    def _damage(self) -> str | None:
        """Why the index on disk cannot be read, or None when it opens and agrees with itself.

        A cheap check (no full scan): both stores open and hold the same number of articles,
        and no search has found a damaged file since the last build.
        """
        try:
            return (self.index_dir / _DAMAGED).read_text(encoding="utf-8").strip() or "damaged"
        except OSError:
            pass
        try:
            documents = _whoosh_documents(self.index_dir / "whoosh")
            articles = self.catalog.count()
        except Exception as error:  # whoosh and sqlite raise many kinds on damaged files
            self.close()
            return f"{type(error).__name__}: {error}".splitlines()[0][:160]
        if documents != articles:
            return f"{documents} articles searchable but {articles} in the catalog"
        return None

    def _fall_back(
        self, error: OSError | sqlite3.OperationalError, progress: ProgressCallback | None
    ) -> UpdateReport:
        """Keep using the existing index, or build a temporary one, when ours is unwritable."""
        reason = getattr(error, "strerror", None) or str(error)
        where = self.index_dir
        self.close()
        if self._is_current() and self._damage() is None and self.count() > 0:
            return UpdateReport(
                0,
                0,
                0,
                self.count(),
                (),
                notice=f"cannot update the index in {where}"
                f" ({reason}); searching the existing index, which may be out of date",
            )
        temporary = Path(tempfile.mkdtemp(prefix="reader-index-"))
        atexit.register(shutil.rmtree, temporary, ignore_errors=True)
        self.index_dir = temporary
        try:
            with self._exclusive():
                self._create()
                report = self._update(progress, rebuilt=True)
        except (OSError, sqlite3.OperationalError) as again:
            raise LibraryError(
                f"cannot write the index in {where} ({reason}) nor in {temporary} ({again})"
            ) from None
        return replace(
            report,
            notice=f"cannot write the index in {where} ({reason}); using a temporary"
            f" index in {temporary} for this session",
        )

    def _scan(self) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
        """The corpus files and the catalog's recorded stats: those ``needs_update()`` has
        just read, or new ones."""
        last, self._last_scan = self._last_scan, None
        if last is None or time.monotonic() - last.made > _SCAN_REUSE_SECONDS:
            return corpus_files(self.corpus), self.catalog.stat_pairs()
        if last.mark != self.catalog.change_mark():  # written since, or another thread
            return last.files, self.catalog.stat_pairs()
        return last.files, last.recorded

    def _scan_is_recent(self) -> bool:
        return self._last_scan is not None and (
            time.monotonic() - self._last_scan.made <= _SCAN_REUSE_SECONDS
        )

    def _update(self, progress: ProgressCallback | None, rebuilt: bool) -> UpdateReport:
        scanned, recorded = self._scan()
        pending = [path for path, pair in scanned.items() if recorded.get(path) != pair]
        gone = [path for path in recorded if path not in scanned]
        if pending or gone:  # until this update is complete the old digest is not true
            (self.index_dir / _SCAN_DIGEST).unlink(missing_ok=True)
        # Only the files that differ are looked up in full (not 100k rows).
        known = self.catalog.file_stats(pending + gone)
        known_skipped = self.catalog.skipped_stats()
        files = {path: FileStat(*scanned[path]) for path in pending}
        rows, skipped = prepare_all(self.corpus, pending, progress)
        # An indexed file that can no longer be read is dropped, not left stale in the index.
        now_skipped = {path for path, _ in skipped}
        deleted = [path for path in known if path not in scanned or path in now_skipped]
        fresh, touched = [], []
        for row in rows:  # a touched file with the same content only gets its new stat
            if _content_changed(row, known):
                fresh.append(row)
            else:
                touched.append((row.path, row.stat))
        deleted_ids = [known[path][0] for path in deleted]
        self._write_index(fresh, deleted_ids)
        self.catalog.write(
            fresh, deleted, [(p, files[p], reason) for p, reason in skipped], touched
        )
        readable_now = {row.path for row in rows}
        self.catalog.forget_skipped(
            [p for p in known_skipped if p not in scanned or p in readable_now]
        )
        self._write_digest(_scan_digest(scanned))
        added = sum(1 for row in fresh if row.path not in known)
        return UpdateReport(
            added=added,
            changed=len(fresh) - added,
            deleted=len(deleted),
            unchanged=len(scanned) - len(fresh) - len(skipped),
            skipped=tuple(skipped),
            rebuilt=rebuilt,
        )

    def _write_index(self, rows: list[Row], deleted_ids: list[str]) -> None:
        if not rows and not deleted_ids:
            return
        # (the catalog says it cheaply: an index whose two stores disagree is rebuilt first)
        empty = self.catalog.count() == 0
        reset_spelling()
        for stale in (self.index_dir / "whoosh").glob("*.tmp"):
            # Whoosh's writer processes' work folder, left by a killed update (we hold the lock)
            shutil.rmtree(stale, ignore_errors=True)
        with _quiet_subprocess_interrupts():
            self._write_documents(rows, deleted_ids, empty)

    def _write_documents(self, rows: list[Row], deleted_ids: list[str], empty: bool) -> None:
        writer = self.ix.writer(**_writer_options(len(rows)))
        try:
            for deleted_id in deleted_ids:
                writer.delete_by_term("id", deleted_id)
            # A new index has nothing to replace: skip update_document's lookup per article.
            add = writer.add_document if empty else writer.update_document
            for row in rows:
                add(**whoosh_document(row))
        except BaseException:
            # Whoosh's cancel() only flags its writer processes in this process's memory,
            # then deletes the files they work on; stop them first (no traceback per process).
            for task in getattr(writer, "tasks", ()):
                task.terminate()
                task.join(5)
            writer.cancel()
            raise
        writer.commit()

    def _is_current(self) -> bool:
        try:
            meta = json.loads((self.index_dir / _META).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        return (
            meta.get("schema") == SCHEMA_VERSION
            and meta.get("catalog") == CATALOG_VERSION
            and meta.get("max_article_bytes", _max_bytes()) == _max_bytes()
            and self._whoosh_exists()
            and (self.index_dir / "catalog.sqlite3").exists()
        )

    def _whoosh_exists(self) -> bool:
        try:
            return bool(whoosh_index.exists_in(self.index_dir / "whoosh"))
        except Exception:  # there but unreadable: _damage() tells why, update() rebuilds it
            return True

    def _create(self) -> None:
        """Make an empty index, replacing an outdated one of ours (never foreign files).

        Other threads may be searching: nothing can open the catalog while its files are
        replaced, and their searchers of the old files are retired (see ``searcher``).
        """
        self.close()
        foreign = [path.name for path in self.index_dir.iterdir() if not _is_own(path.name)]
        if foreign and not (self.index_dir / _META).exists():
            raise LibraryError(
                f"index directory {self.index_dir} holds files that are not a reader index"
                f" ({foreign[0]}, ...); choose an empty or new folder with --index-dir"
            )
        with self._open_lock:
            self.rebuilds += 1
            self._ix = self._catalog = None
            for name in _OWN_FILES - {"update.lock"}:
                target = self.index_dir / name
                if target.is_dir():
                    shutil.rmtree(target)
                elif target.exists():
                    target.unlink()
            (self.index_dir / "whoosh").mkdir(parents=True, exist_ok=True)
            whoosh_index.create_in(self.index_dir / "whoosh", make_schema())
            self._catalog = Catalog(self.index_dir / _CATALOG)
        meta = {"schema": SCHEMA_VERSION, "version": __version__, "corpus": str(self.corpus)}
        meta["catalog"] = CATALOG_VERSION
        # A new size limit rebuilds: files skipped as too large get another chance.
        meta["max_article_bytes"] = _max_bytes()
        _write_atomically(self.index_dir / _META, json.dumps(meta, indent=2))

    def _recorded_digest(self) -> str | None:
        try:
            return (self.index_dir / _SCAN_DIGEST).read_text(encoding="ascii")
        except (OSError, ValueError):
            return None

    def _write_digest(self, digest: str) -> None:
        """Remember which scan the index reflects (under the update lock), if the folder can
        be written: without it the next check compares every file's stat with the catalog."""
        with contextlib.suppress(OSError):
            _write_atomically(self.index_dir / _SCAN_DIGEST, digest)

    def _adopt_scan(self, files: dict[str, tuple[int, int]], digest: str) -> None:
        """Outside an update: record the digest of a scan the catalog agrees with, unless an
        update is running (best effort, never waits)."""
        with contextlib.suppress(OSError, sqlite3.Error), self._exclusive(wait=False) as locked:
            if locked and files == self.catalog.stat_pairs():
                self._write_digest(digest)

    @contextmanager
    def _exclusive(self, wait: bool = True) -> Iterator[bool]:
        """One writer at a time across processes; the lock dies with its process. Without
        ``wait``, yields False at once (lock not taken) while another holds it."""
        self.index_dir.mkdir(parents=True, exist_ok=True)
        with open(self.index_dir / "update.lock", "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                if self.on_wait is not None:
                    self.on_wait("another reader process is updating the index: waiting for it")
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def mark_damaged(self, reason: str) -> None:
        """Record that a search found the index damaged, so the next update rebuilds it."""
        with contextlib.suppress(OSError):
            _write_atomically(self.index_dir / _DAMAGED, reason)

    def is_updating(self) -> bool:
        """True while an update holds the index (in this process or another one)."""
        try:
            with open(self.index_dir / "update.lock", "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(handle, fcntl.LOCK_UN)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False

    # -- the stores -------------------------------------------------------------------------

    @property
    def ix(self) -> Any:
        with self._open_lock:
            if self._ix is None:
                self._ix = whoosh_index.open_dir(str(self.index_dir / "whoosh"))
            return self._ix

    @property
    def catalog(self) -> Catalog:
        with self._open_lock:
            if self._catalog is None:
                self.index_dir.mkdir(parents=True, exist_ok=True)
                self._catalog = Catalog(self.index_dir / _CATALOG)
            return self._catalog

    def count(self) -> int:
        """How many articles are indexed; 0 when the catalog is damaged (update() rebuilds)."""
        try:
            return self.catalog.count()
        except sqlite3.DatabaseError:
            return 0

    def close(self) -> None:
        """Let go of the stores (a Library also closes its searchers)."""
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None
        self._ix = None


def _scan_digest(files: dict[str, tuple[int, int]]) -> str:
    """A digest of a corpus scan (paths in the walk's stable order, sizes, mtimes).

    marshal format 0 has no back-references or interning flags, so equal scans give equal
    bytes whatever else holds the objects (half the time of formatting them as text).
    """
    return hashlib.blake2b(marshal.dumps(files, 0), digest_size=16).hexdigest()


def _whoosh_documents(folder: Path) -> int:
    """The searchable documents of a Whoosh index, after checking its files hang together.

    Reads the table of contents and each compound segment's directory (under a millisecond
    each) instead of opening every segment's term and posting files (0.1 s at 100k); a
    truncated or missing segment raises. A scribble inside a file is found by the search
    that reads it (``mark_damaged``).
    """
    ix = whoosh_index.open_dir(str(folder))
    segments = ix._segments()
    if not all(segment.is_compound() for segment in segments):
        with ix.reader() as reader:
            return int(reader.doc_count())
    for segment in segments:
        compound = segment.open_compound_file(ix.storage)
        try:
            size = ix.storage.file_length(segment.make_filename(segment.COMPOUND_EXT))
            end = max(
                (entry["offset"] + entry["length"] for entry in compound._dir.values()), default=0
            )
            if end > size:
                raise ValueError(f"segment {segment.segment_id()} is truncated")
        finally:
            compound.close()
    return sum(int(segment.doc_count()) for segment in segments)


def _max_bytes() -> int:
    from reader.articles import files as articles

    return articles.MAX_ARTICLE_BYTES


def _is_own(name: str) -> bool:
    """A file of the index folder that the reader made (a meta temp file left by a crash too)."""
    return name in _OWN_FILES or (
        name.startswith((f".{_META}.", f".{_SCAN_DIGEST}.")) and name.endswith(".tmp")
    )


_UNWRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT})


def _is_unwritable(error: OSError | sqlite3.OperationalError) -> bool:
    """True for errors that mean "this directory cannot be written" (not a bug, not damage)."""
    if isinstance(error, OSError):
        return error.errno in _UNWRITABLE
    message = str(error).lower()
    return any(part in message for part in ("readonly", "read-only", "disk is full", "unable"))


# From this many articles on, two or more cores index in parallel: each writer process
# analyses its share and writes its own segment (no final merge). Small updates stay in
# process, where forking would cost more than it saves.
_PARALLEL_INDEXING = 1000


# Modules whose at-fork hooks run Python code in the forking process (logging's lock).
_FORK_HOOK_MODULES = frozenset({"logging"})


@contextmanager
def _quiet_subprocess_interrupts() -> Iterator[None]:
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


# update() right after a needs_update() that found changes uses that scan (the CLI and the
# TUI call both; a change made after the scan is found by the next check, as with any scan).
_SCAN_REUSE_SECONDS = 2.0


def _content_changed(row: Row, known: dict[str, tuple[str, FileStat]]) -> bool:
    previous = known.get(row.path)
    return previous is None or previous[1].digest != row.stat.digest


def _write_atomically(path: Path, text: str) -> None:
    """Write a file so that readers see the old or the new content, never a part."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with temporary.open("w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
