"""The ``reader`` entry point: a bare start opens the reader without click; everything else
is the click command line, with the same options, environment variables and errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import reader.__main__ as entry
from reader.locations import default_corpus
from tests.conftest import SEEDS

NO_ENV: dict[str, str] = {}


@pytest.mark.parametrize(
    ("args", "environ", "expected"),
    [
        ([], NO_ENV, (default_corpus(), None)),
        (["--corpus", "/c"], NO_ENV, (Path("/c"), None)),
        (["--corpus=/c", "--index-dir=/i"], NO_ENV, (Path("/c"), Path("/i"))),
        (["--index-dir", "/i", "--corpus", "/c"], NO_ENV, (Path("/c"), Path("/i"))),
        (["--corpus", "/a", "--corpus", "/c"], NO_ENV, (Path("/c"), None)),  # the last wins
        ([], {"READER_CORPUS": "/c", "READER_INDEX_DIR": "/i"}, (Path("/c"), Path("/i"))),
        (["--corpus", "/c"], {"READER_CORPUS": "/e"}, (Path("/c"), None)),
        ([], {"READER_CORPUS": ""}, (default_corpus(), None)),  # empty: unset, as for click
    ],
)
def test_a_bare_start_reads_the_paths_as_click_would(
    args: list[str], environ: dict[str, str], expected: tuple[Path, Path | None]
) -> None:
    assert entry.tui_paths(args, environ) == expected


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["--corpus", "/c", "search", "x"],
        ["--help"],
        ["-h"],
        ["--version"],
        ["--corpus"],  # a missing value: click says so
        ["--corpus="],
        ["--corpus", "--index-dir", "/i"],
        ["--corp", "/c"],  # click refuses abbreviations, with a suggestion
        ["--", "--corpus", "/c"],
        ["--corpus", str(SEEDS / "001_c2f849579deec72a.txt")],  # a file: click's error
    ],
)
def test_anything_else_goes_to_click(args: list[str]) -> None:
    assert entry.tui_paths(args, NO_ENV) is None


def test_shell_completion_goes_to_click() -> None:
    assert entry.tui_paths([], {"_READER_COMPLETE": "bash_source"}) is None


def test_main_opens_the_reader_or_hands_over_to_click(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[tuple[Path, Path | None]] = []
    monkeypatch.setattr(entry, "run_tui", lambda *paths: opened.append(paths))
    monkeypatch.setattr(sys, "argv", ["reader", "--corpus", str(SEEDS), "--index-dir", "/i"])
    entry.main()
    assert opened == [(SEEDS, Path("/i"))]
    monkeypatch.setattr(sys, "argv", ["reader", "--version"])
    with pytest.raises(SystemExit) as exit_info:
        entry.main()
    assert exit_info.value.code == 0 and opened == [(SEEDS, Path("/i"))]


def reader_process(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, check=False
    )


def test_a_corpus_that_is_not_there_is_one_line_exit_1(tmp_path: Path) -> None:
    result = reader_process("--corpus", str(tmp_path / "nowhere"))
    assert result.returncode == 1
    assert result.stderr == f"Error: corpus {tmp_path / 'nowhere'} does not exist\n"


def test_bad_options_are_click_usage_errors(tmp_path: Path) -> None:
    result = reader_process("--corpus", str(SEEDS / "001_c2f849579deec72a.txt"))
    assert result.returncode == 2
    assert "Invalid value for '--corpus'" in result.stderr and "Traceback" not in result.stderr
    result = reader_process("--bogus")
    assert result.returncode == 2 and "No such option '--bogus'" in result.stderr
