"""``reader export``: a query's articles or their quotations as CSV, JSON Lines or Markdown."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from reader.cli.common import library_options, resolve_library
from reader.cli.marking import open_reading
from reader.models import plural

if TYPE_CHECKING:
    from reader.export import ExportFormat, ExportProgress
    from reader.index import Library
    from reader.personal import Reading

__all__ = ["export_command"]

_SUFFIXES = {".csv": "csv", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "md", ".markdown": "md"}


@click.command("export")
@library_options
@click.argument("query", required=False)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "jsonl", "md"]),
    help="csv, jsonl (one JSON object a line) or md (citations to paste into a draft)"
    " [default: from the file's extension, else csv].",
)
@click.option("--quotes", is_flag=True, help="One record per quotation instead of per article.")
@click.option("--speaker", help="With --quotes: only this speaker's (any spelling).")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (it appears only once complete) [default: stdout].",
)
@click.pass_context
def export_command(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    query: str | None,
    fmt: ExportFormat | None,
    quotes: bool,
    speaker: str | None,
    output: Path | None,
) -> None:
    """Export the articles matching QUERY (all of them without one), best match first,
    with your tags and notes, or with --quotes their quotations.

    Articles: id, title, outlet, date, url, path, tags, note. Quotations: text, speaker,
    inner_speaker (who said it when the speaker passed it on), kind, article, title, outlet,
    date, url, path, note. CSV cells that a spreadsheet would
    run as a formula are prefixed with ', and no format carries control characters.

    \b
    Examples:
        reader export 'tag:summit' --format md --quotes -o summit-quotes.md
        reader export 'putin AND is:starred' -o starred.csv
        reader export --quotes --speaker putin --format jsonl | jq .text
    """
    from reader.articles.text import escape_controls

    if speaker and not quotes:
        raise click.UsageError("--speaker needs --quotes")
    fmt = fmt or _format_of(output)
    library = resolve_library(ctx, corpus, index_dir)
    reading = open_reading(library)
    ids = _selected(library, reading, query)
    count = _write(library, ids, fmt, output, quotes=quotes, reading=reading, speaker=speaker)
    noun = "quotation" if quotes else "article"
    where = f" to {escape_controls(str(output))}" if output else ""
    exported = f"Exported {plural(count, noun)} from {plural(len(ids), 'article')}{where}."
    click.echo(exported, err=True)


def _format_of(output: Path | None) -> ExportFormat:
    found = _SUFFIXES.get(output.suffix.lower(), "csv") if output else "csv"
    return cast("ExportFormat", found)


def _selected(library: Library, reading: Reading, query: str | None) -> list[str]:
    """Every matching article's id, best first; every article by id without a query."""
    from reader.search import QueryError, matching_ids

    if query is None:
        return [summary.id for summary in library.summaries("id")]
    try:
        return matching_ids(library, query, personal=reading)
    except QueryError as error:
        raise click.ClickException(f"bad query: {error}") from None


def _write(
    library: Library,
    ids: list[str],
    fmt: ExportFormat,
    output: Path | None,
    *,
    quotes: bool,
    reading: Reading,
    speaker: str | None,
) -> int:
    """Export to ``output`` (or stdout), with a progress bar when stderr is a terminal."""
    from reader.export import ExportError, export, export_to_path

    with _progress_bar() as progress:
        try:
            if output is None:
                return export(
                    library, ids, sys.stdout, fmt,
                    quotes=quotes, reading=reading, speaker=speaker, progress=progress,
                )  # fmt: skip
            return export_to_path(
                library, ids, output, fmt,
                quotes=quotes, reading=reading, speaker=speaker, progress=progress,
            )  # fmt: skip
        except ExportError as error:
            raise click.ClickException(str(error)) from None


@contextmanager
def _progress_bar() -> Iterator[ExportProgress | None]:
    """A progress callback drawing a bar on stderr; None when stderr is not a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        yield None
        return
    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Exporting", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield progress
