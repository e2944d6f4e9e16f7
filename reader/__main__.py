"""The ``reader`` command and ``python -m reader``: a bare start (no command, at most
``--corpus`` and ``--index-dir``) opens the reader without loading the command line's parser;
everything else (commands, ``--help``, ``--version``, anything unusual) goes to ``reader.cli``.

Click and the command modules are start-up time the reader's first paint does not need, so
the most common start skips them.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

__all__ = ["main", "run_tui", "tui_paths"]

_OPTIONS = {"--corpus": "READER_CORPUS", "--index-dir": "READER_INDEX_DIR"}
"""The options a bare start takes, with the environment variable each one falls back to."""


def main() -> None:
    """Console-script entry point: the reader at once, or the full command line."""
    # Start-up makes hundreds of thousands of objects that live as long as the program (modules,
    # styles, widgets): the cyclic collector would walk them again and again before the first
    # paint. The reader turns it back on once its list is on screen (``IndexWatch``), every
    # command before it runs.
    gc.disable()
    try:
        paths = tui_paths(sys.argv[1:], os.environ)
        if paths is None:
            from reader.cli import main as cli_main

            cli_main()
            return
        try:
            run_tui(*paths)
        except KeyboardInterrupt:
            print("reader: interrupted", file=sys.stderr)
            sys.exit(130)
    finally:
        gc.enable()


def tui_paths(args: Sequence[str], environ: Mapping[str, str]) -> tuple[Path, Path | None] | None:
    """The corpus and index folder of a bare start; None when the command line is anything
    else, which ``reader.cli`` then reads (and explains, if it is wrong).

    The same values click would give: an option given twice keeps the last, an empty
    environment variable counts as unset; a path that exists but is not a folder is left to
    click to refuse.
    """
    if "_READER_COMPLETE" in environ:  # click's shell completion
        return None
    given: dict[str, str] = {}
    words = iter(args)
    for word in words:
        name, equals, value = word.partition("=")
        if name not in _OPTIONS:
            return None
        if not equals:
            value = next(words, "")
        if not value or value.startswith("-"):
            return None
        given[name] = value
    chosen = {
        name: given.get(name) or environ.get(variable) or None
        for name, variable in _OPTIONS.items()
    }
    if any(value is not None and _not_a_folder(value) for value in chosen.values()):
        return None
    corpus, index_dir = chosen["--corpus"], chosen["--index-dir"]
    if corpus is None:
        from reader.locations import default_corpus

        return default_corpus(), None if index_dir is None else Path(index_dir)
    return Path(corpus), None if index_dir is None else Path(index_dir)


def _not_a_folder(value: str) -> bool:
    path = Path(value)
    return path.exists() and not path.is_dir()


def run_tui(corpus: Path, index_dir: Path | None) -> None:
    """Open the reader on a corpus; the index is opened and updated in the background.

    A corpus or index that cannot be used is one line on stderr and exit status 1, as for
    any command (click's own error, loaded only then).
    """
    from reader.index import Library, LibraryError

    try:
        library = Library.open(corpus, index_dir)
    except LibraryError as error:
        import click

        click.ClickException(str(error)).show()
        sys.exit(1)
    # The list's first screen is read from the index in a thread while Textual loads.
    from reader.ui.read_ahead import ReadAhead

    read_ahead = ReadAhead(library)
    from reader.ui.app import make_app  # Textual loads only when the TUI opens
    from reader.ui.loading import hurry_first_frame

    app = make_app(library=library, read_ahead=read_ahead)
    hurry_first_frame()
    app.run()


if __name__ == "__main__":
    main()
