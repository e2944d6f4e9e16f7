"""Pilot tests of the paged article list, the staged hit list, and the TUI's memory hygiene."""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input
from textual.widgets._footer import FooterKey

from reader.index import Library
from reader.models import SortKey
from reader.ui.app import make_app
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import _CACHED_PAGES, PAGE_ROWS, ArticleList
from reader.ui.widgets.hit_list import HitList
from tests.pilot import settle, wait_until

SIZE = (140, 45)
ARTICLES = 450


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    """Enough articles for several pages: dated, undated, with and without an outlet."""
    corpus = tmp_path_factory.mktemp("corpus")
    for number in range(ARTICLES):
        lines = [f"Headline number {number:03d} about the harbour"]
        if number % 3:
            lines.append(f"Outlet {'ABC'[number % 3]}")
        if number % 2:
            lines.append(f"{2000 + number % 20}-0{1 + number % 9}-1{number % 10}")
        body = f"The harbour master said the ships waited for {number} days at the quay."
        (corpus / f"a{number:03d}.txt").write_text("\n\n".join([*lines, body]), encoding="utf-8")
    library = Library.open(corpus, tmp_path_factory.mktemp("index"))
    library.update()
    return library


def run(library: Library, scenario: Callable[[Pilot[None]], Awaitable[None]]) -> None:
    async def go() -> None:
        app = make_app(library)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(go())


def order(library: Library, sort: SortKey, descending: bool) -> list[str]:
    return [row.id for row in library.summaries_page(0, ARTICLES, sort, descending)]


def main_screen(pilot: Pilot[None]) -> MainScreen:
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


@pytest.mark.slow
def test_the_list_pages_through_every_article_with_the_keys(library: Library) -> None:
    newest_first = order(library, "date", True)

    async def scenario(pilot: Pilot[None]) -> None:
        app = pilot.app
        articles = app.screen.query_one(ArticleList)
        assert articles.row_count == ARTICLES
        assert articles.current_id == newest_first[0]
        # Only what is on screen was read: one page, not the corpus.
        assert len(articles._pages) == 1
        await pilot.press("end")
        assert articles.current_id == newest_first[-1]
        assert articles.scroll_y == articles.max_scroll_y
        await pilot.press("pageup")
        page = articles.cursor
        assert page < ARTICLES - 1 and articles.current_id == newest_first[page]
        await pilot.press("home", *["pagedown"] * 8, "down")
        assert articles.current_id == newest_first[articles.cursor] and articles.cursor > PAGE_ROWS
        assert len(articles._pages) <= _CACHED_PAGES
        await pilot.press("enter")
        await settle(pilot)
        loaded = main_screen(pilot).pane.loaded
        assert loaded is not None and loaded.article.id == newest_first[articles.cursor]

    run(library, scenario)


def test_sorting_keeps_the_cursor_on_its_article(library: Library) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        articles = pilot.app.screen.query_one(ArticleList)
        await pilot.press(*["pagedown"] * 3, "down", "down")
        chosen = articles.current_id
        sorts: list[tuple[str, SortKey, bool]] = [
            ("s", "title", False),
            ("s", "source", False),
            ("S", "source", True),
            ("s", "quotes", True),
            ("s", "date", True),
        ]
        for key, sort, descending in sorts:
            await pilot.press(key)
            assert (articles.sort_column, articles.descending) == (sort, descending)
            assert articles.current_id == chosen
            assert order(library, sort, descending)[articles.cursor] == chosen
            visible = articles.scrollable_content_region.height - 1
            assert articles.scroll_y <= articles.cursor < articles.scroll_y + visible

    run(library, scenario)


@pytest.mark.slow
def test_hits_beyond_the_first_screen_arrive_right_after_it(library: Library) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        app = pilot.app
        await pilot.press("slash", *"harbour", "enter")
        await settle(pilot)
        hits = app.screen.query_one(HitList)
        assert len(hits.hits) == 50  # SEARCH_LIMIT, of 450 matching articles
        assert hits.option_count == 50 and hits.highlighted == 0
        assert app.focused is hits
        await pilot.press("end")  # the last hit: the 400 not listed yet are read first
        await wait_until(pilot, lambda: len(hits.hits) == ARTICLES and not hits.loading)
        assert hits.current_id == hits.hits[-1].id
        assert gc.isenabled()  # held off while searching and painting, then back

    run(library, scenario)


@pytest.mark.slow
def test_focus_changes_do_not_pile_up_footer_keys(library: Library) -> None:
    async def scenario(pilot: Pilot[None]) -> None:
        app = pilot.app
        for _ in range(15):
            await pilot.press("slash", "escape")
            await pilot.pause()
        gc.collect()
        keys = [o for o in gc.get_objects() if isinstance(o, FooterKey)]
        assert len(keys) <= 2 * len(app.screen.query(FooterKey))
        assert isinstance(app.focused, ArticleList)
        box = app.screen.query_one(Input)
        assert box.value == ""

    run(library, scenario)


def test_rows_follow_a_change_of_theme(library: Library) -> None:
    """The list keeps its own style between rows, not across a change of styles."""

    async def scenario(pilot: Pilot[None]) -> None:
        articles = pilot.app.screen.query_one(ArticleList)

        def background() -> object:
            return next(iter(articles.render_line(3))).style.bgcolor  # a row, not the cursor

        dark = background()
        pilot.app.action_toggle_theme()  # type: ignore[attr-defined]
        await settle(pilot)
        assert background() != dark
        assert background() == articles.rich_style.bgcolor

    run(library, scenario)


def test_the_first_paint_waits_for_nothing_but_the_count(library: Library) -> None:
    """No summary list is loaded at start: the list holds one page whatever the corpus."""

    async def scenario(pilot: Pilot[None]) -> None:
        articles = pilot.app.screen.query_one(ArticleList)
        rows = sum(len(page) for page in articles._pages.values())
        assert rows <= PAGE_ROWS < ARTICLES

    run(library, scenario)


@pytest.mark.slow
def test_the_command_palette_finds_titles_page_by_page(library: Library) -> None:
    from textual.command import CommandList

    async def scenario(pilot: Pilot[None]) -> None:
        app = pilot.app
        await pilot.press("ctrl+p", *"number 437")
        commands = app.screen.query_one(CommandList)
        for _ in range(400):  # the title provider answers after the palette's own commands
            shown = [
                str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
            ]
            if shown and "number 437" in shown[0]:
                break
            await pilot.pause(0.02)
        await pilot.press("enter")
        await settle(pilot)
        loaded = main_screen(pilot).pane.loaded
        assert loaded is not None
        assert loaded.article.title == "Headline number 437 about the harbour"

    run(library, scenario)


def test_an_empty_corpus_shows_the_placeholder(tmp_path: Path) -> None:
    """An empty corpus shows the placeholder, not an error (no page to read)."""
    corpus = tmp_path / "empty"
    corpus.mkdir()
    library = Library.open(corpus, tmp_path / "index")

    async def scenario(pilot: Pilot[None]) -> None:
        articles = pilot.app.screen.query_one(ArticleList)
        assert articles.row_count == 0 and articles.current_id is None
        assert "No articles" in articles.placeholder
        await pilot.press("end", "enter", "s")
        assert articles.current_id is None

    run(library, scenario)
