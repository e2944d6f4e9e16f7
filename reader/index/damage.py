"""What counts as a damaged index, and the cheap look at Whoosh's files the start-up check
takes (its table of contents and each segment's directory)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

__all__ = ["DAMAGE_ERRORS", "WhooshDamage", "describe", "whoosh_documents", "whoosh_exists"]


class WhooshDamage(Exception):
    """The Whoosh index's files cannot be read: missing, cut short or overwritten."""


DAMAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, WhooshDamage)
"""What reading a damaged catalog or Whoosh index raises here. Anything else is a bug (a
Whoosh internal that moved, say), shown as one instead of rebuilding on every start."""


def describe(error: BaseException) -> str:
    """One line saying what the damage is."""
    text = str(error) if isinstance(error, WhooshDamage) else f"{type(error).__name__}: {error}"
    return (text.splitlines() or [""])[0][:160]


def whoosh_exists(folder: Path) -> bool:
    """Whether ``folder`` holds a Whoosh index, damaged or not (``whoosh_documents`` says)."""
    if not folder.exists():
        return False
    try:
        _open(folder)
    except whoosh_index.EmptyIndexError:
        return False
    except WhooshDamage:
        return True
    return True


def whoosh_documents(folder: Path) -> int:
    """The searchable documents of a Whoosh index, after checking its files hang together.

    Reads the table of contents and each compound segment's directory (under a millisecond
    each) instead of opening every segment's term and posting files (0.1 s at 100k); a
    truncated or missing segment raises WhooshDamage. A scribble inside a file is
    found by the search that reads it (``Library.mark_damaged``).
    """
    try:
        ix = _open(folder)
    except whoosh_index.EmptyIndexError as error:
        raise WhooshDamage(f"no table of contents ({error})") from error
    segments = ix._segments()
    if not all(segment.is_compound() for segment in segments):
        with _whoosh_decoding("segments"), ix.reader() as reader:
            return int(reader.doc_count())
    for segment in segments:
        _check_compound(ix.storage, segment)
    return sum(int(segment.doc_count()) for segment in segments)


def _check_compound(storage: Any, segment: Any) -> None:
    """Raise WhooshDamage unless every sub-file a compound segment's directory names
    lies inside the segment file."""
    name = segment.make_filename(segment.COMPOUND_EXT)
    with _whoosh_decoding(name):
        compound = segment.open_compound_file(storage)
        size = storage.file_length(name)
    try:
        directory = compound._dir
        with _whoosh_decoding(name):
            ends = [entry["offset"] + entry["length"] for entry in directory.values()]
    finally:
        compound.close()
    if max(ends, default=0) > size:
        raise WhooshDamage(f"segment {segment.segment_id()} is truncated")


def _open(folder: Path) -> Any:
    """Whoosh's index in ``folder`` (EmptyIndexError when it has none)."""
    with _whoosh_decoding("table of contents"):
        return whoosh_index.open_dir(str(folder))


@contextmanager
def _whoosh_decoding(what: str) -> Iterator[None]:
    """Around Whoosh decoding the bytes of one of its files: whatever it raises means the
    bytes are damaged. Unpickling damaged bytes raises almost anything (AttributeError,
    ImportError, IndexError, TypeError, ... says pickle's documentation), and only Whoosh's
    code, or arithmetic on what it decoded, runs inside. (No index at all is not damage.)"""
    try:
        yield
    except whoosh_index.EmptyIndexError:
        raise
    except Exception as error:
        raise WhooshDamage(f"{what}: {describe(error)}") from error
