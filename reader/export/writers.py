"""Writing export records as CSV, JSON Lines or Markdown citations, one record at a time."""

from __future__ import annotations

import csv
import json
from typing import Literal, Protocol, TextIO

from reader.articles.text import one_line, sanitize
from reader.export.cells import csv_cell, json_safe, link_for, markdown_text
from reader.export.records import ArticleRecord, QuoteRecord
from reader.models import readable_date, speaker_label

__all__ = ["FORMATS", "ExportFormat", "RecordWriter", "writer_for"]

ExportFormat = Literal["csv", "jsonl", "md"]
FORMATS: tuple[ExportFormat, ...] = ("csv", "jsonl", "md")

Record = ArticleRecord | QuoteRecord

ARTICLE_COLUMNS = ("id", "title", "outlet", "date", "url", "path", "tags", "note")
QUOTE_COLUMNS = (
    "text", "speaker", "inner_speaker", "kind", "article", "title", "outlet", "date", "url",
    "path", "note",
)  # fmt: skip


class RecordWriter(Protocol):
    def write(self, record: Record) -> None: ...


def _fields(record: Record) -> dict[str, str | list[str] | None]:
    """The record's exported fields, in column order, as plain values."""
    if isinstance(record, ArticleRecord):
        return {
            "id": record.id,
            "title": record.title,
            "outlet": record.outlet,
            "date": record.date,
            "url": record.url,
            "path": record.path,
            "tags": list(record.tags),
            "note": record.note,
        }
    return {column: getattr(record, column) for column in QUOTE_COLUMNS}


class _Csv:
    """CSV with a header row; every cell one line of text a spreadsheet will not run."""

    def __init__(self, out: TextIO, quotes: bool) -> None:
        self._rows = csv.writer(out, lineterminator="\n")
        self._rows.writerow(QUOTE_COLUMNS if quotes else ARTICLE_COLUMNS)

    def write(self, record: Record) -> None:
        cells = []
        for value in _fields(record).values():
            text = ", ".join(value) if isinstance(value, list) else value
            cells.append(csv_cell(text))
        self._rows.writerow(cells)


class _JsonLines:
    """One JSON object per line; text sanitised (line breaks in notes kept, as ``\\n``)."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, record: Record) -> None:
        fields = {
            key: ([sanitize(item) for item in value] if isinstance(value, list)
                  else sanitize(value) if value is not None else None)
            for key, value in _fields(record).items()
        }  # fmt: skip
        self._out.write(json_safe(json.dumps(fields, ensure_ascii=False)) + "\n")


class _Markdown:
    """Citations to paste into a draft.

    A quotation::

        > “We have no illusions.”
        >
        > — Vladimir Putin, in *Putin: There’s hope …*, Anadolu Agency, 2021-06-16. <https://…>

    An article: ``- *Title*, Outlet, date. <link>`` with its tags and note beneath.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, record: Record) -> None:
        if isinstance(record, QuoteRecord):
            self._out.write(_quote_citation(record))
        else:
            self._out.write(_article_citation(record))


def _source_line(record: Record) -> str:
    """``*Title*, Outlet, date. <link>``, leaving out what is not known."""
    parts = [f"*{markdown_text(record.title)}*"]
    shown = (record.outlet, readable_date(record.date))
    parts += [markdown_text(value) for value in shown if one_line(value)]
    line = ", ".join(parts) + "."
    link = link_for(record.url, record.file)
    return f"{line} <{link}>" if link else line


def _quote_citation(record: QuoteRecord) -> str:
    who = "Unattributed"
    if one_line(record.speaker):
        inner = markdown_text(record.inner_speaker) if one_line(record.inner_speaker) else None
        who = speaker_label(markdown_text(record.speaker), inner)
    source = _source_line(record)
    # the comma that led into the reporting verb ("…relations," he said) is not the quote's
    text = markdown_text(record.text).rstrip(",")
    lines = [f"> “{text}”", ">", f"> — {who}, in {source}"]
    if one_line(record.note):
        lines.append(f"\nNote: {markdown_text(record.note)}")
    return "\n".join(lines) + "\n\n"


def _article_citation(record: ArticleRecord) -> str:
    lines = [f"- {_source_line(record)}"]
    if record.tags:
        lines.append("  Tags: " + " ".join(f"#{markdown_text(tag)}" for tag in record.tags))
    if one_line(record.note):
        lines.append(f"  Note: {markdown_text(record.note)}")
    return "\n".join(lines) + "\n"


def writer_for(out: TextIO, fmt: ExportFormat, quotes: bool) -> RecordWriter:
    """A writer of ``fmt`` to ``out`` (CSV writes its header now)."""
    if fmt == "csv":
        return _Csv(out, quotes)
    if fmt == "jsonl":
        return _JsonLines(out)
    return _Markdown(out)
