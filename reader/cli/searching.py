"""``reader search``: ranked hits with snippets, as text or JSON."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli.common import library_options, print_json, resolve_library
from reader.models import plural

if TYPE_CHECKING:
    from reader.models import SearchResult

__all__ = ["print_hits", "result_json", "search_command"]


@click.command("search")
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

    library = resolve_library(ctx, corpus, index_dir)
    try:
        result = search(library, query, limit=limit)
    except QueryError as error:
        raise click.ClickException(f"bad query: {error}") from None
    if as_json:
        print_json(result_json(result))
        return
    print_hits(result)


def result_json(result: SearchResult) -> dict[str, object]:
    """A search result as ``search --json`` (and ``saved run --json``) print it."""
    payload = asdict(result)
    payload["terms"] = sorted(result.terms)
    payload["phrases"] = sorted(list(phrase) for phrase in result.phrases)
    del payload["speakers"]  # the snippets are already their quotations
    payload["took_ms"] = round(result.took_ms, 3)
    return payload


def print_hits(result: SearchResult) -> None:
    """The hit count, a suggestion, then each hit's id, title and snippet (matches bold)."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    console.print(
        Text(f"{plural(result.total, 'hit')} for {result.query} ({result.took_ms:.0f} ms)")
    )
    if result.suggestion:
        console.print(Text(f"Did you mean: {result.suggestion}", style="yellow"))
    for hit in result.hits:
        console.print(Text(f"\n{hit.id}  {hit.title}", style="bold"))
        snippet = Text(hit.snippet)
        for start, end in hit.snippet_spans:
            snippet.stylize("bold reverse", start, end)
        console.print(snippet)
