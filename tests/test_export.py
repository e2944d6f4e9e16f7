"""Export: CSV, JSON Lines and Markdown citations of articles and quotations; safe cells."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.articles.text import one_line
from reader.export import ExportError, export, export_to_path
from reader.export.cells import csv_cell, link_for, markdown_text
from reader.export.records import CHUNK
from reader.index import Library
from reader.personal import Reading

FIRST = "000_43d420fba78c7d6a"
OUTLET = "003_0c9558334fc0134d"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def library(seeds_library: Library) -> Library:
    return seeds_library


def exported(library: Library, ids: list[str], fmt: str, **options: object) -> str:
    out = io.StringIO()
    export(library, ids, out, fmt, **options)  # type: ignore[arg-type]
    return out.getvalue()


def all_ids(library: Library) -> list[str]:
    return [summary.id for summary in library.summaries()]


def test_articles_as_csv_with_tags_and_notes(library: Library) -> None:
    reading = Reading.open(library)
    reading.tag([FIRST], ["summit", "geneva"])
    reading.set_note(FIRST, "Line one\nline two")
    rows = list(
        csv.DictReader(io.StringIO(exported(library, all_ids(library), "csv", reading=reading)))
    )
    assert [row["id"] for row in rows] == all_ids(library)
    first = rows[0]
    assert list(first) == ["id", "title", "outlet", "date", "url", "path", "tags", "note"]
    assert first["tags"] == "geneva, summit"
    assert first["note"] == "Line one line two"
    assert first["path"] == f"{FIRST}.txt"
    assert rows[3]["outlet"] == "Al-Ahed"


def test_quotes_as_jsonl_keep_speaker_article_and_quote_notes(library: Library) -> None:
    reading = Reading.open(library)
    texts = [quote.text for quote in library.quotes(FIRST)]
    reading.set_quote_note(FIRST, texts, 0, "check\nthe tape")
    lines = exported(library, [FIRST, OUTLET], "jsonl", quotes=True, reading=reading).splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == len(texts) + len(library.quotes(OUTLET))
    assert records[0]["article"] == FIRST and records[0]["speaker"] == "Vladimir Putin"
    assert records[0]["note"] == "check\nthe tape"  # JSON escapes the line break
    assert "\n" not in lines[0]
    assert {record["outlet"] for record in records} == {None, "Al-Ahed"}


def test_quotes_of_one_speaker_any_spelling(library: Library) -> None:
    text = exported(library, all_ids(library), "jsonl", quotes=True, speaker="PESKOV")
    speakers = {json.loads(line)["speaker"] for line in text.splitlines()}
    assert speakers == {"Dmitry Peskov"}


def test_markdown_citation_of_a_quotation(library: Library) -> None:
    text = exported(library, [OUTLET], "md", quotes=True)
    first = text.split("\n\n")[0].splitlines()
    assert first[0] == "> “We need to find ways to regularize these relations”"
    assert first[2].startswith("> — Vladimir Putin, in *Putin Hopes to Regularize Damaged")
    assert ", Al-Ahed. <file:///" in first[2] and first[2].endswith(f"/{OUTLET}.txt>")


def test_markdown_citation_of_articles(library: Library) -> None:
    reading = Reading.open(library)
    reading.tag([FIRST], ["summit"])
    reading.set_note(FIRST, "use *this* [one]")
    text = exported(library, [FIRST, "004_de3854ecbe4435ec"], "md", reading=reading)
    lines = text.splitlines()
    assert lines[0].startswith("- *Putin: There’s hope for resolving outstanding issues with")
    assert lines[1:3] == ["  Tags: #summit", r"  Note: use \*this\* \[one\]"]
    assert "Kremlin statement*. <file:///" in lines[3]  # no outlet, no date: left out


def test_export_streams_with_progress(library: Library, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.export import records

    monkeypatch.setattr(records, "CHUNK", 2)
    import reader.export as package

    monkeypatch.setattr(package, "CHUNK", 2)
    calls: list[tuple[int, int]] = []
    ids = all_ids(library)
    count = export(library, ids, io.StringIO(), "csv", progress=lambda d, t: calls.append((d, t)))
    assert count == 5
    assert calls == [(2, 5), (4, 5), (5, 5)]
    assert CHUNK > 2  # the real chunk is larger


def test_unknown_ids_are_left_out(library: Library) -> None:
    assert len(exported(library, ["nope", FIRST], "jsonl").splitlines()) == 1


def test_export_to_a_file_is_atomic_and_never_inside_the_corpus(
    library: Library, tmp_path: Path
) -> None:
    (tmp_path / "exports").mkdir()
    target = tmp_path / "exports" / "out.csv"
    target.write_text("previous export")

    def stop(done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        export_to_path(library, all_ids(library), target, "csv", progress=stop)
    assert target.read_text() == "previous export"
    assert [path.name for path in target.parent.iterdir()] == ["out.csv"]  # no leftovers
    assert export_to_path(library, all_ids(library), target, "csv") == 5
    assert target.read_text().startswith("id,title")
    with pytest.raises(ExportError, match="inside the corpus"):
        export_to_path(library, all_ids(library), library.corpus / "x.csv", "csv")
    with pytest.raises(ExportError, match="cannot write"):
        export_to_path(library, all_ids(library), tmp_path / "missing" / "x.csv", "csv")


@pytest.mark.parametrize(
    ("cell", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+33 1 23", "'+33 1 23"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("  =cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("\t=1", "'=1"),
        ("plain = text", "plain = text"),
        (None, ""),
    ],
)
def test_csv_cells_never_start_a_formula(cell: str | None, safe: str) -> None:
    assert csv_cell(cell) == safe


@given(st.text())
def test_no_cell_or_citation_carries_a_control_character(text: str) -> None:
    for rendered in (csv_cell(text), markdown_text(text), one_line(text)):
        assert not _CONTROL.search(rendered)
        assert "\n" not in rendered and "\r" not in rendered
    assert not csv_cell(text).lstrip().startswith(("=", "+", "-", "@"))


def test_hostile_article_text_exports_safely(tmp_path: Path, isolated_dirs: Path) -> None:
    corpus = tmp_path / "hostile"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        '=HYPERLINK("http://x")\x1b[31m red\n\nHe said: “=1+1 \x1b]0;title\x07 \u202eevil” today.'
    )
    library = Library.open(corpus, isolated_dirs)
    library.update()
    for fmt in ("csv", "jsonl", "md"):
        for quotes in (False, True):
            text = exported(library, ["evil"], fmt, quotes=quotes)
            assert not _CONTROL.search(text.replace("\n", "")), (fmt, quotes, text)
            assert "\x1b" not in text
    rows = list(csv.reader(io.StringIO(exported(library, ["evil"], "csv"))))
    assert rows[1][1].startswith("'=")
    library.close()


def test_links_are_only_web_or_file_addresses() -> None:
    assert link_for("https://example.com/a b<c>", None) == "https://example.com/a%20b%3Cc%3E"
    assert link_for("javascript:alert(1)", Path("/x/a.txt")) == "file:///x/a.txt"
    assert link_for(None, Path("relative.txt")) is None
