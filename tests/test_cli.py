"""The command line contract: every command, its --json output and its errors."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reader import __version__
from reader.cli import cli
from tests.conftest import SEEDS, write_articles


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize(
    "command",
    ["index", "list", "search", "show", "quotes", "speakers", "compare", "stories", "serve"],
)
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Example" in out


def test_group_help_and_version() -> None:
    assert "Read, search and compare" in run("-h")[1]
    assert __version__ in run("--version")[1]


def test_index_reports_on_stderr_only(tmp_path: Path) -> None:
    code, out, err = run("index", "--corpus", str(SEEDS), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    assert out == ""
    assert "5 articles indexed" in err


def test_index_counts_one_article_in_the_singular(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "only.txt").write_text("The only story\n\nOne paragraph of it.\n")
    code, _, err = run("index", "--corpus", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    assert "1 article indexed" in err and "1 articles" not in err


def test_the_index_progress_keeps_going_while_whoosh_writes() -> None:
    """Every article read: the bar pulses and its clock runs on (a finished task stopped
    both, and the first build looked stuck for tens of seconds)."""
    import io

    from rich.console import Console
    from rich.progress import Progress

    from reader.cli.common import _progress_columns, show_progress

    with Progress(*_progress_columns(), console=Console(file=io.StringIO())) as bar:
        task = bar.add_task("Reading articles", total=None, count="")
        assert show_progress(bar, task, 960, 2226) == task
        assert (bar.tasks[0].completed, bar.tasks[0].fields["count"]) == (960, "960/2,226")
        writing = show_progress(bar, task, 2226, 2226)
        assert show_progress(bar, task, 2226, 2226) == writing != task  # one writing line
        assert [line.visible for line in bar.tasks] == [False, True]
        written = bar.tasks[1]
        assert not written.finished and written.total is None
        assert written.description == "Writing the index of 2,226 articles"


def test_list_json_has_ids_titles_and_quote_counts() -> None:
    code, out, _ = run("list", "--json")
    assert code == 0
    articles = json.loads(out)
    assert [a["id"] for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    assert set(articles[0]) == {"id", "title", "source", "date", "quote_count", "path"}
    assert all(a["quote_count"] > 0 for a in articles)


def test_search_json_contract() -> None:
    code, out, _ = run("search", '"glimmer of hope"', "--json", "--limit", "1")
    assert code == 0
    result = json.loads(out)
    assert {"query", "total", "suggestion", "hits", "took_ms"} <= set(result)
    assert result["total"] == 2 and len(result["hits"]) == 1
    assert {"id", "title", "score", "snippet", "snippet_spans"} <= set(result["hits"][0])


def test_search_plain_output_and_suggestion() -> None:
    code, out, _ = run("search", "sanctons")
    assert code == 0
    assert "0 hits" in out and "Did you mean: sanctions" in out


def test_bad_query_is_one_line_exit_1() -> None:
    code, out, err = run("search", "(putin")
    assert code == 1
    assert out == ""
    assert (
        err.strip().splitlines()[-1]
        == "Error: bad query: unbalanced parentheses: add the missing ')'"
    )
    assert "Traceback" not in err


def test_show_json_contract_and_raw() -> None:
    code, out, _ = run("show", "003_0c9558334fc0134d", "--json")
    assert code == 0
    article = json.loads(out)
    assert article["title"] == "Putin Hopes to Regularize Damaged Ties with US"
    assert article["byline"] == "By Staff, Agencies"
    assert article["body"] == "\n\n".join(block["text"] for block in article["blocks"])
    quote = article["quotes"][0]
    assert set(quote) == {
        *("text", "start", "end", "paragraph", "kind", "speaker", "speaker_kind", "group"),
        "inner_speaker",
    }
    assert article["body"][quote["start"] : quote["end"]] == quote["text"]
    _, raw, _ = run("show", "003_0c9558334fc0134d", "--raw")
    assert raw.startswith("No Script")


def test_speakers_command_lists_everyone_quoted_most_quoted_first() -> None:
    code, out, _ = run("speakers", "--json")
    assert code == 0
    found = json.loads(out)
    keys = {"name", "kind", "aliases", "roles", "quotes", "articles", "outlets", "via"}
    assert set(found[0]) == keys
    assert found[0]["name"] == "Vladimir Putin" and found[0]["articles"] >= 4
    assert [s["quotes"] for s in found] == sorted((s["quotes"] for s in found), reverse=True)
    quoted = json.loads(run("quotes", "--json")[1])
    assert sum(s["quotes"] for s in found) == sum(1 for q in quoted if q["speaker"])
    code, text, _ = run("speakers")
    assert code == 0 and text.splitlines()[0].startswith("Vladimir Putin\t")


def test_speakers_json_gives_one_speaker_per_organisation_and_person(tmp_path: Path) -> None:
    articles = {
        "a": "“We will win,” the Liberal Democrats said.\n\n“Taxes must fall,” said the Lib Dems.",
        "b": "“We are ready,” said Tony Blair.\n\n“He will win,” Cherie Blair said.",
        "c": "“We will act,” said Sir Ian Blair.\n\n“No comment,” the Tories said.",
        "d": "“We disagree,” said the Conservatives.",
    }
    corpus = write_articles(tmp_path / "corpus", articles)
    where = ("--corpus", str(corpus), "--index-dir", str(tmp_path / "ix"))

    def speakers() -> dict[str, dict[str, Any]]:
        code, out, _ = run("speakers", *where, "--json")
        assert code == 0
        return {s["name"]: s for s in json.loads(out)}

    found = speakers()
    party = found["Liberal Democrats"]
    assert (party["kind"], party["quotes"], party["articles"]) == ("organisation", 2, 1)
    assert set(party["aliases"]) == {"the Liberal Democrats", "the Lib Dems"}
    assert found["Conservatives"]["articles"] == 2
    assert {"Tony Blair", "Cherie Blair", "Ian Blair"} <= found.keys()  # three people
    (corpus / "a.txt").write_text("Later\n\n“Vote for us,” said the Liberal Democrats.\n")
    (corpus / "d.txt").unlink()
    found = speakers()
    party = found["Liberal Democrats"]
    assert (party["quotes"], party["aliases"]) == (1, ["the Liberal Democrats"])
    assert "Conservatives" not in found  # no full form left: the party reads as quoted
    assert (found["Tories"]["articles"], found["Tories"]["aliases"]) == (1, ["the Tories"])
    quoted = json.loads(run("quotes", *where, "--json")[1])
    assert {q["speaker"] for q in quoted if q["article"] == "a"} == {"Liberal Democrats"}
    quoted = json.loads(run("quotes", *where, "--speaker", "lib dems", "--json")[1])
    assert [(q["article"], q["speaker"]) for q in quoted] == [("a", "Liberal Democrats")]


def test_quotes_command_filters_by_speaker() -> None:
    code, out, _ = run("quotes", "--speaker", "poutine", "--json")
    assert code == 0
    quotes = json.loads(out)
    assert quotes and {q["speaker"] for q in quotes} == {"Vladimir Putin"}
    assert all(q["speaker_kind"] in ("person", "") for q in quotes)
    assert len({q["article"] for q in quotes}) >= 4


UNSAFE_IN_TERMINAL = "\x85\x9b\u202e\u2066\u2028"
"""C1 controls (NEL, CSI), bidi overrides and a line separator: JSON leaves them raw."""


def test_compare_json_escapes_controls_like_every_other_command(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import reader.compare

    real = reader.compare.compare

    def hostile_titles(*args: Any) -> reader.compare.Comparison:
        comparison = real(*args)
        return replace(comparison, left_title=f"evil{UNSAFE_IN_TERMINAL}title")

    monkeypatch.setattr(reader.compare, "compare", hostile_titles)
    code, out, _ = run("compare", "001_c2f849579deec72a", "002_3bb99c5d5b88d2c9", "--json")
    assert code == 0
    assert not set(UNSAFE_IN_TERMINAL) & set(out)
    assert "\\u0085\\u009b\\u202e\\u2066\\u2028" in out
    assert json.loads(out)["left"]["title"] == f"evil{UNSAFE_IN_TERMINAL}title"  # same value


def test_compare_text_counts_in_plain_english() -> None:
    code, out, _ = run("compare", "001_c2f849579deec72a", "002_3bb99c5d5b88d2c9")
    assert code == 0
    summary = out.strip().splitlines()[-1]
    assert re.fullmatch(r"(1 paragraph|\d+ paragraphs) matched; (1 quote|\d+ quotes) .*", summary)
    assert not re.search(r"\b1 \w+s\b", summary)


def test_compare_json() -> None:
    code, out, _ = run("compare", "001_c2f849579deec72a", "002_3bb99c5d5b88d2c9", "--json")
    assert code == 0
    comparison = json.loads(out)
    assert comparison["left"]["id"] == "001_c2f849579deec72a"
    assert comparison["pairs"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "nope"], "no article with id 'nope'"),
        (["list", "--corpus", "/nonexistent/folder"], "does not exist"),
    ],
)
def test_user_errors_exit_1_with_one_line(args: list[str], message: str) -> None:
    code, _, err = run(*args)
    assert code == 1
    assert message in err
    assert "Traceback" not in err


def test_empty_corpus_is_a_clear_error(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, err = run("list", "--corpus", str(tmp_path / "empty"))
    assert code == 1 and "no articles" in err


def test_env_vars_select_corpus(monkeypatch: pytest.MonkeyPatch, seeds_copy: Path) -> None:
    (seeds_copy / "zebra.txt").write_text("Zebra crossing\n\nA zebra crossed the road.")
    monkeypatch.setenv("READER_CORPUS", str(seeds_copy))
    code, out, _ = run("search", "zebra", "--json")
    assert code == 0 and json.loads(out)["hits"][0]["id"] == "zebra"


def test_python_dash_m_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "reader", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and __version__ in result.stdout


CORE_MODULES = [
    "reader",
    "reader.articles.read",
    "reader.articles.text",
    "reader.articles.cleaning",
    "reader.index.library",
    "reader.search.searching",
    "reader.search.snippets",
    "reader.index.catalog",
    "reader.quotes.find",
    "reader.compare",
    "reader.cli",
]


@pytest.mark.parametrize("module", CORE_MODULES)
def test_core_modules_do_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules, {module!r}"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_index_lists_every_skipped_file_on_request(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "empty.txt").write_bytes(b"")
    index_dir = str(tmp_path / "ix")
    code, _, err = run("index", "--corpus", str(seeds_copy), "--index-dir", index_dir)
    assert code == 0 and "skipped 'empty.txt': empty file" in err
    code, out, err = run("index", "--corpus", str(seeds_copy), "--index-dir", index_dir)
    assert "skipped 'empty.txt'" not in err  # reported once
    code, out, err = run(
        "index", "--corpus", str(seeds_copy), "--index-dir", index_dir, "--skipped"
    )
    assert code == 0 and out == "empty.txt\tempty file\n"
    assert "1 file skipped" in err  # the count agrees with the list (it said "0 skipped")


def test_list_says_one_quote_in_the_singular(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "one.txt").write_text('One quote\n\nThe mayor said: "We will rebuild the bridge."\n')
    code, out, _ = run("list", "--corpus", str(corpus), "--index-dir", str(tmp_path / "ix"))
    assert code == 0
    assert out.rstrip().endswith("\t1 quote")


def test_json_lists_print_one_item_a_line_and_stay_terminal_safe() -> None:
    from reader.cli.common import json_text

    items = [{"title": "a\x9bb", "n": 1}, {"title": "c\u2028d", "n": [2, 3]}]
    text = json_text(items)
    assert json.loads(text) == items
    lines = text.splitlines()
    assert lines[0] == "[" and lines[-1] == "]" and len(lines) == 4
    assert "\x9b" not in text and "\u2028" not in text
    assert json_text([]) == "[]"
    assert json.loads(json_text({"a": [1]})) == {"a": [1]}
