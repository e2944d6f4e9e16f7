"""The files of an index folder: which are ours, the meta file, the update lock, the damage
marker and the scan digest, written atomically; a file we did not make is never deleted."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from reader.index.errors import LibraryError

__all__ = ["IndexFolder", "file_identity", "write_atomically"]

_META = "reader-index.json"
_CATALOG = "catalog.sqlite3"
_WHOOSH = "whoosh"
_STORIES = "stories.sqlite3"
# A first build's stories made beside the index write (``stories_ahead``), then copied in.
_STORIES_AHEAD = "stories-ahead.sqlite3"
_LOCK = "update.lock"
# Left by versions that relinked quotations after the catalog write (now one transaction).
_RELINK_PENDING = "relink.pending"
# Written when a search finds a damaged file; the next update rebuilds.
_DAMAGED = "damaged"
# The digest of the corpus scan the index reflects: a start-up check that finds the same
# digest need not load and compare every file's recorded stat.
_SCAN_DIGEST = "scan.digest"
# SQLite keeps a database's rollback journal, write-ahead log and shared-memory index beside
# it; they belong to the database (a kill -9 while the catalog is created leaves a -journal).
_SQLITE_SIDE_FILES = ("-journal", "-wal", "-shm")
_OWN_FILES = frozenset(
    {_META, _LOCK, _WHOOSH, _CATALOG, _STORIES, _STORIES_AHEAD, _RELINK_PENDING, _DAMAGED}
    | {_SCAN_DIGEST}
    | {f"{database}{suffix}" for database in (_CATALOG, _STORIES) for suffix in _SQLITE_SIDE_FILES}
)
_WRITTEN_ATOMICALLY = (_META, _SCAN_DIGEST, _DAMAGED)


class IndexFolder:
    """One index folder and the rules for its files; several may exist for one path."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.meta = path / _META
        self.catalog = path / _CATALOG
        self.whoosh = path / _WHOOSH
        self.stories = path / _STORIES
        self.stories_ahead = path / _STORIES_AHEAD
        self._lock = path / _LOCK

    def read_meta(self) -> dict[str, Any] | None:
        """The meta file's fields; None when it is missing or unreadable."""
        import json  # not on the first paint's path

        try:
            meta = json.loads(self.meta.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None

    def write_meta(self, meta: dict[str, Any]) -> None:
        import json

        write_atomically(self.meta, json.dumps(meta, indent=2))

    def damage_note(self) -> str | None:
        """Why a search found the index damaged, if one did since the last build."""
        try:
            return self.path.joinpath(_DAMAGED).read_text(encoding="utf-8").strip() or "damaged"
        except OSError:
            return None

    def mark_damaged(self, reason: str) -> None:
        """Record that a search found the index damaged, so the next update rebuilds it."""
        with contextlib.suppress(OSError):
            write_atomically(self.path / _DAMAGED, reason)

    def recorded_digest(self) -> str | None:
        """The digest of the corpus scan the index reflects, if one is recorded."""
        try:
            return (self.path / _SCAN_DIGEST).read_text(encoding="ascii")
        except (OSError, ValueError):
            return None

    def write_digest(self, digest: str) -> None:
        """Remember which scan the index reflects (under the update lock), if the folder can
        be written: without it the next check compares every file's stat with the catalog."""
        with contextlib.suppress(OSError):
            write_atomically(self.path / _SCAN_DIGEST, digest)

    def withdraw_digest(self) -> None:
        """Forget the recorded scan: an update is changing the index, until it is complete."""
        (self.path / _SCAN_DIGEST).unlink(missing_ok=True)

    @contextmanager
    def lock(
        self, wait: bool = True, on_wait: Callable[[str], None] | None = None
    ) -> Iterator[bool]:
        """One writer at a time across processes; the lock dies with its process. Without
        ``wait``, yields False at once (lock not taken) while another holds it; with it,
        ``on_wait`` is told when another process holds it."""
        self.path.mkdir(parents=True, exist_ok=True)
        with open(self._lock, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if not wait:
                    yield False
                    return
                if on_wait is not None:
                    on_wait("another reader process is updating the index: waiting for it")
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def is_locked(self) -> bool:
        """True while an update holds the lock (in this process or another one)."""
        try:
            with open(self._lock, "rb") as handle:
                fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                fcntl.flock(handle, fcntl.LOCK_UN)
        except BlockingIOError:
            return True
        except OSError:
            return False
        return False

    def clear(self) -> None:
        """Delete every file of ours but the lock, to build anew. Refuses (LibraryError) a
        folder holding files we did not make unless our meta file says the index is ours;
        those files are kept either way."""
        foreign = [path.name for path in self.path.iterdir() if not _is_own(path.name)]
        if foreign and not self.meta.exists():
            raise LibraryError(
                f"index directory {self.path} holds files that are not a reader index"
                f" ({foreign[0]}, ...); choose an empty or new folder with --index-dir"
            )
        for name in sorted(_OWN_FILES - {_LOCK}):
            target = self.path / name
            if target.is_dir():
                shutil.rmtree(target)
            elif target.exists():
                target.unlink()


def _is_own(name: str) -> bool:
    """A file of the index folder that the reader made (a temp file left by a crash too)."""
    if name in _OWN_FILES:
        return True
    prefixes = tuple(f".{written}." for written in _WRITTEN_ATOMICALLY)
    return name.startswith(prefixes) and name.endswith(".tmp")


def file_identity(path: Path) -> tuple[int, int, int] | None:
    """Which file is at ``path``: device, inode and status-change time, None when there is
    none. It changes when the file is replaced (a rebuild, an atomic rewrite), even by one
    that reuses the freed inode number, and when the file is written."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino, info.st_ctime_ns


def write_atomically(path: Path, text: str) -> None:
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
