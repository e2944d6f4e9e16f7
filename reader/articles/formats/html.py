"""Web pages: decoding by the declared charset, and the article found by trafilatura."""

from __future__ import annotations

import codecs
import logging
import re
from typing import Any

from reader.articles.formats.blocks import (
    Page,
    add_block,
    aligned,
    preformatted,
    read_fragment,
    visible_text,
)
from reader.articles.text import decode_bytes, sanitize, text_or_none
from reader.models import BlockKind

__all__ = ["Page", "declared_charset", "decode_html", "read_fragment", "read_page"]

# <meta charset="x">, <meta http-equiv="Content-Type" content="text/html; charset=x">, and
# an XML declaration's encoding="x" (XHTML), in the first bytes as browsers look for them.
_DECLARED = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([a-z0-9_.:-]+)""",
    re.I,
)
_SNIFF_BYTES = 4096

# The extraction libraries log their doubts about a page as warnings; a reader of articles
# gets one line per bad entry from us, never library chatter on stderr.
for _name in ("trafilatura", "htmldate", "courlan", "readability", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False


def declared_charset(data: bytes) -> str | None:
    """The codec of the charset the page declares near its start, when Python knows it."""
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    return _codec((match[1] or match[2]).decode("ascii", "replace"))


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    # as browsers do (WHATWG Encoding): pages labelled Latin-1 or ASCII are windows-1252
    return "cp1252" if codec in ("iso8859-1", "latin-1", "ascii") else codec


def decode_html(data: bytes, http_charset: str | None = None) -> tuple[str, str]:
    """Decode a page: a byte-order mark, else the charset the page (or, failing that, the
    HTTP header it was served with) declares, else detection.

    Bytes that are valid UTF-8 with non-ASCII characters are UTF-8 whatever the page
    declares (a page saved as UTF-8 that still says windows-1252 is common, the reverse is
    not possible by chance); bytes that the declared charset cannot decode are detected.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    declared = declared_charset(data) or _codec(http_charset)
    if declared is not None and declared != "utf-8" and not data.isascii():
        try:
            return data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            pass
    if declared is not None:
        try:
            return data.decode(declared), declared
        except (UnicodeDecodeError, LookupError):
            pass
    return decode_bytes(data)


def read_page(html: str, url: str | None = None) -> Page:
    """The article in a page and its metadata."""
    import lxml.html  # a page's first use loads lxml and trafilatura (about 0.3 s)
    from trafilatura import bare_extraction
    from trafilatura.utils import load_html

    # trafilatura's own loading repairs what its extraction expects (0.966 against 0.959 on
    # article-extraction with lxml's parse); ours takes what it refuses
    tree = load_html(html) if html.strip() else None
    if tree is None:
        tree = _parse(html, lxml.html)
    if tree is None:
        return Page(blocks=[], visible_text="")
    visible = visible_text(tree)
    captions = _captions(tree)
    document: Any = bare_extraction(
        tree,
        url=url,
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=True,
        with_metadata=True,
    )
    body = getattr(document, "body", None)
    blocks = _blocks(body, captions) if body is not None else []
    return Page(
        blocks=blocks,
        visible_text=visible,
        title=text_or_none(getattr(document, "title", None)),
        date=text_or_none(getattr(document, "date", None)),
        author=text_or_none(getattr(document, "author", None)),
        site=text_or_none(getattr(document, "sitename", None)),
        url=text_or_none(getattr(document, "url", None)) or url,
        language=_language(tree),
    )


def _parse(html: str, parser: Any) -> Any:
    # lxml refuses a str that keeps its XML encoding declaration; the text is decoded already
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html[:512]) + html[512:]
    try:
        tree = parser.document_fromstring(html)
    except (ValueError, TypeError, parser.etree.ParserError):
        try:
            tree = parser.fromstring(f"<div>{html}</div>")
        except (ValueError, TypeError, parser.etree.ParserError):
            return None
    return tree


def _captions(tree: Any) -> dict[str, str]:
    """``{image source: caption}`` of the figures in the page (the extractor drops them)."""
    captions: dict[str, str] = {}
    for figure in tree.iter("figure"):
        caption = figure.find(".//figcaption")
        image = figure.find(".//img")
        if caption is not None and image is not None and image.get("src"):
            text = " ".join(caption.text_content().split())
            if text:
                captions[image.get("src")] = text
    return captions


def _blocks(body: Any, captions: dict[str, str]) -> list[tuple[BlockKind, str]]:
    blocks: list[tuple[BlockKind, str]] = []
    for element in body:
        tag = element.tag
        if tag == "graphic":
            caption = captions.get(element.get("src", ""))
            if caption:
                blocks.append(("caption", sanitize(caption)))
        elif tag == "list":
            for item in element.iter("item"):
                add_block(blocks, "text", "• " + _inline_text(item))
        elif tag == "table":
            add_block(blocks, "table", _table_text(element))
        elif tag in ("quote", "code"):
            text = preformatted(element)
            kind: BlockKind = "table" if tag == "code" or _ispreformatted(text) else "quote"
            add_block(blocks, kind, text if kind == "table" else _inline_text(element))
        else:
            add_block(blocks, "heading" if tag == "head" else "text", _inline_text(element))
    return blocks


def _inline_text(element: Any) -> str:
    """The element's text with ``<lb/>`` as line breaks and runs of spaces collapsed."""
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = "".join(element.itertext())
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _ispreformatted(text: str) -> bool:
    """Lines aligned in columns (runs of spaces inside them), as in ``<pre>`` tables."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= 2 and sum("   " in line.strip() for line in lines) >= len(lines) / 2


def _table_text(table: Any) -> str:
    """A table's rows with its columns padded to line up in a fixed-width font."""
    rows = [
        [" ".join("".join(cell.itertext()).split()) for cell in row.iter("cell")]
        for row in table.iter("row")
    ]
    return aligned([row for row in rows if any(row)])


def _language(tree: Any) -> str | None:
    root = tree.getroottree().getroot()
    language = root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not language:
        for meta in root.iter("meta"):
            if (meta.get("http-equiv") or "").lower() == "content-language":
                language = meta.get("content")
                break
    return text_or_none(language.split(",")[0] if language else None)
