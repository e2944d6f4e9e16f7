"""The speakers view: the table (archive or search results, sort, filter), one speaker's
statements with their wordings compared, and Enter opening the article at the quote."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from rich.text import Text
from textual.command import CommandList
from textual.widgets import DataTable, Static

from reader.index import Library
from reader.models import Quote, Speaker
from reader.ui.app import ReaderApp, make_app
from reader.ui.screens.speaker import SpeakerScreen, carrier_text
from reader.ui.screens.speakers import SpeakersScreen, matches
from reader.ui.statements import statements, word_diff
from reader.ui.widgets.pager_keys import PagedOptionList
from tests.conftest import write_articles
from tests.pilot import main_screen, open_speakers, settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture
def app() -> ReaderApp:
    return make_app(Library.open(SEEDS))


def _quote(text: str, group: str | None, start: int = 0) -> Quote:
    return Quote(text, start, start + len(text), 0, "speech", "Vladimir Putin", group)


def test_a_statement_is_listed_once_with_every_outlet_and_its_wordings() -> None:
    quotes = {
        "a": (_quote("a purely technical question", "g1"), _quote("we will see", None, 40)),
        "b": (_quote("a purely technical question", "g1"),),
        "c": (_quote("a purely technical issue", "g1"),),
    }
    where = {"a": ("BBC", "2021-06-17"), "b": ("Reuters", "2021-06-16"), "c": ("TASS", None)}
    found = statements(quotes, where)
    assert [s.wording for s in found] == ["a purely technical question", "we will see"]
    first = found[0]
    assert first.outlets == ["BBC", "Reuters", "TASS"] and first.variants == 2
    assert [c.article for c in first.carriers] == ["c", "b", "a"]  # undated first, then by date


def test_word_diff_marks_the_words_a_variant_changes() -> None:
    base, variant = "it is a purely technical question", "it is purely a technical issue"
    changes = word_diff(base, variant)
    assert [(variant[a:b], kind) for a, b, kind in changes if kind != "delete"] == [
        ("purely", "insert"),
        ("issue", "replace"),
    ]
    assert any(kind == "delete" for _, _, kind in changes)  # "a" moved: left out where it was
    assert word_diff(base, base) == []


def test_a_variant_is_styled_by_offsets_never_as_markup() -> None:
    quotes = {
        "a": (_quote("we said [bold]no[/bold] twice", "g"),),
        "b": (_quote("we said [bold]no[/bold] twice", "g"),),
        "c": (_quote("we said [bold]yes[/bold] twice", "g"),),
    }
    statement = statements(quotes, {})[0]
    text = carrier_text(statement, statement.carriers[-1])
    assert isinstance(text, Text) and "[bold]yes[/bold]" in text.plain
    styled = [
        text.plain[span.start : span.end] for span in text.spans if "underline" in str(span.style)
    ]
    assert styled == ["[bold]yes[/bold]"]


def test_the_filter_looks_at_names_aliases_roles_and_kind() -> None:
    putin = Speaker("Vladimir Putin", "person", ("Poutine",), ("Russian president",), 3, 2, 1)
    assert matches(putin, ["poutine"]) and matches(putin, ["russian", "vlad"])
    assert matches(putin, ["person"]) and not matches(putin, ["kremlin"])


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_p_lists_the_speakers_and_enter_opens_the_article_at_the_quote(
    app: ReaderApp,
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_speakers(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count >= 5 and screen.shown[0].name == "Vladimir Putin"
        await pilot.press("s")  # by articles
        await pilot.press("s", "s")  # by name, A to Z
        await pilot.pause()
        names = [s.name for s in screen.shown]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("slash", *"kreml")
        await wait_until(pilot, lambda: table.row_count == 1)
        assert screen.shown[0].name == "the Kremlin"
        await pilot.press("enter")  # from the filter back to the table
        await pilot.press("enter")  # open the speaker
        await settle(pilot)
        speaker = pilot.app.screen
        assert isinstance(speaker, SpeakerScreen)
        target = next(iter(speaker.targets.values()))
        await pilot.press("enter")  # the first report of the first statement
        await settle(pilot)
        await pilot.pause()
        main = main_screen(pilot)
        loaded = main.pane.loaded
        assert loaded is not None and loaded.article.id == target[0]
        await wait_until(pilot, lambda: main.reading.current_quote is not None)
        current = main.reading.current_quote
        assert current is not None and loaded.quotes[current].start == target[1]
        assert loaded.quotes[current].speaker == "the Kremlin"


@synchronous
async def test_with_a_search_the_table_holds_the_speakers_of_its_results(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"peskov", "enter")
        await settle(pilot)
        ids = main_screen(pilot).result_ids()
        assert ids is not None and 0 < len(ids) < 5
        screen = await open_speakers(pilot)  # from the hits
        assert screen.article_ids == ids
        every = {s.name for s in app.library.speakers()}
        assert {s.name for s in screen.speakers} < every
        assert "Dmitry Peskov" in {s.name for s in screen.speakers}
        await pilot.press("escape")
        await pilot.pause()
        assert main_screen(pilot).search_bar.query_text == "peskov"  # the search is kept


@synchronous
async def test_i_moves_the_speakers_into_a_margin_and_back(app: ReaderApp) -> None:
    from rich.table import Table

    from reader.ui.render import margin_labels

    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        main = main_screen(pilot)
        view = main.reading
        document = view.document
        assert document is not None
        labelled = [
            index
            for index, block in enumerate(document.article.blocks)
            if margin_labels(document, block)
        ]
        assert labelled
        widget = view._blocks[labelled[0]]
        labels = margin_labels(document, document.article.blocks[labelled[0]])
        inline = widget.content
        assert isinstance(inline, Text) and f"◂ {labels[0]}" in inline.plain
        await pilot.press("i")
        await pilot.pause()
        grid = widget.content
        assert view.speakers_in_margin and isinstance(grid, Table)
        margin, text = (next(iter(column.cells)) for column in grid.columns)
        assert isinstance(margin, Text) and margin.plain.split("\n") == labels
        assert isinstance(text, Text) and "◂" not in text.plain
        await pilot.press("i")
        await pilot.pause()
        back = widget.content
        assert not view.speakers_in_margin and isinstance(back, Text) and back.plain == inline.plain


@synchronous
async def test_the_command_palette_opens_the_speakers(app: ReaderApp) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"Speakers")
        commands = pilot.app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(pilot.app.screen, SpeakersScreen)


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_x_on_a_speaker_exports_exactly_their_quotes_and_says_where(
    app: ReaderApp, tmp_path: Path
) -> None:
    from textual.widgets import Input

    from reader.ui.screens.export_dialog import ExportDialog

    target = tmp_path / "peskov.jsonl"
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_speakers(pilot)
        await pilot.press("slash", *"peskov")
        await wait_until(pilot, lambda: screen.query_one(DataTable).row_count == 1)
        await pilot.press("enter", "enter")  # back to the table, open the speaker
        await settle(pilot)
        speaker = pilot.app.screen
        assert isinstance(speaker, SpeakerScreen) and speaker.speaker.name == "Dmitry Peskov"
        await pilot.press("x")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: pilot.app.screen is speaker)
        notes = [str(note.message) for note in pilot.app._notifications]
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    said = app.library.speaker_quotes("Dmitry Peskov")
    expected = sorted((article, q.text) for article, quotes in said.items() for q in quotes)
    assert len(expected) >= 2
    assert sorted((r["article"], r["text"]) for r in records) == expected
    assert {r["speaker"] for r in records} == {"Dmitry Peskov"}
    assert f"Exported {len(expected)} quotations to {target}" in notes


def test_a_listed_speaker_exports_only_that_name_a_typed_name_any_spelling(
    app: ReaderApp,
) -> None:
    from reader.export.records import _speaker_test

    blair = Speaker("Tony Blair", "person", (), (), 3, 2, 1)
    library = app.library
    exact, typed = _speaker_test(library, blair), _speaker_test(library, "BLAIR")
    assert exact is not None and typed is not None and _speaker_test(library, None) is None
    assert exact("Tony Blair") and not exact("Cherie Blair")
    assert typed("Tony Blair") and typed("Cherie Blair") and not typed("Gordon Brown")


@synchronous
async def test_a_speaker_of_many_names_is_one_row_that_says_its_other_names(
    tmp_path: Path,
) -> None:
    from textual.widgets import Static

    bodies = {
        "a": "“We will cut taxes,” the Liberal Democrats said.",
        "b": "“Schools come first,” said the Lib Dems.",
        "c": "“We will win,” said the Conservatives.",
    }
    corpus = write_articles(tmp_path / "corpus", bodies)
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    async with make_app(library).run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_speakers(pilot)
        table = screen.query_one(DataTable)
        await pilot.press("slash", *"lib dems")  # an alias finds the speaker
        await wait_until(pilot, lambda: table.row_count == 1)
        assert screen.shown[0].name == "Liberal Democrats" and screen.shown[0].quotes == 2
        info = str(screen.query_one("#speakers-info", Static).render())
        assert info.startswith("also quoted as the Lib Dems, the Liberal Democrats · 1 of 2")
        await pilot.press("enter", "enter")  # back to the table, open the speaker
        await settle(pilot)
        speaker = pilot.app.screen
        assert isinstance(speaker, SpeakerScreen)
        assert {article for article, _ in speaker.targets.values()} == {"a", "b"}


def _no_via_column(*_: object) -> list[Speaker]:
    raise sqlite3.OperationalError("no such column: via")  # an older catalog, being rebuilt


@synchronous
async def test_speakers_of_an_index_being_rebuilt_say_so_instead_of_reading_forever(
    app: ReaderApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(app.library, "speakers", _no_via_column)
        monkeypatch.setattr(app.library, "speaker_quotes", _no_via_column)
        monkeypatch.setattr(app.library, "is_updating", lambda: True)
        screen = await open_speakers(pilot)
        await wait_until(pilot, lambda: "rebuilt" in screen.info)
        assert "being rebuilt" in str(screen.query_one(Static).render())
        monkeypatch.setattr(app.library, "is_updating", lambda: False)
        putin = Speaker("Vladimir Putin", "person", (), (), 3, 2, 1)
        speaker = SpeakerScreen(app.library, putin)
        await pilot.app.push_screen(speaker)
        await settle(pilot)
        listing = speaker.query_one(PagedOptionList)
        await wait_until(pilot, lambda: listing.option_count == 1)
        shown = str(listing.get_option_at_index(0).prompt)
        assert "could not be read (OperationalError: no such column: via)" in shown
