"""Segment files read from their memory map: the same bytes as BytesIO gave, no copy."""

from __future__ import annotations

import io
import os
import pickle
import random
import subprocess
import sys
from pathlib import Path

from whoosh.filedb import compound

from reader.engine import segment_files as whoosh_files
from reader.index import Library
from reader.search import search
from tests.conftest import SEEDS


def test_view_reader_reads_like_bytesio() -> None:
    chance = random.Random(7)
    data = bytes(chance.choice(b"ab\n\x00\xff") for _ in range(5000))
    view = whoosh_files._ViewReader(memoryview(data))
    copy = io.BytesIO(data)
    for _ in range(2000):
        action = chance.randrange(6)
        size = chance.choice([-1, 0, 1, 7, 300, 6000])
        if action == 0:
            assert view.read(size) == copy.read(size)
        elif action == 1:
            assert view.readline(size) == copy.readline(size)
        elif action == 2:
            where, whence = chance.randrange(-50, 5100), chance.choice([0, 1, 2])
            if whence == 0:
                where = abs(where)
            try:
                expected = copy.seek(where, whence)
            except ValueError:
                continue
            assert view.seek(where, whence) == expected
        elif action == 3:
            target = bytearray(chance.randrange(20))
            other = bytearray(len(target))
            assert view.readinto(target) == copy.readinto(other) and target == other
        else:
            assert view.tell() == copy.tell()
    view.seek(0)
    copy.seek(0)
    assert list(view) == list(copy)


def test_pickles_load_one_after_another_through_peek() -> None:
    values = [(number, "x" * number, list(range(number))) for number in range(0, 3000, 150)]
    data = b"".join(pickle.dumps(value, protocol=-1) for value in values)
    view = whoosh_files._ViewReader(memoryview(data))
    ahead = view.peek(10)
    assert ahead and data.startswith(ahead) and view.tell() == 0
    assert [pickle.load(view) for _ in values] == values and view.tell() == len(data)


def test_an_index_opens_its_segments_as_views_and_closes_them(tmp_path: Path) -> None:
    library = Library.open(SEEDS, tmp_path / "index")
    library.update()
    assert search(library, "summit").total > 0
    assert compound.BufferFile is whoosh_files._MappedBufferFile
    reader = library.searcher().reader()
    files = [
        segment_reader._terms._dbfile
        for segment_reader, _ in reader.leaf_readers()
        if hasattr(segment_reader._terms, "_dbfile")
    ]
    assert files and all(isinstance(f, whoosh_files._MappedBufferFile) for f in files)
    library.close()  # releasing the views lets Whoosh close the map (no BufferError)


def test_importing_changes_nothing_until_an_index_is_opened(tmp_path: Path) -> None:
    """The memory-map reader is switched on by opening an index (and off with the fast paths
    off), not as a side effect of importing the package."""
    script = f"""
import os
from pathlib import Path
from whoosh.filedb import compound, structfile
import reader.index, reader.search, reader.engine.files
from reader.engine import segment_files
assert compound.BufferFile is structfile.BufferFile, "patched at import"
library = reader.index.Library.open(Path({str(SEEDS)!r}), Path({str(tmp_path / "index")!r}))
library.update()
assert compound.BufferFile is segment_files._MappedBufferFile, "not patched at open"
os.environ["READER_WHOOSH_FAST_PATHS"] = "0"
reader.engine.files.open_index(library.index_dir / "whoosh")
assert compound.BufferFile is structfile.BufferFile, "patched with the fast paths off"
print("ok")
"""
    env = {key: value for key, value in os.environ.items() if key != "READER_WHOOSH_FAST_PATHS"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=120
    )
    assert done.stdout.strip() == "ok", done.stderr
