"""``reader quotes`` and ``reader speakers``: quotations with their speakers, for one article
or the corpus, and everyone quoted with how much."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.common import library_options, print_json, quote_json, resolve_library
from reader.models import plural, via_note

__all__ = ["quotes", "speakers"]


@click.command()
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
    """List quotations with their speakers, for one article or all of them: article, speaker,
    text and the quote's number in its article (as `reader note ID --quote N` takes it), one
    quote a line, tab-separated. Words passed on through another source show both ("Bernie
    Sanders (via CNN)"), and --speaker finds them by either.

    \b
    Examples:
        reader quotes 000_43d420fba78c7d6a
        reader quotes --speaker putin --json
    """
    from reader.index import LibraryError

    library = resolve_library(ctx, corpus, index_dir)
    try:
        by_article = (
            {article_id: library.quotes(article_id)} if article_id else library.catalog.all_quotes()
        )
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    # the speaker under any of their names: "Lib Dems" finds the Liberal Democrats
    wanted = library.catalog.speaker_test(speaker) if speaker else None
    # each numbered in its article, as `reader note ID --quote N` takes it
    selected = [
        (article, number, quote)
        for article, article_quotes in by_article.items()
        for number, quote in enumerate(article_quotes, 1)
        if wanted is None
        # the source credited or who said it: “...,” Sanders said, according to CNN is both's
        or any(wanted(name) for name in quote.said_by)
    ]
    if as_json:
        print_json([{"article": a, "number": n, **quote_json(quote)} for a, n, quote in selected])
        return
    from reader.articles.text import escape_controls

    for article, number, quote in selected:
        who = quote.speaker_label or ("(term)" if quote.kind == "term" else "(unknown speaker)")
        fields = (article, who, " ".join(quote.text.split()))
        # the number last: the columns scripts read (article, speaker, text) keep their places
        click.echo("\t".join(map(escape_controls, fields)) + f"\t{number}")


@click.command()
@library_options
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list of speakers.")
@click.pass_context
def speakers(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, as_json: bool
) -> None:
    """List everyone quoted in the corpus, most quoted first: kind (person, organisation,
    anonymous), roles, and how many quotes, articles and outlets. Words an article has
    through another source (“...,” Sanders said, according to CNN) count for both: CNN's
    quotes, and Sanders' with "1 via another source".

    \b
    Examples:
        reader speakers
        reader speakers --json | jq '.[] | select(.kind == "anonymous") | .name'
    """
    from reader.articles.text import escape_controls

    found = resolve_library(ctx, corpus, index_dir).speakers()
    if as_json:
        print_json(
            [
                {
                    "name": s.name,
                    "kind": s.kind,
                    "aliases": list(s.aliases),
                    "roles": list(s.roles),
                    "quotes": s.quotes,
                    "articles": s.articles,
                    "outlets": s.outlets,
                    "via": s.via,
                }
                for s in found
            ]
        )
        return
    for s in found:
        counts = f"{plural(s.quotes, 'quote')}{via_note(s.via)}, {plural(s.articles, 'article')}"
        fields = (s.name, s.kind or "-", f"{counts}, {plural(s.outlets, 'outlet')}", *s.roles)
        click.echo("\t".join(escape_controls(field) for field in fields))
