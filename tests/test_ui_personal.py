"""Draft UI pieces for the user's data: tag and note dialogs, export dialog, saved panel."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Static

from reader.index import Library
from reader.personal import ArticleState, Reading
from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.personal_dialogs import NoteDialog, TagChange, TagDialog, parse_tag_words
from reader.ui.widgets.marks import marks_text, title_pieces
from reader.ui.widgets.saved_panel import SavedSearchesPanel

FIRST = "000_43d420fba78c7d6a"
SIZE = (100, 30)


def synchronous(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no pytest async plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class Host(App[None]):
    """An empty app that shows one dialog and keeps what it returned."""

    def __init__(self, screen: Any) -> None:
        super().__init__()
        self.dialog = screen
        self.results: list[object] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        self.push_screen(self.dialog, self.results.append)


@pytest.fixture
def library(seeds_library: Library) -> Library:
    return seeds_library


def test_tag_words_add_and_remove() -> None:
    assert parse_tag_words("summit  -draft Geneva") == TagChange(("summit", "Geneva"), ("draft",))


@synchronous
async def test_tag_dialog_applies_and_completes_known_tags() -> None:
    app = Host(TagDialog(3, ["draft"], ["summit", "sanctions"]))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s", "u")  # suggests "summit"
        await pilot.pause()
        await pilot.press("right")  # accept the suggestion
        await pilot.press("space", "minus", "d", "r", "a", "f", "t", "enter")
        await pilot.pause()
    assert app.results == [TagChange(("summit",), ("draft",))]


@synchronous
async def test_tag_dialog_explains_a_bad_tag_and_stays_open() -> None:
    app = Host(TagDialog(1, [], []))
    async with app.run_test(size=SIZE) as pilot:
        for key in ("a", "colon", "b", "enter"):
            await pilot.press(key)
        await pilot.pause()
        error = app.screen.query_one("#tag-error", Static)
        assert "cannot contain" in str(error.render())
        await pilot.press("escape")
    assert app.results == [None]


@synchronous
async def test_note_dialog_saves_with_ctrl_s_and_cancels_with_escape() -> None:
    app = Host(NoteDialog("Putin: There’s hope [b]", "first line"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "x", "ctrl+s")
        await pilot.pause()
    assert app.results == ["first line\nx"]
    app = Host(NoteDialog("about", None))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("y", "escape")
        await pilot.pause()
    assert app.results == [None]


@synchronous
async def test_export_dialog_writes_the_file_with_progress(
    library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "out"
    ids = [summary.id for summary in library.summaries()]
    app = Host(ExportDialog(library, Reading.open(library), ids, target))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert app.results == [5]
    assert (tmp_path / "out.csv").read_text().startswith("id,title")


@synchronous
async def test_export_dialog_shows_a_refusal_in_one_line(library: Library) -> None:
    app = Host(ExportDialog(library, None, [FIRST], library.corpus / "inside.csv"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        error = app.screen.query_one("#export-error", Static)
        assert "inside the corpus" in str(error.render())
        box = app.screen.query_one("Vertical")
        assert str(box.border_title) == "Export 1 article"  # not "1 articles"
        await pilot.press("escape")
    assert app.results == [None]


@synchronous
async def test_saved_panel_shows_unread_counts_and_posts_the_choice(library: Library) -> None:
    reading = Reading.open(library)
    reading.save_search("putin", "putin")
    reading.mark_read([FIRST])
    total = len(library.summaries())
    chosen: list[str] = []

    class PanelHost(App[None]):
        def compose(self) -> ComposeResult:
            yield SavedSearchesPanel(library, reading)

        def on_saved_searches_panel_chosen(self, event: SavedSearchesPanel.Chosen) -> None:
            chosen.append(event.saved.query)

    app = PanelHost()
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        panel = app.query_one(SavedSearchesPanel)
        label = str(panel.get_option_at_index(0).prompt)
        assert label == f"putin  {total - 1}"
        panel.focus()
        await pilot.press("enter")
        await pilot.pause()
    assert chosen == ["putin"]


def test_row_marks() -> None:
    state = ArticleState(FIRST, read=True, starred=True, tags=("summit",), note="n")
    assert marks_text(state).plain == "★ ✎ #summit "
    assert marks_text(None).plain == "● "
    assert title_pieces("T", None) == [("● ", "bold"), ("T", "bold")]
    assert title_pieces("T", state) == [("★ ", ""), ("✎ ", ""), ("T", ""), (" #summit", "dim")]
