"""The personal commands: read/unread/star/unstar/tag/untag/note, saved, history, export."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli

FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"
THIRD = "002_3bb99c5d5b88d2c9"


def run(*args: str, stdin: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def ok(*args: str, stdin: str | None = None) -> str:
    code, out, err = run(*args, stdin=stdin)
    assert code == 0, err
    return out


@pytest.fixture(autouse=True)
def corpus(monkeypatch: pytest.MonkeyPatch, seeds_copy: Path) -> Path:
    monkeypatch.setenv("READER_CORPUS", str(seeds_copy))
    return seeds_copy


@pytest.mark.parametrize(
    "command",
    ["read", "unread", "star", "unstar", "tag", "untag", "note", "saved", "saved add",
     "saved list", "saved run", "saved remove", "history", "export"],
)  # fmt: skip
def test_every_personal_command_has_help_with_an_example(command: str) -> None:
    out = ok(*command.split(), "--help")
    assert "Example" in out


def test_read_unread_star_unstar_with_json() -> None:
    states = json.loads(ok("read", FIRST, SECOND, "--json"))
    assert [(s["id"], s["read"]) for s in states] == [(FIRST, True), (SECOND, True)]
    assert json.loads(ok("unread", SECOND, "--json"))[0]["read"] is False
    assert ok("star", FIRST) == f"{FIRST}\tread starred\n"
    assert json.loads(ok("unstar", FIRST, "--json"))[0]["starred"] is False
    hits = json.loads(ok("search", "is:unread", "--json", "--limit", "10"))["hits"]
    assert FIRST not in {hit["id"] for hit in hits} and SECOND in {hit["id"] for hit in hits}


def test_tag_untag_several_and_from_stdin() -> None:
    assert json.loads(ok("tag", FIRST, "summit", "Geneva", "--json"))[0]["tags"] == [
        "Geneva",
        "summit",
    ]
    ok("tag", "-", "later", stdin=f"{SECOND}\n\n{THIRD}\n")
    found = json.loads(ok("search", "tag:later", "--json"))["hits"]
    assert {hit["id"] for hit in found} == {SECOND, THIRD}
    assert json.loads(ok("untag", FIRST, "GENEVA", "--json"))[0]["tags"] == ["summit"]
    found = json.loads(ok("search", "tag:summit AND speaker:putin", "--json"))["hits"]
    assert [hit["id"] for hit in found] == [FIRST]


def test_note_on_an_article_and_on_a_quotation() -> None:
    ok("note", FIRST, "Check the readout")
    assert ok("note", FIRST) == "Check the readout\n"
    ok("note", FIRST, "--quote", "2", "Verify against the transcript")
    state = json.loads(ok("note", FIRST, "--json"))
    assert state["note"] == "Check the readout"
    quotes = json.loads(ok("quotes", FIRST, "--json"))
    assert state["quote_notes"][0]["quote"] == quotes[1]["text"] and quotes[1]["number"] == 2
    listed = ok("quotes", FIRST).splitlines()[1].split("\t")  # numbered as --quote takes them
    assert listed[0] == FIRST and listed[2:] == [" ".join(quotes[1]["text"].split()), "2"]
    assert ok("note", FIRST, "--quote", "2") == "Verify against the transcript\n"
    ok("note", FIRST, "-", stdin="line one\nline two\n")
    assert ok("note", FIRST) == "line one\nline two\n"
    ok("note", FIRST, "--clear")
    assert ok("note", FIRST) == ""
    assert {h["id"] for h in json.loads(ok("search", "has:note", "--json"))["hits"]} == {FIRST}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tag", "nope", "x"], "no article with id 'nope'"),
        (["star", "nope"], "no article with id 'nope'"),
        (["note", "nope", "x"], "no article with id"),
        (["note", FIRST, "--quote", "99", "x"], f"8 quotations (see: reader quotes {FIRST})"),
        (["tag", FIRST, "two words"], "a tag cannot contain"),
        (["note", FIRST, "x", "--clear"], "not both"),
        (["saved", "run", "nothing"], "no saved search named 'nothing'"),
        (["saved", "add", "bad", '"unclosed'], "bad query"),
        (["export", "--speaker", "putin"], "--speaker needs --quotes"),
        (["search", "is:purple"], "use is:unread"),
    ],
)
def test_user_errors_are_one_line(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code != 0 and out == ""
    assert message in err and "Traceback" not in err


def test_saved_searches_with_unread_counts() -> None:
    assert ok("saved", "add", "summit", "putin AND biden") == "summit\tputin AND biden\n"
    ok("read", FIRST)
    listed = json.loads(ok("saved", "list", "--json"))
    total = json.loads(ok("search", "putin AND biden", "--json"))["total"]
    assert [(s["name"], s["matches"], s["unread"]) for s in listed] == [
        ("summit", total, total - 1)
    ]
    assert ok("saved").startswith(f"summit\t{total - 1} unread of {total}")
    result = json.loads(ok("saved", "run", "SUMMIT", "--json"))
    assert result["total"] == total
    assert ok("saved", "remove", "summit") == "removed\tsummit\tputin AND biden\n"
    assert ok("saved", "list") == ""


def test_history_lists_opened_articles_newest_first(corpus: Path) -> None:
    from reader.index import Library
    from reader.personal import Reading

    library = Library.open(corpus)
    library.update()
    reading = Reading.open(library)
    reading.opened(FIRST)
    reading.opened(SECOND)
    visits = json.loads(ok("history", "--json"))
    assert [visit["id"] for visit in visits] == [SECOND, FIRST]
    assert ok("history", "--limit", "1").split("\t")[1] == SECOND
    library.close()


def test_export_csv_of_a_query_to_stdout() -> None:
    ok("tag", FIRST, "summit")
    code, out, err = run("export", "tag:summit OR navalny")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert FIRST in [row["id"] for row in rows]
    assert [row["tags"] for row in rows if row["id"] == FIRST] == ["summit"]
    assert "Exported" in err  # the count goes to stderr, stdout is the export


def test_export_quotes_markdown_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "quotes.md"
    code, _, err = run(
        "export", "speaker:peskov", "--quotes", "--speaker", "peskov", "-o", str(target)
    )
    assert code == 0, err
    text = target.read_text()
    assert text.startswith("> “") and "— Dmitry Peskov, in *" in text
    assert "Putin," not in text


def test_export_everything_as_jsonl_by_extension(tmp_path: Path) -> None:
    target = tmp_path / "all.jsonl"
    ok("export", "-o", str(target))
    assert len([json.loads(line) for line in target.read_text().splitlines()]) == 5


def test_export_refuses_the_corpus(corpus: Path) -> None:
    code, _, err = run("export", "-o", str(corpus / "x.csv"))
    assert code == 1 and "inside the corpus" in err
    assert not (corpus / "x.csv").exists()


def test_export_reports_its_count_in_words(tmp_path: Path) -> None:
    ok("tag", FIRST, "summit")
    code, _, err = run("export", "tag:summit", "-o", str(tmp_path / "one.csv"))
    assert code == 0
    assert f"Exported 1 article from 1 article to {tmp_path / 'one.csv'}." in err
