"""Export: articles or their quotations as CSV, JSON Lines or Markdown citations, streamed
with progress, to a stream or a file (never inside the corpus)."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from reader.articles.text import escape_controls
from reader.export.records import (
    CHUNK,
    ArticleRecord,
    QuoteRecord,
    article_records,
    quote_records,
)
from reader.export.writers import FORMATS, ExportFormat, writer_for

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import Speaker
    from reader.personal import Reading

__all__ = [
    "FORMATS",
    "ArticleRecord",
    "ExportError",
    "ExportFormat",
    "ExportProgress",
    "QuoteRecord",
    "export",
    "export_to_path",
]

ExportProgress = Callable[[int, int], None]
"""Called with ``(articles done, articles in all)`` after each chunk; raising stops the
export (a UI's cancel button)."""


class ExportError(Exception):
    """An export that cannot be written where asked; one line saying why."""


def export(
    library: Library,
    article_ids: Sequence[str],
    out: TextIO,
    fmt: ExportFormat,
    *,
    quotes: bool = False,
    reading: Reading | None = None,
    speaker: str | Speaker | None = None,
    progress: ExportProgress | None = None,
) -> int:
    """Write these articles (or, with ``quotes``, their quotations, optionally only
    ``speaker``'s: see ``quote_records``) to ``out`` as ``fmt``; returns how many records
    were written.

    Tags and notes come from ``reading`` when given. Articles are read a chunk at a time,
    so memory stays flat however many are exported.
    """
    writer = writer_for(out, fmt, quotes)
    chunks = (
        quote_records(library, article_ids, reading, speaker)
        if quotes
        else article_records(library, article_ids, reading)
    )
    written = done = 0
    for records in chunks:
        for record in records:
            writer.write(record)
        written += len(records)
        done = min(done + CHUNK, len(article_ids))
        if progress is not None:
            progress(done, len(article_ids))
    return written


def export_to_path(
    library: Library,
    article_ids: Sequence[str],
    path: Path,
    fmt: ExportFormat,
    *,
    quotes: bool = False,
    reading: Reading | None = None,
    speaker: str | Speaker | None = None,
    progress: ExportProgress | None = None,
) -> int:
    """``export`` into the file ``path``, which appears only once complete (a failed or
    stopped export leaves any earlier file as it was). ExportError for a path inside the
    corpus (never written) or that cannot be written."""
    path = path.expanduser()
    if path.resolve().is_relative_to(Path(library.corpus).resolve()):
        raise ExportError(
            f"{escape_controls(str(path))} is inside the corpus, which is never written:"
            " choose a file outside it"
        )
    with _replacing(path) as out:
        return export(
            library, article_ids, out, fmt,
            quotes=quotes, reading=reading, speaker=speaker, progress=progress,
        )  # fmt: skip


@contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A file that replaces ``path`` when the block ends well; removed if it does not."""
    problem = f"cannot write {escape_controls(str(path))}"
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise ExportError(f"{problem}: {error.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            yield out
        os.replace(temporary, path)
    except OSError as error:
        Path(temporary).unlink(missing_ok=True)
        raise ExportError(f"{problem}: {error.strerror}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
