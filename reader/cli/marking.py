"""``reader read|unread|star|unstar|tag|untag|note``: marking articles, from scripts too."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from reader.cli.common import library_options, print_json, resolve_library
from reader.models import plural

if TYPE_CHECKING:
    from reader.index import Library
    from reader.personal import ArticleState, Reading

__all__ = [
    "mark_read",
    "mark_unread",
    "note",
    "open_reading",
    "star",
    "state_json",
    "tag",
    "unstar",
    "untag",
]

F = TypeVar("F", bound=Callable[..., Any])
_IDS_HELP = "An ID of - reads ids from stdin, one a line."


def open_reading(library: Library) -> Reading:
    """The user's data for the library's corpus; a one-line error when it cannot be used."""
    from reader.personal import PersonalError, Reading

    try:
        return Reading.open(library)
    except PersonalError as error:
        raise click.ClickException(str(error)) from None


def _personal(action: Callable[[], Any]) -> Any:
    from reader.personal import PersonalError

    try:
        return action()
    except PersonalError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None


def article_ids(given: Iterable[str]) -> list[str]:
    """The ids given, ``-`` standing for the lines of stdin (blank lines ignored)."""
    found: list[str] = []
    for article_id in given:
        if article_id == "-":
            found.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            found.append(article_id)
    if not found:
        raise click.UsageError("no article ids given")
    return list(dict.fromkeys(found))


def state_json(state: ArticleState) -> dict[str, object]:
    """An article's marks as every personal command's ``--json`` prints them."""
    notes = [
        {"quote": note.quote, "note": note.note, "updated": note.updated.isoformat()}
        for note in state.quote_notes
    ]
    return {
        "id": state.article_id,
        "read": state.read,
        "starred": state.starred,
        "tags": list(state.tags),
        "note": state.note,
        "quote_notes": notes,
    }


def print_states(reading: Reading, ids: list[str], as_json: bool) -> None:
    """Each article's marks after the command: JSON, or one line each."""
    from reader.articles.text import escape_controls

    states = reading.states(ids)
    from reader.personal import ArticleState

    found = [states.get(article_id, ArticleState(article_id)) for article_id in ids]
    if as_json:
        print_json([state_json(state) for state in found])
        return
    for state in found:
        marks = ["read" if state.read else "unread"]
        marks += ["starred"] if state.starred else []
        marks += [f"#{tag}" for tag in state.tags]
        marks += ["noted"] if state.has_note else []
        click.echo(f"{escape_controls(state.article_id)}\t{' '.join(marks)}")


def _marking_command(
    name: str, summary: str, example: str, *, flag: str, on: bool
) -> click.Command:
    """``reader NAME ID...``: set (``on``) or clear ``flag`` on the articles, print their marks."""

    @click.command(
        name,
        help=f"{summary}\n\n{_IDS_HELP}\n\n\b\nExample:\n    {example}",
    )
    @library_options
    @click.argument("ids", metavar="ID...", nargs=-1, required=True)
    @click.option("--json", "as_json", is_flag=True, help="Print the articles' marks as JSON.")
    @click.pass_context
    def command(
        ctx: click.Context,
        corpus: Path | None,
        index_dir: Path | None,
        ids: tuple[str, ...],
        as_json: bool,
    ) -> None:
        wanted = article_ids(ids)
        reading = open_reading(resolve_library(ctx, corpus, index_dir))
        if flag == "read":
            _personal(lambda: reading.mark_read(wanted, read=on))
        else:
            _personal(lambda: reading.star(wanted, starred=on))
        print_states(reading, wanted, as_json)

    return command


mark_read = _marking_command(
    "read", "Mark articles read.", "reader read 000_43d420fba78c7d6a 001_c2f849579deec72a",
    flag="read", on=True,
)  # fmt: skip
mark_unread = _marking_command(
    "unread", "Mark articles unread.",
    "reader search 'is:read oil' --json | jq -r '.hits[].id' | reader unread -",
    flag="read", on=False,
)  # fmt: skip
star = _marking_command(
    "star", "Star articles.", "reader star 000_43d420fba78c7d6a", flag="starred", on=True
)
unstar = _marking_command(
    "unstar", "Take the star off articles.", "reader unstar 000_43d420fba78c7d6a",
    flag="starred", on=False,
)  # fmt: skip


def _tagging_command(
    name: str, summary: str, examples: tuple[str, str], *, add: bool
) -> click.Command:
    """``reader tag|untag ID TAG...``: add or take off tags, print the articles' marks."""

    @click.command(
        name,
        help=f"{summary}\n\n\b\nExamples:\n    {examples[0]}\n    {examples[1]}",
    )
    @library_options
    @click.argument("article_id", metavar="ID")
    @click.argument("tags", metavar="TAG...", nargs=-1, required=True)
    @click.option("--json", "as_json", is_flag=True, help="Print the articles' marks as JSON.")
    @click.pass_context
    def command(
        ctx: click.Context,
        corpus: Path | None,
        index_dir: Path | None,
        article_id: str,
        tags: tuple[str, ...],
        as_json: bool,
    ) -> None:
        wanted = article_ids([article_id])
        reading = open_reading(resolve_library(ctx, corpus, index_dir))
        change = reading.tag if add else reading.untag
        _personal(lambda: change(wanted, tags))
        print_states(reading, wanted, as_json)

    return command


tag = _tagging_command(
    "tag",
    "Give an article (or several, with ID -) one or more tags.\n\nA tag is one word (join words"
    " with - or _); case does not matter. Find tagged articles with `reader search tag:NAME`.",
    (
        "reader tag 000_43d420fba78c7d6a summit geneva",
        "reader search 'putin biden' --json | jq -r '.hits[].id' | reader tag - summit",
    ),
    add=True,
)
untag = _tagging_command(
    "untag",
    "Take tags off an article (or several, with ID -).",
    (
        "reader untag 000_43d420fba78c7d6a geneva",
        "reader search tag:draft --json | jq -r '.hits[].id' | reader untag - draft",
    ),
    add=False,
)


@click.command()
@library_options
@click.argument("article_id", metavar="ID")
@click.argument("text", metavar="[TEXT]", required=False)
@click.option(
    "--quote",
    "quote_number",
    type=click.IntRange(1),
    metavar="N",
    help="The note is on quotation N of the article (as `reader quotes ID` lists them).",
)
@click.option("--clear", is_flag=True, help="Delete the note.")
@click.option("--json", "as_json", is_flag=True, help="Print the article's marks as JSON.")
@click.pass_context
def note(
    ctx: click.Context,
    corpus: Path | None,
    index_dir: Path | None,
    article_id: str,
    text: str | None,
    quote_number: int | None,
    clear: bool,
    as_json: bool,
) -> None:
    """Write a note on an article, or on one of its quotations; without TEXT, show it.

    The note replaces the one before; TEXT - reads it from stdin (several lines). Find
    notes with `reader search note:WORD` or `has:note`.

    \b
    Examples:
        reader note 000_43d420fba78c7d6a 'Check the Kremlin readout'
        reader note 000_43d420fba78c7d6a --quote 2 'Verify against the transcript'
        reader note 000_43d420fba78c7d6a --clear
    """
    if clear and text is not None:
        raise click.UsageError("give TEXT or --clear, not both")
    library = resolve_library(ctx, corpus, index_dir)
    reading = open_reading(library)
    _quote_texts(library, article_id)  # an unknown id is an error, even to show a note
    if text == "-":
        text = sys.stdin.read()
    if text is not None or clear:
        _write_note(library, reading, article_id, None if clear else text, quote_number)
    _show_note(library, reading, article_id, quote_number, as_json)


def _quote_texts(library: Library, article_id: str) -> list[str]:
    from reader.index import LibraryError

    try:
        return [quote.text for quote in library.quotes(article_id)]
    except LibraryError as error:
        raise click.ClickException(f"{error} (see: reader list)") from None


def _write_note(
    library: Library, reading: Reading, article_id: str, text: str | None, number: int | None
) -> None:
    if number is None:
        _personal(lambda: reading.set_note(article_id, text))
        return
    from reader.articles.text import escape_controls

    texts = _quote_texts(library, article_id)
    if number > len(texts):
        raise click.ClickException(
            f"no quotation {number} in {escape_controls(article_id)!r}, which has"
            f" {plural(len(texts), 'quotation')} (see: reader quotes {escape_controls(article_id)})"
        )
    _personal(lambda: reading.set_quote_note(article_id, texts, number - 1, text))


def _show_note(
    library: Library, reading: Reading, article_id: str, number: int | None, as_json: bool
) -> None:
    from reader.articles.text import sanitize

    state = _personal(lambda: reading.state(article_id))
    if as_json:
        print_json(state_json(state))
        return
    if number is None:
        if state.note:
            click.echo(sanitize(state.note))
        return
    texts = _quote_texts(library, article_id)
    placed = reading.quote_notes_for(state, texts)
    found = placed.get(number - 1)
    if found is not None:
        click.echo(sanitize(found.note))
