"""TUI timings with Textual's Pilot: process start to first paint of the list, Enter to hits.

First paint runs from the moment the benchmark spawned the process to the first frame sent to
the (headless) terminal after the list was told what the index holds (``IndexReady``): that
frame renders the list's rows, read from the catalog. The process's CPU time and peak RSS at
that frame are recorded too (CPU time is steadier than wall time on a busy machine).
Enter-to-hits runs from the search box's submit action to the first frame sent to the terminal
after the results were handled (Pilot's own idle waits, which sleep until the process looks
idle, would otherwise be counted).

Widgets are found by their Textual base classes and progress by the names of the messages the
app dispatches (``IndexReady``, ``SearchCompleted``), so the measurement survives UI refactors.
"""

from __future__ import annotations

import asyncio
import resource
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import percentiles
from benchmarks.queries import QUERIES

__all__ = ["measure_tui"]

_TIMEOUT_S = 120.0
_KINDS = ("common", "rare", "phrase", "boolean", "wildcard")


def measure_tui(corpus: Path, index_dir: Path, spawned: float, queries: int) -> dict[str, Any]:
    """Start the app headless on an indexed corpus, time first paint and searches."""
    from textual.message import Message
    from textual.widgets import Input

    from reader.index import Library
    from reader.ui.app import make_app

    imported = time.time()
    app = make_app(Library.open(corpus, index_dir))
    timings: dict[str, Any] = {"import_s": imported - spawned}
    seen: dict[str, Message] = {}
    handled: dict[str, float] = {}
    displayed: list[float] = []
    frames: dict[float, tuple[float, float, float]] = {}
    """perf_counter of a frame -> (wall clock, process CPU seconds, peak RSS MB) then."""

    def hook(message: Message) -> None:
        name = type(message).__name__
        seen[name] = message
        handled.setdefault(name, time.perf_counter())

    # The moment a frame goes to the (headless) terminal: what a user would see.
    show = app._display

    def display(screen: Any, renderable: Any) -> None:
        now = time.perf_counter()
        displayed.append(now)
        if not timings.get("first_paint_s"):
            usage = resource.getrusage(resource.RUSAGE_SELF)
            frames[now] = (time.time(), usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
        show(screen, renderable)

    app._display = display  # type: ignore[method-assign]

    async def painted_after(name: str) -> float:
        """Wait (without Pilot's idle heuristics) for the first frame after ``name``."""
        deadline = time.perf_counter() + _TIMEOUT_S
        while time.perf_counter() < deadline:
            await asyncio.sleep(0.001)
            if name in handled and any(when > handled[name] for when in displayed):
                return min(when for when in displayed if when > handled[name])
        raise TimeoutError(f"no frame after {name}")

    async def scenario() -> None:
        async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
            painted = await painted_after("IndexReady")
            wall, cpu, rss = frames[painted]
            timings["first_paint_s"] = wall - spawned
            timings["first_paint_cpu_s"] = round(cpu, 3)
            timings["first_paint_rss_mb"] = round(rss, 1)
            timings["rows"] = int(getattr(seen["IndexReady"], "count", 0))
            await pilot.pause()
            box = app.screen.query(Input).first()
            samples: list[float] = []
            took: list[float] = []
            chosen = [q for q in QUERIES if q.kind in _KINDS][:queries]
            for query in chosen:
                box.focus()
                for name in ("SearchCompleted", "SearchFailed"):
                    seen.pop(name, None)
                    handled.pop(name, None)
                displayed.clear()
                # The query typed and Enter pressed before the search-as-you-type debounce
                # fires: Enter's binding searches this query for the first time.
                box.value = query.text
                started = time.perf_counter()
                app.screen.action_submit_search()
                # Plain polling: Pilot's pause() would force an early screen refresh.
                deadline = started + _TIMEOUT_S
                while not _completed(seen, query.text):
                    if time.perf_counter() > deadline:
                        raise TimeoutError(f"no answer to {query.text!r}")
                    await asyncio.sleep(0.001)
                samples.append((await painted_after("SearchCompleted") - started) * 1000)
                took.append(float(getattr(seen["SearchCompleted"].result, "took_ms", 0)))
                box.value = ""
                await pilot.pause()
            timings["enter_to_hits"] = percentiles(samples)
            timings["search_took_ms"] = percentiles(took)

    asyncio.run(scenario())
    return timings


def _completed(seen: dict[str, Any], text: str) -> bool:
    message = seen.get("SearchCompleted")
    if message is not None and getattr(message.result, "query", "").strip() == text:
        return True
    failed = seen.get("SearchFailed")
    if failed is not None and getattr(failed, "query", "").strip() == text:
        raise RuntimeError(f"the TUI refused {text!r}: {getattr(failed, 'reason', '')}")
    return False
