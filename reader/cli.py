"""The command line: ``reader`` opens the TUI; subcommands index, list, search, show, compare.

Results go to stdout (``--json`` for scripts); progress, warnings and errors go to stderr.
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reader import __version__

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import UpdateReport

F = TypeVar("F", bound=Callable[..., Any])


def _echo_error(message: str) -> None:
    click.echo(f"reader: {message}", err=True)


class _WarningLine(logging.Handler):
    """The search engine's warnings (a fast path that fell back to Whoosh's own, an untested
    Whoosh version) as one line each on stderr, without the traceback the log carries."""

    def emit(self, record: logging.LogRecord) -> None:
        from reader.articles.text import escape_controls

        _echo_error(escape_controls(f"warning: {record.getMessage()}".splitlines()[0]))


def _show_engine_warnings() -> None:
    """Send the engine's warnings to stderr (commands only: the TUI owns the terminal)."""
    engine = logging.getLogger("reader.engine")
    if not any(isinstance(handler, _WarningLine) for handler in engine.handlers):
        engine.addHandler(_WarningLine(logging.WARNING))


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
        help="Folder of .txt/.md articles [default: the bundled seed articles].",
    )(function)


def open_library(corpus: Path | None, index_dir: Path | None) -> Library:
    """Open the corpus and bring its index up to date, reporting skipped files on stderr."""
    from reader.index import Library, LibraryError
    from reader.locations import default_corpus

    try:
        library = Library.open(corpus or default_corpus(), index_dir)
        if library.needs_update():
            report = _update_with_progress(library, rebuild=False)
            _report_problems(report)
            if report.changes or report.rebuilt:
                click.echo(
                    f"Indexed: {report.added} added, {report.changed} changed,"
                    f" {report.deleted} deleted, {report.unchanged} unchanged,"
                    f" {len(report.skipped)} skipped.",
                    err=True,
                )
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    except (OSError, sqlite3.Error) as error:
        raise click.ClickException(f"cannot use the index: {error}") from None
    if library.count() == 0:
        raise click.ClickException(
            f"no articles in {library.corpus}: add .txt or .md files, or pass --corpus DIR"
        )
    return library


def _update_with_progress(library: Library, rebuild: bool) -> UpdateReport:
    library.on_wait = _echo_error
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return library.update(rebuild=rebuild)
    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeRemainingColumn(), console=console, transient=True) as bar:
        task = bar.add_task("Indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return library.update(progress=progress, rebuild=rebuild)


def _report_problems(report: UpdateReport) -> None:
    """The update's notice and each newly skipped file, one line each on stderr."""
    if report.notice:
        _echo_error(f"warning: {report.notice}")
    for path, reason in report.skipped:
        _echo_error(f"skipped {path!r}: {reason}")


# JSON escapes C0 controls itself; C1 controls and bidi overrides (from file names) would
# still reach a terminal, so they are written as \u escapes too (the same JSON value).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _print_json(value: object) -> None:
    text = json.dumps(value, ensure_ascii=False, indent=2)
    click.echo(_JSON_UNSAFE.sub(lambda match: f"\\u{ord(match[0]):04x}", text))


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@library_options
@click.version_option(__version__, prog_name="reader")
@click.pass_context
def cli(ctx: click.Context, corpus: Path | None, index_dir: Path | None) -> None:
    """Read, search and compare news articles in the terminal.

    With no command, opens the reader on the corpus (the bundled seed articles by default).

    \b
    Example:
        reader --corpus ~/news
    """
    ctx.ensure_object(dict)
    ctx.obj.update(corpus=corpus, index_dir=index_dir)
    if ctx.invoked_subcommand is None:
        _run_tui(corpus, index_dir)
    else:
        _show_engine_warnings()


def _run_tui(corpus: Path | None, index_dir: Path | None) -> None:
    from reader.index import Library, LibraryError
    from reader.locations import default_corpus

    try:
        library = Library.open(corpus or default_corpus(), index_dir)
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    from reader.ui.app import make_app  # Textual loads only when the TUI opens

    make_app(library=library).run()


def _resolve(ctx: click.Context, corpus: Path | None, index_dir: Path | None) -> Library:
    parent = ctx.find_root().obj or {}
    return open_library(corpus or parent.get("corpus"), index_dir or parent.get("index_dir"))


@cli.command()
@library_options
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again.")
@click.option(
    "--skipped",
    "list_skipped",
    is_flag=True,
    help="Then list every file that could not be indexed, with the reason (on stdout).",
)
@click.pass_context
def index(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    rebuild: bool,
    list_skipped: bool,
) -> None:
    """Build or update the search index of the corpus.

    Only added, changed and deleted files are processed; --rebuild starts over. Files that
    cannot be read as articles are reported once; --skipped lists all of them again.

    \b
    Example:
        reader index --corpus ~/news
        reader index --skipped
    """
    from reader.index import Library, LibraryError
    from reader.locations import default_corpus

    parent = ctx.find_root().obj or {}
    try:
        library = Library.open(
            corpus or parent.get("corpus") or default_corpus(),
            index_dir or parent.get("index_dir"),
        )
        report = _update_with_progress(library, rebuild=rebuild)
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    _report_problems(report)
    click.echo(
        f"{library.count()} articles indexed in {library.index_dir}"
        f" ({report.added} added, {report.changed} changed, {report.deleted} deleted,"
        f" {len(report.skipped)} skipped).",
        err=True,
    )
    if list_skipped:
        from reader.articles.text import escape_controls

        for path, reason in library.skipped():
            click.echo(f"{escape_controls(path)}\t{escape_controls(reason)}")


@cli.command("list")
@library_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option(
    "--sort",
    type=click.Choice(["id", "title", "date", "source", "quotes"]),
    default="id",
    show_default=True,
    help="Order of the list.",
)
@click.pass_context
def list_articles(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, as_json: bool, sort: str
) -> None:
    """List the articles: id, title, outlet, date and quote count.

    \b
    Example:
        reader list --sort date --json | jq '.[].title'
    """
    library = _resolve(ctx, corpus, index_dir)
    summaries = library.summaries(sort=sort)  # type: ignore[arg-type]
    if as_json:
        _print_json([asdict(summary) for summary in summaries])
        return
    for summary in summaries:
        meta = " · ".join(filter(None, (summary.source, summary.date)))
        quotes = f"{summary.quote_count} quotes"
        click.echo(f"{summary.id}\t{summary.title}\t{meta}\t{quotes}")


@cli.command("search")
@library_options
@click.argument("query")
@click.option(
    "--limit",
    "-n",
    default=20,
    show_default=True,
    type=click.IntRange(1, 10_000),
    help="How many hits to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def search_command(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    query: str,
    limit: int,
    as_json: bool,
) -> None:
    """Search the articles with the Whoosh query language.

    \b
    Examples:
        reader search 'putin AND biden'
        reader search '"glimmer of hope"' --json
        reader search 'title:summit NOT navalny' --limit 5
        reader search 'cyber*'      reader search 'sanctons~'
    """
    from reader.search import QueryError, search

    library = _resolve(ctx, corpus, index_dir)
    try:
        result = search(library, query, limit=limit)
    except QueryError as error:
        raise click.ClickException(f"bad query: {error}") from None
    if as_json:
        payload = asdict(result)
        payload["terms"] = sorted(result.terms)
        payload["took_ms"] = round(result.took_ms, 3)
        _print_json(payload)
        return
    _print_hits(result)


def _print_hits(result: Any) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    noun = "hit" if result.total == 1 else "hits"
    console.print(Text(f"{result.total} {noun} for {result.query} ({result.took_ms:.0f} ms)"))
    if result.suggestion:
        console.print(Text(f"Did you mean: {result.suggestion}", style="yellow"))
    for hit in result.hits:
        console.print(Text(f"\n{hit.id}  {hit.title}", style="bold"))
        snippet = Text(hit.snippet)
        for start, end in hit.snippet_spans:
            snippet.stylize("bold reverse", start, end)
        console.print(snippet)


@cli.command()
@library_options
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option("--raw", is_flag=True, help="The whole file text, boilerplate included.")
@click.pass_context
def show(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    article_id: str,
    as_json: bool,
    raw: bool,
) -> None:
    """Print one article, cleaned (or --raw), with its quotations in --json.

    \b
    Example:
        reader show 000_43d420fba78c7d6a --json | jq '.quotes[].speaker'
    """
    from reader.index import LibraryError

    library = _resolve(ctx, corpus, index_dir)
    try:
        article = library.article(article_id)
        quotes = library.quotes(article_id, article)
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    if as_json:
        _print_json(
            {
                "id": article.id,
                "path": str(article.path),
                "title": article.title,
                "source": article.source,
                "date": article.date,
                "byline": article.byline,
                "author": article.author,
                "encoding": article.encoding,
                "body": article.raw if raw else article.body,
                "blocks": [{"kind": b.kind, "text": b.text} for b in article.blocks],
                "quotes": [_quote_json(quote) for quote in quotes],
            }
        )
        return
    click.echo(article.raw if raw else _plain_article(article))


def _quote_json(quote: Any) -> dict[str, object]:
    return {
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "paragraph": quote.paragraph,
        "kind": quote.kind,
        "speaker": quote.speaker,
        "group": quote.group,
    }


def _plain_article(article: Any) -> str:
    meta = " · ".join(filter(None, (article.source, article.date, article.byline)))
    parts = [article.title, "=" * min(len(article.title), 80)]
    if meta:
        parts.append(meta)
    for block in article.blocks:
        parts.append(f"## {block.text}" if block.kind == "heading" else block.text)
    return "\n\n".join(parts)


@cli.command()
@library_options
@click.argument("article_id", metavar="[ID]", required=False)
@click.option("--speaker", help="Only quotes by this speaker (any spelling: Putin, Poutine).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of quotes.")
@click.pass_context
def quotes(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    article_id: str | None,
    speaker: str | None,
    as_json: bool,
) -> None:
    """List quotations with their speakers, for one article or all of them.

    \b
    Examples:
        reader quotes 000_43d420fba78c7d6a
        reader quotes --speaker putin --json
    """
    from reader.index import LibraryError
    from reader.quotes.speakers.names import speaker_key

    library = _resolve(ctx, corpus, index_dir)
    try:
        by_article = (
            {article_id: library.quotes(article_id)} if article_id else library.catalog.all_quotes()
        )
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    wanted = speaker_key(speaker) if speaker else None
    selected = [
        (article, quote)
        for article, article_quotes in by_article.items()
        for quote in article_quotes
        if wanted is None or (quote.speaker and speaker_key(quote.speaker) == wanted)
    ]
    if as_json:
        _print_json([{"article": article, **_quote_json(quote)} for article, quote in selected])
        return
    for article, quote in selected:
        who = quote.speaker or ("(term)" if quote.kind == "term" else "(unknown speaker)")
        click.echo(f"{article}\t{who}\t{' '.join(quote.text.split())}")


@cli.command()
@library_options
@click.argument("left_id", metavar="ID1")
@click.argument("right_id", metavar="ID2")
@click.option("--json", "as_json", is_flag=True, help="Print the alignment as JSON.")
@click.pass_context
def compare(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    left_id: str,
    right_id: str,
    as_json: bool,
) -> None:
    """Align two articles paragraph by paragraph and list the quotes both report.

    \b
    Example:
        reader compare 000_43d420fba78c7d6a 002_3bb99c5d5b88d2c9 --json
    """
    from reader.compare import compare as compare_articles
    from reader.index import LibraryError

    library = _resolve(ctx, corpus, index_dir)
    try:
        left, right = library.article(left_id), library.article(right_id)
        comparison = compare_articles(
            left, right, library.quotes(left_id, left), library.quotes(right_id, right)
        )
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    if as_json:
        click.echo(comparison.to_json())
        return
    click.echo(f"{left.title}  |  {right.title}")
    for pair in comparison.pairs:
        left_text = left.blocks[pair.left].text[:60] if pair.left is not None else ""
        right_text = right.blocks[pair.right].text[:60] if pair.right is not None else ""
        click.echo(f"{left_text:<60} | {right_text:<60} {pair.similarity:.2f}")
    click.echo(
        f"{comparison.matched} paragraphs matched; {len(comparison.shared_groups)}"
        " quotes reported by both."
    )


def main() -> None:
    """Console-script entry point."""
    try:
        cli(prog_name="reader")
    except KeyboardInterrupt:
        _echo_error("interrupted")
        sys.exit(130)
