"""What stories add to a first index build: the build timed with stories and without them
(``READER_STORIES_MAX=0``), in wall-clock and CPU seconds (this process and its children:
the index workers, Whoosh's writers and the stories' own child), alternately ``--repeat``
times each, medians reported.

    python -m benchmarks.stories_build --corpus ../shared/corpora/bbc --repeat 3

The stories of a first build are made beside the Whoosh write (``reader.index.stories_ahead``),
so their wall-clock share can be far below their CPU share on two cores or more; both are
printed, with the load average (other work on the machine inflates wall clocks much more
than CPU seconds). With ``--one-change`` the corpus is copied to a temporary folder first and
one article is changed after the last build, and the update that re-places it is timed. The
indexes go to temporary folders.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):  # run as ``python benchmarks/stories_build.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.index import Library

__all__ = ["main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=1, help="builds of each kind (medians)")
    parser.add_argument("--one-change", action="store_true", help="also time one changed article")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="reader-stories-build-") as folder:
        corpus = args.corpus
        if args.one_change:
            corpus = Path(folder) / "corpus"
            shutil.copytree(args.corpus, corpus)
        timings: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        loads = [os.getloadavg()[0]]
        for run in range(max(1, args.repeat)):
            for stories in (False, True):
                index = Path(folder) / f"index-{run}-{stories}"
                timings[stories].append(_build(corpus, index, stories))
                loads.append(os.getloadavg()[0])
                if not (stories and run == args.repeat - 1):
                    shutil.rmtree(index)
        library = Library.open(corpus, index)
        found, count = library.stories(), library.count()
        if args.one_change:
            print(_one_change(library, corpus))
        library.close()
    print(_summary(args.corpus.name, count, timings, loads))
    print(f"{len(found)} stories of 2 or more articles")
    for story in found[:5]:
        print(f"  {story.summary:<22} {story.title[:70]}")
    return 0


def _build(corpus: Path, index: Path, stories: bool) -> tuple[float, float]:
    """One first build: (wall seconds, CPU seconds of this process and its children)."""
    previous = os.environ.get("READER_STORIES_MAX")
    if not stories:
        os.environ["READER_STORIES_MAX"] = "0"
    try:
        library = Library.open(corpus, index)
        cpu, started = _cpu(), time.perf_counter()
        library.update()
        wall, cpu = time.perf_counter() - started, _cpu() - cpu
        library.close()
    finally:
        if previous is None:
            os.environ.pop("READER_STORIES_MAX", None)
        else:
            os.environ["READER_STORIES_MAX"] = previous
    return wall, cpu


def _cpu() -> float:
    own, children = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _summary(
    name: str, count: int, timings: dict[bool, list[tuple[float, float]]], loads: list[float]
) -> str:
    lines = [f"{name}: {count} articles; first build, median of {len(timings[True])}:"]
    for label, index in (("wall", 0), ("CPU", 1)):
        without = statistics.median(t[index] for t in timings[False])
        with_ = statistics.median(t[index] for t in timings[True])
        each = ", ".join(f"{t[index]:.1f}" for t in timings[True])
        lines.append(
            f"  {label:<4} without stories {without:6.1f} s, with {with_:6.1f} s ({each}):"
            f" {100 * (with_ - without) / without:+.0f}%"
        )
    lines.append(f"  load average {min(loads):.1f}-{max(loads):.1f} (1 min, between builds)")
    return "\n".join(lines)


def _one_change(library: Library, corpus: Path) -> str:
    """Change the lead article of the largest story and time the update that follows."""
    story = library.stories()[0]
    summary = library.summary(story.id)
    assert summary is not None
    path = corpus / summary.path
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more sentence.\n", "utf-8")
    started = time.perf_counter()
    library.update()
    took = time.perf_counter() - started
    again = library.story_of(story.id)
    size = len(again.articles) if again else 1
    return (
        f"one changed article ({story.id}, story of {len(story.articles)}): update"
        f" {took:.2f} s, its story now {size} articles"
    )


if __name__ == "__main__":
    raise SystemExit(main())
