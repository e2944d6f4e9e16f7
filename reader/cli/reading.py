"""``reader list`` and ``reader show``: the articles, and one article in full."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

import click

from reader.cli.common import library_options, print_json, quote_json, resolve_library
from reader.models import SORT_KEYS, plural, readable_date

if TYPE_CHECKING:
    from reader.models import Article, SortKey

__all__ = ["list_articles", "show"]


@click.command("list")
@library_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list.")
@click.option(
    "--sort",
    type=click.Choice(SORT_KEYS),
    default="id",
    show_default=True,
    help="Order of the list.",
)
@click.pass_context
def list_articles(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, as_json: bool, sort: SortKey
) -> None:
    """List the articles: id, title, outlet, date and quote count.

    \b
    Example:
        reader list --sort date --json | jq '.[].title'
    """
    library = resolve_library(ctx, corpus, index_dir)
    summaries = library.summaries(sort=sort)
    if as_json:
        print_json([asdict(summary) for summary in summaries])
        return
    for summary in summaries:
        meta = " · ".join(filter(None, (summary.source, readable_date(summary.date))))
        quotes = plural(summary.quote_count, "quote")
        click.echo(f"{summary.id}\t{summary.title}\t{meta}\t{quotes}")


@click.command()
@library_options
@click.argument("article_id", metavar="ID")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON.")
@click.option(
    "--raw",
    is_flag=True,
    help="The original entry: the whole text file, boilerplate included; a page's visible text;"
    " a record's fields.",
)
@click.pass_context
def show(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    article_id: str,
    as_json: bool,
    raw: bool,
) -> None:
    """Print one article, cleaned (or --raw), with its quotations and its story in --json.

    \b
    Example:
        reader show 000_43d420fba78c7d6a --json | jq '.quotes[].speaker'
    """
    from reader.index import LibraryError

    library = resolve_library(ctx, corpus, index_dir)
    try:
        article = library.article(article_id)
        quotes = library.quotes(article_id, article)
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    if as_json:
        print_json(
            {
                "id": article.id,
                "path": str(article.path),
                "title": article.title,
                "source": article.source,
                "date": article.date,
                "byline": article.byline,
                "author": article.author,
                "encoding": article.encoding,
                "url": article.url,
                "format": article.format,
                "language": article.language,
                "body": article.raw if raw else article.body,
                "blocks": [{"kind": b.kind, "text": b.text} for b in article.blocks],
                "quotes": [quote_json(quote) for quote in quotes],
                "story": story.to_dict() if (story := library.story_of(article.id)) else None,
            }
        )
        return
    click.echo(article.raw if raw else plain_article(article))


def plain_article(article: Article) -> str:
    """The article as plain text: title, underline, outlet and date, then its blocks."""
    meta = " · ".join(filter(None, (article.source, readable_date(article.date), article.byline)))
    parts = [article.title, "=" * min(len(article.title), 80)]
    if meta:
        parts.append(meta)
    for block in article.blocks:
        parts.append(f"## {block.text}" if block.kind == "heading" else block.text)
    return "\n\n".join(parts)
