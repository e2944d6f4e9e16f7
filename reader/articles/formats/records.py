"""JSON Lines and CSV exports: one article per record, fields known by their usual names.

Both are read as a stream of lines from a byte offset, so a file that grew by appended
records is read from where the last read stopped (``Position``).
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from reader.articles.entries import Entry, Progress, Skipped, entry_key
from reader.articles.text import decode_bytes, sanitize

__all__ = ["FIELDS", "csv_entries", "jsonl_entries", "record_entry"]

# The names exports give each field, most specific first (compared without case).
FIELDS: dict[str, tuple[str, ...]] = {
    "key": ("id", "_id", "guid", "uuid", "article_id", "doc_id"),
    "title": ("title", "headline", "heading", "name"),
    "text": ("text", "body", "content", "article", "maintext", "full_text", "article_text"),
    "date": ("date", "published", "publish_date", "published_at", "pubdate", "date_publish"),
    "source": ("source", "outlet", "publisher", "domain", "site_name", "source_domain"),
    "url": ("url", "link", "uri", "canonical_url"),
    "author": ("author", "byline", "authors", "creator"),
    "language": ("language", "lang"),
    "summary": ("summary", "description", "abstract", "lead"),
}
_HTML = re.compile(r"<(?:p|div|br|h[1-6]|article|span|a|li|blockquote)\b[^>]*>", re.I)


def record_entry(
    record: Mapping[str, object], fmt: str, where: str, number: int
) -> Entry | Skipped:
    """The article of one record (a JSON object, a CSV row by header name)."""
    fields = {name.lower().strip(): value for name, value in record.items() if name}
    found = {field: _first(fields, names) for field, names in FIELDS.items()}
    text = found["text"] or found["summary"]
    if not text:
        return Skipped(where, "no text (no text, body, content or article field)")
    key = entry_key(found["key"] or found["url"] or str(number))
    is_html = bool(_HTML.search(text[:4000]))
    raw = "\n".join(f"{name}: {_value(value)}" for name, value in record.items() if name)
    return Entry(
        key=key,
        format=fmt,
        where=where,
        title=found["title"],
        text=None if is_html else text,
        html=text if is_html else None,
        date=found["date"],
        source=found["source"],
        url=found["url"],
        author=found["author"],
        language=found["language"],
        raw=sanitize(raw),
    )


def _first(fields: dict[str, object], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = _value(fields.get(name))
        if value.strip():
            return value.strip()
    return None


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # "authors": ["A", "B"]
        return ", ".join(_value(item) for item in value if item)
    if isinstance(value, dict):  # "author": {"name": "A"}
        return _value(value.get("name") or value.get("value") or "")
    return str(value)


def jsonl_entries(
    stream: BinaryIO, progress: Progress, max_bytes: int
) -> Iterator[Entry | Skipped]:
    """The records of a JSON Lines stream from ``progress`` (its offset and line count),
    which follows the lines read."""
    encoding = _encoding(stream, progress.offset)
    for line in _lines(stream, progress):
        progress.count += 1
        where = f"line {progress.count}"
        if not line.strip():
            continue
        if len(line) > max_bytes:
            yield Skipped(where, f"too large ({len(line) / 1e6:.1f} MB)")
            continue
        try:
            record = json.loads(line.decode(encoding, errors="replace"))
        except (ValueError, RecursionError) as error:
            yield Skipped(where, f"not valid JSON ({str(error).split(':')[0]})")
            continue
        if not isinstance(record, dict):
            yield Skipped(where, f"not a JSON object (a {type(record).__name__})")
            continue
        yield record_entry(record, "jsonl", where, progress.count)


def csv_entries(stream: BinaryIO, progress: Progress, max_bytes: int) -> Iterator[Entry | Skipped]:
    """The rows of a CSV stream, by the names in its header, from ``progress`` (its offset
    and record count), which follows the records read."""
    encoding = _encoding(stream, 0)
    header_progress = Progress()
    header_line = next(_lines(stream, header_progress), b"")
    header = next(csv.reader([header_line.decode(encoding, "replace").lstrip("\ufeff")]), [])
    if not any(name.lower().strip() in FIELDS["text"] for name in header):
        yield Skipped("line 1", "no text column (text, body, content or article) in the header")
        return
    progress.offset = max(progress.offset, header_progress.offset)
    lines = (line.decode(encoding, "replace") for line in _lines(stream, progress))
    csv.field_size_limit(max_bytes)
    reader = csv.reader(lines)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            progress.count += 1
            problem = _csv_problem(error, max_bytes)
            yield Skipped(f"record {progress.count}", f"not a CSV record ({problem})")
            continue
        if any(cell.strip() for cell in row):
            progress.count += 1
            record = dict(zip(header, row, strict=False))
            yield record_entry(record, "csv", f"record {progress.count}", progress.count)


def _csv_problem(error: csv.Error, max_bytes: int) -> str:
    text = str(error)
    if "field larger than field limit" in text:
        return f"a field is larger than {max_bytes / 1e6:.0f} MB"
    return text


def _lines(stream: BinaryIO, progress: Progress) -> Iterator[bytes]:
    """Whole lines from the progress's offset, which moves past each line read."""
    stream.seek(progress.offset)
    for line in stream:
        progress.offset += len(line)
        yield line


def _encoding(stream: BinaryIO, start: int) -> str:
    """UTF-8, or the encoding detected in the first 64 KB from ``start``."""
    stream.seek(start)
    sample = stream.read(65536)
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(sample) - 4:  # a character cut by the sample's end
            return "utf-8"
    try:
        return decode_bytes(sample)[1].split(" ")[0]
    except ValueError:
        return "utf-8"
