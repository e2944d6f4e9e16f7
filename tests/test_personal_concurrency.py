"""Two processes (the TUI and a CLI call) writing the user's data at once lose nothing."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from reader.index import Library
from reader.personal import PersonalError, Reading
from reader.personal import store as store_module
from tests.conftest import REPO

FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"
WRITES = 60

_WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from reader.index import Library
    from reader.personal import Reading

    corpus, index_dir, name, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
    library = Library.open(Path(corpus), Path(index_dir))
    reading = Reading.open(library)
    while time.time() < start:
        time.sleep(0.001)
    ids = ["000_43d420fba78c7d6a", "001_c2f849579deec72a"]
    for number in range({writes}):
        reading.tag(ids, [f"{{name}}-{{number}}"])
        reading.set_note(ids[number % 2], f"{{name}} {{number}}")
        reading.opened(ids[number % 2])
        reading.toggle_star(ids[0])
    reading.save_search(name, f"{{name}} query")
    print("done")
    """
).format(writes=WRITES)


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(seeds_copy: Path, isolated_dirs: Path) -> None:
    library = Library.open(seeds_copy, isolated_dirs)
    library.update()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    start = time.time() + 1.5  # both are started and waiting before either writes
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(seeds_copy), str(isolated_dirs), name, str(start)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("tui", "cli")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert out.strip() == "done"
    reading = Reading.open(library)
    state = reading.state(FIRST)
    expected = {f"{name}-{number}" for name in ("tui", "cli") for number in range(WRITES)}
    assert set(state.tags) == expected
    assert set(reading.state(SECOND).tags) == expected
    assert not state.starred  # toggled an even number of times in all
    assert reading.read_ids() == {FIRST, SECOND}
    assert {saved.name for saved in reading.saved_searches()} == {"tui", "cli"}
    count = reading.store.read().execute("SELECT count(*) FROM corpora").fetchone()[0]
    assert count == 1  # both processes found (or made) the same corpus record
    library.close()


def test_readers_go_on_while_another_process_writes(seeds_copy: Path, isolated_dirs: Path) -> None:
    library = Library.open(seeds_copy, isolated_dirs)
    library.update()
    reading = Reading.open(library)
    reading.mark_read([FIRST])
    other = sqlite3.connect(reading.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process in the middle of a write
    other.execute("UPDATE articles SET note = 'pending'")
    assert reading.read_ids() == {FIRST}  # WAL: reading is not blocked
    assert reading.state(FIRST).note is None  # and sees only committed data
    other.execute("COMMIT")
    assert reading.state(FIRST).note == "pending"
    other.close()
    library.close()


def test_a_write_waits_for_a_lock_then_gives_a_one_line_error(
    seeds_copy: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = Library.open(seeds_copy, isolated_dirs)
    library.update()
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.2)
    reading = Reading.open(library)
    reading.mark_read([FIRST])  # the corpus record exists
    other = sqlite3.connect(reading.store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    with pytest.raises(PersonalError, match="locked by another reader process"):
        reading.star([FIRST])
    other.execute("ROLLBACK")
    reading.star([FIRST])  # and works once the other write is over
    assert reading.starred_ids() == {FIRST}
    other.close()
    library.close()
