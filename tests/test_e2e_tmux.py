"""End to end: the installed ``reader`` in a real terminal (tmux) on the seeds.

Searches, opens an article and quits, reading the screen with ``tmux capture-pane``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
TIMEOUT_SECONDS = 30.0


def reader_script() -> str | None:
    """The console script beside this Python (a venv), else on PATH."""
    beside = Path(sys.executable).parent / "reader"
    return str(beside) if beside.exists() else shutil.which("reader")


class Terminal:
    """One tmux server on a private socket, running one command in a 140x45 window."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        command = ["tmux", "-S", str(self.socket), *args]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "reader")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "reader", *(["-l"] if literal else []), *keys)

    def wait_for(self, condition: Callable[[str], bool], what: str) -> str:
        """Poll the screen until the condition holds; fail with the screen after a timeout."""
        deadline = time.monotonic() + TIMEOUT_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (CI installs it: apt-get install tmux)")
    script = reader_script()
    if script is None:
        pytest.skip("the `reader` console script is not installed (pip install -e .)")
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    done = tmp_path / "exit-status"
    command = (
        f"{script} --corpus {corpus} --index-dir {tmp_path / 'index'}; echo $? > {done}; sleep 30"
    )
    term = Terminal(tmp_path / "tmux.sock")
    term.tmux(
        "new-session", "-d", "-s", "reader", "-x", "140", "-y", "45",
        "-e", "TERM=xterm-256color", "-e", f"XDG_CACHE_HOME={tmp_path / 'cache'}",
        command,
    )  # fmt: skip
    term.done = done  # type: ignore[attr-defined]
    try:
        yield term
    finally:
        subprocess.run(["tmux", "-S", str(term.socket), "kill-server"], check=False)


@pytest.mark.slow
def test_search_open_and_quit_in_a_real_terminal(terminal: Terminal) -> None:
    terminal.wait_for(lambda screen: "up to date" in screen, "the index to be ready")
    # the article list is filled (titles are cut to the column left beside the Story column)
    assert "Putin Hopes to Re" in terminal.screen()

    terminal.keys("/geneva", literal=True)  # in one burst: no letter may be lost to the "/"
    terminal.wait_for(lambda screen: "4 hits" in screen, "search-as-you-type results")
    terminal.keys("Enter")  # run the search, focus the first hit
    terminal.keys("Enter")  # open it
    screen = terminal.wait_for(lambda screen: "hit 1/" in screen, "the article to open")
    assert "quote -/" in screen  # the reading pane counts the article's quotes
    terminal.keys("Q")  # the quote panel (on a short terminal it opens only now)
    terminal.wait_for(lambda screen: "Quotes (" in screen, "the quote panel")

    terminal.keys("q")
    done: Path = terminal.done  # type: ignore[attr-defined]
    terminal.wait_for(lambda _: done.exists() and done.read_text().strip() != "", "reader to exit")
    assert done.read_text().strip() == "0"
