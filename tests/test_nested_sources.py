"""Nested sources: “...,” Sanders said, according to CNN is credited to CNN (PolNeAR's
convention) and keeps Sanders as the one who said it, so that speaker search, the quotes
command and the reading pane find and show both."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from textual.command import CommandList
from textual.widgets import DataTable, Input, Static

from reader.articles import parse_article
from reader.cli import cli
from reader.index import Library
from reader.index.stored_quotes import quotes_from_json, quotes_to_json
from reader.models import Quote, speaker_label, via_note
from reader.quotes import find_quotes
from reader.search import search
from reader.search.results import expand, with_facets
from reader.stories.align import SentenceAlignment
from reader.ui.app import make_app
from reader.ui.differences import differences_text
from reader.ui.messages import LoadedArticle
from reader.ui.render import Document, block_texts, margin_labels
from reader.ui.screens.export_dialog import ExportDialog
from reader.ui.screens.speaker import SpeakerScreen, carrier_text
from reader.ui.statements import Carrier, Statement
from reader.ui.widgets.quote_panel import QuotePanel
from tests.conftest import write_articles
from tests.pilot import (
    main_screen,
    open_article_keys,
    open_speakers,
    settle,
    synchronous,
    wait_until,
)
from tests.test_ui_render import STYLES

NESTED = (
    "Bernie Sanders spoke to supporters in Iowa on Monday.\n\n"
    "“We are going to win this nomination and the White House,” Sanders said, according to "
    "CNN. “And nobody should doubt it for one moment.”"
)
AFTER_ACCORDING = (
    "According to CNN, Bernie Sanders said “we are going to win this nomination and the "
    "White House.”"
)
OTHER = "Jane Roe opened the fair.\n\n“Nobody here has ever seen such a crowd,” Roe said."


def speech(body: str) -> list[tuple[str | None, str | None]]:
    return [(q.speaker, q.inner_speaker) for q in find_quotes(body) if q.kind == "speech"]


def test_the_outlet_is_credited_and_the_speaker_kept_with_the_quote() -> None:
    assert speech(NESTED) == [("CNN", "Bernie Sanders"), ("CNN", "Bernie Sanders")]
    assert speech(AFTER_ACCORDING) == [("CNN", "Bernie Sanders")]


@pytest.mark.parametrize(
    "body",
    [
        "“We are going to win this nomination,” according to CNN.",
        "Bernie Sanders spoke on Monday.\n\n“We are going to win this nomination,” Sanders said.",
        "“We are going to win this nomination,” Jane Doe said, according to a new poll.",
    ],
)
def test_no_inner_speaker_without_a_source_passing_someone_s_words_on(body: str) -> None:
    assert all(inner is None for _, inner in speech(body))


@pytest.mark.parametrize(
    "body",
    [
        # two subjects: the words are neither one's
        "According to their aides, Jane Roe and former Senator John Doe have worried for "
        "months that her slogan, “I get results,” fell flat.",
        # a name that only describes the head noun ("John Doe email chains")
        "John Doe's adviser Jim Poe was one of the authors of messages that appeared on "
        "several John Doe email chains recently labeled “top secret” by the department, "
        "according to two officials.",
        # the cue's clause is a subordinate one; the quote is the main clause's
        "After WXYZ's Jane Roe asked about the trip in an interview, the Does became "
        "“agitated” once the cameras were off, according to a source at the station.",
        # a sign's or a shirt's words
        "According to the Herald, one City Transport Department sign read, “Slow down now.”",
        "According to the Herald, the men were wearing shirts that read “Vote for John Doe.”",
    ],
)
def test_no_inner_speaker_when_the_subject_is_not_surely_the_one_who_said_it(
    body: str,
) -> None:
    said = speech(body)
    assert said and all(inner is None for _, inner in said)


def test_the_inner_speaker_of_a_subject_that_speaks_through_a_participle() -> None:
    body = (
        "Police stopped John LaSalle on Monday.\n\nAccording to the charges, LaSalle refused "
        "to comply, saying officers “would need to kill” him."
    )
    assert speech(body) == [("the charges", "John LaSalle")]


def test_a_surname_two_people_share_stays_as_written() -> None:
    namesakes = "Alan Roe met Dena Roe. Alan Roe and Dena Roe wed. " * 2
    body = f"{namesakes}\n\n“She will have my name,” Roe said, according to Lois Frankel."
    assert speech(body) == [("Lois Frankel", "Roe")]
    one = "Alan Roe spoke. Alan Roe left. Alan Roe won. Dena Roe stayed.\n\n"
    assert speech(one + "“She will have my name,” Roe said, according to Lois Frankel.") == [
        ("Lois Frankel", "Alan Roe")
    ]


@pytest.mark.parametrize("wrap", ["according to\nCNN.", "according\nto CNN."])
def test_a_hard_wrapped_line_does_not_cut_the_source(wrap: str) -> None:
    """Wire stories come in fixed-width lines; the reader's cleaned text keeps such breaks
    in blocks it leaves as they are (tables, indented text)."""
    body = NESTED.replace("according to CNN.", wrap)
    assert speech(body) == [("CNN", "Bernie Sanders"), ("CNN", "Bernie Sanders")]
    next_line = "“We will win,” Sanders said.\nAccording to CNN, Jane Roe disagreed."
    assert speech(f"Bernie Sanders spoke.\n\n{next_line}") == [("Bernie Sanders", None)]


def test_the_label_names_who_said_it_via_the_source() -> None:
    quote = Quote("x", 0, 1, 0, "speech", "CNN", inner_speaker="Bernie Sanders")
    assert quote.speaker_label == "Bernie Sanders (via CNN)"
    assert replace(quote, inner_speaker=None).speaker_label == "CNN"
    assert replace(quote, speaker=None, inner_speaker=None).speaker_label is None


def test_said_by_is_everyone_a_quote_counts_for_once() -> None:
    """The one owner of the pair (counts, searches, facets, exports): the source credited and
    who said it, each once; the label and the via note are written in one place each."""
    quote = Quote("x", 0, 1, 0, "speech", "CNN", inner_speaker="Bernie Sanders")
    assert quote.said_by == ("CNN", "Bernie Sanders")
    itself = replace(quote, inner_speaker="CNN")
    assert (itself.said_by, itself.speaker_label) == (("CNN",), "CNN")
    assert replace(quote, speaker=None, inner_speaker=None).said_by == ()
    assert speaker_label("CNN", "Bernie Sanders") == quote.speaker_label
    assert (via_note(0), via_note(1200)) == ("", " (1,200 via another source)")


def test_the_catalog_stores_the_inner_speaker_and_reads_older_quotes() -> None:
    quotes = (
        Quote("a b", 0, 3, 0, "speech", "CNN", None, "organisation", (), "Bernie Sanders"),
        Quote("c d", 5, 8, 1, "speech", "Jane Doe", None, "person", ("senator",)),
        Quote("e", 9, 10, 1, "term", None),
    )
    assert quotes_from_json(quotes_to_json(quotes)) == quotes
    older = '[["a b", 0, 3, 0, "speech", "CNN", null, "organisation"]]'
    assert quotes_from_json(older)[0].inner_speaker is None


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    root = tmp_path_factory.mktemp("nested")
    corpus = write_articles(root / "corpus", {"nested": NESTED, "other": OTHER})
    library = Library.open(corpus, root / "index")
    library.update()
    return library


def test_a_speaker_search_finds_who_said_it_and_the_source(library: Library) -> None:
    by_speaker = search(library, "speaker:sanders")
    assert by_speaker.total == 1
    assert by_speaker.hits[0].snippet.startswith("“We are going to win")
    assert search(library, "speaker:cnn").hits[0].id == by_speaker.hits[0].id
    assert search(library, "speaker:roe").hits[0].id != by_speaker.hits[0].id


def test_the_library_s_quotes_keep_the_inner_speaker(library: Library) -> None:
    (article_id,) = (hit.id for hit in search(library, "speaker:sanders").hits)
    said = [q for q in library.quotes(article_id) if q.kind == "speech"]
    assert [q.speaker_label for q in said] == ["Bernie Sanders (via CNN)"] * 2


def _command(library: Library, command: str, *args: str) -> str:
    options = ("--corpus", str(library.corpus), "--index-dir", str(library.index_dir))
    result = CliRunner().invoke(cli, [command, *options, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def _quotes_command(library: Library, *args: str) -> str:
    return _command(library, "quotes", *args)


def test_the_quotes_command_finds_and_shows_both(library: Library) -> None:
    lines = _quotes_command(library, "--speaker", "sanders").splitlines()
    assert [line.split("\t")[1] for line in lines] == ["Bernie Sanders (via CNN)"] * 2
    found = json.loads(_quotes_command(library, "--speaker", "sanders", "--json"))
    assert {(q["speaker"], q["inner_speaker"]) for q in found} == {("CNN", "Bernie Sanders")}
    roe = json.loads(_quotes_command(library, "--speaker", "roe", "--json"))
    assert [(q["speaker"], q["inner_speaker"]) for q in roe] == [("Jane Roe", None)]


def test_the_reading_pane_labels_the_quote_via_its_source() -> None:
    article = parse_article(f"Title\n\n{NESTED}", "a", Path("a.txt"))
    document = Document(article, tuple(find_quotes(article.body)))
    assert "◂ Bernie Sanders (via CNN)" in block_texts(document, STYLES)[1].plain
    assert margin_labels(document, article.blocks[1]) == ["Bernie Sanders (via CNN)"]


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_the_quote_panel_and_the_copied_citation_name_both(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", {"nested": NESTED})
    app = make_app(Library.open(corpus, tmp_path / "index"))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press(*open_article_keys(0))  # the only article
        await settle(pilot)
        panel = main_screen(pilot).query_one(QuotePanel)
        prompt = panel.get_option_at_index(0).prompt
        assert str(prompt).endswith("— Bernie Sanders (via CNN)")
        await pilot.press("right_square_bracket", "y")  # first quote, copy it
        assert "” — Bernie Sanders (via CNN), “Politics”" in pilot.app.clipboard
        await pilot.press("ctrl+p", *"Quote nomination Bernie")  # who said it finds it too
        commands = pilot.app.screen.query_one(CommandList)
        await wait_until(pilot, lambda: commands.option_count > 0)
        assert str(commands.get_option_at_index(0).prompt).endswith("— Bernie Sanders (via CNN)")


def test_compared_articles_both_quote_who_said_words_passed_on() -> None:
    """Sanders via CNN on one side and Sanders on the other: not a speaker "only here"; the
    quote line names both."""
    nested = parse_article(f"Title\n\n{NESTED}", "a", Path("a.txt"))
    direct = parse_article(
        "Title\n\nBernie Sanders spoke in Ohio.\n\n“We will keep going,” Sanders said.",
        "b",
        Path("b.txt"),
    )
    left = LoadedArticle(nested, tuple(find_quotes(nested.body)))
    right = LoadedArticle(direct, tuple(find_quotes(direct.body)))
    alignment = SentenceAlignment((), (), ())  # no sentences: the quotes and speakers only
    here = differences_text(alignment, "left", left, right).plain
    assert "Speakers only here (1)\n• CNN\n" in here
    assert "nomination and the White House,” — Bernie Sanders (via CNN)" in here
    there = differences_text(alignment, "right", right, left).plain
    assert "Speakers only here (0)\n" in there


def test_a_speaker_s_statements_mark_those_passed_on() -> None:
    quote = Quote("we will win", 0, 11, 0, "speech", "CNN", inner_speaker="Bernie Sanders")
    carrier = Carrier("a", "Reuters", "2016-02-01", quote, "Iowa")
    line = carrier_text(Statement(carrier.wording, (carrier,)), carrier).plain
    assert line.endswith("Iowa · Bernie Sanders (via CNN)")


def _export(library: Library, fmt: str, *args: str) -> str:
    return _command(library, "export", "--quotes", "--format", fmt, *args)


def test_the_export_carries_the_inner_speaker_in_every_format(library: Library) -> None:
    rows = list(csv.DictReader(io.StringIO(_export(library, "csv"))))
    assert list(rows[0])[:3] == ["text", "speaker", "inner_speaker"]
    said = {(row["speaker"], row["inner_speaker"]) for row in rows if row["kind"] == "speech"}
    assert said == {("CNN", "Bernie Sanders"), ("Jane Roe", "")}
    lines = [json.loads(line) for line in _export(library, "jsonl").splitlines()]
    assert {(q["speaker"], q["inner_speaker"]) for q in lines if q["kind"] == "speech"} == {
        ("CNN", "Bernie Sanders"),
        ("Jane Roe", None),
    }
    markdown = _export(library, "md")
    assert markdown.count("> — Bernie Sanders (via CNN), in *") == 2
    assert "> — Jane Roe, in *" in markdown


def test_exporting_a_speaker_s_quotes_takes_those_passed_on(library: Library) -> None:
    lines = _export(library, "jsonl", "--speaker", "sanders").splitlines()
    assert [json.loads(line)["inner_speaker"] for line in lines] == ["Bernie Sanders"] * 2
    assert len(_export(library, "jsonl", "--speaker", "cnn").splitlines()) == 2


def test_the_speakers_command_counts_words_passed_on_for_both(library: Library) -> None:
    found = {s["name"]: s for s in json.loads(_command(library, "speakers", "--json"))}
    assert (found["Bernie Sanders"]["quotes"], found["Bernie Sanders"]["via"]) == (2, 2)
    assert found["Bernie Sanders"]["kind"] == "person"  # by his name: CNN's quotes' kind is CNN's
    assert (found["CNN"]["quotes"], found["CNN"]["via"]) == (2, 0)
    assert (found["Jane Roe"]["quotes"], found["Jane Roe"]["via"]) == (1, 0)
    lines = _command(library, "speakers").splitlines()
    assert "Bernie Sanders\tperson\t2 quotes (2 via another source), 1 article, 0 outlets" in lines
    quoted = json.loads(_quotes_command(library, "--json"))  # every quotation, once
    credited = sum(s["quotes"] - s["via"] for s in found.values())  # passed on: counted twice
    assert credited == sum(1 for q in quoted if q["speaker"]) == 3
    assert sum(s["via"] for s in found.values()) == sum(1 for q in quoted if q["inner_speaker"])


def test_the_speaker_facet_offers_who_said_words_passed_on(library: Library) -> None:
    results = with_facets(library, expand(library, "nomination"))
    assert dict(results.counts(results.matches)["speaker"]) == {"Bernie Sanders": 1, "CNN": 1}
    assert len(results.view("relevance", {"speaker": "Bernie Sanders"})) == 1


@pytest.mark.slow  # a full Pilot flow of ~2 s: CI runs it, the fast loop does not
@synchronous
async def test_the_speakers_screen_lists_who_said_it_and_what_came_via(tmp_path: Path) -> None:
    corpus = write_articles(tmp_path / "corpus", {"nested": NESTED, "other": OTHER})
    app = make_app(Library.open(corpus, tmp_path / "index"))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        screen = await open_speakers(pilot)
        await pilot.press("slash", *"sanders")
        table = screen.query_one(DataTable)
        await wait_until(pilot, lambda: table.row_count == 1)
        assert [str(cell) for cell in table.get_row_at(0)[:3]] == [
            "Bernie Sanders",
            "person",
            "2 (2 via)",
        ]
        await pilot.press("enter", "enter")  # back to the table, open the speaker
        await settle(pilot)
        speaker = pilot.app.screen
        assert isinstance(speaker, SpeakerScreen)
        about = speaker.query_one("#speaker-about", Static).render()
        assert "2 quotes (2 via another source)" in str(about)
        assert len(speaker.targets) == 2  # both quotes, each opens the article at itself
        target = tmp_path / "sanders.jsonl"
        await pilot.press("x")  # export the speaker's quotations
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, ExportDialog)
        dialog.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_until(pilot, lambda: pilot.app.screen is speaker)
    records = [json.loads(line) for line in target.read_text(encoding="utf-8").splitlines()]
    assert [(r["speaker"], r["inner_speaker"]) for r in records] == [("CNN", "Bernie Sanders")] * 2


@pytest.mark.parametrize(
    ("body", "inner"),
    [
        (
            "Hillary Clinton met Jeb Bush in Iowa.\n\n“We will win this,” he said, according "
            "to CNN.",
            None,
        ),
        (
            "Hillary Clinton was upbeat. “We will win this,” she said, according to CNN.",
            "Hillary Clinton",
        ),
        (
            "“We will win,” Hillary Clinton said in Iowa. “We will win this,” she said, according "
            "to CNN.",
            "Hillary Clinton",
        ),
    ],
)
def test_a_pronoun_after_the_quote_is_an_inner_speaker_only_when_sure(
    body: str, inner: str | None
) -> None:
    """ "he said, according to CNN" after a paragraph naming two people is no one's for sure
    (it was the last subject's, Hillary Clinton); the one just quoted going on, or the
    sentence before naming them, is."""
    assert [(q.speaker, q.inner_speaker) for q in find_quotes(body)][-1] == ("CNN", inner)


def test_a_line_break_after_a_quote_ending_in_a_comma_keeps_its_source() -> None:
    """The closing mark alone before the break is no sentence's end when the quote ends in
    a comma: the cue and its "according to" are on the next line."""
    opening = "Bernie Sanders spoke in Iowa.\n\n“We are going to win this nomination"
    wrapped = f"{opening} and the White House,”\nSanders said, according to CNN."
    assert [(q.speaker, q.inner_speaker) for q in find_quotes(wrapped)] == [
        ("CNN", "Bernie Sanders")
    ]
    ended = f"{opening}.”\nSanders said, according to CNN, that he would go on."
    assert [q.speaker for q in find_quotes(ended)] != ["CNN"]


def test_export_and_quotes_find_a_speaker_under_any_of_their_names(tmp_path: Path) -> None:
    """ "Lib Dems" is the Liberal Democrats for `reader quotes --speaker` and, alike, for
    `reader export --quotes --speaker` (which matched the typed spelling's key only)."""
    corpus = write_articles(
        tmp_path / "corpus",
        {"a": "“We will win,” the Liberal Democrats said.\n\n“Taxes must fall,” said Jane Roe."},
    )
    library = Library.open(corpus, tmp_path / "index")
    quoted = json.loads(_quotes_command(library, "--speaker", "Lib Dems", "--json"))
    lines = _export(library, "jsonl", "--speaker", "Lib Dems").splitlines()
    exported = [json.loads(line) for line in lines]
    assert [q["text"] for q in quoted] == [q["text"] for q in exported] == ["We will win,"]


def test_a_name_describing_papers_is_not_their_source() -> None:
    """ "According to Senate-era notes from Anna Berg": the notes are Anna Berg's, not those
    of a person called "Senate-era"."""
    body = (
        "John Doe left the Senate in 2009.\n\nAccording to Senate-era notes from Anna Berg, a "
        "friend of Mr. Doe who died in 2010, the senator had called the plan “a dead end for "
        "all of us and for the state.”"
    )
    assert speech(body) == [("Anna Berg", "John Doe")]
