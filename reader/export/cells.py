"""Making exported text safe: no control characters, no spreadsheet formulas, no Markdown
or links that do something else than what the article says."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlsplit

from reader.articles.text import one_line

__all__ = ["csv_cell", "json_safe", "link_for", "markdown_text"]

# A spreadsheet runs a cell starting with these as a formula ("CSV injection"); tab and
# carriage return are on OWASP's list too (they are spaces by then, but a cell may start
# with spaces before the sign).
_FORMULA_START = ("=", "+", "-", "@")
# What JSON leaves as is but a terminal or an editor would act on: C1 controls, line and
# paragraph separators, bidirectional overrides and isolates.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# Characters that make Markdown format text (emphasis, code, links, HTML, strikethrough).
_MARKDOWN_ACTIVE = re.compile(r"([\\`*_\[\]<>~|])")
_LINK_SCHEMES = frozenset({"http", "https", "file"})


def csv_cell(text: str | None) -> str:
    """A CSV cell a spreadsheet shows as text: one line, and a leading ``= + - @`` (after
    any spaces) behind an apostrophe, as OWASP recommends."""
    cell = one_line(text)
    if cell.lstrip().startswith(_FORMULA_START):
        return "'" + cell
    return cell


def json_safe(encoded: str) -> str:
    """JSON text with the characters JSON allows raw but terminals act on as ``\\u`` escapes
    (the same JSON value)."""
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", encoded)


def markdown_text(text: str | None) -> str:
    """One line of plain text for a Markdown document: formatting characters escaped."""
    return _MARKDOWN_ACTIVE.sub(r"\\\1", one_line(text))


def link_for(url: str | None, path: Path | None) -> str | None:
    """A link a Markdown citation can carry: the article's web address when it is http(s),
    else its file as a ``file://`` URI; None when neither is usable."""
    if url:
        cleaned = one_line(url)
        try:
            scheme = urlsplit(cleaned).scheme.lower()
        except ValueError:
            scheme = ""
        if scheme in _LINK_SCHEMES:
            return quote(cleaned, safe=":/?#[]@!$&'()*+,;=%~")
    if path is not None and path.is_absolute():
        return path.as_uri()
    return None
