"""``reader compare``: two articles aligned paragraph by paragraph, and the quotes both report."""

from __future__ import annotations

from pathlib import Path

import click

from reader.cli.common import library_options, print_json, resolve_library
from reader.models import plural

__all__ = ["compare"]


@click.command()
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
    """Align two articles paragraph by paragraph and sentence by sentence (what both report,
    in any order and through paraphrase, and what only one has) and list the quotes both report.

    \b
    Example:
        reader compare 000_43d420fba78c7d6a 002_3bb99c5d5b88d2c9 --json
    """
    from reader.compare import compare as compare_articles
    from reader.compare import with_sentences
    from reader.index import LibraryError
    from reader.stories.encoder import EncoderUnavailable

    library = resolve_library(ctx, corpus, index_dir)
    try:
        left, right = library.article(left_id), library.article(right_id)
        comparison = compare_articles(
            left, right, library.quotes(left_id, left), library.quotes(right_id, right)
        )
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None
    try:
        comparison = with_sentences(comparison, library.align_sentences(left, right))
    except EncoderUnavailable as error:
        click.echo(f"reader: sentences not aligned: {error}", err=True)
    if as_json:
        print_json(comparison.to_dict())
        return
    click.echo(f"{left.title}  |  {right.title}")
    for pair in comparison.pairs:
        left_text = left.blocks[pair.left].text[:60] if pair.left is not None else ""
        right_text = right.blocks[pair.right].text[:60] if pair.right is not None else ""
        click.echo(f"{left_text:<60} | {right_text:<60} {pair.similarity:.2f}")
    if comparison.sentences is not None:
        click.echo(comparison.sentences.summary())
    click.echo(
        f"{plural(comparison.matched, 'paragraph')} matched;"
        f" {plural(len(comparison.shared_groups), 'quote')} reported by both."
    )
