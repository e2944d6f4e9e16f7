"""Files that hold many articles (feeds, JSON Lines, CSV, web archives) in an update: only
new and changed entries are cleaned, vanished ones dropped, appended ones read alone."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.articles import ArticleError, Entry, Position, Skipped, article_id
from reader.articles.files import article_or_skip
from reader.articles.formats import MANY_ARTICLE_FORMATS, file_format, read_file
from reader.index.rows import FileStat, Row

__all__ = [
    "EntryFile",
    "KnownFile",
    "is_entry_file",
    "position_from_json",
    "position_to_json",
    "prepare_entries",
]


def is_entry_file(relative: str) -> bool:
    """True for a file whose articles are its entries, each with id ``<file id>/<key>``."""
    return file_format(relative) in MANY_ARTICLE_FORMATS


@dataclass(frozen=True, slots=True)
class KnownFile:
    """What the catalog knows of a file of many articles: how far it was read, and the
    digest of each entry indexed from it (by article id)."""

    position: Position = field(default_factory=Position)
    digests: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class EntryFile:
    """One read of a file of many articles, for the update that follows."""

    path: str
    stat: FileStat
    position: Position
    resumed: bool
    """True when only what was appended since the last read was read: entries not seen
    this time are kept, not dropped."""
    rows: tuple[Row, ...]
    """New and changed entries, cleaned."""
    present: frozenset[str]
    """Ids of every entry read this time, changed or not."""
    skipped: tuple[tuple[str, str], ...]
    """``(where, reason)`` of each entry that is not an article."""


def prepare_entries(
    corpus: Path, relative: str, known: KnownFile | None
) -> EntryFile | tuple[str, str]:
    """Read a file of many articles, cleaning only entries whose digest is new; or
    ``(path, reason)`` when the file cannot be read at all or holds no article."""
    path = corpus / relative
    known = known or KnownFile()
    try:
        mtime_ns = path.stat().st_mtime_ns
        reading = read_file(path, known.position)
        entries = list(reading)
        size = path.stat().st_size
    except ArticleError as error:
        return relative, str(error)
    except OSError as error:
        return relative, f"unreadable ({error.strerror or error})"
    except RecursionError:
        return relative, "too deeply nested to parse"
    file_id = article_id(path, corpus)
    rows: dict[str, Row] = {}  # a later entry with the same key replaces an earlier one
    present: set[str] = set()
    skipped: list[tuple[str, str]] = []
    stat = FileStat(size, mtime_ns, _position_digest(reading.position))
    for entry in entries:
        if isinstance(entry, Skipped):
            skipped.append((entry.where, entry.reason))
            continue
        entry_id = f"{file_id}/{entry.key}"
        present.add(entry_id)
        rows.pop(entry_id, None)
        if known.digests.get(entry_id) == entry.digest:
            continue
        row = _row(entry, file_id, path, relative, stat)
        if isinstance(row, Skipped):
            skipped.append((row.where, row.reason))
            present.discard(entry_id)
        else:
            rows[entry_id] = row
    if not present and not reading.resumed and not known.digests:
        return relative, _nothing_read(skipped)
    return EntryFile(
        relative, stat, reading.position, reading.resumed, tuple(rows.values()),
        frozenset(present), tuple(skipped),
    )  # fmt: skip


def _row(entry: Entry, file_id: str, path: Path, relative: str, stat: FileStat) -> Row | Skipped:
    article = article_or_skip(entry, file_id, path)
    if isinstance(article, Skipped):
        return article
    return Row.of(article, relative, FileStat(stat.size, stat.mtime_ns, entry.digest))


def _nothing_read(skipped: list[tuple[str, str]]) -> str:
    """The one reason for a file without a single article (not a line per entry)."""
    if not skipped:
        return "no entries"
    where, reason = skipped[0]
    if len(skipped) == 1:
        return f"{where}: {reason}" if where else reason
    return f"no article in {len(skipped)} entries (the first, {where}: {reason})"


def _position_digest(position: Position) -> str:
    return hashlib.blake2b(position_to_json(position).encode(), digest_size=16).hexdigest()


def position_to_json(position: Position) -> str:
    return json.dumps([position.offset, position.count, position.head])


def position_from_json(text: str | None) -> Position:
    try:
        offset, count, head = json.loads(text or '[0, 0, ""]')
        return Position(int(offset), int(count), str(head))
    except (ValueError, TypeError):
        return Position()
