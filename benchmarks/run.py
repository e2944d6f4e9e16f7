"""Run the benchmark: ``python -m benchmarks.run --corpus PATH [--scale N] [--out FILE]``.

Builds a private copy of the corpus (scaled by copying when ``--scale`` is larger than it) in a
work folder outside the repository, measures reader, SQLite FTS5, ripgrep and stock Whoosh on
the same cleaned text, writes JSON and prints a Markdown table.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/run.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import corpus_bytes, export_cleaned, make_corpus
from benchmarks.measure import machine, percentiles, run_task
from benchmarks.peers import ripgrep_queries
from benchmarks.queries import QUERIES
from benchmarks.report import markdown, targets

PEERS = ("fts5", "ripgrep", "whoosh")


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__.splitlines()[0] if __doc__ else None,
        epilog="example: python -m benchmarks.run --corpus ../shared/corpora/bbc --out bbc.json",
    )
    parser.add_argument(
        "--corpus",
        type=Path,
        action="append",
        required=True,
        help="article folder; repeat to combine several",
    )
    parser.add_argument("--scale", type=int, help="number of articles (copies when larger)")
    parser.add_argument("--out", type=Path, help="write the JSON results here")
    parser.add_argument("--work", type=Path, help="work folder [default: a temp folder]")
    parser.add_argument("--label", help="name of the corpus in the table")
    parser.add_argument(
        "--peers",
        default=",".join(PEERS),
        help=f"comma-separated subset of {','.join(PEERS)}, or 'none'",
    )
    parser.add_argument("--repeat", type=int, default=5, help="runs of the start-up checks")
    parser.add_argument("--build-repeat", type=int, default=1, help="full builds per system")
    parser.add_argument("--rg-queries", type=int, default=30, help="ripgrep queries to run")
    parser.add_argument("--tui-runs", type=int, default=3, help="TUI start-ups (0: skip)")
    parser.add_argument("--tui-queries", type=int, default=30, help="searches in the TUI")
    return parser.parse_args(argv)


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(item.stat().st_size for item in path.rglob("*") if item.is_file())


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _builds(task: str, repeat: int, **arguments: Any) -> dict[str, Any]:
    runs = [run_task(task, **arguments) for _ in range(max(1, repeat))]
    seconds = statistics.median(run["seconds"] for run in runs)
    best = min(runs, key=lambda run: abs(run["seconds"] - seconds))
    cpu = [run["cpu_s"] for run in runs if "cpu_s" in run]
    if cpu:  # less sensitive than wall time to other jobs on the machine
        best["cpu_s"] = round(statistics.median(cpu), 3)
    return {
        **best,
        "seconds": round(seconds, 3),
        "runs_s": [round(r["seconds"], 3) for r in runs],
        "articles_per_s": round(best["articles"] / seconds, 1) if seconds else None,
    }


def _reader(corpus: Path, index: Path, options: argparse.Namespace) -> dict[str, Any]:
    paths = {"corpus": str(corpus), "index_dir": str(index)}
    _log("reader: full build")
    result: dict[str, Any] = {"build": _builds("reader_build", options.build_repeat, **paths)}
    _log("reader: start-up checks")
    startups = [run_task("reader_startup", **paths) for _ in range(max(1, options.repeat))]
    result["startup"] = {
        "check_s": round(statistics.median(run["check_s"] for run in startups), 4),
        "update_s": round(statistics.median(run["update_s"] for run in startups), 4),
        "import_s": round(statistics.median(run.get("import_s", 0.0) for run in startups), 4),
        "check_runs_s": [round(run["check_s"], 4) for run in startups],
        "stale": any(run["stale"] for run in startups),
    }
    _log("reader: changed file")
    change = run_task("reader_change", rounds=3, **paths)
    change["median_s"] = round(statistics.median(change["samples_s"]), 4)
    change["update_median_s"] = round(statistics.median(change["update_s"]), 4)
    result["change"] = change
    _log("reader: queries")
    result["query_warm"] = run_task("reader_queries", first_after_open=False, **paths)
    result["query_first"] = run_task("reader_queries", first_after_open=True, **paths)
    result["index_bytes"] = _du(index)
    return result


# Each peer: its task-name prefix, the keyword its tasks take for their storage, and where.
_PEERS: dict[str, tuple[str, str, str]] = {
    "fts5": ("fts5", "database", "fts5.sqlite3"),
    "whoosh": ("whoosh", "directory", "whoosh-stock"),
}


def _peer(system: str, cleaned: Path, work: Path, options: argparse.Namespace) -> dict[str, Any]:
    """Build a peer's index from the cleaned text (``--build-repeat`` times) and time queries."""
    prefix, keyword, name = _PEERS[system]
    storage: dict[str, Any] = {keyword: str(work / name)}
    _log(f"{system}: build and queries")
    build = _builds(
        "peer", options.build_repeat, name=f"{prefix}_build", cleaned=str(cleaned), **storage
    )
    queries = {
        f"query_{kind}": run_task(
            "peer", name=f"{prefix}_queries", first_after_open=first, **storage
        )
        for kind, first in (("warm", False), ("first", True))
    }
    return {"build": build, **queries, "index_bytes": _du(work / name)}


def _tui(corpus: Path, index: Path, options: argparse.Namespace) -> dict[str, Any]:
    if options.tui_runs <= 0:
        return {"skipped": "--tui-runs 0"}
    try:
        import reader.ui.app  # noqa: F401
    except ImportError as error:
        return {"skipped": f"reader.ui.app is not importable ({error})"}
    _log("tui")
    runs = [
        run_task(
            "tui",
            corpus=str(corpus),
            index_dir=str(index),
            queries=options.tui_queries if number == 0 else 0,
        )
        for number in range(options.tui_runs)
    ]
    first = runs[0]
    return {
        "runs": len(runs),
        "first_paint_s": round(statistics.median(run["first_paint_s"] for run in runs), 3),
        "first_paint_runs_s": [round(run["first_paint_s"], 3) for run in runs],
        "import_s": round(statistics.median(run["import_s"] for run in runs), 3),
        "rows": first["rows"],
        "enter_to_hits": first["enter_to_hits"],
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
    }


def _save(result: dict[str, Any], out: Path | None) -> None:
    """Write the results so far (a late failure keeps the earlier figures)."""
    if out:
        out.write_text(json.dumps(result, indent=2), encoding="utf-8")


def run(argv: list[str] | None = None) -> dict[str, Any]:
    options = _arguments(argv)
    peers = set() if options.peers == "none" else set(options.peers.split(","))
    work = options.work or Path(tempfile.gettempdir()) / "reader-benchmarks" / (
        "-".join(path.name for path in options.corpus) + f"-{options.scale or 'all'}"
    )
    work.mkdir(parents=True, exist_ok=True)
    corpus, index = work / "corpus", work / "index"
    result: dict[str, Any] = {
        "machine": machine(),
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }
    _log(f"corpus copy in {corpus}")
    articles = make_corpus(options.corpus, options.scale, corpus)
    size = corpus_bytes(corpus)
    result["corpus"] = {
        "label": options.label or " + ".join(path.name for path in options.corpus),
        "sources": [str(path) for path in options.corpus],
        "scale": options.scale,
        "files": articles,
        "bytes": size,
        "work": str(work),
    }
    result["queries"] = {"count": len(QUERIES), "kinds": sorted({q.kind for q in QUERIES})}
    systems: dict[str, Any] = {"reader": _reader(corpus, index, options)}
    result["corpus"]["articles"] = systems["reader"]["build"]["articles"]
    cleaned = work / "cleaned.jsonl"
    export_cleaned(index / "catalog.sqlite3", cleaned)
    result["systems"] = systems
    _save(result, options.out)
    if "fts5" in peers:
        systems["fts5"] = _peer("fts5", cleaned, work, options)
    if "ripgrep" in peers:
        _log("ripgrep")
        systems["ripgrep"] = {"query_warm": ripgrep_queries(corpus, options.rg_queries)}
    if "whoosh" in peers:
        systems["whoosh"] = _peer("whoosh", cleaned, work, options)
    for system in systems.values():
        if "index_bytes" in system:
            system["index_ratio"] = round(system["index_bytes"] / size, 2) if size else None
    result["systems"] = systems
    _save(result, options.out)
    try:
        result["tui"] = _tui(corpus, index, options)
    except (RuntimeError, KeyError) as error:  # the TUI is young: report, keep the rest
        result["tui"] = {"skipped": f"failed: {str(error).strip().splitlines()[-1]}"}
    result["targets"] = targets(result)
    result["finished"] = time.strftime("%Y-%m-%d %H:%M:%S %Z")
    _save(result, options.out)
    print(markdown(result))
    return result


def main(argv: list[str] | None = None) -> None:
    run(argv)


__all__ = ["main", "percentiles", "run"]

if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
