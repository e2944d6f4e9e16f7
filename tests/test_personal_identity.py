"""The user's data follows articles through rebuilds, a deleted index, moved folders, renamed
and edited files (and does not leak onto other corpora)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from reader.cli import cli
from reader.index import Library
from reader.personal import Reading

FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"


def opened(corpus: Path, index_dir: Path) -> tuple[Library, Reading]:
    library = Library.open(corpus, index_dir)
    library.update()
    return library, Reading.open(library)


def write_some(reading: Reading) -> None:
    reading.opened(FIRST)
    reading.star([SECOND])
    reading.tag([FIRST, SECOND], ["summit"])
    reading.set_note(FIRST, "call the embassy")


def assert_kept(reading: Reading, first: str = FIRST, second: str = SECOND) -> None:
    assert reading.read_ids() == {first}
    assert reading.starred_ids() == {second}
    assert reading.tagged_ids("summit") == {first, second}
    assert reading.state(first).note == "call the embassy"
    assert [visit.article_id for visit in reading.visits()] == [first]


def test_survives_reader_index_rebuild(seeds_copy: Path, isolated_dirs: Path) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    write_some(reading)
    result = CliRunner().invoke(cli, ["index", "--rebuild", "--corpus", str(seeds_copy)])
    assert result.exit_code == 0, result.output
    assert_kept(reading)
    library.close()
    _, again = opened(seeds_copy, isolated_dirs)
    assert_kept(again)


def test_survives_a_deleted_index_folder(seeds_copy: Path, isolated_dirs: Path) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    write_some(reading)
    library.close()
    reading.close()
    shutil.rmtree(isolated_dirs)
    _, again = opened(seeds_copy, isolated_dirs)
    assert_kept(again)


def test_survives_a_deleted_cache(seeds_copy: Path, monkeypatch: object, tmp_path: Path) -> None:
    # the default index location is the user cache: delete all of it
    import os

    os.environ.pop("READER_INDEX_DIR", None)
    library = Library.open(seeds_copy)
    library.update()
    assert library.index_dir.is_relative_to(tmp_path / "cache")
    write_some(Reading.open(library))
    library.close()
    shutil.rmtree(tmp_path / "cache")
    library = Library.open(seeds_copy)
    library.update()
    assert_kept(Reading.open(library))
    library.close()


def test_follows_a_moved_or_renamed_corpus_folder(seeds_copy: Path, tmp_path: Path) -> None:
    library, reading = opened(seeds_copy, tmp_path / "index-a")
    write_some(reading)
    library.close()
    moved = tmp_path / "elsewhere" / "renamed corpus"
    moved.parent.mkdir()
    seeds_copy.rename(moved)
    # a moved folder gets a new index (it is keyed by path); the data follows the content
    library, reading = opened(moved, tmp_path / "index-b")
    assert_kept(reading)
    write_some(reading)  # writes go to the same records
    assert reading.store.read().execute("SELECT count(*) FROM corpora").fetchone()[0] == 1
    library.close()


def test_a_copy_of_a_corpus_that_still_exists_starts_empty(
    seeds_copy: Path, tmp_path: Path
) -> None:
    library, reading = opened(seeds_copy, tmp_path / "index-a")
    write_some(reading)
    copy = tmp_path / "copy"
    shutil.copytree(seeds_copy, copy)
    _, other = opened(copy, tmp_path / "index-b")
    assert other.read_ids() == set() and other.tags() == []
    assert_kept(reading)
    library.close()


def test_another_corpus_with_the_same_ids_shares_nothing(tmp_path: Path) -> None:
    one, two = tmp_path / "one", tmp_path / "two"
    for folder, body in ((one, "Alpha story\n\nAlpha text."), (two, "Beta story\n\nBeta.")):
        folder.mkdir()
        (folder / "001.txt").write_text(body)
    _, first = opened(one, tmp_path / "i1")
    _, second = opened(two, tmp_path / "i2")
    first.mark_read(["001"])
    first.tag(["001"], ["alpha"])
    assert second.read_ids() == set() and second.tagged_ids("alpha") == set()


def test_an_edited_file_keeps_its_data(seeds_copy: Path, isolated_dirs: Path) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    write_some(reading)
    path = seeds_copy / f"{FIRST}.txt"
    path.write_text(path.read_text() + "\n\nA correction was appended.\n")
    assert library.update().changed == 1
    assert_kept(reading)
    stored = reading.store.read().execute(
        "SELECT digest FROM articles WHERE article_id = ?", (FIRST,)
    )
    assert stored.fetchone()[0] == library.catalog.digests([FIRST])[FIRST]


def test_a_renamed_or_moved_file_keeps_its_data(seeds_copy: Path, isolated_dirs: Path) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    write_some(reading)
    (seeds_copy / "2021").mkdir()
    (seeds_copy / f"{FIRST}.txt").rename(seeds_copy / "2021" / "putin-geneva.txt")
    library.update()
    assert_kept(reading, first="2021/putin-geneva")
    assert FIRST not in reading.read_ids()


def test_a_rename_in_a_rebuilt_index_of_a_moved_corpus(seeds_copy: Path, tmp_path: Path) -> None:
    library, reading = opened(seeds_copy, tmp_path / "index-a")
    write_some(reading)
    library.close()
    (seeds_copy / f"{SECOND}.txt").rename(seeds_copy / "second.txt")
    moved = tmp_path / "moved"
    seeds_copy.rename(moved)
    _, again = opened(moved, tmp_path / "index-b")
    assert_kept(again, second="second")


def test_identical_copies_each_take_one_record(seeds_copy: Path, isolated_dirs: Path) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    text = (seeds_copy / f"{FIRST}.txt").read_bytes()
    (seeds_copy / "copy.txt").write_bytes(text)  # an identical copy, read separately
    library.update()
    reading.mark_read([FIRST, "copy"])
    reading.tag(["copy"], ["dup"])
    (seeds_copy / f"{FIRST}.txt").rename(seeds_copy / "renamed.txt")
    library.update()
    assert reading.read_ids() == {"copy", "renamed"}
    assert reading.tagged_ids("dup") == {"copy"}


def test_a_moved_and_edited_file_is_not_guessed_and_comes_back(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    library, reading = opened(seeds_copy, isolated_dirs)
    reading.mark_read([FIRST])
    original = seeds_copy / f"{FIRST}.txt"
    text = original.read_text()
    original.rename(seeds_copy / "moved.txt")
    (seeds_copy / "moved.txt").write_text(text + "\n\nEdited too.\n")
    library.update()
    assert reading.read_ids() == {FIRST}  # kept, under its old id, matching no article
    assert reading.next_unread(None, sort="id") is not None
    (seeds_copy / "moved.txt").rename(original)
    library.update()
    assert reading.read_ids() == {FIRST}
    assert reading.state(FIRST).read


def test_data_is_never_written_into_the_corpus(seeds_copy: Path, isolated_dirs: Path) -> None:
    before = {path: path.stat().st_mtime_ns for path in seeds_copy.rglob("*")}
    _, reading = opened(seeds_copy, isolated_dirs)
    write_some(reading)
    assert {path: path.stat().st_mtime_ns for path in seeds_copy.rglob("*")} == before


def test_catalog_digests_and_write_mark(seeds_copy: Path, isolated_dirs: Path) -> None:
    library = Library.open(seeds_copy, isolated_dirs)
    library.update()
    catalog = library.catalog
    digests = catalog.digests([FIRST, "nope"])
    assert list(digests) == [FIRST] and len(digests[FIRST] or "") == 32
    assert catalog.ids_with_digests([digests[FIRST] or ""]) == [(FIRST, digests[FIRST])]
    mark = catalog.write_mark()
    assert catalog.write_mark() == mark
    (seeds_copy / "new.txt").write_text("New\n\nText.")
    library.update()  # written by this same connection: the mark still changes
    assert catalog.write_mark() != mark
    library.close()


def test_a_moved_corpus_read_before_its_new_index_is_built(
    seeds_copy: Path, tmp_path: Path
) -> None:
    library, reading = opened(seeds_copy, tmp_path / "index-a")
    write_some(reading)
    library.close()
    moved = tmp_path / "moved"
    seeds_copy.rename(moved)
    library = Library.open(moved, tmp_path / "index-b")
    early = Reading.open(library)  # the TUI opens before its index is built
    assert early.read_ids() == set()
    library.update()
    assert_kept(early)
    library.close()
