"""``reader stories``: the articles that report the same event, grouped, the largest first."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.common import json_list_text, library_options, resolve_library
from reader.models import readable_date

__all__ = ["stories"]


@click.command()
@library_options
@click.option(
    "--min-size",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Only stories of at least this many articles (1 lists every article).",
)
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def stories(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, min_size: int, as_json: bool
) -> None:
    """List stories: articles of several outlets that report the same event, copies of
    one wire text marked as copies, the largest story first.

    \b
    Example:
        reader stories --min-size 3
        reader stories --json | jq '.[0].articles[].source'
    """
    from reader.articles.text import escape_controls

    library = resolve_library(ctx, corpus, index_dir)
    if library.stories_off():
        from reader.index.stories import stories_limit

        click.echo(
            f"reader: stories are off for corpora of more than {stories_limit():,} articles"
            " (memory); set READER_STORIES_MAX to change the limit",
            err=True,
        )
    if as_json:  # stored with each story: no member is read one by one
        click.echo(json_list_text(library.story_listings(min_size)))
        return
    found = library.stories(min_size)
    for story in found:
        click.echo(f"{story.summary}  {escape_controls(story.title)}")
        for member in story.articles:
            where = " · ".join(part for part in (member.source, readable_date(member.date)) if part)
            copy = f"  (copy of {member.copy_of})" if member.copy_of else ""
            line = f"  {member.id}  {member.title}" + (f"  [{where}]" if where else "") + copy
            click.echo(escape_controls(line))
    if not found:
        click.echo("No story has that many articles.", err=True)
