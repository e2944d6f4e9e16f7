"""A first build's stories made in a child process beside the index write: the same stories
as made after it, and nothing left behind when the child or the build fails."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest

from reader.index import Library, stories_ahead
from reader.index.catalog import Catalog
from reader.index.folder import IndexFolder
from tests.test_index_stories import LOHANS, _groups, _reid, write_look_alikes


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_look_alikes(tmp_path)


def _members(index_dir: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(index_dir / "stories.sqlite3") as connection:
        return connection.execute(
            "SELECT article, story, copy_of, distinctive FROM story_members ORDER BY article"
        ).fetchall()


def _started(monkeypatch: pytest.MonkeyPatch) -> list[stories_ahead.StoriesAhead | None]:
    """Every first build's child from now on (the corpus is far under ``AHEAD_MIN``)."""
    monkeypatch.setattr(stories_ahead, "AHEAD_MIN", 1)
    started: list[stories_ahead.StoriesAhead | None] = []
    real = stories_ahead.StoriesAhead.start.__func__  # type: ignore[attr-defined]

    def start(cls: type, rows: object, path: Path) -> stories_ahead.StoriesAhead | None:
        started.append(real(cls, rows, path))
        return started[-1]

    monkeypatch.setattr(stories_ahead.StoriesAhead, "start", classmethod(start))
    return started


def test_stories_made_beside_the_build_are_the_stories_made_after_it(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    after = Library.open(corpus, tmp_path / "after")
    after.update()
    started = _started(monkeypatch)
    beside = Library.open(corpus, tmp_path / "beside")
    beside.update()
    assert started and started[0] is not None  # made in the child
    assert _members(tmp_path / "beside") == _members(tmp_path / "after")
    assert _groups(beside) == {_reid(0, 1, 2, 3), LOHANS}
    assert beside._stores.stories.problem() is None and not beside.needs_update()
    assert not (tmp_path / "beside" / "stories-ahead.sqlite3").exists()


def test_a_failed_child_leaves_the_stories_to_the_build(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _started(monkeypatch)

    def fail(connection: sqlite3.Connection, rows: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")  # in the child only

    monkeypatch.setattr(stories_ahead, "write_all", fail)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    assert started[0] is not None
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}
    assert not library.needs_update()


def test_a_child_that_hangs_is_stopped_and_the_build_makes_the_stories(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _started(monkeypatch)
    monkeypatch.setattr(stories_ahead, "_WAIT_S", 0.2)
    monkeypatch.setattr(stories_ahead, "_WAIT_PER_ROW_S", 0.0)

    def hang(connection: sqlite3.Connection, rows: object) -> None:
        time.sleep(60)  # in the child only: a lock forked in a held state

    monkeypatch.setattr(stories_ahead, "write_all", hang)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    child = started[0]
    assert child is not None and not child._process.is_alive()
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}
    assert not library.needs_update()
    assert not (isolated_dirs / "stories-ahead.sqlite3").exists()


def test_a_failed_build_stops_the_child_and_leaves_the_stories_pending(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    started = _started(monkeypatch)

    class Crash(Exception):
        pass

    def crash(*args: object, **kwargs: object) -> None:
        raise Crash

    monkeypatch.setattr(Catalog, "write", crash)
    library = Library.open(corpus, isolated_dirs)
    with pytest.raises(Crash):
        library.update()
    assert started[0] is not None and not started[0]._process.is_alive()
    assert not (isolated_dirs / "stories-ahead.sqlite3").exists()
    monkeypatch.undo()
    library = Library.open(corpus, isolated_dirs)
    assert library.needs_update()
    library.update()
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}


def test_a_childs_file_left_by_a_kill_is_the_index_folders_own(
    corpus: Path, isolated_dirs: Path
) -> None:
    library = Library.open(corpus, isolated_dirs)
    library.update()
    assert library._stores.stories.ahead_path == IndexFolder(isolated_dirs).stories_ahead
    library._stores.stories.ahead_path.write_bytes(b"half a database")
    library.update(rebuild=True)  # an index folder's own files are cleared
    assert not library._stores.stories.ahead_path.exists()
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}
