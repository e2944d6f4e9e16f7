"""An Article from what a format found: its blocks and metadata, filled in from the text."""

from __future__ import annotations

from pathlib import Path

from reader.articles import cleaning, metadata
from reader.articles.entries import Entry
from reader.articles.formats.html import read_fragment, read_page
from reader.articles.text import sanitize
from reader.models import Article, Block, BlockKind

__all__ = ["ArticleError", "article_from_blocks", "entry_article"]


class ArticleError(Exception):
    """A file or entry that cannot be read as an article; the message is the reason."""


def article_from_blocks(
    blocks: list[tuple[BlockKind, str]], *, id: str, path: Path, raw: str, **fields: object
) -> Article:
    """The Article of these blocks: offsets counted, metadata filled from the text where
    the source gave none (byline, dateline, outlet, headline case)."""
    draft = metadata.Draft.of(fields)
    if not blocks and not draft.title:
        raise ArticleError("no article text found")
    kept = metadata.take_lead_metadata(blocks, draft)
    placed: list[Block] = []
    offset = 0
    for kind, text in kept:
        placed.append(Block(kind, text, offset))
        offset += len(text) + 2
    draft.fill_from_body(kept, raw)
    return Article(
        id=id,
        path=path,
        title=draft.title or id,
        source=draft.source,
        date=draft.date,
        byline=draft.byline,
        author=draft.author,
        blocks=tuple(placed),
        body="\n\n".join(block.text for block in placed),
        raw=raw,
        encoding=str(fields.get("encoding") or "utf-8"),
        url=draft.url,
        format=str(fields.get("format") or "txt"),
        language=draft.language,
        entry=str(fields.get("entry") or ""),
        place=draft.place,
    )


def entry_article(entry: Entry, file_id: str, path: Path) -> Article:
    """Clean one entry of a file into an Article. Raises ArticleError with the reason."""
    article_id = f"{file_id}/{entry.key}" if entry.key else file_id
    fields: dict[str, object] = {
        "title": entry.title,
        "date": entry.date,
        "source": entry.source,
        "url": entry.url,
        "author": entry.author,
        "language": entry.language,
        "format": entry.format,
        "entry": entry.key,
        "encoding": entry.encoding,
    }
    if entry.html is not None:
        return _html_article(entry, article_id, path, fields)
    if entry.format in ("txt", "md"):
        from reader.articles.read import parse_article  # the whole-page cleaner

        return parse_article(entry.text or "", article_id, path, entry.encoding, entry.format)
    text = sanitize(entry.text or "")
    blocks = _text_blocks(text)
    return article_from_blocks(blocks, id=article_id, path=path, raw=entry.raw or text, **fields)


def _html_article(entry: Entry, article_id: str, path: Path, fields: dict[str, object]) -> Article:
    # a feed entry's or a record's HTML is all article; a page or a capture is a whole page
    fragment = entry.format not in ("html", "warc")
    page = read_fragment(entry.html or "") if fragment else read_page(entry.html or "", entry.url)
    blocks = page.blocks
    if not blocks and page.visible_text.strip():
        from reader.articles.read import main_text_blocks  # the plain-text route's finder

        blocks = main_text_blocks(page.visible_text) or _text_blocks(page.visible_text)
    found = {
        "title": page.title,
        "date": page.date,
        "author": page.author,
        "source": page.site,
        "url": page.url,
        "language": page.language,
    }
    for name, value in found.items():
        # a feed or record says best what its entry is; a page's own metadata beats a WARC
        # record's address and capture date
        if value and not (fragment and fields.get(name)):
            fields[name] = value
    raw = entry.raw or page.visible_text
    return article_from_blocks(blocks, id=article_id, path=path, raw=raw, **fields)


def _text_blocks(text: str) -> list[tuple[BlockKind, str]]:
    """Blocks of text that is all article (a record's body): paragraphs at blank lines, or
    at every line when there are none; fixed-width tables kept as they are."""
    chunks = [chunk for chunk in text.split("\n\n") if chunk.strip()]
    if len(chunks) == 1 and text.count("\n") >= 2:
        chunks = [line for line in text.split("\n") if line.strip()]
    blocks: list[tuple[BlockKind, str]] = []
    for chunk in chunks:
        lines = [line.rstrip() for line in chunk.split("\n") if line.strip()]
        if len(lines) >= 2 and all(cleaning.is_table_line(line) for line in lines):
            blocks.append(("table", "\n".join(lines)))
        else:
            blocks.append(("text", " ".join(line.strip() for line in lines)))
    return blocks
