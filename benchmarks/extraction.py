"""Article extraction, measured with the benchmark's own scorer.

    python -m benchmarks.extraction --data ../shared/corpora/article-extraction

prints the HTML route (``html/*.html`` read as web pages) and the plain-text route
(``text/*.txt``, whole-page text, read by the plain-text cleaner): precision, recall and F1
of the article body against ``ground-truth.json`` (``evaluate.py`` of the data folder,
imported from there, never copied), then the HTML speed: pages per second for the pages
replicated to ``--pages`` (2,000), read in ``--workers`` processes (2). Options:
``--compare`` also scores the candidate extraction libraries that are installed (trafilatura,
readability-lxml, jusText, resiliparse, newspaper4k) on the same pages; ``--bbc PATH`` times
the plain-text route on a corpus of clean articles (CPU seconds, best of three);
``--out FILE`` writes the figures as JSON.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import json
import os
import sys
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from types import ModuleType
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/extraction.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.articles import ArticleError, article_from_bytes

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared/corpora/article-extraction"


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction",
        description="Article extraction accuracy (the benchmark's scorer) and HTML speed.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="article-extraction folder")
    parser.add_argument("--pages", type=int, default=2000, help="pages for the speed figure")
    parser.add_argument("--workers", type=int, default=2, help="processes for the speed figure")
    parser.add_argument("--bootstrap", type=int, default=200, help="bootstrap rounds for ±")
    parser.add_argument("--compare", action="store_true", help="score installed libraries too")
    parser.add_argument("--bbc", type=Path, help="time the plain-text route on this corpus")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    return parser.parse_args(argv)


def scorer(data: Path) -> ModuleType:
    """The benchmark's ``evaluate.py``, imported from the data folder."""
    spec = importlib.util.spec_from_file_location("extraction_evaluate", data / "evaluate.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no evaluate.py in {data}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def reader_body(path: Path) -> str:
    """The body reader makes of one file ("" when it finds no article)."""
    try:
        return article_from_bytes(path.read_bytes(), path, path.parent).body
    except ArticleError:
        return ""


def score(
    evaluate: ModuleType, truth: dict[str, Any], body_of: Callable[[str], str], rounds: int
) -> dict[str, float]:
    started = time.perf_counter()
    prediction = {key: {"articleBody": body_of(key)} for key in truth}
    seconds = time.perf_counter() - started
    metrics = evaluate.evaluate(truth, prediction, rounds)
    figures = {name: round(float(metrics[name]), 4) for name in ("f1", "precision", "recall")}
    figures["f1_std"] = round(float(metrics.get("f1_std", 0.0)), 4)
    figures["ms_per_page"] = round(seconds / len(truth) * 1000, 1)
    return figures


def _read_pages(paths: list[str]) -> tuple[int, float]:
    """Pages with an article among these, and the CPU seconds this process spent."""
    started = time.process_time()
    found = sum(bool(reader_body(Path(path))) for path in paths)
    return found, time.process_time() - started


def html_speed(pages: list[Path], count: int, workers: int) -> dict[str, float]:
    """Pages per second reading ``count`` pages (the given ones, repeated) in processes."""
    chosen = [str(pages[index % len(pages)]) for index in range(count)]
    chunks = [chosen[index : index + 25] for index in range(0, count, 25)]
    started = time.perf_counter()
    with ProcessPoolExecutor(max_workers=workers) as pool:
        done = list(pool.map(_read_pages, chunks))
    seconds = time.perf_counter() - started
    cpu = sum(spent for _, spent in done)
    return {
        "pages": count,
        "workers": workers,
        "seconds": round(seconds, 2),
        "pages_per_s": round(count / seconds, 1),
        # what the workers would do with a core each to themselves (the machine is shared)
        "cpu_ms_per_page": round(cpu / count * 1000, 1),
        "pages_per_s_unloaded": round(count / cpu * workers, 1),
        "with_article": sum(found for found, _ in done),
    }


def plain_text_speed(corpus: Path) -> dict[str, float]:
    """CPU seconds for ``article_from_bytes`` over every ``.txt`` file, best of three."""
    files = [(path, path.read_bytes()) for path in sorted(corpus.rglob("*.txt"))]
    best = float("inf")
    for _ in range(3):
        started = time.process_time()
        for path, data in files:
            with contextlib.suppress(ArticleError):
                article_from_bytes(data, path, corpus)
        best = min(best, time.process_time() - started)
    return {
        "articles": len(files),
        "cpu_s": round(best, 3),
        "ms_per_article": round(best / len(files) * 1000, 3),
    }


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    data: Path = arguments.data
    if not (data / "ground-truth.json").is_file():
        raise SystemExit(f"{data} is not the article-extraction folder (no ground-truth.json)")
    evaluate = scorer(data)
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    results: dict[str, Any] = {"pages": len(truth)}
    results["html"] = score(
        evaluate, truth, lambda key: reader_body(data / "html" / f"{key}.html"), arguments.bootstrap
    )
    results["text"] = score(
        evaluate, truth, lambda key: reader_body(data / "text" / f"{key}.txt"), arguments.bootstrap
    )
    print(f"{len(truth)} pages, scored by {data / 'evaluate.py'}")
    print(f"{'route':<22} {'F1':>13} {'precision':>10} {'recall':>8} {'ms/page':>8}")
    for name, label in (("html", "HTML (reader)"), ("text", "plain text (reader)")):
        _print_row(label, results[name])
    if arguments.compare:
        from benchmarks.extraction_peers import PEERS, available

        results["peers"] = {}
        for name, extract in PEERS.items():
            if available(name):
                figures = _peer_score(evaluate, truth, data, extract, arguments.bootstrap)
                results["peers"][name] = figures
                _print_row(name, figures)
    results["html_speed"] = html_speed(
        sorted((data / "html").glob("*.html")), arguments.pages, arguments.workers
    )
    speed = results["html_speed"]
    print(
        f"HTML speed: {speed['pages']} pages on {speed['workers']} processes in"
        f" {speed['seconds']} s = {speed['pages_per_s']} pages/s (cores: {os.cpu_count()});"
        f" {speed['cpu_ms_per_page']} CPU ms a page, {speed['pages_per_s_unloaded']} pages/s"
        " with a core per process"
    )
    if arguments.bbc:
        results["plain_text_speed"] = plain_text_speed(arguments.bbc)
        bbc = results["plain_text_speed"]
        print(
            f"plain text: {bbc['articles']} files in {bbc['cpu_s']} CPU s"
            f" ({bbc['ms_per_article']} ms each)"
        )
    if arguments.out:
        arguments.out.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _peer_score(
    evaluate: ModuleType,
    truth: dict[str, Any],
    data: Path,
    extract: Callable[[str, str], str],
    rounds: int,
) -> dict[str, float]:
    def body_of(key: str) -> str:
        html = (data / "html" / f"{key}.html").read_text(encoding="utf-8")
        try:
            return extract(html, str(truth[key].get("url", ""))) or ""
        except Exception:  # a library's failure on one page scores as an empty body
            return ""

    return score(evaluate, truth, body_of, rounds)


def _print_row(label: str, figures: dict[str, float]) -> None:
    print(
        f"{label:<22} {figures['f1']:.3f} ± {figures['f1_std']:.3f} {figures['precision']:>10.3f}"
        f" {figures['recall']:>8.3f} {figures['ms_per_page']:>8.1f}"
    )


if __name__ == "__main__":
    raise SystemExit(main())
