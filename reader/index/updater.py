"""Keeping an index in line with its corpus: the start-up check, updates under the update
lock, rebuilds of outdated or damaged indexes, and a temporary index when ours cannot be
written."""

from __future__ import annotations

import atexit
import contextlib
import errno
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path

from whoosh import index as whoosh_index

from reader.articles.walk import corpus_files
from reader.index.changes import Scanned, apply_changes, scan_digest
from reader.index.errors import LibraryError, ProgressCallback
from reader.index.folder import IndexFolder
from reader.index.prepare import children_exit_with_parent
from reader.index.stores import Stores
from reader.models import UpdateReport

__all__ = ["Updater"]

# update() right after a needs_update() that found changes uses that scan (the CLI and the
# TUI call both; a change made after the scan is found by the next check, as with any scan).
_SCAN_REUSE_SECONDS = 2.0
_UNWRITABLE = frozenset({errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT})


@dataclass(frozen=True)
class _Scan:
    """A start-up check's findings, for the update that follows it."""

    made: float  # time.monotonic()
    files: Scanned
    recorded: Scanned
    mark: tuple[int, int]  # the catalog's change mark when ``recorded`` was read


class Updater:
    """Updates of one corpus's stores. Safe to share between threads."""

    def __init__(self, corpus: Path, stores: Stores) -> None:
        self.corpus = corpus
        self.stores = stores
        self.on_wait: Callable[[str], None] | None = None
        """Told (one line) when an update has to wait for another process's update."""
        self._last_scan: _Scan | None = None

    def needs_update(self) -> bool:
        """True when the index is missing or damaged, or a corpus file was added, changed or
        deleted."""
        stores = self.stores
        if not stores.is_current() or stores.damage() is not None:
            return True
        if stores.stories.problem() is not None:  # an update makes them from the catalog
            return True
        files = corpus_files(self.corpus)
        digest = scan_digest(files)
        if stores.folder.recorded_digest() == digest:
            return False
        mark = stores.catalog.change_mark()
        recorded = stores.catalog.stat_pairs()
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
        """Bring the index in line with the corpus (see ``Library.update``)."""
        children_exit_with_parent()
        try:
            with self._locked():
                report, damage = self._update_locked(progress, rebuild)
        except (OSError, sqlite3.OperationalError) as error:
            if not _is_unwritable(error):
                raise
            return self._fall_back(error, progress)
        except whoosh_index.LockError:
            # Only a Whoosh writer outside reader's update lock can hold it (a foreign tool).
            raise LibraryError(
                f"the search index in {self.stores.folder.path} is locked by another program;"
                " try again when it has finished"
            ) from None
        if damage is not None:
            return replace(report, notice=f"the index was damaged ({damage}); rebuilt it")
        return report

    def _update_locked(
        self, progress: ProgressCallback | None, rebuild: bool
    ) -> tuple[UpdateReport, str | None]:
        """The update, and the damage that made it a rebuild (call under the lock)."""
        # a needs_update() that just found changes has just checked for damage too
        checked = self._scan_is_recent()
        current = self.stores.is_current()
        damage = self.stores.damage() if not rebuild and current and not checked else None
        rebuilt = rebuild or damage is not None or not current
        if rebuilt:
            self.stores.create(self.corpus)
        return self._apply(progress, rebuilt), damage

    def _apply(self, progress: ProgressCallback | None, rebuilt: bool) -> UpdateReport:
        scanned, recorded = self._scan()
        report = apply_changes(self.corpus, self.stores, scanned, recorded, progress)
        return replace(report, rebuilt=rebuilt)

    def _locked(self) -> AbstractContextManager[bool]:
        return self.stores.folder.lock(on_wait=self.on_wait)

    def _fall_back(
        self, error: OSError | sqlite3.OperationalError, progress: ProgressCallback | None
    ) -> UpdateReport:
        """Keep using the existing index, or build a temporary one, when ours is unwritable."""
        reason = getattr(error, "strerror", None) or str(error)
        where = self.stores.folder.path
        stores = self.stores
        stores.close()
        if stores.is_current() and stores.damage() is None and stores.count() > 0:
            return UpdateReport(
                0,
                0,
                0,
                stores.count(),
                (),
                notice=f"cannot update the index in {where}"
                f" ({reason}); searching the existing index, which may be out of date",
            )
        return self._build_temporary(where, reason, progress)

    def _build_temporary(
        self, where: Path, reason: str, progress: ProgressCallback | None
    ) -> UpdateReport:
        temporary = Path(tempfile.mkdtemp(prefix="reader-index-"))
        atexit.register(shutil.rmtree, temporary, ignore_errors=True)
        self.stores.move_to(IndexFolder(temporary))
        try:
            with self._locked():
                self.stores.create(self.corpus)
                report = self._apply(progress, rebuilt=True)
        except (OSError, sqlite3.OperationalError) as again:
            raise LibraryError(
                f"cannot write the index in {where} ({reason}) nor in {temporary} ({again})"
            ) from None
        return replace(
            report,
            notice=f"cannot write the index in {where} ({reason}); using a temporary"
            f" index in {temporary} for this session",
        )

    def _scan(self) -> tuple[Scanned, Scanned]:
        """The corpus files and the catalog's recorded stats: those ``needs_update()`` has
        just read, or new ones."""
        last, self._last_scan = self._last_scan, None
        catalog = self.stores.catalog
        if last is None or time.monotonic() - last.made > _SCAN_REUSE_SECONDS:
            return corpus_files(self.corpus), catalog.stat_pairs()
        if last.mark != catalog.change_mark():  # written since, or another thread
            return last.files, catalog.stat_pairs()
        return last.files, last.recorded

    def _scan_is_recent(self) -> bool:
        return self._last_scan is not None and (
            time.monotonic() - self._last_scan.made <= _SCAN_REUSE_SECONDS
        )

    def _adopt_scan(self, files: Scanned, digest: str) -> None:
        """Outside an update: record the digest of a scan the catalog agrees with, unless an
        update is running (best effort, never waits)."""
        folder = self.stores.folder
        with contextlib.suppress(OSError, sqlite3.Error), folder.lock(wait=False) as locked:
            if locked and files == self.stores.catalog.stat_pairs():
                folder.write_digest(digest)


def _is_unwritable(error: OSError | sqlite3.OperationalError) -> bool:
    """True for errors that mean "this directory cannot be written" (not a bug, not damage)."""
    if isinstance(error, OSError):
        return error.errno in _UNWRITABLE
    message = str(error).lower()
    return any(part in message for part in ("readonly", "read-only", "disk is full", "unable"))
