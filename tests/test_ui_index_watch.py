"""The index's state on the main screen while Whoosh writes it (no count of its own)."""

from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from reader.index import Library
from reader.ui.app import make_app
from reader.ui.loading import FRAME_SWITCH_S, SWITCH_S
from reader.ui.messages import IndexProgress, IndexReady
from reader.ui.widgets.index_watch import IndexWatch
from reader.ui.widgets.status_bar import StatusBar
from tests.pilot import settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.mark.slow
@synchronous
async def test_the_writing_phase_shows_a_clock_that_moves() -> None:
    async with make_app(Library.open(SEEDS)).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        watch = pilot.app.screen.query_one(IndexWatch)
        status = pilot.app.screen.query_one(StatusBar)
        watch.post_message(IndexProgress(2226, 2226))  # every article read: now writing
        await wait_until(pilot, lambda: "writing 2,226 articles… 0 s" in status.index_state)
        await pilot.pause(1.2)
        assert status.index_state.endswith(" 1 s")  # not stuck on one message
        watch.post_message(IndexReady(5, building=False))
        await wait_until(pilot, lambda: status.index_state == "up to date")
        await pilot.pause(1.2)
        assert status.index_state == "up to date"  # the clock stopped


@synchronous
async def test_start_up_settings_are_back_to_normal_once_the_list_shows() -> None:
    # As reader.__main__ leaves them for the reader's start-up: no cyclic collector, threads
    # taking turns every 0.1 ms.
    gc.disable()
    sys.setswitchinterval(FRAME_SWITCH_S)
    try:
        async with make_app(Library.open(SEEDS)).run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            await wait_until(
                pilot, lambda: pilot.app.screen.query_one(IndexWatch).list_painted.is_set()
            )
            assert gc.isenabled()
            assert sys.getswitchinterval() == SWITCH_S != FRAME_SWITCH_S
    finally:
        gc.enable()
        sys.setswitchinterval(SWITCH_S)


def test_commands_run_with_the_collector_on() -> None:
    from click.testing import CliRunner

    from reader.cli import cli

    gc.disable()
    try:
        result = CliRunner().invoke(cli, ["list", "--corpus", str(SEEDS), "--json"])
        assert result.exit_code == 0, result.output
        assert gc.isenabled()
    finally:
        gc.enable()


@synchronous
async def test_one_article_in_the_singular(tmp_path: Path) -> None:
    (tmp_path / "only.txt").write_text("The only story\n\nOne paragraph of it.\n")
    async with make_app(Library.open(tmp_path, tmp_path / "ix")).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        status = pilot.app.screen.query_one(StatusBar)
        await wait_until(pilot, lambda: status.article_count == 1)
        assert " 1 article " in str(status.render()) + " "
        watch = pilot.app.screen.query_one(IndexWatch)
        watch.post_message(IndexProgress(1, 1))
        await wait_until(pilot, lambda: "writing 1 article…" in status.index_state)


@synchronous
async def test_an_update_held_up_by_another_process_says_so(
    seeds_copy: Path, tmp_path: Path
) -> None:
    import fcntl

    library = Library.open(seeds_copy, tmp_path / "ix")
    library.update()
    (seeds_copy / "new.txt").write_text("Fresh\n\nA narwhalish announcement.\n")
    with open(tmp_path / "ix" / "update.lock", "a+b") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX)  # as `reader index --rebuild` holds it
        app = make_app(Library.open(seeds_copy, tmp_path / "ix"))
        async with app.run_test(size=(80, 24)) as pilot:
            status = pilot.app.screen.query_one(StatusBar)
            for _ in range(500):  # not wait_until: it waits for the (blocked) index worker
                if status.index_state == "waiting for another update":
                    break
                await pilot.pause(0.01)
            assert status.index_state == "waiting for another update"
            fcntl.flock(other_process, fcntl.LOCK_UN)
            await wait_until(pilot, lambda: status.index_state == "up to date")
            assert status.article_count == 6
