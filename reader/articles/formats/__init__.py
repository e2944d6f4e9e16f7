"""Reading any article file: one article (text, Markdown, a web page) or many (a feed, JSON
Lines, CSV, a web archive), as entries with stable keys or skips with a reason."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import BinaryIO

from reader.articles.entries import Entry, Position, Progress, Skipped

__all__ = [
    "FORMATS",
    "MANY_ARTICLE_FORMATS",
    "FileReading",
    "file_format",
    "read_file",
    "single_entry",
]

StreamReader = Callable[[BinaryIO, Progress, int], Iterator[Entry | Skipped]]

# Suffix -> format; ``feed`` becomes ``rss`` or ``atom`` once read.
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".md": "md",
    ".html": "html",
    ".htm": "html",
    ".rss": "feed",
    ".atom": "feed",
    ".xml": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".warc": "warc",
    ".warc.gz": "warc",
}
MANY_ARTICLE_FORMATS = frozenset({"feed", "jsonl", "csv", "warc"})
"""Formats whose files hold many articles, each with an id ``<file id>/<entry key>``."""
APPENDABLE_FORMATS = frozenset({"jsonl", "csv", "warc"})
"""Formats whose new entries are appended at the end, read from where the last read ended."""


def file_format(name: str) -> str | None:
    """The format of a file by its name (suffixes without case), None when not an article."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return "warc"
    return FORMATS.get(os.path.splitext(lower)[1])


class FileReading:
    """The entries of one file, read lazily: iterate for ``Entry`` and ``Skipped`` records;
    afterwards ``position`` says where a read of the appended file can start."""

    def __init__(self, path: Path, fmt: str, after: Position | None, max_bytes: int) -> None:
        self.path = path
        self.format = fmt
        self.max_bytes = max_bytes
        self._after = after
        self.position = after or Position()
        """After iteration: how far the file was read (JSON Lines, CSV, WARC)."""
        self.resumed = False
        """True when the read started at ``after`` (the file only grew since)."""

    def __iter__(self) -> Iterator[Entry | Skipped]:
        if self.format in APPENDABLE_FORMATS:
            yield from self._stream()
            return
        from reader.articles.files import FEED_SIZE_FACTOR, read_article_bytes

        if self.format == "feed":
            from reader.articles.formats.feeds import feed_entries

            yield from feed_entries(
                read_article_bytes(self.path, self.max_bytes * FEED_SIZE_FACTOR)
            )
        else:
            yield single_entry(read_article_bytes(self.path, self.max_bytes), self.format)

    def _stream(self) -> Iterator[Entry | Skipped]:
        from reader.articles.files import open_article_file

        with open_article_file(self.path) as stream:
            progress = self._start(stream)
            readers = _stream_readers()
            try:
                yield from readers[self.format](stream, progress, self.max_bytes)
            finally:
                self.position = Position(progress.offset, progress.count, _head(stream, progress))

    def _start(self, stream: BinaryIO) -> Progress:
        """Where to start: after the last read when the file begins with the same bytes."""
        after = self._after
        if after is not None and after.offset and _head_of(stream, after.offset) == after.head:
            self.resumed = True
            return Progress(after.offset, after.count)
        return Progress()


def read_file(
    path: Path, after: Position | None = None, max_bytes: int | None = None
) -> FileReading:
    """The entries of the article file at ``path`` (by its suffix; ``after`` is the
    position a previous read of an appendable file ended at). Raises ArticleError for a file
    that cannot be read at all."""
    from reader.articles.assemble import ArticleError
    from reader.articles.files import max_article_bytes

    fmt = file_format(path.name)
    if fmt is None:
        raise ArticleError("not an article file (unknown suffix)")
    return FileReading(path, fmt, after, max_bytes or max_article_bytes())


def single_entry(data: bytes, fmt: str) -> Entry | Skipped:
    """The one entry of a text, Markdown or page file, decoded."""
    from reader.articles.formats.html import decode_html
    from reader.articles.text import BinaryFileError, decode_bytes

    try:
        text, encoding = decode_html(data) if fmt == "html" else decode_bytes(data)
    except BinaryFileError as error:
        return Skipped("", str(error))
    if fmt == "html":
        return Entry(key="", format=fmt, where="", html=text, encoding=encoding)
    return Entry(key="", format=fmt, where="", text=text, encoding=encoding)


def _stream_readers() -> dict[str, StreamReader]:
    from reader.articles.formats.records import csv_entries, jsonl_entries
    from reader.articles.formats.warc import warc_entries

    return {"jsonl": jsonl_entries, "csv": csv_entries, "warc": warc_entries}


def _head_of(stream: BinaryIO, offset: int) -> str:
    digest = hashlib.blake2b(digest_size=16)
    stream.seek(0)
    remaining = offset
    while remaining > 0:
        chunk = stream.read(min(remaining, 1 << 20))
        if not chunk:
            return ""  # the file is shorter now: rewritten, not appended to
        digest.update(chunk)
        remaining -= len(chunk)
    return digest.hexdigest()


def _head(stream: BinaryIO, progress: Progress) -> str:
    return _head_of(stream, progress.offset) if progress.offset else ""
