"""Article files: ids, size limits, safe opening, and every article a file holds."""

from __future__ import annotations

import os
import stat
import threading
from collections import OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from reader.articles.assemble import ArticleError, entry_article
from reader.articles.entries import Entry, Position, Skipped
from reader.articles.text import BinaryFileError, decode_bytes, escape_controls
from reader.articles.walk import corpus_files
from reader.models import Article

__all__ = [
    "article_by_id",
    "article_from_bytes",
    "article_id",
    "iter_corpus",
    "load_article",
    "load_entry",
    "max_article_bytes",
    "open_article_file",
    "read_article_bytes",
    "read_articles",
]

_DEFAULT_MAX_BYTES = 8 * 1024 * 1024
# A feed is parsed whole: it may be this many times larger than one article.
FEED_SIZE_FACTOR = 8


def max_article_bytes() -> int:
    """$READER_MAX_ARTICLE_BYTES, or 8 MB when it is unset or not a positive whole number."""
    try:
        limit = int(os.environ.get("READER_MAX_ARTICLE_BYTES", ""))
    except ValueError:
        return _DEFAULT_MAX_BYTES
    return limit if limit > 0 else _DEFAULT_MAX_BYTES


def article_id(path: Path, root: Path) -> str:
    """The id of an article file: its path relative to the corpus root, without the
    extension (``.warc.gz`` as one). Control characters are spelled out (``\\x1b``)."""
    relative = path.relative_to(root).as_posix()
    if relative.lower().endswith(".warc.gz"):
        return escape_controls(relative[: -len(".warc.gz")])
    return escape_controls(path.relative_to(root).with_suffix("").as_posix())


def iter_corpus(root: Path) -> Iterator[Path]:
    """Every article file under root, in a stable order (see ``reader.articles.walk``)."""
    for relative in corpus_files(root):
        yield root / relative


def load_article(path: Path, root: Path) -> Article:
    """Read, decode and clean a file that is one article (text, Markdown, a web page).
    Raises ArticleError with a one-line reason."""
    return article_from_bytes(read_article_bytes(path), path, root)


def _check(path: Path, limit: int | None) -> None:
    try:
        info = path.stat()
    except OSError as error:
        raise ArticleError(f"unreadable ({error.strerror or error})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ArticleError("is a directory")
    if not stat.S_ISREG(info.st_mode):
        # Reading a FIFO waits forever for a writer; /dev/zero never ends.
        raise ArticleError("not a regular file (a pipe, socket or device)")
    if limit is not None and info.st_size > limit:
        raise ArticleError(
            f"too large ({_shown(info.st_size, 1)}; the limit is {_shown(limit, 0)},"
            " set READER_MAX_ARTICLE_BYTES to raise it)"
        )


def _shown(size: int, decimals: int) -> str:
    """A file size for a message: in MB from 1 MB on, else in bytes (never "0 MB")."""
    return f"{size / 1e6:.{decimals}f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def read_article_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of an article file; ArticleError when unreadable, a folder, a pipe or device,
    or larger than ``limit`` (by default the article size limit)."""
    _check(path, max_article_bytes() if limit is None else limit)
    try:
        return path.read_bytes()
    except OSError as error:
        raise ArticleError(f"unreadable ({error.strerror or error})") from None


def open_article_file(path: Path) -> BinaryIO:
    """An article file opened for reading as a stream (any size); ArticleError as above."""
    _check(path, None)
    try:
        return path.open("rb")
    except OSError as error:
        raise ArticleError(f"unreadable ({error.strerror or error})") from None


def article_from_bytes(data: bytes, path: Path, root: Path) -> Article:
    """Decode and clean the bytes of the one-article file at ``path`` (by its suffix)."""
    from reader.articles.formats import MANY_ARTICLE_FORMATS, file_format, single_entry

    fmt = file_format(path.name) or "txt"
    if fmt in ("txt", "md"):  # the common case, straight to the cleaner
        from reader.articles.read import parse_article

        try:
            text, encoding = decode_bytes(data)
        except BinaryFileError as error:
            raise ArticleError(str(error)) from None
        return parse_article(text, article_id(path, root), path, encoding, fmt)
    if fmt in MANY_ARTICLE_FORMATS:
        raise ArticleError(f"holds many articles ({fmt}); read it with read_articles")
    entry = single_entry(data, fmt)
    if isinstance(entry, Skipped):
        raise ArticleError(entry.reason)
    return entry_article(entry, article_id(path, root), path)


def read_articles(
    path: Path, root: Path, after: Position | None = None
) -> Iterator[Article | Skipped]:
    """Every article in the file at ``path`` (one for text, Markdown and pages, many for
    feeds, JSON Lines, CSV and web archives), and a Skipped for each entry that is not one.
    Raises ArticleError when the file cannot be read at all."""
    from reader.articles.formats import read_file

    file_id = article_id(path, root)
    for entry in read_file(path, after):
        if isinstance(entry, Skipped):
            yield entry
            continue
        yield article_or_skip(entry, file_id, path)


def article_or_skip(entry: Entry, file_id: str, path: Path) -> Article | Skipped:
    """The entry cleaned into an Article, or a Skipped with the reason it is not one."""
    try:
        return entry_article(entry, file_id, path)
    except ArticleError as error:
        return Skipped(entry.where, str(error))
    except RecursionError:
        return Skipped(entry.where, "too deeply nested to parse")


def article_by_id(corpus: Path, relative: str, wanted_id: str) -> Article:
    """The article with this id from the corpus file ``relative``: the file itself, or one
    of its entries (id ``<file id>/<entry key>``). Raises ArticleError."""
    from reader.articles.formats import MANY_ARTICLE_FORMATS, file_format

    path = corpus / relative
    if file_format(path.name) not in MANY_ARTICLE_FORMATS:
        return load_article(path, corpus)
    file_id = article_id(path, corpus)
    if not wanted_id.startswith(f"{file_id}/"):
        raise ArticleError(f"{escape_controls(wanted_id)!r} is not an entry of this file")
    return load_entry(path, corpus, wanted_id[len(file_id) + 1 :])


def file_of_id(corpus: Path, wanted_id: str) -> str | None:
    """The corpus file (relative path) an article id names, found by trying each suffix:
    ``a/b`` is ``a/b.txt`` ... or an entry ``b`` of ``a.jsonl`` ... (None when none is)."""
    from reader.articles.walk import ARTICLE_SUFFIXES

    stems = [wanted_id] + [wanted_id[:cut] for cut in _slashes(wanted_id)]
    for stem in stems:
        for suffix in sorted(ARTICLE_SUFFIXES):
            candidate = corpus / f"{stem}{suffix}"
            try:
                inside = candidate.resolve().is_relative_to(corpus.resolve())
                if inside and candidate.is_file():
                    return f"{stem}{suffix}"
            except (OSError, ValueError):
                continue
    return None


def _slashes(text: str) -> list[int]:
    """Where each ``/`` is, last first (an entry key may hold slashes too: a URL)."""
    return [index for index in range(len(text) - 1, 0, -1) if text[index] == "/"]


def load_entry(path: Path, root: Path, key: str) -> Article:
    """The article with this entry key in a file of many articles; ArticleError when the
    file no longer holds it."""
    found = _entries_of(path).get(key)
    if found is None:
        raise ArticleError(f"no entry {escape_controls(key)!r} in the file any more")
    return entry_article(found, article_id(path, root), path)


_ENTRY_FILES_KEPT = 4
_entry_cache: OrderedDict[Path, tuple[tuple[int, int], dict[str, Entry]]] = OrderedDict()
_entry_cache_lock = threading.Lock()


def _entries_of(path: Path) -> dict[str, Entry]:
    """The entries of a file of many articles by key (a later one with the same key replaces
    an earlier one), kept for the last few files read while they are unchanged: opening one
    entry after another of a feed of 10,000 parses it once (4 s), not each time."""
    from reader.articles.formats import read_file

    try:
        info = path.stat()
    except OSError as error:
        raise ArticleError(f"unreadable ({error.strerror or error})") from None
    stamp = (info.st_size, info.st_mtime_ns)
    with _entry_cache_lock:
        cached = _entry_cache.get(path)
        if cached is not None and cached[0] == stamp:
            _entry_cache.move_to_end(path)
            return cached[1]
    entries = {entry.key: entry for entry in read_file(path) if isinstance(entry, Entry)}
    with _entry_cache_lock:
        _entry_cache[path] = (stamp, entries)
        _entry_cache.move_to_end(path)
        while len(_entry_cache) > _ENTRY_FILES_KEPT:
            _entry_cache.popitem(last=False)
    return entries
