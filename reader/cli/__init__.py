"""The command line: ``reader`` opens the TUI; subcommands index, list, search, show, quotes,
compare, serve, and the user's own data: read/unread/star/unstar/tag/untag/note, saved,
history, export.

Results go to stdout (``--json`` for scripts); progress, warnings and errors go to stderr.
Each command lives in a module of this package named for its part of the product and is
registered in ``COMMANDS`` below; shared options and output helpers are in ``common``.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import click

from reader import __version__
from reader.cli.common import echo_error, library_options, library_paths, show_engine_warnings
from reader.cli.comparing import compare
from reader.cli.exporting import export_command
from reader.cli.history import history
from reader.cli.indexing import index
from reader.cli.marking import mark_read, mark_unread, note, star, tag, unstar, untag
from reader.cli.quoting import quotes, speakers
from reader.cli.reading import list_articles, show
from reader.cli.saving import saved
from reader.cli.searching import search_command
from reader.cli.serving import serve
from reader.cli.stories import stories

__all__ = ["COMMANDS", "cli", "main"]

COMMANDS: tuple[click.Command, ...] = (
    index,
    list_articles,
    search_command,
    show,
    quotes,
    speakers,
    compare,
    stories,
    serve,
    mark_read,
    mark_unread,
    star,
    unstar,
    tag,
    untag,
    note,
    saved,
    history,
    export_command,
)
"""Every subcommand (``reader --help`` lists them by name)."""


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
        from reader.__main__ import run_tui  # a bare ``reader`` starts there without click

        run_tui(*library_paths(ctx, corpus, index_dir))
    else:
        gc.enable()  # see main(): only the reader's start-up goes without the collector
        show_engine_warnings()


for _command in COMMANDS:
    cli.add_command(_command)


def main() -> None:
    """The command line (``reader.__main__.main`` sends everything but a bare start here)."""
    # Start-up makes hundreds of thousands of objects that live as long as the program (modules,
    # styles, widgets): the cyclic collector would walk them again and again before the first
    # paint. The reader turns it back on once its list is on screen (``IndexWatch``), every
    # command before it runs.
    gc.disable()
    try:
        cli(prog_name="reader")
    except KeyboardInterrupt:
        echo_error("interrupted")
        sys.exit(130)
    finally:
        gc.enable()
