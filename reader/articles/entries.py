"""The records of reading a file that may hold many articles: entries, skips and positions."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from reader.articles.text import escape_controls

__all__ = ["Entry", "Position", "Progress", "Skipped", "entry_digest", "entry_key"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One article of a file before it is cleaned: what the format says about it.

    Plain data (picklable), so entries can be cleaned in worker processes. ``html`` is a page
    or a fragment to extract; ``text`` is article text as it is (a record's body field).
    """

    key: str
    """The entry's key in its file ("" for a file that is one article); the article's id is
    ``<file id>/<key>``, stable across re-reads."""
    format: str
    where: str
    """The entry's place in the file for messages: "line 12", "entry 3", "record at byte 0"."""
    title: str | None = None
    text: str | None = None
    html: str | None = field(default=None, repr=False)
    date: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    language: str | None = None
    raw: str | None = field(default=None, repr=False)
    """The original entry as a person reads it, when it is not the text or the page."""
    encoding: str = "utf-8"

    @property
    def digest(self) -> str:
        """A digest of everything the entry says: equal digests, equal articles."""
        return entry_digest(
            self.title, self.text, self.html, self.date, self.source, self.url, self.author
        )


@dataclass(frozen=True, slots=True)
class Skipped:
    """An entry (or a whole file) that is not an article, with the reason in a few words."""

    where: str
    """"line 12", "entry 3", "record at byte 1840"; "" for the file as a whole."""
    reason: str

    def line(self, path: str) -> str:
        """The one-line message: file, entry and reason."""
        return f"{path}: {self.where}: {self.reason}" if self.where else f"{path}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Position:
    """How far an appendable file (JSON Lines, CSV, WARC) has been read.

    The next read starts at ``offset`` when the file still begins with the same ``head``
    bytes, so appending entries reads only the new ones; otherwise it reads from the start.
    """

    offset: int = 0
    """Bytes of whole entries read."""
    count: int = 0
    """Lines or records before ``offset``, so numbers used as keys continue."""
    head: str = ""
    """Digest of the file's first ``offset`` bytes."""


@dataclass(slots=True)
class Progress:
    """A reader's place in a stream as it goes: bytes of whole entries, entries so far."""

    offset: int = 0
    count: int = 0


def entry_digest(*parts: str | None) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(b"\x00" if part is None else part.encode("utf-8", "surrogatepass") + b"\x01")
    return digest.hexdigest()


_SPACE = re.compile(r"\s+")
_MAX_KEY = 160


def entry_key(value: str) -> str:
    """A key made safe for an id: one line, controls spelled out, long ones shortened."""
    key = escape_controls(_SPACE.sub(" ", value).strip())
    if len(key) > _MAX_KEY:
        tail = hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=6).hexdigest()
        key = f"{key[: _MAX_KEY - 13]}~{tail}"
    return key
