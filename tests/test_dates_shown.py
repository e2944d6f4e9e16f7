"""Dates as people read them: a wire dateline's month and day without a year ("--02-26",
ISO 8601's form, kept in data) reads "Feb 26" in the list, the reading pane, the plain CLI
and Markdown; JSON and CSV keep the ISO form."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rich.style import Style

from reader.cli import cli
from reader.export import export
from reader.index import Library
from reader.models import readable_date
from reader.search.results import month_of
from reader.ui.app import make_app
from reader.ui.render import header_text
from reader.ui.widgets.article_list import ArticleList
from tests.pilot import settle, synchronous

WIRE = (
    "OIL PRICES RISE ON COLD WEATHER\n\n"
    "LONDON, Feb 26 - Oil prices rose on Thursday as cold weather lifted demand for heating "
    "oil in Europe, traders said.\n\nThe rise followed a week of falls.\n Reuter\n"
)


@pytest.fixture
def wire(tmp_path: Path) -> Library:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "00001.txt").write_text(WIRE)
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    return library


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("--02-26", "Feb 26"),
        ("--12-01", "Dec 1"),
        ("--03", "Mar"),
        ("1987-02-26", "1987-02-26"),
        (None, None),
        ("--13-01", "--13-01"),  # not a month: shown as it is rather than guessed
    ],
)
def test_readable_date(stored: str | None, shown: str | None) -> None:
    assert readable_date(stored) == shown


def test_month_facet_of_a_date_without_a_year() -> None:
    found = (month_of("1987-02-26"), month_of("--02-26"), month_of(None))
    assert found == ("1987-02", "--02", None)


def test_cli_plain_output_reads_the_date_and_json_keeps_iso(wire: Library) -> None:
    where = ["--corpus", str(wire.corpus), "--index-dir", str(wire.index_dir)]
    runner = CliRunner()
    listed = runner.invoke(cli, ["list", *where], catch_exceptions=False).stdout
    assert "Reuters · Feb 26" in listed and "--02-26" not in listed
    shown = runner.invoke(cli, ["show", "00001", *where], catch_exceptions=False).stdout
    assert "Reuters · Feb 26" in shown and "--02-26" not in shown
    data = runner.invoke(cli, ["list", "--json", *where], catch_exceptions=False).stdout
    assert json.loads(data)[0]["date"] == "--02-26"


def test_markdown_reads_the_date_and_csv_keeps_iso(wire: Library) -> None:
    markdown, table = io.StringIO(), io.StringIO()
    export(wire, ["00001"], markdown, "md")
    export(wire, ["00001"], table, "csv")
    assert ", Reuters, Feb 26. <file:///" in markdown.getvalue()
    assert ",'--02-26," in table.getvalue()  # ISO, guarded as every cell starting with "-"


def test_reading_pane_header_reads_the_date(wire: Library) -> None:
    header = header_text(wire.article("00001"), Style(bold=True), Style(dim=True))
    assert header.plain.split("\n")[1] == "Reuters · Feb 26"


@synchronous
async def test_article_list_reads_the_date(wire: Library) -> None:
    app = make_app(wire)
    async with app.run_test(size=(100, 20)) as pilot:
        await settle(pilot)
        rows = app.screen.query_one(ArticleList)
        line = "".join(segment.text for segment in rows.render_line(1))
        assert "Feb 26" in line and "--02-26" not in line, line


def test_speaker_statements_read_the_date() -> None:
    from reader.models import Quote
    from reader.ui.screens.speaker import carrier_text
    from reader.ui.statements import Carrier, Statement

    quote = Quote("Prices will rise", 0, 16, 0, "speech", "Ali Naimi")
    carrier = Carrier("00001", "Reuters", "--02-26", quote, "Oil prices rise")
    line = carrier_text(Statement(carrier.wording, (carrier,)), carrier).plain
    assert "Reuters · Feb 26 · Oil prices rise" in line, line
