"""The Article model: reading a file, finding the headline and metadata, cleaning the body."""

from __future__ import annotations

import re
from pathlib import Path

from reader.articles import cleaning, dates
from reader.articles.assemble import ArticleError, article_from_blocks
from reader.articles.files import (
    article_from_bytes,
    article_id,
    iter_corpus,
    load_article,
    max_article_bytes,
    open_article_file,
    read_article_bytes,
)
from reader.articles.mainrun import find_main_run
from reader.articles.metadata import Draft, parse_dateline
from reader.articles.text import sanitize
from reader.articles.walk import ARTICLE_SUFFIXES
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
    "main_text_blocks",
    "max_article_bytes",
    "open_article_file",
    "parse_article",
    "read_article_bytes",
]


def parse_article(
    text: str, id: str, path: Path, encoding: str = "utf-8", format: str = "txt"
) -> Article:
    """Clean decoded article text into an Article. Raises ArticleError when nothing is left."""
    raw = sanitize(text)
    if not raw.strip():
        raise ArticleError("empty file")
    draft, blocks = _clean(raw)
    if not blocks and draft.title is None:
        raise ArticleError("no article text found")
    return article_from_blocks(
        blocks,
        id=id,
        path=path,
        raw=raw,
        encoding=encoding,
        format=format,
        **{name: getattr(draft, name) for name in _DRAFT_FIELDS},
    )


_DRAFT_FIELDS = ("title", "source", "date", "byline", "author", "header_date", "seen_date")


def main_text_blocks(text: str) -> list[tuple[BlockKind, str]]:
    """The article's blocks in a page's visible text, found as for a plain-text file."""
    return _clean(sanitize(text))[1]


def _clean(raw: str) -> tuple[Draft, list[tuple[BlockKind, str]]]:
    """The headline and metadata found in the text, and the article's blocks."""
    draft = Draft()
    lines = raw.split("\n")
    draft.seen_date = _top_bar_date(lines)
    paragraphs = _paragraphs(lines)
    chrome_dates: list[str] = []
    paragraphs = _cut_to_main_run(paragraphs, draft, chrome_dates)
    paragraphs = _take_title(paragraphs, draft, chrome_dates)
    if len(set(chrome_dates)) == 1:  # several: dates of other stories listed above the headline
        draft.header_date = chrome_dates[0]
    paragraphs = _take_trailing_author(paragraphs, draft)
    blocks = [
        (_kind(paragraph, paragraphs[index + 1] if index + 1 < len(paragraphs) else ""), paragraph)
        for index, paragraph in enumerate(paragraphs)
    ]
    return draft, blocks


def _cut_to_main_run(paragraphs: list[str], draft: Draft, chrome_dates: list[str]) -> list[str]:
    """The headline, the lines between it and the article, and the article's main run; what
    the page has around them (menus, link lists, footers) is dropped, its dates and outlet
    name noted on the way. A clean file (a line or two around the run) is kept whole."""
    run = find_main_run(paragraphs)
    if not run.whole_page:
        return paragraphs
    headline = run.headline if run.headline is not None else run.start
    end = run.end if len(paragraphs) - run.end >= _CHROME_LINES else len(paragraphs)
    between = paragraphs[headline + 1 : run.start]
    if headline < _CHROME_LINES and len(between) < _CHROME_LINES:
        return paragraphs[:end]  # no menus around: the headline and lead as they are
    for line in paragraphs[:headline]:
        _take_chrome(line, draft, chrome_dates)
    dated = {line: dates.parse_date(line, day_first=draft.day_first) for line in between}
    if len(set(dated.values()) - {None}) > 1:  # other stories' dates, listed beside the story
        dated = dict.fromkeys(between)
    between = [line for line in between if dated[line] or cleaning.parse_byline(line)]
    head = [paragraphs[headline]] if headline < run.start else []
    return [*head, *between, *paragraphs[run.start : end]]


# Fewer lines than this around the main run are not site chrome but the file's own lines.
_CHROME_LINES = 3


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

    Lines in columns (a table, a list of figures) stay lines of one table paragraph, their
    spacing kept. Of the rest, a stretch whose lines fit a typical fixed wrap width (40-100
    characters but the last) is hard-wrapped text: its lines join, and an indented line
    starts a new paragraph (the newswire convention). Otherwise every line is a paragraph.
    """
    if len(run) <= 1:
        return [line.strip() for line in run]
    paragraphs: list[str] = []
    for is_table, lines in _table_stretches(run):
        if is_table:
            paragraphs.append(_dedent(lines))
        else:
            paragraphs.extend(_prose_paragraphs(lines))
    return paragraphs


def _table_stretches(run: list[str]) -> list[tuple[bool, list[str]]]:
    """The run cut into stretches of table lines (two or more) and of other lines."""
    tabular = [_is_tabular(run, index) for index in range(len(run))]
    stretches: list[tuple[bool, list[str]]] = []
    for line, is_table in zip(run, tabular, strict=True):
        if stretches and stretches[-1][0] == is_table:
            stretches[-1][1].append(line)
        else:
            stretches.append((is_table, [line]))
    # a lone table-like line among prose is prose ("Net 5 vs 4" under a dateline)
    merged: list[tuple[bool, list[str]]] = []
    for is_table, lines in stretches:
        is_table = is_table and len(lines) >= 2
        if merged and merged[-1][0] == is_table:
            merged[-1][1].extend(lines)
        else:
            merged.append((is_table, list(lines)))
    return merged


def _is_tabular(run: list[str], index: int) -> bool:
    """A line in columns, or a short indented line of figures in a list of such lines."""
    line = run[index]
    if cleaning.is_table_line(line):
        return True
    stripped = line.strip()
    if not line.startswith((" ", "\t")) or len(stripped) >= 45 or stripped[0] in "-–•*":
        return False
    if len(_FIGURE.findall(stripped)) < 2:  # "Net 807,000 vs 2,858,000"
        return False
    following = run[index + 1] if index + 1 < len(run) else None
    # an indented line followed by an unindented one starts a wrapped paragraph instead
    return following is None or following.startswith((" ", "\t"))


_FIGURE = re.compile(r"(?<![\w.,])\d[\d,.]*")


def _dedent(lines: list[str]) -> str:
    indent = min(len(line) - len(line.lstrip()) for line in lines)
    return "\n".join(line[indent:].rstrip() for line in lines)


def _prose_paragraphs(run: list[str]) -> list[str]:
    if len(run) <= 1:
        return [line.strip() for line in run]
    widths = [len(line.strip()) for line in run[:-1]]
    wrapped = (
        max(widths) <= 100
        and sum(width >= 40 for width in widths) >= len(widths) * 0.6
        # the last line of a wrapped paragraph is no longer than the others
        and len(run[-1].strip()) <= max(100, max(widths) + 10)
    )
    if not wrapped:
        return [line.strip() for line in run]
    groups: list[list[str]] = []
    for line in run:
        if not groups or line.startswith((" ", "\t")):
            groups.append([])
        groups[-1].append(line)
    return [" ".join(line.strip() for line in group) for group in groups]


def _take_title(paragraphs: list[str], draft: Draft, chrome_dates: list[str]) -> list[str]:
    """Find the headline past the site chrome; collect the outlet and the chrome's dates (but
    the top bar's) on the way."""
    start = _duplicated_headline(paragraphs)
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index]
        if start is not None and index == start:
            break
        if not _take_chrome(line, draft, chrome_dates):
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


def _take_chrome(line: str, draft: Draft, chrome_dates: list[str]) -> bool:
    """Record what a chrome line tells (date, outlet); False when the line is not chrome."""
    page_date = dates.parse_date(line, day_first=draft.day_first)
    if page_date is not None:
        if page_date.isoformat() != draft.seen_date:
            chrome_dates.append(page_date.isoformat())
        return True
    if draft.seen_date and cleaning.is_top_bar(line):
        return True
    name = cleaning.site_name(line)
    if name is not None:
        draft.source = draft.source or name
        return True
    return cleaning.is_page_chrome(line)


def _top_bar_date(lines: list[str]) -> str | None:
    """The date of a site's top bar, a date line beside a weather reading ("24.3 C" over
    "Monday, August 15, 2022") or the account links ("Sign In Subscribe"): the day the page
    was seen, not the article's date."""
    top = [line for line in lines if line.strip()][:_TOP_BAR_LINES]
    for index, line in enumerate(top):
        page_date = dates.parse_date(line)
        beside = top[max(0, index - 1) : index] + top[index + 1 : index + 2]
        if page_date is not None and any(map(cleaning.is_top_bar, beside)):
            return page_date.isoformat()
    return None


_TOP_BAR_LINES = 30


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


def _take_trailing_author(paragraphs: list[str], draft: Draft) -> list[str]:
    """Remove an author box at the end: a name line followed by a short bio."""
    if (
        len(paragraphs) >= 3
        and cleaning.looks_like_name(paragraphs[-2])
        and cleaning.looks_like_bio(paragraphs[-1])
    ):
        draft.author = paragraphs[-2]
        return paragraphs[:-2]
    return paragraphs


def _kind(paragraph: str, following: str) -> BlockKind:
    """A caption, a table, a heading (a short line that introduces a real paragraph, and
    does not open with a wire's dateline: "SANTA CRUZ, Calif., Feb 26 - Shr 34 cts" over a
    wire's table is its first row), or text."""
    if "\n" in paragraph:
        return "table"
    if cleaning.is_caption(paragraph):
        return "caption"
    heading = cleaning.is_heading(paragraph) and len(following.split()) >= 12
    return "heading" if heading and parse_dateline(paragraph) is None else "text"
