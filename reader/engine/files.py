"""Opening a Whoosh index folder, its writers, and the cheap check that its files hang together."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from whoosh import index as whoosh_index

from reader.engine.fast_paths import fast_paths_enabled
from reader.engine.schema import begin_writing
from reader.engine.segment_files import map_segment_files

__all__ = [
    "IndexDamage",
    "checked_documents",
    "documents_in",
    "open_index",
    "open_writer",
    "read_or_damage",
]

_T = TypeVar("_T")


class IndexDamage(Exception):
    """The index's files cannot be read as Whoosh wrote them (missing, truncated, garbled).

    The message is one line saying which file or part, and what reading it raised.
    """


def open_index(folder: Path) -> Any:
    """The Whoosh index in ``folder`` (``whoosh.index.FileIndex``), its segment files read
    from their memory map while the fast paths are on."""
    map_segment_files(fast_paths_enabled())
    return whoosh_index.open_dir(str(folder))


def open_writer(ix: Any, **options: Any) -> Any:
    """A writer of ``ix`` (``ix.writer(**options)``) starting a fresh writer session: each
    spelling word is offered once per session (see ``reader.engine.schema.SpelledText``)."""
    writer = ix.writer(**options)
    begin_writing(writer.schema)
    return writer


def read_or_damage(what: str, read: Callable[..., _T], *args: Any) -> _T:
    """``read(*args)``, a call into Whoosh that decodes index files; whatever it raises is
    reported as ``IndexDamage`` naming ``what`` was being read.

    Only the call is guarded: the caller looks ``read`` up first, so a Whoosh API that moved
    (an AttributeError on our side of the call) stays a bug, not damage. Inside the call,
    decoding damaged bytes can raise almost any exception (unpickling alone raises a dozen
    kinds), so the kind cannot tell damage from anything else; where it was raised does.
    """
    try:
        return read(*args)
    except Exception as error:
        reason = f"{what}: {type(error).__name__}: {error}".splitlines()[0][:160]
        raise IndexDamage(reason) from error


def documents_in(folder: Path) -> int:
    """The searchable documents of the Whoosh index in ``folder``, after checking that its
    files hang together; ``IndexDamage`` when they do not. Any other exception is a bug and
    propagates.

    Reads the table of contents and each compound segment's directory (under a millisecond
    each) instead of opening every segment's term and posting files (0.1 s at 100k): a
    missing or truncated segment raises. A scribble inside a file is found by the search
    that reads it (see ``reader.engine.damage``).
    """
    ix = read_or_damage("the index's table of contents", open_index, folder)
    return checked_documents(ix)


def checked_documents(ix: Any) -> int:
    """``documents_in`` for an index already open."""
    read_toc = whoosh_index.TOC.read
    toc = read_or_damage("the index's table of contents", read_toc, ix.storage, ix.indexname)
    segments = toc.segments
    if not all(segment.is_compound() for segment in segments):
        open_reader = ix.reader
        with read_or_damage("the index's segments", open_reader) as reader:
            return int(reader.doc_count())
    for segment in segments:
        name = segment.make_filename(segment.COMPOUND_EXT)
        what = f"segment {name}"
        size = read_or_damage(what, ix.storage.file_length, name)
        compound = read_or_damage(what, segment.open_compound_file, ix.storage)
        try:
            entries, where = compound.list, compound.range
            end = max((sum(where(entry)) for entry in entries()), default=0)
        finally:
            compound.close()
        if end > size:
            raise IndexDamage(f"{what} is truncated ({size} of {end} bytes)")
    return sum(int(segment.doc_count()) for segment in segments)
