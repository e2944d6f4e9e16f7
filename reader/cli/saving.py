"""``reader saved``: named searches, with how many of their matches are unread."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli.common import library_options, print_json, resolve_library
from reader.cli.marking import open_reading

if TYPE_CHECKING:
    from reader.index import Library
    from reader.personal import Reading, SavedSearch

__all__ = ["saved"]


def _personal_error(error: Exception) -> click.ClickException:
    return click.ClickException(str(error))


@click.group(invoke_without_command=True)
@library_options
@click.pass_context
def saved(ctx: click.Context, corpus: Path | None, index_dir: Path | None) -> None:
    """Saved searches: name a query, list them with unread counts, run one by name.

    Saved searches are the same for every corpus. With no subcommand, lists them.

    \b
    Examples:
        reader saved add summit 'putin AND biden AND summit'
        reader saved list --json
        reader saved run summit
        reader saved remove summit
    """
    ctx.ensure_object(dict)
    for key, value in (("corpus", corpus), ("index_dir", index_dir)):
        if value is not None:
            ctx.obj[key] = value
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_saved)


def _reading(ctx: click.Context) -> tuple[Library, Reading]:
    library = resolve_library(ctx, None, None)
    return library, open_reading(library)


@saved.command("add")
@click.argument("name")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the saved search as JSON.")
@click.pass_context
def add_saved(ctx: click.Context, name: str, query: str, as_json: bool) -> None:
    """Save QUERY as NAME (replacing a search of that name).

    \b
    Example:
        reader saved add 'oil unread' 'oil prices AND is:unread'
    """
    from reader.personal import PersonalError
    from reader.search import QueryError, parse_query

    try:
        parse_query(query)
    except QueryError as error:
        raise click.ClickException(f"bad query: {error}") from None
    _, reading = _reading(ctx)
    try:
        replaced = reading.save_search(name, query)
        stored = reading.saved_search(name)
    except PersonalError as error:
        raise _personal_error(error) from None
    if as_json:
        print_json(_saved_json(stored, None, None))
        return
    was = f" (was: {replaced.query})" if replaced and replaced.query != stored.query else ""
    click.echo(f"{stored.name}\t{stored.query}{was}")


def _counts(library: Library, reading: Reading, query: str) -> tuple[int | None, int | None]:
    """``(matches, unread matches)`` of a saved query; None for a query that no longer runs."""
    from reader.search import QueryError, search

    try:
        total = search(library, query, limit=1, personal=reading).total
        unread = search(library, f"({query}) AND is:unread", limit=1, personal=reading).total
    except QueryError:
        return None, None
    return total, unread


def _saved_json(found: SavedSearch, total: int | None, unread: int | None) -> dict[str, object]:
    return {
        "name": found.name,
        "query": found.query,
        "matches": total,
        "unread": unread,
        "created": found.created.isoformat(),
        "updated": found.updated.isoformat(),
    }


@saved.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.pass_context
def list_saved(ctx: click.Context, as_json: bool = False) -> None:
    """List the saved searches with their matches and unread matches in this corpus.

    \b
    Example:
        reader saved list --json | jq '.[] | select(.unread > 0) | .name'
    """
    library, reading = _reading(ctx)
    rows = [(found, *_counts(library, reading, found.query)) for found in reading.saved_searches()]
    if as_json:
        print_json([_saved_json(*row) for row in rows])
        return
    for found, total, unread in rows:
        counts = "query no longer runs" if total is None else f"{unread} unread of {total}"
        click.echo(f"{found.name}\t{counts}\t{found.query}")


@saved.command("run")
@click.argument("name")
@click.option("--limit", "-n", default=20, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True, help="Print the result as JSON.")
@click.pass_context
def run_saved(ctx: click.Context, name: str, limit: int, as_json: bool) -> None:
    """Run the saved search NAME, as `reader search` would.

    \b
    Example:
        reader saved run summit --limit 5
    """
    from reader.cli.searching import print_hits, result_json
    from reader.personal import PersonalError
    from reader.search import QueryError, search

    library, reading = _reading(ctx)
    try:
        found = reading.saved_search(name)
        result = search(library, found.query, limit=limit, personal=reading)
    except PersonalError as error:
        raise _personal_error(error) from None
    except QueryError as error:
        raise click.ClickException(f"bad query: {error}") from None
    if as_json:
        print_json(result_json(result))
    else:
        print_hits(result)


@saved.command("remove")
@click.argument("name")
@click.pass_context
def remove_saved(ctx: click.Context, name: str) -> None:
    """Forget the saved search NAME.

    \b
    Example:
        reader saved remove summit
    """
    from reader.personal import PersonalError

    _, reading = _reading(ctx)
    try:
        removed = reading.remove_search(name)
    except PersonalError as error:
        raise _personal_error(error) from None
    click.echo(f"removed\t{removed.name}\t{removed.query}")
