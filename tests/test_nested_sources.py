"""Nested sources: “...,” Sanders said, according to CNN is credited to CNN (PolNeAR's
convention) and keeps Sanders as the one who said it, so that speaker search, the quotes
command and the reading pane find and show both."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.articles import parse_article
from reader.cli import cli
from reader.index import Library
from reader.index.stored_quotes import quotes_from_json, quotes_to_json
from reader.models import Quote
from reader.quotes import find_quotes
from reader.search import search
from reader.ui.app import make_app
from reader.ui.render import Document, block_texts, margin_labels
from reader.ui.widgets.quote_panel import QuotePanel
from tests.conftest import write_articles
from tests.pilot import main_screen, open_article_keys, settle, synchronous
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


def test_the_label_names_who_said_it_via_the_source() -> None:
    quote = Quote("x", 0, 1, 0, "speech", "CNN", inner_speaker="Bernie Sanders")
    assert quote.speaker_label == "Bernie Sanders (via CNN)"
    assert replace(quote, inner_speaker=None).speaker_label == "CNN"
    assert replace(quote, speaker=None, inner_speaker=None).speaker_label is None


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


def _quotes_command(library: Library, *args: str) -> str:
    options = ("--corpus", str(library.corpus), "--index-dir", str(library.index_dir))
    result = CliRunner().invoke(cli, ["quotes", *options, *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


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
