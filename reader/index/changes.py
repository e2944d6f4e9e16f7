"""One update of both stores: the corpus files that differ from what the catalog recorded
are read again, and the Whoosh index and the catalog brought in line with them."""

from __future__ import annotations

import hashlib
import marshal
from dataclasses import replace
from pathlib import Path

from reader.articles import Position
from reader.index.entryfiles import EntryFile, KnownFile, is_entry_file
from reader.index.errors import ProgressCallback
from reader.index.prepare import prepare_all
from reader.index.rows import FileStat, Row
from reader.index.stores import Stores
from reader.index.writing import write_index
from reader.models import UpdateReport

__all__ = ["Scanned", "apply_changes", "scan_digest"]

Scanned = dict[str, tuple[int, int]]
"""``{path: (size, mtime_ns)}`` of corpus files, as the corpus walk or the catalog has them."""
_Known = dict[str, tuple[str, FileStat]]


def apply_changes(
    corpus: Path,
    stores: Stores,
    scanned: Scanned,
    recorded: Scanned,
    progress: ProgressCallback | None = None,
) -> UpdateReport:
    """Index what ``scanned`` has that ``recorded`` (the catalog's stats) has not, drop what
    it no longer has, and record the scan's digest once both stores agree with it."""
    pending = [path for path, pair in scanned.items() if recorded.get(path) != pair]
    gone = [path for path in recorded if path not in scanned]
    if pending or gone:  # until this update is complete the old digest is not true
        stores.folder.withdraw_digest()
    freed = _freed_by(stores.catalog.skipped(), set(gone), scanned) if gone else []
    pending += [path for path in freed if path not in pending]
    # Only the files that differ are looked up in full (not 100k rows).
    known = stores.catalog.file_stats(p for p in pending + gone if not is_entry_file(p))
    known_entries = stores.catalog.known_entry_files(p for p in pending + gone if is_entry_file(p))
    for path in freed:  # read from the start: its clashing entry is behind its position
        if path in known_entries:
            known_entries[path] = replace(known_entries[path], position=Position())
    known_skipped = stores.catalog.skipped_stats()
    articles = stores.catalog.count() + len(pending) - len(gone)  # about: files of many
    stories = stores.stories.kept_for(articles)
    rows, skipped, entry_files = prepare_all(corpus, pending, progress, known_entries, stories)
    owners = stores.catalog.paths_of(
        [row.id for row in rows] + [row.id for read in entry_files for row in read.rows]
    )
    rows, entry_files, clashes = _one_file_per_id(rows, entry_files, owners, set(gone))
    skipped += clashes
    # An indexed file that can no longer be read is dropped, not left stale in the index.
    now_skipped = {path for path, _ in skipped}
    deleted = [path for path in known if path not in scanned or path in now_skipped]
    fresh, touched = _split_touched(rows, known)
    gone_entry_files = [p for p in known_entries if p not in scanned or p in now_skipped]
    entry_rows, deleted_ids = _entry_changes(entry_files, known_entries, gone_entry_files)
    deleted_ids += [known[path][0] for path in deleted]
    changed = fresh + entry_rows
    was_known = {id_ for read in known_entries.values() for id_ in read.digests}
    was_known.update(id_ for id_, _ in known.values())
    replaced = [*deleted_ids, *(row.id for row in changed if row.id in was_known)]
    skipped_stats = [(path, FileStat(*scanned[path]), reason) for path, reason in skipped]
    try:
        # before the Whoosh write: a first build's stories are made beside it (stories_ahead)
        story_change = stores.stories.prepare(changed, replaced)
        _write_index(stores, changed, deleted_ids)
        stores.catalog.write(
            changed,
            deleted,
            skipped_stats,
            touched,
            deleted_ids=deleted_ids,
            entry_files=entry_files,
            gone_entry_files=gone_entry_files,
        )
    except BaseException:
        stores.stories.cancel()
        raise
    stores.stories.apply(story_change)
    readable_now = {row.path for row in rows} | {read.path for read in entry_files}
    forgotten = [path for path in known_skipped if path not in scanned or path in readable_now]
    stores.catalog.forget_skipped(forgotten)
    stores.folder.write_digest(scan_digest(scanned))
    entry_skips = [
        (read.path, _entry_reason(*skip)) for read in entry_files for skip in read.skipped
    ]
    return _report(stores.catalog.count(), changed, was_known, deleted_ids,
                   skipped + entry_skips)  # fmt: skip


_CLASH = "same id as "


def _freed_by(skipped: list[tuple[str, str]], gone: set[str], scanned: Scanned) -> list[str]:
    """Files skipped for holding the id of a file that is gone now: to be read again."""
    freed = []
    for path, reason in skipped:
        owner = reason.partition(_CLASH)[2].removesuffix(" (rename one of them)")
        if owner in gone and path in scanned and path not in freed:
            freed.append(path)
    return freed


def _one_file_per_id(
    rows: list[Row], entry_files: list[EntryFile], owners: dict[str, str], leaving: set[str]
) -> tuple[list[Row], list[EntryFile], list[tuple[str, str]]]:
    """Each id for one file: ``a.txt`` and ``a.md``, or ``feed.jsonl``'s entry ``x`` and
    ``feed/x.txt``, would be one article in the index and two files on disk. The file that
    holds the id keeps it (in a new index: a file that is one article before an entry, then
    the walk's order); the other file, or entry, is skipped with the reason until the holder
    is gone."""
    claimed = {id_: path for id_, path in owners.items() if path not in leaving}

    def clash(row: Row) -> str | None:
        owner = claimed.setdefault(row.id, row.path)
        return None if owner == row.path else f"{_CLASH}{owner} (rename one of them)"

    kept_rows, skipped = [], []
    for row in rows:
        reason = clash(row)
        if reason is None:
            kept_rows.append(row)
        else:
            skipped.append((row.path, reason))
    kept_files = []
    for read in entry_files:
        clashing = {row.id: reason for row in read.rows if (reason := clash(row)) is not None}
        if clashing:
            read = replace(
                read,
                rows=tuple(row for row in read.rows if row.id not in clashing),
                present=read.present - clashing.keys(),
                skipped=read.skipped + tuple(clashing.items()),
            )
        kept_files.append(read)
    return kept_rows, kept_files, skipped


def _entry_changes(
    entry_files: list[EntryFile], known: dict[str, KnownFile], gone: list[str]
) -> tuple[list[Row], list[str]]:
    """The new and changed entries of the files of many articles read, and the ids of
    the entries that vanished from them (or went with their file)."""
    rows = [row for read in entry_files for row in read.rows]
    deleted = [id_ for path in gone for id_ in known[path].digests]
    for read in entry_files:
        if not read.resumed and read.path in known:
            deleted += [id_ for id_ in known[read.path].digests if id_ not in read.present]
    return rows, deleted


def _entry_reason(where: str, reason: str) -> str:
    return f"{where}: {reason}" if where else reason


def _report(
    count: int,
    fresh: list[Row],
    was_known: set[str],
    deleted: list[str],
    skipped: list[tuple[str, str]],
) -> UpdateReport:
    added = sum(1 for row in fresh if row.id not in was_known)
    unchanged = count - len(fresh)
    return UpdateReport(added, len(fresh) - added, len(deleted), unchanged, tuple(skipped))


def _split_touched(rows: list[Row], known: _Known) -> tuple[list[Row], list[tuple[str, FileStat]]]:
    """The rows whose content is new or changed, and ``(path, stat)`` of the files that were
    only touched (same content): those get their new stat and nothing else."""
    fresh, touched = [], []
    for row in rows:
        previous = known.get(row.path)
        if previous is None or previous[1].digest != row.stat.digest:
            fresh.append(row)
        else:
            touched.append((row.path, row.stat))
    return fresh, touched


def _write_index(stores: Stores, fresh: list[Row], deleted_ids: list[str]) -> None:
    """The Whoosh half of an update. The catalog is written after it: a crash in between
    leaves stores that disagree, which the next start-up check finds (and rebuilds)."""
    if not fresh and not deleted_ids:
        return
    # (the catalog says it cheaply: an index whose two stores disagree is rebuilt first)
    empty = stores.catalog.count() == 0
    write_index(stores.ix, stores.folder.whoosh, fresh, deleted_ids, empty)


def scan_digest(files: Scanned) -> str:
    """A digest of a corpus scan (paths in the walk's stable order, sizes, mtimes).

    marshal format 0 has no back-references or interning flags, so equal scans give equal
    bytes whatever else holds the objects (half the time of formatting them as text).
    """
    return hashlib.blake2b(marshal.dumps(files, 0), digest_size=16).hexdigest()
