"""SVG snapshots of the stories in the TUI (140x45) on a made-up corpus of two look-alike
stories, unrelated articles and a wire copy (see ``tests/test_ui_stories.story_corpus``)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.index import Library
from reader.ui.app import ReaderApp, make_app
from reader.ui.messages import ArticleSelected
from tests.pilot import main_screen, settle
from tests.test_ui_snapshots import SIZE, Snap
from tests.test_ui_stories import story_corpus

# Whole-screen pictures: the full suite and CI compare them; the fast loop leaves them out.
pytestmark = pytest.mark.slow


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    return make_app(Library.open(story_corpus(tmp_path / "corpus")))


def opening(
    article_id: str, *presses: str, mark: str | None = None
) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Open an article (with ``mark`` marked first: a compare), then press keys."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        main_screen(pilot).marked_id = mark
        main_screen(pilot).post_message(ArticleSelected(article_id))
        await settle(pilot)
        for key in presses:
            await pilot.press(key)
            await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    return run


def test_story_column_and_also_covered_by(snap_compare: Snap, app: ReaderApp) -> None:
    """The list with its story column; reid0 open, "Also covered by" its story's others."""
    assert snap_compare(app, terminal_size=SIZE, run_before=opening("reid0"))


def test_compare_a_story(snap_compare: Snap, app: ReaderApp) -> None:
    """reid0 open, C: compare with the first other report, aligned sentences in colour."""
    assert snap_compare(app, terminal_size=SIZE, run_before=opening("reid0", "C"))


def test_compare_differences(snap_compare: Snap, app: ReaderApp) -> None:
    """lohan1 open, C, then d: only what each side has and the other lacks."""
    assert snap_compare(app, terminal_size=SIZE, run_before=opening("lohan1", "C", "d"))


def test_compare_a_copy(snap_compare: Snap, app: ReaderApp) -> None:
    """lohan0 marked, zcopy opened: shown as a copy with its edits."""
    assert snap_compare(app, terminal_size=SIZE, run_before=opening("zcopy", mark="lohan0"))
