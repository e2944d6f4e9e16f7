"""``reader serve``: the same reader in a web browser (textual-serve), on this machine only
unless asked otherwise."""

from __future__ import annotations

import ipaddress
import shlex
import sys
from pathlib import Path

import click

from reader.cli.common import echo_error, library_options, library_paths, open_library

__all__ = ["serve"]

LOCAL_HOSTS = ("localhost",)


@click.command()
@library_options
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; anything but this machine lets others read the archive.",
)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.pass_context
def serve(
    ctx: click.Context, corpus: Path | None, index_dir: Path | None, host: str, port: int
) -> None:
    """Open the reader in a web browser: serve it at http://HOST:PORT/.

    Each browser tab runs its own reader on the same corpus and index (built first, here).

    \b
    Example:
        reader serve --corpus ~/news          then open http://127.0.0.1:8000/
    """
    from textual_serve.server import Server

    library = open_library(*library_paths(ctx, corpus, index_dir))
    if not _is_local(host):
        echo_error(f"warning: serving on {host}: anyone who can reach it can read {library.corpus}")
    command = shlex.join(
        [
            sys.executable,
            "-m",
            "reader",
            "--corpus",
            str(library.corpus),
            "--index-dir",
            str(library.index_dir),
        ]
    )
    Server(command, host=host, port=port, title=f"reader: {library.corpus.name}").serve()


def _is_local(host: str) -> bool:
    """Whether only this machine can reach the address (loopback)."""
    if host in LOCAL_HOSTS:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
