"""``reader index``: build or update the index, and list the files it skipped."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.common import (
    library_options,
    library_paths,
    report_problems,
    update_with_progress,
)
from reader.models import plural

__all__ = ["index"]


@click.command()
@library_options
@click.option("--rebuild", is_flag=True, help="Throw the index away and build it again.")
@click.option(
    "--skipped",
    "list_skipped",
    is_flag=True,
    help="Then list every file, and every entry of a feed, JSON Lines, CSV or web archive,"
    " that could not be indexed, with the reason (on stdout).",
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

    try:
        library = Library.open(*library_paths(ctx, corpus, index_dir))
        report = update_with_progress(library, rebuild=rebuild)
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    report_problems(report)
    # Every file the index leaves out, not only those new in this update: the count then
    # agrees with what --skipped lists (a file is reported once, but stays skipped).
    skipped = library.skipped()
    entries = library.catalog.skipped_entry_count()
    entry_count = plural(entries, "entry", "entries")
    left_out = plural(len(skipped) - entries, "file")
    if entries:
        left_out = f"{left_out} and {entry_count}" if len(skipped) > entries else entry_count
    click.echo(
        f"{plural(library.count(), 'article')} indexed in {library.index_dir}"
        f" ({report.added:,} added, {report.changed:,} changed, {report.deleted:,} deleted;"
        f" {left_out} skipped).",
        err=True,
    )
    if list_skipped:
        from reader.articles.text import escape_controls

        for path, reason in skipped:
            click.echo(f"{escape_controls(path)}\t{escape_controls(reason)}")
