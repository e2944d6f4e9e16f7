"""The Article model: reading a file, finding the headline and metadata, cleaning the body."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.articles import cleaning
from reader.articles.text import BinaryFileError, decode_bytes, escape_controls, sanitize
from reader.articles.walk import ARTICLE_SUFFIXES, corpus_files
from reader.models import Article, Block, BlockKind

__all__ = [
    "ARTICLE_SUFFIXES",
    "Article",
    "ArticleError",
    "Block",
    "article_from_bytes",
    "article_id",
    "iter_corpus",
    "load_article",
    "max_article_bytes",
    "parse_article",
    "read_article_bytes",
]

_DEFAULT_MAX_BYTES = 8 * 1024 * 1024


def max_article_bytes() -> int:
    """The largest article file read: $READER_MAX_ARTICLE_BYTES as it is now, or 8 MB when it
    is unset or not a positive whole number."""
    try:
        limit = int(os.environ.get("READER_MAX_ARTICLE_BYTES", ""))
    except ValueError:
        return _DEFAULT_MAX_BYTES
    return limit if limit > 0 else _DEFAULT_MAX_BYTES


class ArticleError(Exception):
    """A file that cannot be read as an article; the message is the reason, for one line."""


@dataclass(slots=True)
class _Draft:
    """Metadata gathered while walking the lines of one article."""

    title: str | None = None
    source: str | None = None
    date: str | None = None
    byline: str | None = None
    author: str | None = None


def article_id(path: Path, root: Path) -> str:
    """The id of an article: its path relative to the corpus root, without the extension.

    Control characters in file names are spelled out (``\\x1b``) so an id is safe to print.
    """
    return escape_controls(path.relative_to(root).with_suffix("").as_posix())


def iter_corpus(root: Path) -> Iterator[Path]:
    """Every article file under root, in a stable order (see ``reader.articles.walk``)."""
    for relative in corpus_files(root):
        yield root / relative


def load_article(path: Path, root: Path) -> Article:
    """Read, decode and clean one article file. Raises ArticleError with a one-line reason."""
    return article_from_bytes(read_article_bytes(path), path, root)


def read_article_bytes(path: Path) -> bytes:
    """The bytes of an article file; ArticleError when unreadable, a folder, a pipe or device,
    or too large."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError
        if not stat.S_ISREG(info.st_mode):
            # Reading a FIFO waits forever for a writer; /dev/zero never ends.
            raise ArticleError("not a regular file (a pipe, socket or device)")
        size, limit = info.st_size, max_article_bytes()
        if size > limit:
            raise ArticleError(
                f"too large ({_shown(size, 1)}; the limit is {_shown(limit, 0)},"
                " set READER_MAX_ARTICLE_BYTES to raise it)"
            )
        return path.read_bytes()
    except IsADirectoryError:
        raise ArticleError("is a directory") from None
    except OSError as error:
        raise ArticleError(f"unreadable ({error.strerror or error})") from None


def _shown(size: int, decimals: int) -> str:
    """A file size for a message: in MB from 1 MB on, else in bytes (never "0 MB")."""
    return f"{size / 1e6:.{decimals}f} MB" if size >= 1_000_000 else f"{size:,} bytes"


def article_from_bytes(data: bytes, path: Path, root: Path) -> Article:
    """Decode and clean the bytes of the article file at ``path``."""
    try:
        text, encoding = decode_bytes(data)
    except BinaryFileError as error:
        raise ArticleError(str(error)) from None
    return parse_article(text, article_id(path, root), path, encoding=encoding)


def parse_article(text: str, id: str, path: Path, encoding: str = "utf-8") -> Article:
    """Clean decoded article text into an Article. Raises ArticleError when nothing is left."""
    raw = sanitize(text)
    if not raw.strip():
        raise ArticleError("empty file")
    draft = _Draft()
    paragraphs = _paragraphs(raw.split("\n"))
    paragraphs = _take_title(paragraphs, draft)
    paragraphs = _take_trailing_author(paragraphs, draft)
    blocks = _blocks(paragraphs, draft)
    return Article(
        id=id,
        path=path,
        title=draft.title or id,
        source=draft.source,
        date=draft.date,
        byline=draft.byline,
        author=draft.author,
        blocks=blocks,
        body="\n\n".join(block.text for block in blocks),
        raw=raw,
        encoding=encoding,
    )


def _paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs from lines: boilerplate dropped, hard-wrapped runs joined, and nothing kept
    after an end marker ("Leave a Reply", "Source link") in the second half of the page."""
    content_lines = sum(1 for line in lines if line.strip())
    paragraphs: list[str] = []
    run: list[str] = []
    seen = 0
    for line in lines:
        stripped = line.strip()
        if stripped:
            seen += 1
            if seen > content_lines / 2 and cleaning.is_end_marker(stripped):
                break
        if not stripped or cleaning.is_boilerplate(stripped):
            paragraphs.extend(_run_paragraphs(run))
            run = []
        else:
            run.append(line.rstrip())
    paragraphs.extend(_run_paragraphs(run))
    return paragraphs


def _run_paragraphs(run: list[str]) -> list[str]:
    """Split a run of consecutive lines into paragraphs.

    A run whose lines all fit a typical fixed wrap width (40-100 characters but the last)
    is hard-wrapped text: its lines join, and an indented line starts a new paragraph (the
    newswire convention). Otherwise every line is a paragraph. Table lines stay as they are.
    """
    if len(run) <= 1:
        return [line.strip() for line in run]
    if all(cleaning.is_table_line(line) for line in run):
        return ["\n".join(run)]
    widths = [len(line.strip()) for line in run[:-1]]
    wrapped = max(widths) <= 100 and sum(width >= 40 for width in widths) >= len(widths) * 0.6
    if not wrapped:
        return [line.strip() for line in run]
    groups: list[list[str]] = []
    for line in run:
        table = cleaning.is_table_line(line)
        previous_table = bool(groups) and cleaning.is_table_line(groups[-1][-1])
        if not groups or table != previous_table or (not table and line.startswith((" ", "\t"))):
            groups.append([])
        groups[-1].append(line)
    return [_join_group(group) for group in groups]


def _join_group(group: list[str]) -> str:
    if cleaning.is_table_line(group[0]):
        return "\n".join(group)
    return " ".join(line.strip() for line in group)


def _take_title(paragraphs: list[str], draft: _Draft) -> list[str]:
    """Find the headline past the site chrome; collect outlet and page date on the way."""
    start = _duplicated_headline(paragraphs)
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index]
        if start is not None and index == start:
            break
        if not _take_chrome(line, draft):
            if start is None:
                break
            draft.source = draft.source or (line if len(line.split()) <= 4 else None)
        index += 1
    rest = paragraphs[index:]
    if not rest:
        return rest
    title, rest = rest[0], rest[1:]
    if rest and rest[0] == title:
        rest = rest[1:]
    if len(title.split()) > 30 and not title.rstrip().endswith(("…", "...")):
        # No headline line (a wire story that starts with its first paragraph).
        draft.title = _derived_title(title)
        return [title, *rest]
    draft.title = title.lstrip("#").strip()
    return rest


def _take_chrome(line: str, draft: _Draft) -> bool:
    """Record what a chrome line tells (date, outlet); False when the line is not chrome."""
    page_date = cleaning.parse_date(line)
    if page_date is not None:
        draft.date = draft.date or page_date.isoformat()
        return True
    name = cleaning.site_name(line)
    if name is not None:
        draft.source = draft.source or name
        return True
    return cleaning.is_page_chrome(line)


def _duplicated_headline(paragraphs: list[str]) -> int | None:
    """Index of a headline that the page repeats right after itself, a common template."""
    for index in range(min(len(paragraphs) - 1, 8)):
        line = paragraphs[index]
        if line == paragraphs[index + 1] and len(line.split()) >= 3:
            return index
    return None


def _derived_title(paragraph: str) -> str:
    words = paragraph.split()
    return " ".join(words[:12]) + "…"


def _take_trailing_author(paragraphs: list[str], draft: _Draft) -> list[str]:
    """Remove an author box at the end: a name line followed by a short bio."""
    if (
        len(paragraphs) >= 3
        and cleaning.looks_like_name(paragraphs[-2])
        and cleaning.looks_like_bio(paragraphs[-1])
    ):
        draft.author = paragraphs[-2]
        return paragraphs[:-2]
    return paragraphs


def _blocks(paragraphs: list[str], draft: _Draft) -> tuple[Block, ...]:
    blocks: list[Block] = []
    offset = 0
    for position, paragraph in enumerate(paragraphs):
        if position < 3 and _take_metadata(paragraph, draft):
            continue
        following = paragraphs[position + 1] if position + 1 < len(paragraphs) else ""
        kind = _kind(paragraph, following)
        blocks.append(Block(kind, paragraph, offset))
        offset += len(paragraph) + 2
    return tuple(blocks)


def _take_metadata(paragraph: str, draft: _Draft) -> bool:
    """Byline and date lines right under the headline are metadata, not body."""
    byline = cleaning.parse_byline(paragraph)
    if byline is not None and draft.byline is None:
        draft.byline, author = byline
        draft.author = draft.author or author
        return True
    page_date = cleaning.parse_date(paragraph)
    if page_date is not None:
        draft.date = draft.date or page_date.isoformat()
        return True
    return False


def _kind(paragraph: str, following: str) -> BlockKind:
    """A caption, a heading (a short line that introduces a real paragraph), or text."""
    if cleaning.is_caption(paragraph):
        return "caption"
    if cleaning.is_heading(paragraph) and len(following.split()) >= 12:
        return "heading"
    return "text"
