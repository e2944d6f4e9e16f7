"""Pilot tests of the user's own data in the reader: read state, stars, tags, notes, history,
saved searches and export, each from its key on the main screen."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from reader.index import Library
from reader.personal import Reading
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.personal_dialogs import NameDialog, NoteDialog, TagDialog
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.hit_list import HitList
from reader.ui.widgets.saved_panel import SavedSearchesPanel
from tests.pilot import main_screen, settle, synchronous, wait_until

SIZE = (140, 45)


@pytest.fixture
def library(seeds_library: Library) -> Library:
    return seeds_library


@pytest.fixture
def app(library: Library) -> ReaderApp:
    return make_app(library)


def reading_of(library: Library) -> Reading:
    """The user's data as another process (a CLI call) would see it."""
    return Reading.open(library)


async def type_text(pilot: object, text: str) -> None:
    for character in text:
        await pilot.press("space" if character == " " else character)  # type: ignore[attr-defined]


@synchronous
async def test_opening_marks_read_and_u_toggles(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = main_screen(pilot).query_one(ArticleList)
        first = articles.current_id
        assert first is not None
        row = articles.render_line(1).text
        assert row.lstrip().startswith("●")  # unread
        await pilot.press("enter")
        await settle(pilot)
        assert reading_of(library).state(first).read
        assert not articles.render_line(1).text.lstrip().startswith("●")
        await pilot.press("u")  # the open article: unread again
        await settle(pilot)
        assert not reading_of(library).state(first).read
        assert articles.render_line(1).text.lstrip().startswith("●")


@synchronous
async def test_next_unread_skips_read_articles(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = main_screen(pilot).query_one(ArticleList)
        ids = [summary.id for summary in articles.rows(0, 5)]
        reading_of(library).mark_read(ids[1:3])
        await pilot.press("U")  # opens it, as newsboat does: it is read now
        await settle(pilot)
        assert articles.current_id == ids[3]
        pane = main_screen(pilot).pane
        assert pane.loaded is not None and pane.loaded.article.id == ids[3]
        assert reading_of(library).state(ids[3]).read
        await pilot.press("U")  # walks on past the one just read
        await settle(pilot)
        assert articles.current_id == ids[4]


@synchronous
@pytest.mark.slow
async def test_star_tags_and_notes_from_their_keys(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = main_screen(pilot).query_one(ArticleList).current_id
        assert first is not None
        await pilot.press("asterisk", "t")
        await settle(pilot)
        assert isinstance(app.screen, TagDialog)
        await type_text(pilot, "summit geneva")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)
        await type_text(pilot, "-geneva")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).insert("check the readout")
        await pilot.press("ctrl+s")
        await settle(pilot)
        state = reading_of(library).state(first)
        assert (state.starred, state.tags, state.note) == (True, ("summit",), "check the readout")
        row = main_screen(pilot).query_one(ArticleList).render_line(1).text
        assert "★ ✎" in row


@synchronous
async def test_the_reading_pane_shows_the_marks_and_the_tag_dialog_names_its_article(
    app: ReaderApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("enter", "tab")  # read the first article, in the reading pane
        await settle(pilot)
        header = screen.pane.view.query_one(".header")
        assert "#" not in str(header.render())
        await pilot.press("asterisk", "t")
        await settle(pilot)
        assert isinstance(app.screen, TagDialog)
        title = screen.pane.loaded.article.title if screen.pane.loaded else ""
        assert str(app.screen.query_one("#tag-about").render()) == title
        await type_text(pilot, "summit")
        await pilot.press("enter", "u")
        await settle(pilot)
        marks = str(header.render()).splitlines()[-1]
        assert marks.split() == ["●", "★", "#summit"]  # unread again, starred, tagged


@synchronous
async def test_note_on_the_quote_walked_to(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "A")
        await settle(pilot)
        assert isinstance(app.screen, NoteDialog)
        app.screen.query_one(TextArea).insert("verify")
        await pilot.press("ctrl+s")
        await settle(pilot)
        loaded = screen.pane.loaded
        assert loaded is not None
        reading = reading_of(library)
        texts = [quote.text for quote in loaded.quotes]
        placed = reading.quote_notes_for(reading.state(loaded.article.id), texts)
        index = screen.pane.current_quote()
        assert index is not None and placed[index].note == "verify"


@synchronous
async def test_history_back_and_forward(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        screen = main_screen(pilot)
        articles = screen.query_one(ArticleList)
        first, second = (summary.id for summary in articles.rows(0, 2))
        await pilot.press("enter")
        await settle(pilot)
        articles.focus()
        await pilot.press("j", "enter")
        await settle(pilot)

        def on_screen() -> str | None:
            return screen.pane.loaded.article.id if screen.pane.loaded else None

        assert on_screen() == second
        await pilot.press("H")
        await wait_until(pilot, lambda: on_screen() == first)
        await pilot.press("L")
        await wait_until(pilot, lambda: on_screen() == second)
        await pilot.press("L")  # nothing ahead: stays
        await settle(pilot)
        assert on_screen() == second


async def search_for(pilot: object, query: str) -> None:
    await pilot.press("slash")  # type: ignore[attr-defined]
    await type_text(pilot, query)
    await pilot.press("enter")  # type: ignore[attr-defined]
    await wait_until(pilot, lambda: main_screen(pilot).lists.hits.hits != ())  # type: ignore[arg-type]


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_tag_every_result_of_a_search(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "navalny")
        hits = main_screen(pilot).query_one(HitList)
        found = {hit.id for hit in hits.hits}
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert isinstance(app.screen, TagDialog) and app.screen.article_count == len(found)
        await type_text(pilot, "navalny")
        await pilot.press("enter")
        await settle(pilot)
        assert reading_of(library).tagged_ids("navalny") == found
        assert "#navalny" in hits.get_option_at_index(0).prompt.parts[0].plain  # type: ignore[union-attr]


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_saved_search_panel_runs_the_query(app: ReaderApp, library: Library) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "geneva")
        total = main_screen(pilot).search_bar.result.total  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        app.screen.query_one(Input).value = "summit"
        await pilot.press("enter")
        await settle(pilot)
        assert reading_of(library).saved_search("summit").query == "geneva"
        await pilot.press("escape", "escape")  # back to the full list
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        panel = main_screen(pilot).query_one(SavedSearchesPanel)
        label = panel.get_option_at_index(0).prompt
        assert str(label) == f"summit  {total}"  # all unread
        await pilot.press("enter")
        await wait_until(pilot, lambda: main_screen(pilot).lists.showing_hits)
        assert main_screen(pilot).search_bar.query_text == "geneva"


@synchronous
async def test_export_the_results_to_a_path(
    app: ReaderApp, library: Library, tmp_path: Path
) -> None:
    target = tmp_path / "out.csv"
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "geneva")
        found = {hit.id for hit in main_screen(pilot).lists.hits.hits}
        await pilot.press("x")
        await settle(pilot)
        assert isinstance(app.screen, ExportDialog)
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: not isinstance(app.screen, ExportDialog))
    with target.open(newline="", encoding="utf-8") as rows:
        assert {row["id"] for row in csv.DictReader(rows)} == found


@synchronous
async def test_saved_search_in_the_palette_with_its_unread_count(
    app: ReaderApp, library: Library
) -> None:
    from textual.command import CommandList

    from reader.search import matching_ids

    reading = reading_of(library)
    reading.save_search("kremlin watch", "kremlin")
    matching = matching_ids(library, "kremlin")
    reading.mark_read(matching[:1])
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"kremlin watch")

        def labels() -> list[str]:
            found = pilot.app.screen.query(CommandList)
            if not found:
                return []
            options = found.first()
            return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]

        await wait_until(pilot, lambda: any("Saved search" in label for label in labels()))
        expected = f"Saved search: kremlin watch ({len(matching) - 1:,} unread)\nkremlin"
        assert expected in labels()
        while not str(
            pilot.app.screen.query_one(CommandList).highlighted_option.prompt  # type: ignore[union-attr]
        ).startswith("Saved search"):
            await pilot.press("down")
        await pilot.press("enter")
        await wait_until(pilot, lambda: main_screen(pilot).lists.showing_hits)
        assert main_screen(pilot).search_bar.query_text == "kremlin"


@synchronous
async def test_opening_a_hit_marks_it_read_in_the_hits(app: ReaderApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "geneva")
        hits = main_screen(pilot).query_one(HitList)

        def title(index: int) -> str:
            return hits.get_option_at_index(index).prompt.parts[0].plain  # type: ignore[union-attr]

        first, second = title(0), title(2)  # a divider between hits
        assert first.startswith("● ") and second.startswith("● ")
        await pilot.press("enter")
        await settle(pilot)
        assert title(0) == first.removeprefix("● ") and title(2) == second


def test_no_two_keys_of_the_main_screen_collide() -> None:
    from reader.ui import keys

    seen: dict[str, str] = {}
    for binding in [*keys.APP, *keys.MAIN, *keys.PERSONAL]:
        assert not isinstance(binding, tuple)
        for key in binding.key.split(","):
            assert key not in seen, f"{key} is both {seen[key]} and {binding.action}"
            seen[key] = binding.action


@synchronous
async def test_a_refused_saved_search_is_not_reported_saved(
    app: ReaderApp, library: Library
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search_for(pilot, "geneva")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NameDialog)
        app.screen.query_one(Input).value = "n" * 300  # over the name's limit
        await pilot.press("enter")
        await settle(pilot)
        messages = [note.message for note in app._notifications]
        assert messages and not any("Saved as" in message for message in messages), messages
        assert reading_of(library).saved_searches() == []
