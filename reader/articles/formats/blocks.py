"""Blocks of HTML as reader shows them: a feed entry's fragment read block by block, a
page's visible text a line per block, and the helpers both routes use."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from reader.articles.text import sanitize
from reader.models import BlockKind

__all__ = ["Page", "add_block", "aligned", "preformatted", "read_fragment", "visible_text"]


@dataclass(slots=True)
class Page:
    """What a page says: its article's blocks, metadata, and all its visible text."""

    blocks: list[tuple[BlockKind, str]]
    visible_text: str = field(repr=False)
    title: str | None = None
    date: str | None = None
    author: str | None = None
    site: str | None = None
    url: str | None = None
    language: str | None = None


_BLOCK_KINDS: dict[str, BlockKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "p": "text",
    "li": "text",
    "dd": "text",
    "dt": "text",
    "blockquote": "quote",
    "figcaption": "caption",
    "pre": "table",
    "table": "table",
}
_NOT_TEXT = ("script", "style", "noscript", "template", "iframe", "form", "button", "svg")


def read_fragment(html: str) -> Page:
    """A feed entry's HTML, which is all article: every block in order (no boilerplate
    detection, which needs a whole page and costs ten times more)."""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ValueError, TypeError, lxml.etree.ParserError):
        return Page(blocks=[], visible_text=sanitize(html))
    for element in root.iter(*_NOT_TEXT):
        element.drop_tree()
    blocks: list[tuple[BlockKind, str]] = []
    _fragment_blocks(root, blocks)
    visible = "\n\n".join(text for _, text in blocks)
    return Page(blocks=blocks, visible_text=visible)


def _fragment_blocks(element: Any, blocks: list[tuple[BlockKind, str]]) -> None:
    """Blocks of the element's block children; loose text between them is a paragraph."""
    loose: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        kind = _BLOCK_KINDS.get(tag)
        if kind is None and not _has_blocks(child):
            loose.append(_element_text(child))
        else:
            add_block(blocks, "text", " ".join("".join(loose).split()))
            loose = []
            if kind == "table":
                add_block(blocks, kind, preformatted(child) if tag == "pre" else _html_table(child))
            elif kind is not None:
                add_block(blocks, kind, ("• " if tag == "li" else "") + _element_text(child))
            else:
                _fragment_blocks(child, blocks)
        loose.append(child.tail or "")
    add_block(blocks, "text", " ".join("".join(loose).split()))


def _has_blocks(element: Any) -> bool:
    return any(isinstance(node.tag, str) and node.tag in _BLOCK_KINDS for node in element.iter())


def _element_text(element: Any) -> str:
    for line_break in element.iter("br"):
        line_break.tail = "\n" + (line_break.tail or "")
    text = "".join(element.itertext())
    return "\n".join(" ".join(line.split()) for line in text.split("\n"))


def _html_table(table: Any) -> str:
    rows = [
        [" ".join("".join(c.itertext()).split()) for c in row.iter("td", "th")]
        for row in table.iter("tr")
    ]
    return aligned([row for row in rows if any(row)])


_LINE_TAGS = frozenset(
    {
        *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt"),
        *("fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li", "main"),
        *("nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul", "title"),
        *(f"h{level}" for level in range(1, 7)),
    }
)
_HIDDEN = frozenset(("script", "style", "noscript", "template", "head", "svg", "iframe"))


def visible_text(tree: Any) -> str:
    """A page's text as a browser shows it, a line per block (menus and footers included),
    for the raw view; the ``<title>`` first, as scrapers save it."""
    from lxml import etree

    parts: list[str] = []
    title = tree.find(".//title")
    if title is not None and title.text:
        parts.extend((title.text, "\n"))
    body = tree.find(".//body")
    hidden = 0
    for event, element in etree.iterwalk(
        body if body is not None else tree, events=("start", "end")
    ):
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            hidden += tag in _HIDDEN
            if not hidden and tag in _LINE_TAGS:
                parts.append("\n")
            if not hidden and element.text and tag:
                parts.append(element.text)
            continue
        if tag in _HIDDEN:
            hidden -= 1
        elif not hidden and tag in _LINE_TAGS:
            parts.append("\n")
        if not hidden and element.tail:
            parts.append(element.tail)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return sanitize("\n".join(line for line in lines if line))


def add_block(blocks: list[tuple[BlockKind, str]], kind: BlockKind, text: str) -> None:
    text = sanitize(text).strip()
    # a block never holds an empty line: the body joins blocks with one
    text = re.sub(r"\n\s*\n+", "\n", text)
    if text.strip("• "):
        blocks.append((kind, text))


def preformatted(element: Any) -> str:
    text = "".join(element.itertext()).strip("\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def aligned(rows: list[list[str]]) -> str:
    if not rows:
        return ""
    columns = max(len(row) for row in rows)
    widths = [max(len(row[i]) if i < len(row) else 0 for row in rows) for i in range(columns)]
    return "\n".join(
        "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows
    )
