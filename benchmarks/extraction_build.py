"""A first build of an HTML corpus: the article-extraction pages replicated to 2,000 files,
indexed by ``Library.update`` (reading and extraction in worker processes).

    python -m benchmarks.extraction_build --data ../shared/corpora/article-extraction

prints pages per second of wall time, and the CPU seconds of this process and of its
children (the pool workers), so a loaded machine can be told from a slow build. The copies
are written to a temporary folder (``--work``), never next to the data.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as ``python benchmarks/extraction_build.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.extraction import DEFAULT_DATA

__all__ = ["html_build"]


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.extraction_build",
        description="Pages per second of a first index build of an HTML corpus.",
    )
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="article-extraction folder")
    parser.add_argument("--pages", type=int, default=2000, help="pages in the corpus")
    parser.add_argument("--work", type=Path, help="work folder [default: a temporary one]")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    return parser.parse_args(argv)


def _replicate(pages: list[Path], count: int, corpus: Path) -> None:
    """``count`` page files in folders of 100, each a copy of one of ``pages`` (in turn)."""
    for index in range(count):
        folder = corpus / f"part{index // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(pages[index % len(pages)], folder / f"page{index:05d}.html")


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime


def html_build(data: Path, count: int, work: Path) -> dict[str, Any]:
    """Build the index of ``count`` copies of the pages in ``data/html``; the figures."""
    from reader.index import Library

    pages = sorted((data / "html").glob("*.html"))
    if not pages:
        raise SystemExit(f"no pages in {data / 'html'}")
    corpus, index = work / "corpus", work / "index"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    _replicate(pages, count, corpus)
    library = Library.open(corpus, index)
    own_before, children_before = _cpu()
    started = time.perf_counter()
    report = library.update()
    seconds = time.perf_counter() - started
    own_after, children_after = _cpu()
    articles = library.count()
    library.close()
    return {
        "pages": count,
        "articles": articles,
        "skipped": len(report.skipped),
        "seconds": round(seconds, 2),
        "pages_per_s": round(count / seconds, 1),
        "cpu_s_main": round(own_after - own_before, 2),
        "cpu_s_workers": round(children_after - children_before, 2),
        "cores": os.cpu_count(),
        "load_before": round(os.getloadavg()[0], 2),
    }


def main(argv: list[str] | None = None) -> int:
    arguments = _arguments(argv)
    if arguments.work is None:
        with tempfile.TemporaryDirectory(prefix="reader-html-build-") as work:
            figures = html_build(arguments.data, arguments.pages, Path(work))
    else:
        figures = html_build(arguments.data, arguments.pages, arguments.work)
    print(
        f"HTML build: {figures['pages']} pages ({figures['articles']} articles,"
        f" {figures['skipped']} skipped) in {figures['seconds']} s = {figures['pages_per_s']}"
        f" pages/s on {figures['cores']} cores; CPU {figures['cpu_s_main']} s main,"
        f" {figures['cpu_s_workers']} s workers (load before: {figures['load_before']})"
    )
    if arguments.out:
        arguments.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
