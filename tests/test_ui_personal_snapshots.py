"""SVG snapshots of the user's own data on screen (140x45, and the list at 80x24): marks in
the list and the hits, the tag, note, name and export dialogs, the saved searches panel."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from reader.index import Library
from reader.personal import Reading
from reader.ui.app import ReaderApp, make_app
from tests.test_ui_snapshots import fixed_search_time, keys

# Whole-screen pictures: the full suite and CI compare them; the fast loop leaves them out.
pytestmark = pytest.mark.slow

__all__ = ["fixed_search_time"]  # autouse: the status line's search time is pinned

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (140, 45)
Snap = Callable[..., bool]
FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"


@pytest.fixture
def marked_app() -> ReaderApp:
    """The seeds with one article read and starred, tagged and noted, one read, a saved
    search."""
    library = Library.open(SEEDS)
    library.update()
    reading = Reading.open(library)
    reading.mark_read([FIRST, SECOND])
    reading.star([FIRST])
    reading.tag([FIRST], ["summit", "geneva"])
    reading.set_note(FIRST, "check the readout")
    reading.save_search("summit", "putin AND biden")
    reading.save_search("navalny", "navalny")
    reading.close()
    return make_app(library)


def test_list_with_marks(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """Unread rows bold with a dot; the starred, noted, tagged one and a read one plain."""
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys())


def test_list_with_marks_small(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """The same at 80x24."""
    assert snap_compare(marked_app, terminal_size=(80, 24), run_before=keys())


def test_hits_with_marks(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """/ putin Enter: read hits plain, unread ones bold with a dot, the tags before."""
    presses = ("slash", *"putin", "enter")
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys(*presses))


def test_tag_dialog(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """t on the first article: its title, its tags, the box for words to add or -remove."""
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys("t"))


def test_note_dialog(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """a on the first article: its title and its note to edit."""
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys("a"))


def test_save_search_dialog(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """/ geneva, Ctrl+S: the query and a name for it."""
    presses = ("slash", *"geneva", "ctrl+s")
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys(*presses))


def test_saved_searches_panel(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """w: the saved searches with their unread matches, beside the list."""
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys("w"))


def test_export_dialog(snap_compare: Snap, marked_app: ReaderApp) -> None:
    """/ geneva Enter, x: the path, the format, quotations or articles, the progress bar."""
    presses = ("slash", *"geneva", "enter", "x")
    assert snap_compare(marked_app, terminal_size=SIZE, run_before=keys(*presses))
