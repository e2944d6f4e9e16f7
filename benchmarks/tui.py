"""TUI timings with Textual's Pilot: process start to first paint of the list, Enter to hits."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import percentiles
from benchmarks.queries import QUERIES

__all__ = ["measure_tui"]

_TIMEOUT_S = 120.0
_KINDS = ("common", "rare", "phrase", "boolean", "wildcard")


async def _until(pilot: Any, condition: Any, timeout: float = _TIMEOUT_S) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the TUI did not reach the expected state")
        await pilot.pause()


def measure_tui(corpus: Path, index_dir: Path, spawned: float, queries: int) -> dict[str, Any]:
    """Start the app headless on an indexed corpus, time first paint and searches."""
    from reader.index import Library
    from reader.ui.app import make_app
    from reader.ui.widgets.article_table import ArticleTable
    from reader.ui.widgets.hit_list import HitList
    from reader.ui.widgets.search_bar import SearchBar

    imported = time.time()
    app = make_app(Library.open(corpus, index_dir))
    timings: dict[str, Any] = {"import_s": imported - spawned}

    async def scenario() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await _until(
                pilot,
                lambda: (
                    app.screen.query(ArticleTable)
                    and app.screen.query_one(ArticleTable).row_count > 0
                ),
            )
            await pilot.pause()  # one more turn: the rows are painted
            timings["first_paint_s"] = time.time() - spawned
            timings["rows"] = app.screen.query_one(ArticleTable).row_count
            bar = app.screen.query_one(SearchBar)
            hits = app.screen.query_one(HitList)
            samples: list[float] = []
            chosen = [q for q in QUERIES if q.kind in _KINDS][:queries]
            for query in chosen:
                await pilot.press("slash")
                bar.input.value = query.text
                await pilot.pause()
                started = time.perf_counter()
                await pilot.press("enter")
                await _until(
                    pilot,
                    lambda q=query: (
                        bar.result is not None
                        and bar.result.query == q.text
                        and (hits.option_count > 0)
                    ),
                )
                await pilot.pause()
                samples.append((time.perf_counter() - started) * 1000)
                await pilot.press("slash")
                bar.input.value = ""
                await pilot.pause()
            timings["enter_to_hits"] = percentiles(samples)

    asyncio.run(scenario())
    return timings
