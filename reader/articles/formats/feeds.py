"""RSS and Atom feeds: each entry an article (feedparser reads every flavour, and what it
can of a feed that is not well-formed)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

from reader.articles.entries import Entry, Skipped, entry_key
from reader.articles.text import text_or_none

__all__ = ["feed_entries"]


def feed_entries(data: bytes) -> Iterator[Entry | Skipped]:
    """The entries of a feed file; a Skipped for the file when it is not a feed at all."""
    import feedparser  # loaded by the first feed only

    parsed: Any = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    kind = _kind(str(parsed.get("version") or ""))
    if kind is None or not parsed.entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None:
            yield Skipped("", f"not a well-formed feed ({_reason(problem)})")
        elif kind is None:
            yield Skipped("", "not a feed (an XML file of another kind)")
        return
    feed = parsed.feed
    outlet = text_or_none(feed.get("title"))
    language = text_or_none(feed.get("language"))
    seen: set[str] = set()
    for number, item in enumerate(parsed.entries, start=1):
        yield _entry(item, number, kind, outlet, language, seen)


def _kind(version: str) -> str | None:
    if version.startswith("atom"):
        return "atom"
    if version.startswith(("rss", "cdf")):
        return "rss"
    return None


def _entry(
    item: Any, number: int, kind: str, outlet: str | None, language: str | None, seen: set[str]
) -> Entry | Skipped:
    where = f"entry {number}"
    key = entry_key(str(item.get("id") or item.get("link") or number))
    if key in seen:
        key = entry_key(f"{key}#{number}")  # two entries with one guid: both are kept
    seen.add(key)
    content = _content(item)
    title = text_or_none(item.get("title"))
    if not content.strip() and not title:
        return Skipped(where, "no title and no text")
    if not content.strip():
        return Skipped(f"{where} ({title})", "no text (only a title)")
    is_html = "<" in content and ">" in content
    return Entry(
        key=key,
        format=kind,
        where=where,
        title=title,
        text=None if is_html else content,
        html=content if is_html else None,
        date=_date(item),
        source=outlet,
        url=text_or_none(item.get("link")),
        author=text_or_none(item.get("author")),
        language=text_or_none(item.get("language")) or language,
    )


def _content(item: Any) -> str:
    """The entry's full content when it has it, otherwise its summary."""
    contents = item.get("content") or []
    values = [str(part.get("value") or "") for part in contents]
    full = max(values, key=len, default="")
    summary = str(item.get("summary") or "")
    return full if len(full) >= len(summary) else summary


def _date(item: Any) -> str | None:
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = item.get(name)
        if stamp:
            return time.strftime("%Y-%m-%d", stamp)
    return None


def _reason(problem: object) -> str:
    return " ".join(str(problem).split())[:160] or type(problem).__name__
