"""Building and updating the index: incremental changes, skipped files, schema changes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.engine import schema
from reader.index import ArticleNotFound, Library, LibraryError, changes, updater
from reader.index.catalog import Catalog
from reader.search import search
from tests.conftest import SEEDS, corpus_or_skip


def built(corpus: Path, index_dir: Path) -> Library:
    library = Library.open(corpus, index_dir)
    library.update()
    return library


def ids(library: Library, query: str) -> set[str]:
    return {hit.id for hit in search(library, query, limit=100).hits}


def test_first_update_indexes_every_seed(isolated_dirs: Path) -> None:
    library = Library.open(SEEDS, isolated_dirs)
    assert library.needs_update()
    report = library.update()
    assert (report.added, report.changed, report.deleted, report.rebuilt) == (5, 0, 0, True)
    assert library.count() == 5
    assert not library.needs_update()
    assert library.update().changes == 0


def test_incremental_add_change_delete(seeds_copy: Path, isolated_dirs: Path) -> None:
    library = built(seeds_copy, isolated_dirs)
    (seeds_copy / "extra").mkdir()
    (seeds_copy / "extra" / "new.txt").write_text("Zanzibar talks\n\nThe zanzibar summit ended.")
    target = next(seeds_copy.glob("000_*.txt"))
    target.write_text(target.read_text() + "\n\nA quokka appeared at the press conference.\n")
    next(seeds_copy.glob("004_*.txt")).unlink()
    assert library.needs_update()
    report = library.update()
    assert (report.added, report.changed, report.deleted) == (1, 1, 1)
    assert ids(library, "zanzibar") == {"extra/new"}
    assert ids(library, "quokka") == {"000_43d420fba78c7d6a"}
    assert "004_de3854ecbe4435ec" not in ids(library, "kremlin")
    assert library.count() == 5


def test_touched_file_with_same_content_is_not_reindexed(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    library = built(seeds_copy, isolated_dirs)
    target = next(seeds_copy.glob("001_*.txt"))
    os.utime(target, ns=(1, 1))
    report = library.update()
    assert (report.added, report.changed, report.unchanged) == (0, 0, 5)
    assert not library.needs_update()


def test_bad_files_are_skipped_once_and_the_rest_indexed(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    (seeds_copy / "empty.txt").write_bytes(b"")
    (seeds_copy / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (seeds_copy / "folder.txt").mkdir()
    library = Library.open(seeds_copy, isolated_dirs)
    report = library.update()
    assert dict(report.skipped) == {
        "empty.txt": "empty file",
        "photo.txt": "binary file (PNG image)",
    }
    assert library.count() == 5
    assert library.update().skipped == ()  # reported once, remembered
    assert dict(library.skipped())["empty.txt"] == "empty file"
    (seeds_copy / "empty.txt").write_text("Now a story\n\nWith a body about walruses.")
    assert library.update().added == 1
    assert ids(library, "walruses") == {"empty"}


def test_schema_change_rebuilds(isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(SEEDS, isolated_dirs)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", schema.SCHEMA_VERSION + 1)
    library = Library.open(SEEDS, isolated_dirs)
    assert library.needs_update()
    report = library.update()
    assert report.rebuilt and report.added == 5
    meta = json.loads((isolated_dirs / "reader-index.json").read_text())
    assert meta["schema"] == schema.SCHEMA_VERSION


def test_rebuild_starts_over(isolated_dirs: Path) -> None:
    library = built(SEEDS, isolated_dirs)
    report = library.update(rebuild=True)
    assert report.rebuilt and report.added == 5
    assert ids(library, "navalny")


def test_foreign_index_dir_is_never_wiped(tmp_path: Path) -> None:
    precious = tmp_path / "mine"
    precious.mkdir()
    (precious / "thesis.txt").write_text("do not delete")
    with pytest.raises(LibraryError, match="not a reader index"):
        Library.open(SEEDS, precious).update()
    assert (precious / "thesis.txt").read_text() == "do not delete"


def test_sqlite_files_beside_our_catalog_belong_to_the_index(tmp_path: Path) -> None:
    """A kill -9 early in a first build can leave the catalog and its rollback journal and
    nothing else (no meta file yet): the folder is still ours, the next update builds it."""
    index_dir = tmp_path / "index"
    index_dir.mkdir()
    Catalog(index_dir / "catalog.sqlite3").close()
    (index_dir / "catalog.sqlite3-journal").write_bytes(b"")
    result = CliRunner().invoke(
        cli, ["index", "--corpus", str(SEEDS), "--index-dir", str(index_dir)]
    )
    assert result.exit_code == 0, result.stderr
    library = Library.open(SEEDS, index_dir)
    assert library.count() == 5 and not library.needs_update()
    assert not (index_dir / "catalog.sqlite3-journal").exists()


@pytest.mark.parametrize("foreign", ["thesis.txt", "notes.sqlite3-journal", "catalog.sqlite3-x"])
def test_a_folder_with_other_files_beside_a_catalog_is_refused(
    tmp_path: Path, foreign: str
) -> None:
    index_dir = tmp_path / "mine"
    index_dir.mkdir()
    Catalog(index_dir / "catalog.sqlite3").close()
    (index_dir / foreign).write_text("do not delete")
    with pytest.raises(LibraryError, match=f"not a reader index \\({foreign}, "):
        Library.open(SEEDS, index_dir).update()
    assert (index_dir / foreign).read_text() == "do not delete"
    assert (index_dir / "catalog.sqlite3").exists()


def test_missing_corpus_and_unknown_article(tmp_path: Path, isolated_dirs: Path) -> None:
    with pytest.raises(LibraryError, match="does not exist"):
        Library.open(tmp_path / "nowhere")
    library = built(SEEDS, isolated_dirs)
    with pytest.raises(ArticleNotFound):
        library.article("nope")


def test_article_and_quotes_from_the_library(isolated_dirs: Path) -> None:
    library = built(SEEDS, isolated_dirs)
    article = library.article("002_3bb99c5d5b88d2c9")
    quotes = library.quotes(article.id)
    assert quotes and all(article.body[q.start : q.end] == q.text for q in quotes)
    summary = {s.id: s for s in library.summaries()}["002_3bb99c5d5b88d2c9"]
    assert summary.quote_count == len(quotes)


def test_sorting_summaries(seeds_copy: Path, isolated_dirs: Path) -> None:
    (seeds_copy / "dated.txt").write_text("Talks\n\nMarch 3, 2021\n\nThe leaders met.\n")
    library = built(seeds_copy, isolated_dirs)
    titles = [s.title for s in library.summaries(sort="title")]
    assert titles == sorted(titles, key=str.lower)
    assert library.summaries(sort="date")[0].date == "2021-03-03"


@pytest.mark.slow
def test_bbc_corpus_indexes_every_article(isolated_dirs: Path) -> None:
    bbc = corpus_or_skip("bbc")
    library = Library.open(bbc, isolated_dirs)
    report = library.update()
    assert library.count() == 2226  # 2,225 stories and the README.TXT
    assert report.skipped == ()
    hits = search(library, "mutu chelsea", limit=5).hits
    assert hits[0].id == "sport/199"


def test_same_quote_in_other_articles(isolated_dirs: Path) -> None:
    library = built(SEEDS, isolated_dirs)
    grouped = [q for q in library.quotes("002_3bb99c5d5b88d2c9") if q.group]
    assert grouped, "002 shares quotes with other seeds (e.g. “constructive”)"
    members = library.group_members(grouped[0].group or "")
    articles = {article for article, _ in members}
    assert "002_3bb99c5d5b88d2c9" in articles and len(articles) >= 2
    assert all(quote.group == grouped[0].group for _, quote in members)


def test_an_article_not_yet_in_the_catalog_still_opens(
    seeds_copy: Path, isolated_dirs: Path
) -> None:
    """During a rebuild the list on screen names articles the new catalog has not reached."""
    library = built(seeds_copy, isolated_dirs)
    (seeds_copy / "late.txt").write_text("Late story\n\nIt said “we are late” today.")
    assert library.article("late").title == "Late story"
    assert [q.text for q in library.quotes("late")] == ["we are late"]
    (seeds_copy.parent / "outside.txt").write_text("Outside\n\nNot in the corpus.")
    with pytest.raises(ArticleNotFound):
        library.article("../outside")


def test_update_uses_the_scan_of_the_check_just_made(
    seeds_copy: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = built(seeds_copy, isolated_dirs)
    assert not library.needs_update()  # a check that finds nothing leaves no scan behind
    (seeds_copy / "new.txt").write_text("Quokka news\n\nA quokka was seen.")
    assert library.update().added == 1
    (seeds_copy / "other.txt").write_text("Wombat news\n\nA wombat was seen.")
    assert library.needs_update()
    walks: list[Path] = []
    real = updater.corpus_files
    monkeypatch.setattr(updater, "corpus_files", lambda c: walks.append(c) or real(c))
    assert library.update().added == 1 and walks == []  # the corpus is walked once
    assert library.update().changes == 0 and walks == [library.corpus]
    assert ids(library, "wombat") == {"other"}


def test_the_start_up_check_trusts_a_scan_digest_only_while_it_is_true(
    seeds_copy: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = built(seeds_copy, isolated_dirs)
    digest = isolated_dirs / "scan.digest"
    assert digest.exists()
    # With the digest, a check that finds nothing does not read the recorded stats.
    monkeypatch.setattr(library.catalog, "stat_pairs", lambda: pytest.fail("stats read"))
    assert not library.needs_update()
    monkeypatch.undo()
    # An edit that keeps the size is still seen (the mtime is in the digest).
    target = next(seeds_copy.glob("002_*.txt"))
    os.utime(target, ns=(target.stat().st_atime_ns, target.stat().st_mtime_ns + 10**9))
    assert library.needs_update()
    assert library.update().changes == 0 and not library.needs_update()
    # An index without a digest (an older one, or a read-only folder) compares every stat,
    # and records the digest for the next check.
    digest.unlink()
    assert not library.needs_update() and digest.exists()


def test_an_interrupted_update_leaves_no_digest_to_trust(
    seeds_copy: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = built(seeds_copy, isolated_dirs)
    target = next(seeds_copy.glob("003_*.txt"))
    before = target.stat()
    original = target.read_bytes()
    target.write_bytes(original + b"\n\nA narwhal surfaced.\n")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(changes, "prepare_all", interrupted)
    with pytest.raises(KeyboardInterrupt):
        library.update()
    monkeypatch.undo()
    # The file goes back to its old bytes and stats: the scan equals the old digest's, but
    # that digest was withdrawn when the update began.
    target.write_bytes(original)
    os.utime(target, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert not (isolated_dirs / "scan.digest").exists()
    assert not library.needs_update()  # the catalog (never changed) still agrees


def test_update_reuses_the_checks_recorded_stats_only_while_nobody_wrote_the_catalog(
    seeds_copy: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sqlite3

    library = built(seeds_copy, isolated_dirs)
    reads: list[int] = []
    real = library.catalog.stat_pairs
    monkeypatch.setattr(library.catalog, "stat_pairs", lambda: reads.append(1) or real())
    (seeds_copy / "new.txt").write_text("Quokka news\n\nA quokka was seen.")
    assert library.needs_update() and len(reads) == 1
    assert library.update().added == 1 and len(reads) == 1  # the check's stats reused
    (seeds_copy / "other.txt").write_text("Wombat news\n\nA wombat was seen.")
    assert library.needs_update() and len(reads) == 2
    # Another process writes the catalog in between: its stats are read again.
    with sqlite3.connect(isolated_dirs / "catalog.sqlite3") as other:
        other.execute("UPDATE articles SET mtime_ns = mtime_ns + 1 WHERE path = 'new.txt'")
    report = library.update()
    assert len(reads) == 3 and (report.added, report.changed) == (1, 0)
    assert not library.needs_update()


_FORK_PROBE = """
import ctypes, os, sys
from pathlib import Path

import reader.index

def child_death_signal() -> int:
    pid = os.fork()
    if pid == 0:
        value = ctypes.c_int()
        ctypes.CDLL(None).prctl(2, ctypes.byref(value))  # PR_GET_PDEATHSIG
        os._exit(value.value)
    return os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])

before = child_death_signal()
reader.index.Library.open(Path(sys.argv[1]), Path(sys.argv[2])).update()
print(before, child_death_signal())
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_importing_the_index_leaves_forks_alone_until_a_build(isolated_dirs: Path) -> None:
    """Children forked by a build die with it (kill -9 tests); importing the package alone
    changes nothing for the rest of the process."""
    probe = [sys.executable, "-c", _FORK_PROBE, str(SEEDS), str(isolated_dirs)]
    answer = subprocess.run(probe, capture_output=True, text=True, check=True).stdout
    assert answer.split() == ["0", str(int(signal.SIGKILL))]


_ORPHAN_PROBE = """
import os, sys, time

from reader.index import prepare

forking = 0

def remember() -> None:
    global forking
    forking = os.getpid()

def wait_until_orphaned() -> None:  # runs before the reader's hook, in the child
    while os.getppid() == forking:
        time.sleep(0.01)

os.register_at_fork(before=remember, after_in_child=wait_until_orphaned)
prepare.children_exit_with_parent()
if os.fork() == 0:
    print("the child outlived its parent", flush=True)
os._exit(0)
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_child_whose_parent_died_before_it_ran_exits_too() -> None:
    """A forked child that first runs after its parent is gone (a kill -9 on a loaded
    machine) must not take its new parent for the one to outlive."""
    # (the output is read until every holder of the pipe, the child too, has exited)
    probe = subprocess.run([sys.executable, "-c", _ORPHAN_PROBE], capture_output=True, text=True)
    assert probe.stdout == "" and probe.stderr == ""
