"""``reader history``: the articles opened, newest first."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.common import library_options, print_json, resolve_library
from reader.cli.marking import open_reading

__all__ = ["history"]


@click.command()
@library_options
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def history(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, limit: int, as_json: bool
) -> None:
    """List the articles opened in the reader, newest first.

    \b
    Example:
        reader history --limit 5
    """
    from reader.articles.text import escape_controls, one_line
    from reader.personal import PersonalError

    reading = open_reading(resolve_library(ctx, corpus, index_dir))
    try:
        visits = reading.visits(limit)
    except PersonalError as error:
        raise click.ClickException(str(error)) from None
    if as_json:
        print_json(
            [
                {"id": visit.article_id, "title": visit.title, "at": visit.at.isoformat()}
                for visit in visits
            ]
        )
        return
    for visit in visits:
        when = visit.at.astimezone().strftime("%Y-%m-%d %H:%M")
        title = one_line(visit.title)
        click.echo(f"{when}\t{escape_controls(visit.article_id)}\t{title}")
