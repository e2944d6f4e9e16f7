"""Shared fixtures: every test gets its own index, cache and data folders and a fixed terminal."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest

from reader.index import Library

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
CORPORA = REPO.parent / "shared" / "corpora"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Point the index, the user cache and the user's data at temporary folders; clear
    corpus overrides."""
    index_dir = tmp_path / "index"
    monkeypatch.setenv("READER_INDEX_DIR", str(index_dir))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.delenv("READER_CORPUS", raising=False)
    monkeypatch.delenv("READER_WHOOSH_FAST_PATHS", raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    yield index_dir


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the seed corpus (the real seeds are never modified)."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture
def seeds_library(seeds_copy: Path, isolated_dirs: Path) -> Iterator[Library]:
    """A library of a copy of the seeds, indexed, closed after the test."""
    opened = Library.open(seeds_copy, isolated_dirs)
    opened.update()
    yield opened
    opened.close()


def corpus_or_skip(name: str) -> Path:
    """A shared corpus folder, or skip the test when the shared data is not beside the repo."""
    path = CORPORA / name
    if not path.is_dir():
        pytest.skip(f"shared corpus {path} is not available")
    return path


def write_articles(folder: Path, bodies: Mapping[str, str], title: str = "Politics") -> Path:
    """A made-up corpus: ``NAME.txt`` for each name, the title line and then its body."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in bodies.items():
        (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    return folder
