"""One benchmark task per fresh interpreter: ``python -m benchmarks.child TASK JSON-ARGS``.

Each task prints one JSON line; peak RSS is that of the task's own process.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks.measure import peak_rss_mb, percentiles
from benchmarks.queries import QUERIES

LIMIT = 20
CHANGE_WORDS = ("zqbenchalpha", "zqbenchbravo", "zqbenchcharlie", "zqbenchdelta", "zqbenchecho")


def _library(corpus: str, index_dir: str) -> Any:
    from reader.index import Library

    return Library.open(Path(corpus), Path(index_dir))


def reader_build(corpus: str, index_dir: str) -> dict[str, Any]:
    """Full build from nothing: read, clean, find quotes, link quotes, index."""
    shutil.rmtree(index_dir, ignore_errors=True)
    started = time.perf_counter()
    library = _library(corpus, index_dir)
    report = library.update(rebuild=True)
    seconds = time.perf_counter() - started
    return {"seconds": seconds, "articles": report.added, "skipped": len(report.skipped)}


def reader_startup(corpus: str, index_dir: str) -> dict[str, Any]:
    """Opening the library and checking for changes when nothing changed (imports apart)."""
    started = time.perf_counter()
    import reader.index  # noqa: F401  (timed on its own: the same at any corpus size)

    imported = time.perf_counter() - started
    started = time.perf_counter()
    library = _library(corpus, index_dir)
    stale = library.needs_update()
    check = time.perf_counter() - started
    started = time.perf_counter()
    report = library.update()
    update = time.perf_counter() - started
    return {
        "check_s": check,
        "import_s": imported,
        "stale": stale,
        "update_s": update,
        "changes": report.changes,
    }


def reader_change(corpus: str, index_dir: str, rounds: int) -> dict[str, Any]:
    """Time from a file being changed on disk until a search finds the change.

    The check and the update run in a thread (as in the TUI) while this thread searches
    every 20 ms, so the figure is when the change becomes visible; ``check_s`` is when the
    check found the change, ``update_s`` when update() returned.
    """
    import threading

    from reader.articles.read import iter_corpus
    from reader.search import search

    library = _library(corpus, index_dir)
    library.update()
    target = next(iter_corpus(Path(corpus)))
    target_id = target.relative_to(corpus).with_suffix("").as_posix()
    original = target.read_bytes()
    samples, updates, checks, found = [], [], [], 0
    try:
        for word in CHANGE_WORDS[:rounds]:
            added = f"\n\nA {word} paragraph added for the benchmark.\n"
            target.write_bytes(original + added.encode())
            started = time.perf_counter()
            finished: list[float] = []

            def update(finished: list[float] = finished, started: float = started) -> None:
                # as the TUI does it: check and update in one worker thread
                stale = library.needs_update()
                checks.append(time.perf_counter() - started)
                if stale:
                    library.update()
                finished.append(time.perf_counter())

            worker = threading.Thread(target=update)
            worker.start()
            visible = None
            while visible is None and time.perf_counter() - started < 120:
                hits = search(library, word, limit=LIMIT).hits
                if any(hit.id == target_id for hit in hits):
                    visible = time.perf_counter() - started
                else:
                    time.sleep(0.02)
            worker.join()
            found += visible is not None
            samples.append(visible if visible is not None else float("nan"))
            updates.append(finished[0] - started if finished else 0.0)
    finally:
        target.write_bytes(original)
        library.update()
    return {
        "samples_s": samples,
        "update_s": updates,
        "check_s": checks,
        "found": found,
        "rounds": rounds,
    }


def reader_queries(corpus: str, index_dir: str, first_after_open: bool) -> dict[str, Any]:
    """Top 20 with snippets per query: warm (one library) or first query after opening."""
    from reader.search import QueryError, search

    samples: list[float] = []
    by_kind: dict[str, list[float]] = {}
    errors: list[str] = []
    library = None if first_after_open else _library(corpus, index_dir)
    if library is not None:
        for query in QUERIES:
            with contextlib.suppress(QueryError):
                search(library, query.text, limit=LIMIT)
    for query in QUERIES:
        started = time.perf_counter()
        current = _library(corpus, index_dir) if first_after_open else library
        try:
            search(current, query.text, limit=LIMIT)
        except QueryError as error:
            errors.append(f"{query.text}: {error}")
        elapsed = (time.perf_counter() - started) * 1000
        samples.append(elapsed)
        by_kind.setdefault(query.kind, []).append(elapsed)
        if first_after_open:
            current.close()
    kinds = {kind: percentiles(values) for kind, values in by_kind.items()}
    return {**percentiles(samples), "errors": errors, "by_kind": kinds}


def peer(name: str, **arguments: Any) -> dict[str, Any]:
    from benchmarks import peers

    function = getattr(peers, name)
    converted = {
        key: Path(value) if key in {"cleaned", "database", "directory", "corpus"} else value
        for key, value in arguments.items()
    }
    result: dict[str, Any] = function(**converted)
    return result


def tui(corpus: str, index_dir: str, spawned: float, queries: int) -> dict[str, Any]:
    from benchmarks.tui import measure_tui

    return measure_tui(Path(corpus), Path(index_dir), spawned, queries)


TASKS = {
    "reader_build": reader_build,
    "reader_startup": reader_startup,
    "reader_change": reader_change,
    "reader_queries": reader_queries,
    "peer": peer,
    "tui": tui,
}


def _cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (worker pools)."""
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main() -> None:
    task, arguments = sys.argv[1], json.loads(sys.argv[2])
    if task == "tui":
        arguments["spawned"] = json.loads(sys.stdin.read())["spawned"]
    before = _cpu_seconds()
    result = TASKS[task](**arguments)
    result["cpu_s"] = round(_cpu_seconds() - before, 3)
    result.update(peak_rss_mb())
    print(json.dumps(result))


if __name__ == "__main__":
    main()
