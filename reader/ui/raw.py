"""The raw view: where the article's quotes and blocks are in the file text, and on which
wrapped line an offset falls, so the raw view can keep the reading position and walk quotes."""

from __future__ import annotations

import re
from functools import lru_cache

from rich.style import Style
from rich.text import Text

from reader.ui.render import Document, Span

__all__ = ["locate", "raw_text", "wrapped_line"]

_WORDS_LOCATED = 12
"""Words of a quote or paragraph looked for in the raw text: enough to be unambiguous."""


def locate(raw: str, text: str, start: int = 0) -> Span | None:
    """Where ``text`` (from the cleaned body) is in the raw file text, from ``start`` on.

    Cleaning re-joins hard-wrapped lines and may drop punctuation marks around quotes, so
    the words are matched with any run of spaces, newlines or marks between them.
    """
    words = re.findall(r"\w+", text)
    if not words:
        return None
    found = _pattern(tuple(words[:_WORDS_LOCATED])).search(raw, start)
    if found is None:
        return None
    if len(words) <= _WORDS_LOCATED:
        return found.start(), found.end()
    last = _pattern(tuple(words[-_WORDS_LOCATED:])).search(raw, found.start())
    return found.start(), (last.end() if last is not None else found.end())


@lru_cache(maxsize=512)
def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\W+".join(re.escape(word) for word in words))


def wrapped_line(text: str, offset: int, width: int) -> int:
    """Roughly which line ``offset`` falls on when ``text`` is wrapped at ``width`` columns."""
    width = max(1, width)
    lines = text[:offset].split("\n")
    above = sum(max(1, -(-len(line) // width)) for line in lines[:-1])
    return above + len(lines[-1]) // width


def raw_text(
    document: Document,
    hit_style: Style,
    current_hit: Style,
    current_quote: Style,
    focus: tuple[Span | None, Span | None],
) -> Text:
    """The whole file text, search hits highlighted, and the hit and quote walked to."""
    text = Text(document.article.raw)
    for start, end in document.raw_hit_spans:
        text.stylize(hit_style, start, end)
    hit, quote = focus
    if quote is not None:
        text.stylize(current_quote, *quote)
    if hit is not None:
        text.stylize(current_hit, *hit)
    return text
