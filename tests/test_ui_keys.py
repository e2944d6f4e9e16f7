"""Keys that mean the same in every pane: g/G first/last, and the reader's own keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding, BindingType

from reader.index import Library
from reader.ui import keys
from reader.ui.app import ReaderApp, make_app
from reader.ui.widgets.hit_list import HitList
from reader.ui.widgets.quote_panel import QuotePanel
from tests.pilot import main_screen, open_article_keys, settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (140, 45)


@pytest.fixture
def app() -> ReaderApp:
    return make_app(Library.open(SEEDS))


@synchronous
async def test_g_and_shift_g_go_to_the_top_and_the_end_of_the_article(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*open_article_keys(1))
        await settle(pilot)
        pane = main_screen(pilot).pane
        opened = pane.loaded.article.id  # type: ignore[union-attr]
        assert pane.view.has_focus and pane.view.max_scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert pane.view.scroll_y == pane.view.max_scroll_y
        await pilot.press("g")
        await settle(pilot)
        assert pane.view.scroll_y == 0
        assert pane.loaded.article.id == opened  # g no longer jumps to another article


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_g_and_shift_g_in_the_quote_panel_and_the_hits(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*open_article_keys(1), "Q")  # open an article, go to its quotes
        await settle(pilot)
        panel = pilot.app.screen.query_one(QuotePanel)
        assert panel.has_focus and panel.option_count > 2
        await pilot.press("G")
        assert panel.highlighted == panel.option_count - 1
        await pilot.press("g")
        assert panel.highlighted == 0
        await pilot.press("slash", *"putin", "enter")  # search, Enter focuses the hits
        hits = pilot.app.screen.query_one(HitList)
        await wait_until(pilot, lambda: hits.has_focus and len(hits.hits) > 2)
        await pilot.press("G")
        assert hits.highlighted == hits.option_count - 1
        await pilot.press("g")
        assert hits.highlighted == 0


def _keys(bindings: list[BindingType]) -> list[str]:
    return [
        key.strip()
        for binding in bindings
        if isinstance(binding, Binding)
        for key in binding.key.split(",")
    ]


def test_no_key_means_two_things_on_the_main_screen() -> None:
    """The screen's own keys (app, main, personal) are all different, and a focused pane's
    keys never hide one of them (two helpers once both took `v`)."""
    screen = _keys(keys.APP) + _keys(keys.MAIN) + _keys(keys.PERSONAL)
    assert len(screen) == len(set(screen)), sorted(k for k in screen if screen.count(k) > 1)
    for pane in (keys.ARTICLE_LIST, keys.ARTICLE_VIEW, keys.HIT_LIST):
        pane_keys = _keys(pane)
        assert len(pane_keys) == len(set(pane_keys))
        # Enter submits a search from the search box and opens the row in a pane: by design.
        shadowed = set(pane_keys) & set(screen) - {"enter"}
        assert not shadowed, shadowed


_SHOWN = {
    "question_mark": "?",
    "asterisk": "*",
    "slash": "/",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "enter": "Enter",
    "escape": "Esc",
    "f1": "F1",
    "up": "↑",
    "down": "↓",
    "pageup": "PgUp",
    "pagedown": "PgDn",
    "home": "Home",
    "end": "End",
}


def test_the_readme_key_table_names_every_key() -> None:
    """The README's key table is written by hand: every key of the app, the main screen,
    the user's data, the panes and compare must be in it."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    start = readme.index("| Key | Action |")
    table = readme[start : readme.index("\n\n", start)]
    cells = " ".join(line.split(" | ")[0] for line in table.splitlines())
    groups = (keys.APP, keys.MAIN, keys.PERSONAL, keys.ARTICLE_LIST, keys.ARTICLE_VIEW)
    missing = [
        key
        for group in (*groups, keys.HIT_LIST, keys.COMPARE)
        for key in _keys(group)
        if f"`{_SHOWN.get(key, key)}`" not in cells
    ]
    assert not missing
