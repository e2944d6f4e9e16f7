"""Stories in the TUI: the story column, "Also covered by" with v to compare, and the compare
screen (sentence colours, summary, differences mode, o to cycle, copies told as copies)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.index import Library
from reader.ui.app import ReaderApp, make_app
from reader.ui.messages import ArticleSelected
from reader.ui.screens.compare import CompareScreen
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.story_panel import StoryPanel
from tests.pilot import main_screen, settle, synchronous
from tests.test_index_stories import FILLER, LOHAN, REID, _write

MARKUP_TITLE = "[b]Tara Reid[/b] is at Promises [link=x]"


def story_corpus(folder: Path) -> Path:
    """Two look-alike stories of four reports, six unrelated articles, a wire copy of
    lohan0 (its end cut) and a title that reads like markup."""
    folder.mkdir()
    for name, bodies in (("reid", REID), ("lohan", LOHAN), ("filler", FILLER)):
        for number, body in enumerate(bodies):
            _write(folder, f"{name}{number}", body)
    (folder / "reid3.txt").write_text(f"{MARKUP_TITLE}\n\n{REID[3]}\n", encoding="utf-8")
    _write(folder, "zcopy", LOHAN[0].rsplit(" ", 3)[0] + ".")
    return folder


@pytest.fixture
def app(tmp_path: Path) -> ReaderApp:
    return make_app(Library.open(story_corpus(tmp_path / "corpus")))


async def open_id(pilot: Pilot[None], article_id: str) -> None:
    await settle(pilot)
    main_screen(pilot).post_message(ArticleSelected(article_id))
    await settle(pilot)
    await pilot.pause()


def summary_of(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#compare-summary", Static).render())


@synchronous
async def test_the_list_shows_each_article_s_story(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        articles = pilot.app.screen.query_one(ArticleList)
        lines = [articles.render_line(y).text for y in range(0, 17)]
        assert "Story" in lines[0]
        assert sum("4 articles" in line for line in lines) == 4  # reid0-3
        assert sum("5 articles · 1 copy" in line for line in lines) == 5  # lohan0-3, zcopy
        assert any(MARKUP_TITLE[:20] in line for line in lines)  # literal, not markup


@synchronous
async def test_also_covered_by_lists_the_other_reports(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_id(pilot, "reid0")
        panel = pilot.app.screen.query_one(StoryPanel)
        assert panel.region.height > 0
        shown = str(panel.render())
        assert "reid0" not in shown and "reid1" in shown  # outlet unknown: the id
        assert MARKUP_TITLE in shown  # the title as written, never parsed as markup
        assert "4 articles" in str(panel.border_title)
        await open_id(pilot, "filler1")
        assert panel.region.height == 0  # nobody else reports it: no panel


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_v_compares_and_o_cycles_through_the_story(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_id(pilot, "reid0")
        await pilot.press("C")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        first_right = screen.article_ids[1]
        assert screen.article_ids[0] == "reid0" and first_right.startswith("reid")
        summary = summary_of(pilot)
        assert "statements in both" in summary and "only left" in summary
        assert "story 1/3 (o)" in summary
        left = screen.query_one("#left", ArticleView)
        assert left.document is not None and left.document.aligned_spans
        await pilot.press("o")
        await settle(pilot)
        assert screen.article_ids[1] not in ("reid0", first_right)
        assert "story 2/3 (o)" in summary_of(pilot)


@synchronous
async def test_differences_mode_shows_what_one_side_lacks(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await open_id(pilot, "lohan1")
        await pilot.press("C")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen) and not screen.differences
        await pilot.press("d")
        await pilot.pause()
        assert screen.has_class("-differences")
        left = str(screen.query_one("#left-only", Static).render())
        assert "Statements only here" in left and "Numbers only here" in left
        assert screen.query_one("#left", ArticleView).region.height == 0
        await pilot.press("d")
        await pilot.pause()
        assert not screen.has_class("-differences")


@synchronous
async def test_a_copy_is_shown_as_a_copy(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        main_screen(pilot).marked_id = "lohan0"
        await open_id(pilot, "zcopy")  # opening with a mark compares the two
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        summary = summary_of(pilot)
        assert summary.startswith("copy of Lindsay Lohan left the Betty Ford Center")
        assert "small edit" in summary
        assert screen.differences  # the edits, not every aligned line


@synchronous
async def test_also_covered_by_on_a_small_terminal(app: ReaderApp) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_id(pilot, "lohan0")
        panel = pilot.app.screen.query_one(StoryPanel)
        assert 0 < panel.region.height <= 4  # a few lines, the article keeps the room
        await pilot.press("C")
        await settle(pilot)
        screen = pilot.app.screen
        assert isinstance(screen, CompareScreen)
        assert screen.article_ids[0] == "lohan0"


@synchronous
async def test_the_palette_shows_a_markup_title_as_written(app: ReaderApp) -> None:
    from textual.command import CommandList

    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"promises")
        commands = pilot.app.screen.query_one(CommandList)
        shown: list[str] = []
        for _ in range(300):  # the title provider answers after the palette's own commands
            shown = [
                str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
            ]
            if any("Promises" in line for line in shown):
                break
            await pilot.pause(0.02)
        assert any(MARKUP_TITLE in line for line in shown), shown  # literal, never parsed
