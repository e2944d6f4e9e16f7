"""Pilot tests of the reader's message flow: search, hits, walking, suggestions, compare."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandList
from textual.widgets import ContentSwitcher, Input

from reader.compare import side_by_side
from reader.index import Library
from reader.models import SearchResult
from reader.ui.app import ReaderApp, make_app
from reader.ui.messages import (
    ArticleLoaded,
    ArticleSelected,
    CompareLoaded,
    CompareRequested,
    IndexChecked,
    IndexReady,
    QuoteActivated,
    SearchCompleted,
    SearchFailed,
)
from reader.ui.screens.compare import CompareScreen
from reader.ui.screens.main import MainScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.hit_list import HitList
from reader.ui.widgets.quote_panel import QuotePanel
from reader.ui.widgets.status_bar import StatusBar
from tests.pilot import (
    Recorder,
    main_screen,
    open_article_keys,
    settle,
    synchronous,
    wait_until,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
SIZE = (140, 45)


@pytest.fixture
def app() -> ReaderApp:
    return make_app(Library.open(SEEDS))


def completed_queries(recorder: Recorder) -> list[str]:
    return [m.result.query for m in recorder.of(SearchCompleted)]  # type: ignore[attr-defined]


@synchronous
async def test_start_fills_the_list_from_the_index(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        ready = recorder.of(IndexReady)
        assert ready and not ready[-1].building  # type: ignore[attr-defined]
        status = pilot.app.screen.query_one(StatusBar)
        assert status.article_count == 5
        assert status.index_state == "up to date"


@synchronous
async def test_second_start_shows_the_index_before_checking_the_corpus() -> None:
    library = Library.open(SEEDS)
    library.update()
    app = make_app(library)
    rows_when_checked: list[int] = []
    check = library.needs_update

    def needs_update() -> bool:  # in the index worker
        rows_when_checked.append(app.screen.query_one(ArticleList).row_count)
        return check()

    library.needs_update = needs_update  # type: ignore[method-assign]
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        # The list had its rows before the first frame: no message had to bring them.
        assert not recorder.of(IndexReady)
        assert rows_when_checked == [5]
        assert recorder.of(IndexChecked)
        assert pilot.app.screen.query_one(StatusBar).index_state == "up to date"
        assert pilot.app.screen.query_one(StatusBar).article_count == 5


@synchronous
async def test_search_as_you_type_shows_ranked_hits(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"geneva")  # / focuses the search box, then type
        await wait_until(pilot, lambda: "geneva" in completed_queries(recorder))
        # Debounced: typing fast searches once, for the whole word.
        assert completed_queries(recorder) == ["geneva"]
        screen = main_screen(pilot)
        assert screen.query_one(ContentSwitcher).current == "hits"
        hits = screen.query_one(HitList)
        assert hits.current_id is not None and hits.highlighted == 0
        assert screen.query_one(StatusBar).search_ms is not None
        assert isinstance(screen.focused, Input)  # typing does not steal focus


@synchronous
async def test_stale_results_are_dropped(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        screen.search_bar.input.value = "geneva"
        await pilot.press("enter")
        await settle(pilot)
        shown = screen.query_one(HitList).option_count
        stale = SearchResult("putin", 1, (), None, frozenset({"putin"}), 1.0)
        screen.search_bar.post_message(SearchCompleted(stale))
        await settle(pilot)
        assert screen.search_bar.result is not None
        assert screen.search_bar.result.query == "geneva"
        assert screen.query_one(HitList).option_count == shown


@synchronous
async def test_enter_searches_focuses_first_hit_and_opens_it(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"geneva", "enter")  # Enter: search now, focus the first hit
        await settle(pilot)
        screen = main_screen(pilot)
        hits = screen.query_one(HitList)
        assert screen.focused is hits
        first = hits.current_id
        await pilot.press("enter")  # open the highlighted hit
        await settle(pilot)
        assert [m.article_id for m in recorder.of(ArticleSelected)] == [first]  # type: ignore[attr-defined]
        loaded = recorder.of(ArticleLoaded)[-1]
        assert loaded.loaded.article.id == first  # type: ignore[attr-defined]
        reading = screen.reading
        assert screen.focused is reading
        assert reading.document is not None and reading.document.hit_spans
        assert reading.current_hit == 0  # opened at the first hit


@pytest.mark.slow
@synchronous
async def test_walking_hits_and_quotes(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"biden", "enter", "enter")  # search, open first hit
        await settle(pilot)
        reading = main_screen(pilot).reading
        assert reading.document is not None
        total = len(reading.document.hit_spans)
        assert total > 2
        await pilot.press("n", "n")  # two hits on
        assert reading.current_hit == 2
        assert f"hit 3/{total}" in str(reading.border_subtitle)
        await pilot.press("N", "N", "N")  # back past the first: wraps to the last
        assert reading.current_hit == total - 1
        await pilot.press("right_square_bracket", "right_square_bracket")  # ] ] two quotes
        await pilot.pause()
        assert reading.current_quote == 1
        focused = [m.index for m in recorder.of(ArticleView.QuoteFocused)]  # type: ignore[attr-defined]
        assert focused == [0, 1]
        assert main_screen(pilot).query_one(QuotePanel).highlighted == 1
        await pilot.press("left_square_bracket")  # [ back one
        assert reading.current_quote == 0
        assert f"quote 1/{len(reading.document.quotes)}" in str(reading.border_subtitle)


@synchronous
async def test_quote_panel_selection_scrolls_to_the_quote(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # open the first article of the list
        await settle(pilot)
        screen = main_screen(pilot)
        panel = screen.query_one(QuotePanel)
        panel.focus()
        last = panel.option_count - 1
        panel.highlighted = last
        await pilot.press("enter")
        await pilot.pause()
        assert [m.index for m in recorder.of(QuoteActivated)] == [last]  # type: ignore[attr-defined]
        assert screen.reading.current_quote == last
        assert screen.reading.scroll_y > 0


@synchronous
async def test_accepting_the_suggestion(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"genevva", "enter")  # a misspelling: no hits
        await settle(pilot)
        result = recorder.of(SearchCompleted)[-1].result  # type: ignore[attr-defined]
        assert result.total == 0 and result.suggestion
        await pilot.press("ctrl+y")  # accept "did you mean"
        await settle(pilot)
        screen = main_screen(pilot)
        assert screen.search_bar.input.value == result.suggestion
        assert completed_queries(recorder)[-1] == result.suggestion
        assert screen.query_one(HitList).current_id is not None


@synchronous
async def test_malformed_query_shows_inline_message(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"press', "enter")
        await settle(pilot)
        failures = recorder.of(SearchFailed)
        assert failures and "quote" in failures[-1].reason  # type: ignore[attr-defined]
        screen = main_screen(pilot)
        assert screen.search_bar.has_class("-error")
        await pilot.press("escape")  # clears the search, back to every article
        await settle(pilot)
        assert screen.search_bar.input.value == ""
        assert not screen.search_bar.has_class("-error")
        assert screen.query_one(ContentSwitcher).current == "articles"


@synchronous
@pytest.mark.slow
async def test_mark_then_open_compares(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press("m", "down", "enter")  # mark the first, open the second
        await settle(pilot)
        requested = recorder.of(CompareRequested)
        assert len(requested) == 1
        assert isinstance(pilot.app.screen, CompareScreen)
        loaded = recorder.of(CompareLoaded)[-1]
        comparison = loaded.comparison  # type: ignore[attr-defined]
        assert comparison.left_id == requested[0].left_id  # type: ignore[attr-defined]
        left = pilot.app.screen.query_one("#left", ArticleView)
        right = pilot.app.screen.query_one("#right", ArticleView)
        assert left.document is not None and right.document is not None
        rows = len(side_by_side(comparison.pairs))
        assert len(left.query(".block")) == len(right.query(".block")) == rows
        await pilot.press("escape")  # leave compare
        assert isinstance(pilot.app.screen, MainScreen)
        assert pilot.app.screen.marked_id is None  # the mark was used up


@synchronous
async def test_help_lists_the_bindings(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        table = str(pilot.app.screen.query_one("#help-table").render())
        assert pilot.app.screen.__class__.__name__ == "HelpScreen"
        await pilot.press("escape")
        assert isinstance(pilot.app.screen, MainScreen)
        del table


@synchronous
async def test_q_types_in_the_search_box_but_quits_elsewhere(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "q")
        assert main_screen(pilot).search_bar.input.value == "q"
        await pilot.press("escape", "escape", "q")
        await pilot.pause()
        assert not pilot.app.is_running


@synchronous
async def test_copy_quote_with_citation(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*open_article_keys(1))  # 000: Putin, "no illusions…"
        await settle(pilot)
        await pilot.press("right_square_bracket", "y")  # first quote, copy it
        quote = main_screen(pilot).pane.loaded.quotes[0]  # type: ignore[union-attr]
        copied = pilot.app.clipboard
        assert copied.startswith("“" + " ".join(quote.text.split())[:40])
        assert quote.speaker is not None and quote.speaker in copied
        assert main_screen(pilot).pane.loaded.article.title in copied  # type: ignore[union-attr]


@synchronous
async def test_jump_to_the_same_quote_in_another_article(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await pilot.press(*open_article_keys(1))
        await settle(pilot)
        pane = main_screen(pilot).pane
        assert pane.loaded is not None
        first = pane.loaded.article.id
        shared = next(i for i, quote in enumerate(pane.loaded.quotes) if quote.group)
        group = pane.loaded.quotes[shared].group
        await pilot.press(*["right_square_bracket"] * (shared + 1), "e")  # walk to it, jump
        await settle(pilot)
        assert pane.loaded.article.id != first
        current = pane.view.current_quote
        assert current is not None and pane.loaded.quotes[current].group == group


@synchronous
@pytest.mark.slow
async def test_compare_scrolls_in_step_until_toggled(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "m", "down", "enter")  # mark 001, compare with 002
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        left = screen.query_one("#left", ArticleView)
        right = screen.query_one("#right", ArticleView)
        assert left.max_scroll_y > 10
        left.scroll_to(y=10, animate=False)
        await pilot.pause()
        assert right.scroll_y == left.scroll_y == 10
        await pilot.press("s")  # synchronised scrolling off
        left.scroll_to(y=5, animate=False)
        await pilot.pause()
        assert right.scroll_y == 10


@pytest.mark.slow
@synchronous
async def test_theme_toggle_and_command_palette(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        dark = pilot.app.theme
        await pilot.press("T")  # dark <-> light
        assert pilot.app.theme != dark
        await pilot.press("ctrl+p", *"Regularize")  # palette: open an article by title
        await wait_until(pilot, lambda: pilot.app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await settle(pilot)
        opened = [m.article_id for m in recorder.of(ArticleSelected)]  # type: ignore[attr-defined]
        assert opened == ["003_0c9558334fc0134d"]
        await pilot.press("ctrl+p", *"Quote regularize these")  # palette: find a quote
        await wait_until(pilot, lambda: pilot.app.screen.query_one(CommandList).option_count > 0)
        await pilot.press("enter")
        await pilot.pause()
        pane = main_screen(pilot).pane
        current = pane.view.current_quote
        assert current is not None and pane.loaded is not None
        assert "regularize these" in pane.loaded.quotes[current].text


@synchronous
async def test_mouse_sorts_moves_and_opens(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        articles = main_screen(pilot).query_one(ArticleList)
        await pilot.click(ArticleList, offset=(3, 1))  # the header's Title column: sort by title
        assert articles.sort_column == "title"
        await pilot.click(ArticleList, offset=(3, 3))  # the second row: move the cursor there
        assert articles.cursor == 1
        second = articles.current_id
        await pilot.click(ArticleList, offset=(3, 3))  # again: open it
        await settle(pilot)
        assert [m.article_id for m in recorder.of(ArticleSelected)] == [second]  # type: ignore[attr-defined]


@synchronous
async def test_make_app_with_a_query_searches_at_start() -> None:
    app = make_app(Library.open(SEEDS), query="geneva")
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        screen = main_screen(pilot)
        # Searched once the index is ready (again, if the first search beat the index). The
        # hit list itself mounts just after the first frame.
        await wait_until(
            pilot, lambda: any(hits.current_id is not None for hits in screen.query(HitList))
        )
        assert screen.query_one(ContentSwitcher).current == "hits"
        assert "geneva" in completed_queries(recorder)


@synchronous
async def test_escape_unmarks(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("m", "down")  # mark the first article, move on
        screen = main_screen(pilot)
        assert screen.marked_id is not None
        await pilot.press("escape")  # nothing else to go back from: forget the mark
        assert screen.marked_id is None


@synchronous
async def test_fast_typing_after_slash_keeps_every_letter(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # Keys arriving in one burst, as from a fast typist or a slow machine: "/" must move
        # the focus before the letters behind it are delivered.
        for character, key in [("/", "slash"), ("g", "g"), ("e", "e"), ("n", "n")]:
            pilot.app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: main_screen(pilot).search_bar.input.value == "gen")
        await pilot.press("slash")  # in the box, "/" is just a character
        assert main_screen(pilot).search_bar.input.value == "gen/"


@synchronous
async def test_enter_right_behind_fast_typing_searches_the_whole_query(app: ReaderApp) -> None:
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        # One burst, as a terminal delivers a fast typist's keys: Enter (a priority binding)
        # is seen before the box has taken the letters ahead of it.
        keys = [("/", "slash"), *((c, c) for c in "geneva"), ("\r", "enter")]
        for character, key in keys:
            pilot.app.post_message(events.Key(key, character))
        await wait_until(pilot, lambda: isinstance(pilot.app.focused, HitList))
        screen = main_screen(pilot)
        assert screen.search_bar.input.value == "geneva"
        submitted = [m for m in recorder.of(SearchCompleted) if m.submitted]  # type: ignore[attr-defined]
        assert [m.result.query for m in submitted] == ["geneva"]  # type: ignore[attr-defined]


def test_skipped_files_are_announced_once_the_index_is_ready(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "good.txt").write_text("A headline here\n\nA body with enough words to read.")
    (corpus / "empty.txt").write_bytes(b"")
    library = Library.open(corpus, tmp_path / "index")

    async def run() -> list[str]:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            return [note.message for note in app._notifications]

    messages = asyncio.run(run())
    assert any("1 file was skipped" in message for message in messages)


@synchronous
async def test_a_check_of_an_up_to_date_index_does_not_call_results_partial() -> None:
    library = Library.open(SEEDS)
    library.update()
    app = make_app(library, query="putin")
    recorder = Recorder()
    async with app.run_test(size=SIZE, message_hook=recorder) as pilot:
        await settle(pilot)
        await wait_until(pilot, lambda: bool(completed_queries(recorder)))
        await settle(pilot)
        assert recorder.of(IndexChecked)
        info = str(pilot.app.screen.query_one("#search-info").render())
        assert "hits" in info and "still being built" not in info
