"""The reading experience: reading mode, small terminals, pager keys, the raw view, marks."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from reader.index import Library
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.compare import CompareScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.quote_panel import QuotePanel
from tests.pilot import main_screen, open_article_keys, settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def app() -> ReaderApp:
    return make_app(Library.open(SEEDS))


async def open_article(pilot: Pilot[None], position: int = 1) -> None:
    await settle(pilot)
    await pilot.press(*open_article_keys(position))
    await settle(pilot)
    await pilot.pause()


@synchronous
async def test_at_80x24_the_article_gets_the_width_and_the_list_comes_back(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot)
        screen = main_screen(pilot)
        region = screen.reading.content_region
        coverage = screen.query_one("#coverage").outer_size.height  # "Also covered by", if any
        assert region.width >= 70 and region.height + coverage >= 16  # it was 36 x 8
        assert coverage <= 4  # a short screen keeps the story panel to two lines
        # The list panel is not drawn itself (hidden under its lists): its lists tell.
        assert not screen.lists.display or not screen.lists.articles.region.width
        await pilot.press("escape")  # back to the list, which takes the width again
        await pilot.pause()
        assert screen.lists.articles.has_focus and screen.lists.articles.region.width == 80


@synchronous
async def test_on_a_short_terminal_the_quote_panel_opens_with_q(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_article(pilot)
        panel = pilot.app.screen.query_one(QuotePanel)
        assert panel.region.height == 0
        await pilot.press("Q")
        await pilot.pause()
        await pilot.pause()
        assert panel.has_focus and panel.region.height >= 6
        # the article keeps lines to read beside the quotes (the story panel steps aside)
        assert main_screen(pilot).reading.content_region.height >= 5


@synchronous
async def test_reading_mode_is_full_screen_at_a_readable_width(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_article(pilot)
        screen = main_screen(pilot)
        await pilot.press("z")
        await pilot.pause()
        blocks = [child.region for child in screen.reading.children]
        assert all(70 <= region.width <= 100 for region in blocks)
        content = screen.reading.scrollable_content_region
        for region in blocks:  # centred
            assert abs((region.x - content.x) - (content.right - region.right)) <= 1
        assert screen.reading.region.height >= 40
        assert not screen.lists.articles.region.width and not screen.search_bar.region.height
        await pilot.press("z")  # the same key leaves
        await pilot.pause()
        assert screen.lists.articles.region.width > 0
        await pilot.press("z", "escape")  # and so does Esc, staying on the article
        await pilot.pause()
        assert not screen.has_class("-reading") and screen.reading.has_focus


@synchronous
async def test_reading_mode_from_the_list_opens_the_article_under_the_cursor(
    app: ReaderApp,
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("down", "z")
        await settle(pilot)
        assert screen.pane.loaded is not None
        assert screen.pane.loaded.article.id == screen.lists.articles.current_id


@synchronous
async def test_no_quotes_no_quote_panel(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "plain.txt").write_text("Plain news\n\nNobody said anything at all today.\n")
    async with make_app(Library.open(corpus)).run_test(size=(140, 45)) as pilot:
        await settle(pilot)  # no article open yet: no quotes either
        assert pilot.app.screen.query_one(QuotePanel).region.height == 0
        await open_article(pilot, 0)
        assert pilot.app.screen.query_one(QuotePanel).region.height == 0


@synchronous
async def test_the_quote_panel_comes_with_an_article_that_has_quotes(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        assert pilot.app.screen.query_one(QuotePanel).region.height == 0
        await open_article(pilot)
        assert pilot.app.screen.query_one(QuotePanel).region.height > 0


@synchronous
async def test_pager_keys_scroll_the_article(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await open_article(pilot)
        view = main_screen(pilot).reading
        height = view.scrollable_content_region.height
        assert view.max_scroll_y > 2 * height
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("space")
        assert view.scroll_y == 1 + height - 2
        await pilot.press("b")
        assert view.scroll_y == 1
        await pilot.press("ctrl+d")
        assert view.scroll_y == 1 + height // 2
        await pilot.press("ctrl+u")
        assert view.scroll_y == 1


@synchronous
async def test_pager_keys_move_in_the_list(app: ReaderApp) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = pilot.app.screen.query_one(ArticleList)
        await pilot.press("j", "j", "k")
        assert articles.cursor == 1
        await pilot.press("G", "b", "g")
        assert articles.cursor == 0
        await pilot.press("ctrl+d")
        assert articles.cursor == articles.row_count - 1  # five seeds: half a page is past them


@synchronous
async def test_pager_keys_move_in_the_quote_panel(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_article(pilot)
        await pilot.press("Q")
        await pilot.pause()
        panel = pilot.app.screen.query_one(QuotePanel)
        await pilot.press("g", "j", "j", "k")
        assert panel.highlighted == 1
        await pilot.press("ctrl+d")
        assert panel.highlighted is not None and panel.highlighted > 1
        await pilot.press("ctrl+u", "ctrl+u")
        assert panel.highlighted == 0


@pytest.mark.slow
@synchronous
async def test_raw_view_keeps_the_place_and_walks_quotes(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_article(pilot)
        view = main_screen(pilot).reading
        await pilot.press(*["right_square_bracket"] * 5)
        await pilot.pause()
        cleaned_y = view.scroll_y
        assert cleaned_y > 0 and view.current_quote == 4
        await pilot.press("r")  # raw: at the same quote, not at the top
        await wait_until(pilot, lambda: view.raw and view.scroll_y > 0)
        assert view.document is not None
        quote = view.document.quotes[4]
        await pilot.press("right_square_bracket")  # the next quote, found in the raw text
        await pilot.pause()
        assert view.current_quote == 5
        raw = str(view.query_one(".-raw").render())
        assert " ".join(view.document.quotes[5].text.split()[:3]) in " ".join(raw.split())
        assert "quote 6/" in view.border_subtitle
        await pilot.press("left_square_bracket", "r")  # back to quote 5, then cleaned
        await pilot.pause()
        await pilot.pause()
        assert not view.raw and view.current_quote == 4 and view.scroll_y == cleaned_y
        assert quote.text


@pytest.mark.slow
@synchronous
async def test_mark_after_jumping_marks_the_article_on_screen(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_article(pilot)
        screen = main_screen(pilot)
        assert screen.pane.loaded is not None
        shared = next(i for i, q in enumerate(screen.pane.loaded.quotes) if q.group)
        await pilot.press(*["right_square_bracket"] * (shared + 1), "e")  # another article
        await settle(pilot)
        on_screen = screen.pane.loaded.article.id
        assert on_screen != screen.lists.current_id
        await pilot.press("m")
        assert screen.marked_id == on_screen


@pytest.mark.slow
@synchronous
async def test_c_with_the_marked_article_open_says_to_pick_another(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_article(pilot)
        await pilot.press("m", "c")  # mark the article being read, then compare it: with what?
        await pilot.pause()
        messages = [str(n.message) for n in pilot.app._notifications]
        assert any("is marked: pick another article" in m for m in messages)
        assert not any("Mark an article with m" in m for m in messages)
        await pilot.press("escape", "down", "m", "down", "c")  # Esc unmarks; mark, compare
        await settle(pilot)
        assert isinstance(pilot.app.screen, CompareScreen)


@synchronous
async def test_escape_forgets_the_mark_so_enter_opens_the_article(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("m", "slash", *"putin", "escape")  # Esc while typing
        assert screen.marked_id is None
        await pilot.press("escape", "down", "enter")
        await settle(pilot)
        assert not isinstance(pilot.app.screen, CompareScreen)
        assert screen.pane.loaded is not None


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_a_half_typed_phrase_keeps_the_last_results(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        bar = screen.search_bar
        await pilot.press("slash", *"summit")
        await wait_until(pilot, lambda: bar.result is not None)
        hits = screen.lists.hits.hits
        await pilot.press("space", *'"press conf')
        await pilot.pause(0.4)
        await settle(pilot)
        assert screen.lists.showing_hits and screen.lists.hits.hits == hits
        assert bar.result is not None and bar.result.query == "summit"
        assert not bar.has_class("-error")
        await pilot.press('"')  # the phrase reads: its own results
        await wait_until(pilot, lambda: bar.result is not None and "conf" in bar.result.query)


@pytest.mark.parametrize(
    "keys",
    [
        ("enter",),
        ("Q",),
        ("enter", "Q"),
        # Keys on the reading pane, typed while it is still the first frame's placeholder.
        ("n", "right_square_bracket", "r", "z", "i", "e", "y", "s"),
    ],
)
@synchronous
async def test_keys_typed_during_the_start_do_not_crash(
    app: ReaderApp, keys: tuple[str, ...]
) -> None:
    """The story, quote and hit panels mount after the first frame; a key typed before it
    (typeahead at the first read) must not reach for them."""
    async with app.run_test(size=(140, 45)) as pilot:
        assert not main_screen(pilot).query("#quotes")  # the keys come before the panels
        await pilot.press(*keys)
        await settle(pilot)
        assert app.return_code is None and app.is_running


def _cells(screen: Screen[object], selector: str) -> list[list[tuple[str, object]]]:
    """What a widget shows, cell by cell: each character with its style, a blank with only
    its background (the foreground of a blank cannot be seen)."""
    region = screen.query_one(selector).region
    strips = screen._compositor.render_update(full=True).strips  # what the screen draws
    cells = []
    for y in range(region.y, region.bottom):
        line = [(char, seg.style) for strip in strips[y] for seg in strip for char in seg.text]
        cells.append(
            [
                (char, style.bgcolor if char == " " and style else style)
                for char, style in line[region.x : region.right]
            ]
        )
    return cells


@pytest.mark.parametrize("size", [(140, 45), (120, 40), (110, 30)])
@synchronous
async def test_the_first_frame_shows_the_empty_reading_pane_as_the_view_does(
    size: tuple[int, int],
) -> None:
    """The first frame draws the empty reading pane as a plain Static (an ArticleView costs
    ~5 ms there); the view that replaces it just after must look the same, cell for cell, at
    the same place (a short terminal's layout is set before the first frame too), or the
    start flickers."""
    library = Library.open(SEEDS)
    library.update()
    app = make_app(library)
    async with app.run_test(size=size) as pilot:
        screen = main_screen(pilot)
        assert not screen.query("#reading")  # the first frame's placeholder
        first = _cells(screen, "#reading-placeholder")
        await settle(pilot)
        assert not screen.query("#reading-placeholder")
        assert _cells(screen, "#reading") == first


@synchronous
async def test_an_article_opened_before_the_panels_mount_waits_for_them() -> None:
    library = Library.open(SEEDS)
    library.update()  # indexed before the start, as on every later start
    app = make_app(library)
    async with app.run_test(size=(140, 45)) as pilot:
        screen = main_screen(pilot)
        assert not screen.query("#quotes")
        screen.pane.open_article(library.summaries()[0].id)
        await wait_until(pilot, lambda: screen.pane.loaded is not None)
        await settle(pilot)
        assert app.is_running and screen.query_one(QuotePanel).display
