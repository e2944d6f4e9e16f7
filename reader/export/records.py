"""What an export holds: one record per article, or per quotation, read from the index's
catalog with the user's tags and notes, a chunk of articles at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.index import Library
    from reader.index.rows import Row
    from reader.models import Speaker
    from reader.personal import ArticleState, Reading

__all__ = ["CHUNK", "ArticleRecord", "QuoteRecord", "article_records", "quote_records"]

CHUNK = 200
"""Articles read (and reported to the progress callback) at a time."""


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """One exported article."""

    id: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    path: str
    """The file, relative to the corpus folder."""
    tags: tuple[str, ...]
    note: str | None
    file: Path
    """The file's absolute path (for links to it)."""


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    """One exported quotation, with the article that reports it."""

    text: str
    speaker: str | None
    """The source credited (CNN in “...,” Sanders said, according to CNN)."""
    kind: str
    article: str
    title: str
    outlet: str | None
    date: str | None
    url: str | None
    path: str
    note: str | None
    """The user's note on this quotation."""
    file: Path
    inner_speaker: str | None = None
    """Who said the words when the article has them through ``speaker`` (Sanders)."""


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _states(reading: Reading | None, ids: Iterable[str]) -> dict[str, ArticleState]:
    return reading.states(ids) if reading is not None else {}


def article_records(
    library: Library, article_ids: Sequence[str], reading: Reading | None = None
) -> Iterator[list[ArticleRecord]]:
    """Records of these articles (in this order), a chunk at a time; ids no longer indexed
    are left out."""
    corpus = Path(library.corpus)
    for chunk in _chunks(article_ids):
        states = _states(reading, chunk)
        records = []
        for article_id in chunk:
            summary = library.summary(article_id)
            if summary is None:
                continue
            state = states.get(article_id)
            records.append(
                ArticleRecord(
                    summary.id,
                    summary.title,
                    summary.source,
                    summary.date,
                    getattr(summary, "url", None),
                    summary.path,
                    state.tags if state else (),
                    state.note if state else None,
                    corpus / summary.path,
                )
            )
        yield records


def quote_records(
    library: Library,
    article_ids: Sequence[str],
    reading: Reading | None = None,
    speaker: str | Speaker | None = None,
) -> Iterator[list[QuoteRecord]]:
    """Records of the quotations of these articles, article by article, a chunk of articles
    at a time; optionally only ``speaker``'s: a name in any spelling ("PESKOV"), or a
    ``Speaker`` of ``library.speakers()``, exactly the quotes its speaker view lists."""
    wanted = _speaker_test(library, speaker)
    corpus = Path(library.corpus)
    for chunk in _chunks(article_ids):
        states = _states(reading, chunk)
        records: list[QuoteRecord] = []
        for article_id in chunk:
            row = library.catalog.row(article_id)
            if row is not None:
                records += _quotes_of(row, states.get(article_id), wanted, corpus)
        yield records


def _quotes_of(
    row: Row, state: ArticleState | None, wanted: Callable[[str], bool] | None, corpus: Path
) -> list[QuoteRecord]:
    """One article's quotation records (only those ``wanted`` says yes to, when given)."""
    from reader.personal.notes import match_quote_notes

    texts = [quote.text for quote in row.quotes]
    placed = match_quote_notes(state.quote_notes, texts) if state else {}
    records = []
    for index, quote in enumerate(row.quotes):
        if wanted is not None and not any(wanted(name) for name in quote.said_by):
            continue
        note = placed.get(index)
        record = QuoteRecord(
            quote.text, quote.speaker, quote.kind,
            row.id, row.title, row.source, row.date, getattr(row, "url", None), row.path,
            note.note if note else None, corpus / row.path, quote.inner_speaker,
        )  # fmt: skip
        records.append(record)
    return records


def _speaker_test(library: Library, speaker: str | Speaker | None) -> Callable[[str], bool] | None:
    """Whether a quote's speaker or inner speaker (Sanders' words through CNN are Sanders'
    and CNN's) is ``speaker``: the same display name for a ``Speaker`` (not Cherie Blair for
    Tony Blair), any of its names for a name typed in any spelling, as `reader quotes`."""
    if not speaker:
        return None
    if not isinstance(speaker, str):
        display = speaker.name
        return lambda name: name == display
    return library.catalog.speaker_test(speaker)
