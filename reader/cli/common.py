"""What every command shares: the library options, opening the library with progress, the
JSON printer (control characters escaped) and one-line errors on stderr."""

from __future__ import annotations

import json
import logging
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reader.models import plural

if TYPE_CHECKING:
    from rich.progress import Progress, ProgressColumn, TaskID

    from reader.index import Library
    from reader.models import Quote, UpdateReport

__all__ = [
    "echo_error",
    "json_list_text",
    "library_options",
    "open_library",
    "print_json",
    "quote_json",
    "report_problems",
    "resolve_library",
    "show_engine_warnings",
    "show_progress",
    "update_with_progress",
]

F = TypeVar("F", bound=Callable[..., Any])

# JSON escapes C0 controls itself; C1 controls and bidi overrides (from file names) would
# still reach a terminal, so they are written as \u escapes too (the same JSON value).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def echo_error(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    click.echo(f"reader: {message}", err=True)


class _WarningLine(logging.Handler):
    """The search engine's warnings (a fast path that fell back to Whoosh's own, an untested
    Whoosh version) as one line each on stderr, without the traceback the log carries."""

    def emit(self, record: logging.LogRecord) -> None:
        from reader.articles.text import escape_controls

        echo_error(escape_controls(f"warning: {record.getMessage()}".splitlines()[0]))


def show_engine_warnings() -> None:
    """Send the engine's warnings to stderr (commands only: the TUI owns the terminal)."""
    engine = logging.getLogger("reader.engine")
    if not any(isinstance(handler, _WarningLine) for handler in engine.handlers):
        engine.addHandler(_WarningLine(logging.WARNING))


def json_text(value: object) -> str:
    """``value`` as JSON that is safe to print to a terminal: a list one item a line (what
    `grep` and `head` can take line by line; and Python's encoder indents in pure Python, 5x
    slower: 0.5 s of `reader stories --json` at 100k articles), anything else indented."""
    if isinstance(value, list):
        return json_list_text([json.dumps(item, ensure_ascii=False) for item in value])
    return _safe(json.dumps(value, ensure_ascii=False, indent=2))


def json_list_text(items: list[str]) -> str:
    """A JSON list of items already encoded, one a line, safe to print (``json_text``)."""
    listed = ",\n  ".join(items)
    return _safe(f"[\n  {listed}\n]" if items else "[]")


def _safe(text: str) -> str:
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def print_json(value: object) -> None:
    """Print ``value`` as JSON on stdout: every command's ``--json`` goes through here."""
    click.echo(json_text(value))


def library_options(function: F) -> F:
    """--corpus and --index-dir, accepted by every command (and by the group itself)."""
    function = click.option(
        "--index-dir",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="READER_INDEX_DIR",
        help="Where the index lives [default: a per-corpus folder in the user cache].",
    )(function)
    return click.option(
        "--corpus",
        type=click.Path(file_okay=False, path_type=Path),
        envvar="READER_CORPUS",
        help="Folder of articles (.txt, .md, .html, feeds, .jsonl, .csv, .warc) [default: the"
        " bundled seed articles].",
    )(function)


def library_paths(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None
) -> tuple[Path, Path | None]:
    """The corpus and index folder a command works on: its own options, else the group's."""
    from reader.locations import default_corpus

    parent = ctx.find_root().obj or {}
    return (
        corpus or parent.get("corpus") or default_corpus(),
        index_dir or parent.get("index_dir"),
    )


def resolve_library(ctx: click.Context, corpus: Path | None, index_dir: Path | None) -> Library:
    """The command's library, opened and brought up to date (see ``open_library``)."""
    return open_library(*library_paths(ctx, corpus, index_dir))


def open_library(corpus: Path, index_dir: Path | None) -> Library:
    """Open the corpus and bring its index up to date, reporting skipped files on stderr."""
    from reader.index import Library, LibraryError

    try:
        library = Library.open(corpus, index_dir)
        if library.needs_update():
            report = update_with_progress(library, rebuild=False)
            report_problems(report)
            if report.changes or report.rebuilt:
                click.echo(
                    f"Indexed: {report.added:,} added, {report.changed:,} changed,"
                    f" {report.deleted:,} deleted, {report.unchanged:,} unchanged,"
                    f" {len(report.skipped):,} skipped.",
                    err=True,
                )
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    except (OSError, sqlite3.Error) as error:
        raise click.ClickException(f"cannot use the index: {error}") from None
    if library.count() == 0:
        raise click.ClickException(
            f"no articles in {library.corpus}: add article files (.txt, .md, .html, .rss,"
            " .jsonl, .csv, .warc...), or pass --corpus DIR"
        )
    return library


def update_with_progress(library: Library, rebuild: bool) -> UpdateReport:
    """Update the index with a progress bar on stderr (none when stderr is not a terminal)."""
    library.on_wait = echo_error
    from rich.console import Console
    from rich.progress import Progress

    console = Console(stderr=True)
    if not console.is_terminal:
        return library.update(rebuild=rebuild)
    with Progress(*_progress_columns(), console=console, transient=True) as bar:
        reading = bar.add_task("Reading articles", total=None, count="")

        def progress(done: int, total: int) -> None:
            show_progress(bar, reading, done, total)

        return library.update(progress=progress, rebuild=rebuild)


def _progress_columns() -> tuple[ProgressColumn | str, ...]:
    from rich.progress import BarColumn, SpinnerColumn, TimeElapsedColumn

    description = "[progress.description]{task.description}"
    return (SpinnerColumn(), description, BarColumn(), "{task.fields[count]}", TimeElapsedColumn())


def show_progress(bar: Progress, task: TaskID, done: int, total: int) -> TaskID:
    """Articles read so far; once every article is read, Whoosh writes the index with no
    count of its own to give (tens of seconds on 100k): a second line then pulses, with
    the spinner and the clock going (the finished reading line stopped both: it looked
    stuck). The line on show."""
    if done < total:
        bar.update(task, completed=done, total=total, count=f"{done:,}/{total:,}")
        return task
    if bar.tasks[-1].id != task:
        return bar.tasks[-1].id  # writing already
    bar.update(task, visible=False)
    return bar.add_task(f"Writing the index of {plural(total, 'article')}", total=None, count="")


def report_problems(report: UpdateReport) -> None:
    """The update's notice and each newly skipped file, one line each on stderr."""
    if report.notice:
        echo_error(f"warning: {report.notice}")
    for path, reason in report.skipped:
        echo_error(f"skipped {path!r}: {reason}")


def quote_json(quote: Quote) -> dict[str, object]:
    """A quotation as ``show --json`` and ``quotes --json`` print it."""
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "paragraph": quote.paragraph,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "speaker_kind": quote.speaker_kind,
        "inner_speaker": quote.inner_speaker,
        "group": quote.group,
    }
