"""Timing the user's data as a reader meets it: marking, a list page's marks, next unread,
personal terms in searches, and exports. ``python -m benchmarks.personal --corpus DIR``.

The index is built (or reused) in ``--work``; the user's data goes to a fresh folder there,
with ``--read`` articles marked read and a tag on a tenth of them (as after months of use).
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

_QUERIES = ["is:unread", "oil AND is:unread", "tag:followup", "tag:followup AND price", "has:note"]


def _timed(action: Callable[[], object], repeat: int) -> dict[str, float]:
    """Milliseconds: the first call, then the median and worst of ``repeat`` more."""
    started = time.perf_counter()
    action()
    first = (time.perf_counter() - started) * 1000
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return {
        "first_ms": round(first, 2),
        "p50_ms": round(statistics.median(times), 2),
        "max_ms": round(max(times), 2),
    }


def run(corpus: Path, work: Path, read: int, repeat: int) -> dict[str, object]:
    os.environ["READER_DATA_DIR"] = str(Path(tempfile.mkdtemp(dir=work, prefix="data-")))
    from reader.export import export
    from reader.index import Library
    from reader.personal import Reading
    from reader.search import matching_ids, search

    library = Library.open(corpus, work / "index")
    if library.needs_update():
        library.update()
    reading = Reading.open(library)
    ids = [summary.id for summary in library.summaries("id")]
    rng = random.Random(5)
    reading.mark_read(rng.sample(ids, min(read, len(ids))))
    reading.tag(rng.sample(ids, max(1, len(ids) // 10)), ["followup"])
    reading.set_note(ids[0], "a note about oil prices")
    page = ids[:100]
    results: dict[str, object] = {
        "articles": len(ids),
        "read": len(reading.read_ids()),
        "toggle_read": _timed(lambda: reading.toggle_read(rng.choice(ids)), repeat),
        "opened": _timed(lambda: reading.opened(rng.choice(ids)), repeat),
        "states_page_100": _timed(lambda: reading.states(page), repeat),
        "next_unread": _timed(lambda: reading.next_unread(rng.choice(ids), "date"), repeat),
    }
    for text in _QUERIES:
        results[f"search {text}"] = _timed(
            lambda t=text: search(library, t, personal=reading), repeat
        )
    every = matching_ids(library, "is:unread", personal=reading)
    for quotes in (False, True):
        started = time.perf_counter()
        count = export(library, every, io.StringIO(), "csv", quotes=quotes, reading=reading)
        seconds = time.perf_counter() - started
        results["export quotes" if quotes else "export articles"] = {
            "articles": len(every),
            "records": count,
            "seconds": round(seconds, 2),
            "articles_per_s": round(len(every) / seconds) if seconds else None,
        }
    library.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-bench")
    parser.add_argument("--read", type=int, default=2000, help="articles marked read")
    parser.add_argument("--repeat", type=int, default=20)
    arguments = parser.parse_args()
    arguments.work.mkdir(parents=True, exist_ok=True)
    results = run(arguments.corpus.resolve(), arguments.work, arguments.read, arguments.repeat)
    json.dump(results, sys.stdout, indent=2)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
