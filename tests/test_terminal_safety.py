"""Terminal safety end to end: hostile articles shown by the installed ``reader`` (TUI and CLI)
inside tmux never change the pane title or window name, never write the clipboard (OSC 52 →
tmux buffers) and never draw outside the app; Pilot checks what the widgets render."""

from __future__ import annotations

import asyncio
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from textual.content import Content
from textual.widgets import Static

from reader.index import Library
from reader.ui.app import make_app
from tests.hostile import build_hostile_corpus, fingerprint, read_only, unsafe_characters
from tests.pilot import settle

TIMEOUT_SECONDS = 40.0
# Payloads of the hostile escape sequences that must never take effect or show up as text.
LEAKS = ("PWNED-TITLE", "PWNED-C1", "PWNED2", "UFdORUQ")
# The articles that carry escape sequences, controls or markup in their text or file name.
DISPLAY_ATTACKS = frozenset(
    {
        "ansi.txt", "ansi-crlf.txt", "bom-escapes.md", "controls.txt", "controls-title.txt",
        "markup.txt", "scripts.txt", "cr-only.txt", "[bold]markup[/] name.txt", "new\nline.txt",
        "evil\x1b]0;PWNED-NAME\x07\x1b[2J.txt", "c1\x9b2J \u202eevil\u202c.txt",
    }
)  # fmt: skip


def _script() -> str:
    beside = Path(sys.executable).parent / "reader"
    script = str(beside) if beside.exists() else shutil.which("reader")
    if script is None:
        pytest.skip("the `reader` console script is not installed (pip install -e .)")
    return script


class Tmux:
    """A private tmux server that lets applications set titles and the clipboard (so an
    escape sequence that got through would show), one session per command."""

    def __init__(self, base: Path) -> None:
        self.socket = base / "tmux.sock"
        self.config = base / "tmux.conf"
        # set-clipboard on: OSC 52 from a pane creates a tmux buffer; allow-rename: ESC k names
        # the window; pane titles are always settable with OSC 0/2.
        self.config.write_text(
            "set -g set-clipboard on\nset -g allow-rename on\nset -g automatic-rename off\n"
        )

    def run(self, *args: str) -> str:
        command = ["tmux", "-S", str(self.socket), "-f", str(self.config), *args]
        return subprocess.run(command, check=True, capture_output=True, text=True).stdout

    def start(self, name: str, command: str, env: dict[str, str]) -> None:
        settings = [part for key, value in env.items() for part in ("-e", f"{key}={value}")]
        self.run("new-session", "-d", "-s", name, "-x", "140", "-y", "45", *settings, command)
        self.run("set-option", "-t", name, "remain-on-exit", "on")

    def title(self, name: str) -> str:
        return self.run("display-message", "-p", "-t", name, "#{pane_title}|#{window_name}")

    def buffers(self) -> str:
        return self.run("list-buffers")

    def screen(self, name: str) -> str:
        return self.run("capture-pane", "-p", "-t", name)

    def keys(self, name: str, *keys: str) -> None:
        self.run("send-keys", "-t", name, *keys)

    def wait_for(self, name: str, condition: Callable[[str], bool], what: str) -> str:
        deadline = time.monotonic() + TIMEOUT_SECONDS
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen(name)
            if condition(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")

    def dead(self, name: str) -> bool:
        return self.run("display-message", "-p", "-t", name, "#{pane_dead}").strip() == "1"


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[Tmux]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed (CI installs it: apt-get install tmux)")
    server = Tmux(tmp_path)
    try:
        yield server
    finally:
        subprocess.run(["tmux", "-S", str(server.socket), "kill-server"], check=False)


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> tuple[Path, Path]:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    # Without the 1 MB one-line article: the TUI takes ~10 s to lay it out (see RELIABILITY.md).
    build_hostile_corpus(corpus, long_line=False)
    Library.open(corpus, index_dir).update()
    return corpus, index_dir


def _env(tmp_path: Path) -> dict[str, str]:
    return {"TERM": "xterm-256color", "XDG_CACHE_HOME": str(tmp_path / "cache"), "LANG": "C.UTF-8"}


def test_the_detectors_work_on_an_unprotected_program(tmux: Tmux, tmp_path: Path) -> None:
    """Control: raw escape sequences printed to the pane do change the title and clipboard."""
    payload = r"printf '\033]2;PWNED-TITLE\033\\\033]52;c;UFdORUQ=\007\033kPWNWIN\033\\'; sleep 30"
    tmux.start("control", payload, _env(tmp_path))
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while "PWNED" not in tmux.buffers() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.title("control").strip() == "PWNED-TITLE|PWNWIN"
    assert "PWNED" in tmux.buffers()


def _assert_untouched(tmux: Tmux, name: str, title_before: str) -> None:
    assert tmux.title(name) == title_before
    assert tmux.buffers() == ""


@pytest.mark.slow
def test_tui_opens_every_hostile_article_without_side_effects(
    tmux: Tmux, tmp_path: Path, hostile_corpus: tuple[Path, Path]
) -> None:
    corpus, index_dir = hostile_corpus
    count = Library.open(corpus, index_dir).count()
    command = shlex.join([_script(), "--corpus", str(corpus), "--index-dir", str(index_dir)])
    tmux.start("tui", command, _env(tmp_path))
    title_before = tmux.title("tui")
    first = tmux.wait_for("tui", lambda screen: "up to date" in screen, "the index to be ready")
    header = first.splitlines()[0]
    opened = 0
    for _ in range(count):
        tmux.keys("tui", "Enter")  # open the article under the cursor
        time.sleep(0.35)
        opened += "zorblax" in tmux.screen("tui")  # each article's marker word, in its text
        tmux.keys("tui", "r")  # its raw text (boilerplate and all)
        time.sleep(0.25)
        tmux.keys("tui", "r", "Escape", "j")  # back to the cleaned text, the list, the next
        screen = tmux.screen("tui")
        assert not tmux.dead("tui"), screen
        assert screen.splitlines()[0] == header, screen
        assert not any(leak in screen for leak in LEAKS), screen
        _assert_untouched(tmux, "tui", title_before)
    assert opened >= count - 3, f"only {opened} of {count} articles were seen open"
    time.sleep(0.5)
    _assert_untouched(tmux, "tui", title_before)
    tmux.keys("tui", "q")
    deadline = time.monotonic() + TIMEOUT_SECONDS
    while not tmux.dead("tui") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert tmux.dead("tui"), "the reader did not quit"
    assert "Traceback" not in tmux.screen("tui")
    _assert_untouched(tmux, "tui", title_before)


@pytest.mark.slow
def test_cli_show_list_search_print_nothing_that_acts_on_the_terminal(
    tmux: Tmux, tmp_path: Path, hostile_corpus: tuple[Path, Path]
) -> None:
    corpus, index_dir = hostile_corpus
    script = _script()
    options = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    commands = [[script, "list", *options], [script, "search", "zorblax*", *options]]
    for summary in Library.open(corpus, index_dir).summaries():
        if summary.path not in DISPLAY_ATTACKS:
            continue
        commands.append([script, "show", summary.id, *options])
        commands.append([script, "show", "--raw", summary.id, *options])
    done = tmp_path / "done"
    script_file = tmp_path / "run.sh"
    lines = [shlex.join(command) for command in commands]
    script_file.write_text("\n".join([*lines, f"touch {shlex.quote(str(done))}", "sleep 60", ""]))
    tmux.start("cli", f"sh {shlex.quote(str(script_file))}", _env(tmp_path))
    title_before = tmux.title("cli")
    deadline = time.monotonic() + 120
    while not done.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert done.exists(), tmux.screen("cli")
    _assert_untouched(tmux, "cli", title_before)
    screen = tmux.screen("cli")
    assert "Traceback" not in screen
    assert not any(leak in screen for leak in LEAKS), screen


def _plain(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(widget.content)


@pytest.mark.slow
def test_pilot_rendered_articles_have_no_control_characters(
    hostile_corpus: tuple[Path, Path],
) -> None:
    corpus, index_dir = hostile_corpus
    library = Library.open(corpus, index_dir)
    before = fingerprint(corpus)

    async def run() -> None:
        app = make_app(library)
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            for summary in library.summaries():  # the list's order
                if summary.path not in DISPLAY_ATTACKS:
                    await pilot.press("j")
                    continue
                for raw in (False, True):
                    if raw:
                        await pilot.press("r")
                    else:
                        await pilot.press("enter")
                    await app.workers.wait_for_complete()
                    await pilot.pause()
                    shown = "\n".join(_plain(widget) for widget in app.screen.query(Static))
                    assert unsafe_characters(shown) == [], shown[:300]
                    assert not any(leak in shown for leak in LEAKS)
                    svg = app.export_screenshot()
                    assert unsafe_characters(svg.replace("\n", "")) == []
                    assert app.is_running
                await pilot.press("r", "escape", "j")
            assert app.is_running

    with read_only(corpus):  # the TUI only ever reads the corpus
        asyncio.run(run())
    assert fingerprint(corpus) == before


def test_notifications_show_article_text_literally(tmp_path: Path, isolated_dirs: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    title = "[bold]Markup[/bold] [@click=app.quit]title[/]"
    (corpus / "a.txt").write_text(f"{title}\n\nSome body text that is long enough to read.\n")
    (corpus / "b.txt").write_text("Plain\n\nOther text.\n")
    library = Library.open(corpus, isolated_dirs)
    library.update()

    async def run() -> list[tuple[str, bool]]:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            await pilot.press("m")  # mark a.txt for compare: a toast names its title
            await pilot.pause()
            return [(note.message, note.markup) for note in app._notifications]

    notes = asyncio.run(run())
    assert any("Markup" in message for message, _ in notes)
    for message, markup in notes:
        shown = Content.from_markup(message).plain if markup else message
        assert shown == message, f"{message!r} is shown as {shown!r}"


def test_notifications_spell_out_control_characters(tmp_path: Path, isolated_dirs: Path) -> None:
    """Every toast goes through the app's notify: a control character in a title (here an
    escape sequence) is spelled out, line breaks of the message stay line breaks."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Plain\n\nSome body text.\n")
    library = Library.open(corpus, isolated_dirs)
    library.update()

    async def run() -> list[tuple[str, str]]:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            app.notify("one \x1b]0;owned\x07 line\nsecond line", title="t\x1b[2J")
            await pilot.pause()
            return [(note.message, note.title) for note in app._notifications]

    ((message, title),) = asyncio.run(run())
    assert message == "one \\x1b]0;owned\\x07 line\nsecond line"
    assert title == "t\\x1b[2J"
