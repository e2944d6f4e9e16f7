"""Opening the Textual reader in this terminal (the group's default command)."""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["run_tui"]


def run_tui(corpus: Path, index_dir: Path | None) -> None:
    """Open the reader on a corpus; the index is opened and updated in the background."""
    from reader.index import Library, LibraryError

    try:
        library = Library.open(corpus, index_dir)
    except LibraryError as error:
        raise click.ClickException(str(error)) from None
    from reader.ui.app import make_app  # Textual loads only when the TUI opens

    make_app(library=library).run()
