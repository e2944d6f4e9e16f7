"""SVG snapshots of every screen and major state (pytest-textual-snapshot, 140x45).

Update after an intended change with ``pytest tests/test_ui_snapshots.py --snapshot-update``
and look at the SVGs under ``tests/__snapshots__/`` before committing them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

import reader.search as search_module
from reader.index import Library
from reader.models import SearchResult
from reader.ui.app import ReaderApp, make_app
from tests.pilot import settle

# Whole-screen pictures: the full suite and CI compare them; the fast loop leaves them out.
pytestmark = pytest.mark.slow

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (140, 45)
Snap = Callable[..., bool]


@pytest.fixture(autouse=True)
def fixed_search_time(monkeypatch: pytest.MonkeyPatch) -> None:
    """The status line shows how long a search took; pin it so snapshots are stable."""

    search = search_module.search

    def timed(*args: Any, **kwargs: Any) -> SearchResult:
        return dataclasses.replace(search(*args, **kwargs), took_ms=3.0)

    # The search box imports ``search`` from the package when it runs a query.
    monkeypatch.setattr(search_module, "search", timed)


def seeds_app(theme: str | None = None) -> ReaderApp:
    return make_app(Library.open(SEEDS), theme=theme)


def keys(*presses: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    """A run_before that waits for the index, presses keys one by one, waiting for workers."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        pilot.app.clear_notifications()  # toasts time out; keep them out of the pictures
        await pilot.pause()

    return run


def test_start_screen(snap_compare: Snap) -> None:
    """The seeds listed, newest first; nothing open yet."""
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys())


def test_search_results(snap_compare: Snap) -> None:
    """/ then "geneva" then Enter: ranked hits with snippets, the first hit focused."""
    presses = ("slash", *"geneva", "enter")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


@pytest.mark.slow
def test_article_with_quotes(snap_compare: Snap) -> None:
    """Search "biden", open the first hit, next hit (n), then the third quote (] ] ])."""
    presses = ("slash", *"biden", "enter", "enter", "n", *["right_square_bracket"] * 3)
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_quote_panel(snap_compare: Snap) -> None:
    """Open the first article (Enter), go to the quote panel (Q), pick the fourth (down x3)."""
    presses = ("enter", "Q", "down", "down", "down", "enter")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


@pytest.mark.slow
def test_compare_view(snap_compare: Snap) -> None:
    """Search "constructive", mark the first hit (m), open the second (down, Enter).

    The two reports share quotes (matching colours) and the search term stays highlighted.
    """
    presses = ("slash", *"constructive", "enter", "m", "down", "enter")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_help_screen(snap_compare: Snap) -> None:
    """? shows every key, generated from the bindings."""
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys("question_mark"))


def test_malformed_query(snap_compare: Snap) -> None:
    """An unclosed phrase: the error is shown inline, nothing crashes."""
    presses = ("slash", *'"press conf', "enter")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_light_theme_article(snap_compare: Snap) -> None:
    """The light theme: open the second article (down, Enter) and walk to a quote (])."""
    presses = ("down", "enter", "right_square_bracket")
    app = seeds_app(theme="textual-light")
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(*presses))


def test_index_error(snap_compare: Snap, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An index folder that holds someone else's files: the list and status line say why."""
    monkeypatch.chdir(tmp_path)  # a relative index path keeps the message the same everywhere
    foreign = Path("not-an-index")
    foreign.mkdir()
    (foreign / "notes.txt").write_text("mine", encoding="utf-8")
    app = make_app(Library.open(SEEDS, foreign))
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_reading_mode(snap_compare: Snap) -> None:
    """Open the second article (down, Enter), then reading mode (z): full screen, centred."""
    presses = ("down", "enter", "z")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_small_terminal_article(snap_compare: Snap) -> None:
    """80x24: open the second article (down, Enter): it takes the whole width and height."""
    presses = ("down", "enter")
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=keys(*presses))


def test_small_terminal_list(snap_compare: Snap) -> None:
    """80x24 at start: the list takes the width; the search box is one line."""
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=keys())


def test_facets(snap_compare: Snap) -> None:
    """Search "putin", Enter (the hits), s (by date), f: the hits counted by outlet, month
    and speaker, the first value highlighted."""
    presses = ("slash", *"putin", "enter", "s", "f")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_raw_view_at_a_quote(snap_compare: Snap) -> None:
    """Open the second article (down, Enter), walk to the third quote (] ] ]), then the raw
    file text (r): it opens at that quote, highlighted in the file's own text."""
    presses = ("down", "enter", *["right_square_bracket"] * 3, "r")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))


def test_speakers_table(snap_compare: Snap) -> None:
    # p: everyone quoted in the archive, most quoted first
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys("p"))


def test_speaker_statements(snap_compare: Snap) -> None:
    # p: the speakers; enter: the most quoted one's statements, each once, with wordings
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys("p", "enter"))


def test_speakers_table_at_80x24(snap_compare: Snap) -> None:
    # a small terminal: p, then a filter typed (kre), Enter back to the table
    presses = ("p", "slash", *"kre", "enter")
    assert snap_compare(seeds_app(), terminal_size=(80, 24), run_before=keys(*presses))


def test_speakers_in_the_margin(snap_compare: Snap) -> None:
    # down down enter: an article with quotes; i: its speakers in a margin, not inline
    presses = ("down", "down", "enter", "i")
    assert snap_compare(seeds_app(), terminal_size=SIZE, run_before=keys(*presses))
