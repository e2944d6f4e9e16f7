"""Index faults: kill -9 mid-update, damaged files, read-only and full folders, two processes,
old schemas, searching during updates, and a corpus that is only ever read."""

from __future__ import annotations

import errno
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from whoosh.filedb.compound import CompoundStorage

from reader.cli import cli
from reader.index import Library, changes, folder, writing
from reader.index.catalog import Catalog
from reader.search import QueryError, search
from tests.conftest import SEEDS
from tests.hostile import build_hostile_corpus, build_plain_corpus, fingerprint, read_only
from tests.pilot import settle


def _reader(*args: str, env_index: Path | None = None) -> subprocess.Popen[str]:
    """The installed command line, as a user would run it (``python -m reader``)."""
    env = dict(os.environ)
    if env_index is not None:
        env["READER_INDEX_DIR"] = str(env_index)
    return subprocess.Popen(
        [sys.executable, "-m", "reader", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def _finish(process: subprocess.Popen[str], timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out, err


def _assert_matches_corpus(library: Library, paths: list[Path], sample: int = 25) -> None:
    """The index holds exactly the corpus files and finds a sample of them by their own word."""
    relative = {path.relative_to(library.corpus).as_posix() for path in paths}
    assert {summary.path for summary in library.summaries()} == relative
    assert library.count() == len(paths)
    assert not library.needs_update()
    step = max(1, len(paths) // sample)
    for path in paths[::step]:
        number = path.stem.split("-")[1]
        hits = search(library, f"art{number}x").hits
        assert [hit.id for hit in hits] == [
            path.relative_to(library.corpus).with_suffix("").as_posix()
        ]


def _plain_seeds(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for seed in SEEDS.glob("*.txt"):
        (corpus / seed.name).write_bytes(seed.read_bytes())
    return corpus


# -- kill -9 ----------------------------------------------------------------------------------


# From 400 files on preparation runs in a process pool, from 1,000 Whoosh writes in parallel
# processes: both kinds of children are alive when these tests stop the indexer.
_PAUSED_CORPUS = 1200
# (stage, articles done there) where the test-only hook pauses an update: files being read
# by pool workers; documents being indexed by Whoosh's writer processes.
_PAUSES = (("prepare", 320), ("write", 600))
# Every file read, the pool's workers idle, waiting for work (a busy worker hands a Ctrl-C
# back to the pool; an idle one would print a traceback of its own).
_ALL_READ = ("prepare", _PAUSED_CORPUS)


Indexers = list[subprocess.Popen[str]]


@pytest.fixture
def indexers() -> Iterator[Indexers]:
    """Indexer processes a test starts; any the test leaves running (it failed) is killed."""
    started: Indexers = []
    yield started
    for process in started:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)


def _index_until_paused(
    indexers: Indexers, corpus: Path, index_dir: Path, stage: str, count: int, *args: str
) -> subprocess.Popen[str]:
    """``reader index`` as a user runs it, held at a known point by ``READER_TEST_PAUSE``
    (``reader.index.pausing``) until the test interrupts or kills it."""
    signal_file = index_dir.parent / f"paused-{stage}-{time.monotonic_ns()}"
    env = {**os.environ, "READER_TEST_PAUSE": f"{stage}:{count}:{signal_file}"}
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", *args, "--corpus", str(corpus),
         "--index-dir", str(index_dir)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
        start_new_session=True,  # its own process group, as a shell gives a foreground job
    )  # fmt: skip
    indexers.append(process)
    deadline = time.monotonic() + 120  # a guard against a hang, not a timing
    while not signal_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            os.killpg(process.pid, signal.SIGKILL)
            pytest.fail(f"the indexer did not pause at {stage} {count}: {process.communicate()}")
        time.sleep(0.01)
    if stage == "write":  # Whoosh's writer processes are at work in their temp folder
        assert any((index_dir / "whoosh").glob("*.tmp"))
    return process


@pytest.mark.slow
def test_kill_9_during_indexing_then_the_next_run_recovers(
    tmp_path: Path, indexers: Indexers
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    paths = build_plain_corpus(corpus, _PAUSED_CORPUS)
    # A first build killed while reading files, the update after it killed while indexing,
    # then a rebuild killed while indexing.
    runs = [(*_PAUSES[0], ()), (*_PAUSES[1], ()), (*_PAUSES[1], ("--rebuild",))]
    for stage, count, args in runs:
        process = _index_until_paused(indexers, corpus, index_dir, stage, count, *args)
        process.send_signal(signal.SIGKILL)
        # Its children die with it (else they keep the pipes open and this times out, and
        # the next run meets their lock).
        process.communicate(timeout=30)
        assert process.returncode == -signal.SIGKILL
    code, _, err = _finish(_reader("index", "--corpus", str(corpus), env_index=index_dir))
    assert code == 0, err
    assert "Traceback" not in err and "LockError" not in err
    _assert_matches_corpus(Library.open(corpus, index_dir), paths)
    leftovers = [p.name for p in index_dir.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


@pytest.mark.slow
def test_ctrl_c_during_indexing_prints_one_line_and_the_next_run_recovers(
    tmp_path: Path, indexers: Indexers
) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    paths = build_plain_corpus(corpus, _PAUSED_CORPUS)
    for stage, count in (*_PAUSES, _ALL_READ):
        process = _index_until_paused(indexers, corpus, index_dir, stage, count, "--rebuild")
        os.killpg(process.pid, signal.SIGINT)  # Ctrl-C: the whole foreground group
        code, _, err = _finish(process, timeout=60)
        lines = [line for line in err.splitlines() if line.strip()]
        assert code != 0 and lines in (["Aborted!"], ["reader: interrupted"]), (stage, err)
    code, _, err = _finish(_reader("index", "--corpus", str(corpus), env_index=index_dir))
    assert code == 0, err
    _assert_matches_corpus(Library.open(corpus, index_dir), paths)


@pytest.mark.slow
def test_a_ctrl_c_landing_in_a_fork_hook_is_delivered_again() -> None:
    """Python ignores an exception raised in an at-fork hook (logging's lock release, while
    Whoosh forks its writers) after printing a traceback; the handler defers it instead."""
    with writing.quiet_subprocess_interrupts():
        handler = signal.getsignal(signal.SIGINT)
        assert callable(handler)
        in_logging = type("Frame", (), {"f_globals": {"__name__": "logging"}})()
        handler(signal.SIGINT, in_logging)  # no exception inside the hook
        with pytest.raises(KeyboardInterrupt):
            time.sleep(5)


@pytest.mark.parametrize("kill_after", ["whoosh commit", "quotation relink"])
def test_a_crash_between_the_two_stores_is_repaired(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch, kill_after: str
) -> None:
    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    (corpus / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")
    # the relink runs inside the catalog's transaction: a crash there loses the whole write
    owner: Any = Catalog if kill_after == "quotation relink" else changes
    target = "_relink" if kill_after == "quotation relink" else "write_index"

    class Crash(BaseException):
        pass

    real = getattr(owner, target)

    def crash(*args: object) -> None:
        real(*args)
        raise Crash  # the process dies right after this step

    monkeypatch.setattr(owner, target, crash)
    with pytest.raises(Crash):
        library.update()
    monkeypatch.setattr(owner, target, real)
    library = Library.open(corpus, isolated_dirs)
    assert library.needs_update()
    library.update()
    assert [hit.id for hit in search(library, "narwhalish").hits] == ["new"]
    assert library.count() == 6 and not library.needs_update()


# -- damaged index files ----------------------------------------------------------------------


def _damage_seg(index_dir: Path) -> None:
    segment = next((index_dir / "whoosh").glob("*.seg"))
    with segment.open("r+b") as handle:
        handle.truncate(segment.stat().st_size // 2)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated segment": _damage_seg,
    "garbage table of contents": lambda d: next((d / "whoosh").glob("*.toc")).write_bytes(
        b"garbage" * 10
    ),
    "empty table of contents": lambda d: next((d / "whoosh").glob("*.toc")).write_bytes(b""),
    "deleted segment": lambda d: next((d / "whoosh").glob("*.seg")).unlink(),
    "garbage catalog": lambda d: (d / "catalog.sqlite3").write_bytes(b"not a database" * 100),
    "truncated catalog": lambda d: os.truncate(d / "catalog.sqlite3", 1000),
    "emptied catalog rows": lambda d: (
        __import__("sqlite3").connect(d / "catalog.sqlite3").executescript("DELETE FROM articles;")
    ),
}


def _damaged_index(tmp_path: Path, index_dir: Path, damage: str) -> Path:
    """A corpus whose index was built, closed and then damaged; returns the corpus."""
    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, index_dir)
    library.update()
    library.close()  # as when the reader has exited (SQLite folds its write-ahead log back)
    DAMAGE[damage](index_dir)
    return corpus


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_index_is_rebuilt_with_a_one_line_notice(
    tmp_path: Path, isolated_dirs: Path, damage: str
) -> None:
    corpus = _damaged_index(tmp_path, isolated_dirs, damage)
    result = CliRunner().invoke(cli, ["search", "putin", "--corpus", str(corpus)])
    assert result.exit_code == 0, (result.stderr, result.exception)
    notices = [line for line in result.stderr.splitlines() if "damaged" in line]
    assert len(notices) == 1 and notices[0].startswith("reader: warning: the index was damaged")
    assert result.stdout.startswith("5 hits for putin")
    library = Library.open(corpus, isolated_dirs)
    assert library.count() == 5 and not library.needs_update()


def _kind(path: Path) -> str:
    """A file's kind (segment names are random: sorting by them would vary between runs)."""
    return path.suffix or path.name


def _damage_at_random(whoosh_dir: Path, chance: random.Random) -> str:
    """Truncate, empty, delete, overwrite or scribble over one file of a Whoosh index."""
    files = sorted((path for path in whoosh_dir.iterdir() if path.is_file()), key=_kind)
    target = chance.choice(files)
    data = bytearray(target.read_bytes())
    how = chance.choice(["truncate", "empty", "delete", "garbage", "scribble"])
    if how == "delete":
        target.unlink()
    elif how == "scribble":
        for _ in range(chance.randrange(1, 40)):
            if data:
                data[chance.randrange(len(data))] = chance.randrange(256)
        target.write_bytes(bytes(data))
    else:
        garbage = bytes(chance.randrange(256) for _ in range(chance.randrange(1, 200)))
        cut = data[: chance.randrange(len(data) + 1)]
        target.write_bytes({"truncate": bytes(cut), "empty": b"", "garbage": garbage}[how])
    return f"{how} {target.name}"


def test_the_start_up_check_tells_damage_from_bugs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever happens to Whoosh's files, the check answers (damaged or not) instead of
    raising: every error damaged files give is one it counts as damage; and an error of
    another kind (a bug, here a Whoosh internal that moved) is raised, not taken for damage
    and rebuilt on every start."""
    corpus, index_dir = _plain_seeds(tmp_path), tmp_path / "index"
    Library.open(corpus, index_dir).update()
    pristine = tmp_path / "pristine"
    shutil.copytree(index_dir, pristine)
    chance, found = random.Random(10), 0
    for _ in range(120):
        shutil.rmtree(index_dir)
        shutil.copytree(pristine, index_dir)
        how = _damage_at_random(index_dir / "whoosh", chance)
        try:
            found += Library.open(corpus, index_dir).needs_update()
        except Exception as error:
            pytest.fail(f"{how}: {type(error).__name__}: {error}")
    assert found > 40, found  # most are found at start (a scribble only by a search)

    # A Whoosh internal the check reads moves (as a new Whoosh version might do).
    real_init = CompoundStorage.__init__

    def moved(self: Any, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self._directory = self.__dict__.pop("_dir")

    shutil.rmtree(index_dir)
    shutil.copytree(pristine, index_dir)
    monkeypatch.setattr(CompoundStorage, "__init__", moved)
    library = Library.open(corpus, index_dir)
    with pytest.raises(AttributeError):
        library.needs_update()
    monkeypatch.undo()
    assert not library.needs_update() and library.rebuilds == 0


def _scribble_segment(index_dir: Path, seed: int) -> None:
    """Overwrite bytes in the middle of the segment, where postings live (the file opens)."""
    segment = next((index_dir / "whoosh").glob("*.seg"))
    data = bytearray(segment.read_bytes())
    scribble = random.Random(seed)
    for offset in range(len(data) // 4, len(data) // 2, 97):
        data[offset] = scribble.randrange(256)
    segment.write_bytes(bytes(data))


def test_damage_found_by_a_search_is_reported_and_rebuilt_next_time(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    queries = ["putin", "geneva", "summit", "sanct*", "biden~1", "title:putin", "russia"]
    damaged: list[str] = []
    for seed in range(12):  # until the scribble hits only what searches (not opening) read
        library = Library.open(corpus, isolated_dirs)
        library.update(rebuild=True)
        library.close()
        _scribble_segment(isolated_dirs, seed)
        library = Library.open(corpus, isolated_dirs)
        if library.needs_update():  # caught by the check at start: rebuilt with a notice
            report = library.update()
            assert report.notice is not None and "damaged" in report.notice
            continue
        for query in queries:
            try:
                search(library, query)
            except QueryError as error:
                assert "the index is damaged" in str(error)
                damaged.append(query)
        if damaged:
            break
    assert damaged, "no scribble hit something only a search reads"
    result = CliRunner().invoke(cli, ["search", "putin", "--corpus", str(corpus)])
    assert result.exit_code == 0, (result.stderr, result.exception)
    assert result.stderr.startswith("reader: warning: the index was damaged (")
    for query in damaged:
        search(Library.open(corpus, isolated_dirs), query)


def test_unreadable_meta_or_old_schema_rebuilds(tmp_path: Path, isolated_dirs: Path) -> None:
    corpus = _plain_seeds(tmp_path)
    Library.open(corpus, isolated_dirs).update()
    meta_path = isolated_dirs / "reader-index.json"
    meta = json.loads(meta_path.read_text())
    for old in ({**meta, "schema": 0}, {**meta, "schema": "1"}, {"version": "0.0.1"}):
        meta_path.write_text(json.dumps(old))
        library = Library.open(corpus, isolated_dirs)
        assert library.needs_update()
        report = library.update()
        assert report.rebuilt and report.added == 5
        assert json.loads(meta_path.read_text())["schema"] == meta["schema"]
    meta_path.write_text("{")
    assert Library.open(corpus, isolated_dirs).update().rebuilt


def test_a_crash_while_writing_meta_keeps_the_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = tmp_path / "reader-index.json"
    meta.write_text('{"schema": 1}')

    def failing_replace(source: object, target: object) -> None:
        raise OSError(errno.EIO, "simulated crash before the rename")

    monkeypatch.setattr(folder.os, "replace", failing_replace)
    with pytest.raises(OSError):
        folder.write_atomically(meta, '{"schema": 2}')
    monkeypatch.undo()
    assert meta.read_text() == '{"schema": 1}'
    assert [path.name for path in tmp_path.iterdir()] == ["reader-index.json"]


def test_a_meta_temp_file_left_by_a_crash_does_not_block_the_index(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    isolated_dirs.mkdir(parents=True)
    (isolated_dirs / ".reader-index.json.123.456.tmp").write_text("{")
    assert Library.open(corpus, isolated_dirs).update().added == 5


# -- read-only and full index folders ---------------------------------------------------------


def test_read_only_index_folder_searches_the_existing_index(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    Library.open(corpus, isolated_dirs).update()
    (corpus / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")
    with read_only(isolated_dirs):
        result = CliRunner().invoke(cli, ["search", "putin", "--corpus", str(corpus)])
        assert result.exit_code == 0, (result.stderr, result.exception)
        assert result.stderr.startswith("reader: warning: cannot update the index in")
        assert "existing index" in result.stderr and result.stderr.count("\n") == 1
        assert result.stdout.startswith("5 hits for putin")


def test_read_only_empty_index_folder_builds_a_temporary_index(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    isolated_dirs.mkdir(parents=True)
    with read_only(isolated_dirs):
        result = CliRunner().invoke(cli, ["search", "putin", "--corpus", str(corpus)])
        assert result.exit_code == 0, (result.stderr, result.exception)
        assert "using a temporary index" in result.stderr
        assert result.stdout.startswith("5 hits for putin")
        assert list(isolated_dirs.iterdir()) == []


def test_out_of_space_keeps_the_existing_index(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = _plain_seeds(tmp_path)
    Library.open(corpus, isolated_dirs).update()
    (corpus / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")

    def disk_full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(changes, "write_index", disk_full)
    library = Library.open(corpus, isolated_dirs)
    report = library.update()
    assert report.notice is not None and "No space left on device" in report.notice
    assert search(library, "putin").total == 5
    monkeypatch.undo()
    library = Library.open(corpus, isolated_dirs)
    assert library.needs_update()  # nothing half-written: the new file is still pending
    library.update()
    assert search(library, "narwhalish").total == 1


def test_out_of_space_on_a_real_tiny_file_system(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tiny tmpfs needs root (the simulated ENOSPC test covers this)")
    index_dir = tmp_path / "tiny"
    index_dir.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96k", "tmpfs", str(index_dir)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs: {mounted.stderr!r}")
    try:
        corpus = tmp_path / "corpus"
        paths = build_plain_corpus(corpus, 300)
        result = CliRunner().invoke(
            cli, ["search", "art00007x", "--corpus", str(corpus), "--index-dir", str(index_dir)]
        )
        assert result.exit_code == 0, (result.stderr, result.exception)
        assert "warning: cannot write the index" in result.stderr
        assert result.stdout.startswith("1 hit for art00007x")
        assert len(paths) == 300
    finally:
        subprocess.run(["umount", "-l", str(index_dir)], check=True)


# -- two processes, and searching while updating ----------------------------------------------


@pytest.mark.slow
def test_two_processes_one_indexing_both_work(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    paths = build_plain_corpus(corpus, 1500)
    indexer = _reader("index", "--corpus", str(corpus), env_index=index_dir)
    time.sleep(0.5)
    searcher = _reader("search", "art00042x", "--corpus", str(corpus), env_index=index_dir)
    second_indexer = _reader("index", "--corpus", str(corpus), env_index=index_dir)
    outcomes = [_finish(process) for process in (indexer, searcher, second_indexer)]
    for code, _, err in outcomes:
        assert code == 0, err
        assert "Traceback" not in err and "LockError" not in err
    assert outcomes[1][1].startswith("1 hit for art00042x")
    _assert_matches_corpus(Library.open(corpus, index_dir), paths)


def test_searching_while_the_index_updates_is_consistent(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = tmp_path / "corpus"
    steady = build_plain_corpus(corpus / "steady", 30)
    for path in steady:
        path.write_text(path.read_text() + "\nsteadfastword\n")
    library = Library.open(corpus, isolated_dirs)
    library.update()
    errors: list[BaseException] = []
    totals: set[int] = set()
    done = threading.Event()

    def updater() -> None:
        try:
            for round_ in range(12):
                churn = corpus / "churn"
                churn.mkdir(exist_ok=True)
                for number in range(10):
                    (churn / f"c{round_}-{number}.txt").write_text(f"Churn {round_}\n\nWords.\n")
                for old in churn.glob(f"c{round_ - 2}-*.txt"):
                    old.unlink()
                library.update()
        except BaseException as error:
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=updater)
    thread.start()
    searches = 0
    while not done.is_set() or searches < 20:
        try:
            result = search(library, "steadfastword", limit=50)
            totals.add(result.total)
            assert len(result.hits) == result.total
            search(library, "churn OR words", limit=5)
        except BaseException as error:
            errors.append(error)
            break
        searches += 1
    thread.join()
    assert errors == []
    assert totals == {30}


def test_searching_in_one_thread_while_another_rebuilds_never_raises(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    errors: list[BaseException] = []
    done = threading.Event()

    def rebuilder() -> None:
        try:
            for _ in range(3):
                library.update(rebuild=True)
        except BaseException as error:
            errors.append(error)
        finally:
            done.set()

    thread = threading.Thread(target=rebuilder)
    thread.start()
    refusals = 0
    while not done.is_set():
        try:
            result = search(library, "putin")
            assert len(result.hits) <= result.total
        except QueryError as error:
            assert "being rebuilt" in str(error)
            refusals += 1
        except BaseException as error:
            errors.append(error)
            break
    thread.join()
    assert errors == []
    assert search(library, "putin").total == 5
    print(f"searches refused during the rebuilds: {refusals}")


# -- the corpus is only ever read -------------------------------------------------------------


@pytest.mark.slow
def test_indexing_a_read_only_corpus_changes_nothing(tmp_path: Path) -> None:
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    build_hostile_corpus(corpus, huge=True)
    build_plain_corpus(corpus / "plain-many", 40)
    before = fingerprint(corpus)
    with read_only(corpus):
        code, _, err = _finish(_reader("index", "--corpus", str(corpus), env_index=index_dir))
        assert code == 0 and "Traceback" not in err, err
        library = Library.open(corpus, index_dir)
        for summary in library.summaries():
            library.article(summary.id)
            library.quotes(summary.id)
        for args in (["list"], ["search", "zorblax*"], ["index", "--rebuild"]):
            result = CliRunner().invoke(
                cli, [*args, "--corpus", str(corpus), "--index-dir", str(index_dir)]
            )
            assert result.exit_code == 0, result.stderr
    assert fingerprint(corpus) == before


@pytest.mark.slow
@pytest.mark.parametrize(
    "damage", ["garbage catalog", "truncated segment", "garbage table of contents"]
)
def test_the_tui_rebuilds_a_damaged_index_by_itself(
    tmp_path: Path, isolated_dirs: Path, damage: str
) -> None:
    import asyncio

    from reader.ui.app import make_app

    corpus = _damaged_index(tmp_path, isolated_dirs, damage)
    library = Library.open(corpus, isolated_dirs)

    async def run() -> None:
        app = make_app(library)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert app.is_running
            await pilot.press("slash")
            await pilot.press(*"putin", "enter")
            await pilot.pause(0.3)
            await app.workers.wait_for_complete()
            await pilot.pause()
            info = str(app.screen.query_one("#search-info").content)  # type: ignore[attr-defined]
            assert info.startswith("5 hits"), info

    asyncio.run(run())
    assert Library.open(corpus, isolated_dirs).count() == 5


def test_a_rebuild_by_another_process_is_seen_by_an_open_library(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    assert search(library, "putin").total == 5
    assert len(library.summaries()) == 5
    (corpus / "new.txt").write_text("Fresh news\n\nA narwhalish announcement.\n")
    code, _, err = _finish(
        _reader("index", "--rebuild", "--corpus", str(corpus), env_index=isolated_dirs)
    )
    assert code == 0, err
    result = search(library, "narwhalish")
    assert [(hit.id, hit.title) for hit in result.hits] == [("new", "Fresh news")]
    assert len(library.summaries()) == 6


def test_a_foreign_whoosh_lock_is_a_one_line_error(tmp_path: Path, isolated_dirs: Path) -> None:
    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    (corpus / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")
    lock = library.ix.lock("WRITELOCK")
    assert lock.acquire()
    try:
        result = CliRunner().invoke(cli, ["search", "putin", "--corpus", str(corpus)])
    finally:
        lock.release()
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith("Error: the search index in") and "locked" in result.stderr
    assert result.stderr.count("\n") == 1
    assert Library.open(corpus, isolated_dirs).update().added == 1  # and then it works


def test_an_update_that_has_to_wait_for_another_says_so(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    import fcntl

    corpus = _plain_seeds(tmp_path)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    (corpus / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")
    messages: list[str] = []
    library.on_wait = messages.append
    with open(isolated_dirs / "update.lock", "a+b") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX)
        waiting = threading.Thread(target=library.update)
        waiting.start()
        deadline = time.monotonic() + 10
        while not messages and time.monotonic() < deadline:
            time.sleep(0.02)
        assert library.is_updating()
        assert search(library, "putin").total == 5  # searching goes on meanwhile
    waiting.join(10)
    assert messages == ["another reader process is updating the index: waiting for it"]
    assert search(library, "narwhalish").total == 1
