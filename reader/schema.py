"""The Whoosh schema and analyzers, and how a catalog row becomes a Whoosh document."""

from __future__ import annotations

from typing import Any

from whoosh.analysis import (
    Analyzer,
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

from reader.catalog import Row
from reader.speaker_names import speaker_key

__all__ = ["BODY_ANALYZER", "SCHEMA_VERSION", "TEXT_FIELDS", "make_schema", "whoosh_document"]

# Bump whenever the schema, the analyzers or what is indexed changes: old indexes rebuild.
SCHEMA_VERSION = 2

# Folding accents before stemming makes "Alexei" find "Alexeï" and "Poutine" find "Poutine".
BODY_ANALYZER: Analyzer = (
    RegexTokenizer()
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter()
    | StemFilter(cachesize=100_000)
)
NAME_ANALYZER: Analyzer = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)
TEXT_FIELDS = ("title", "body", "quote")


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        title=TEXT(analyzer=BODY_ANALYZER, field_boost=2.0, spelling=True),
        body=TEXT(analyzer=BODY_ANALYZER, spelling=True),
        source=TEXT(analyzer=NAME_ANALYZER),
        byline=TEXT(analyzer=NAME_ANALYZER),
        date=ID(),
        quote=TEXT(analyzer=BODY_ANALYZER),
        speaker=TEXT(analyzer=NAME_ANALYZER),
    )


def whoosh_document(row: Row) -> dict[str, Any]:
    """The fields Whoosh indexes for one article; the text itself is stored in the catalog."""
    speech = [quote for quote in row.quotes if quote.speaker]
    speakers = {quote.speaker for quote in speech if quote.speaker}
    return {
        "id": row.id,
        "path": row.path,
        "title": row.title,
        "body": row.body,
        "source": row.source or "",
        "byline": " ".join(filter(None, (row.byline, row.author))),
        "date": row.date or "",
        "quote": "\n".join(quote.text for quote in row.quotes),
        "speaker": " ".join(sorted(speakers | {speaker_key(name) for name in speakers})),
    }
