"""What stories add to a first index build: the build (stories included) timed, then the
stories alone made again from the catalog and timed.

    python -m benchmarks.stories_build --corpus ../shared/corpora/bbc

prints both times, the stories' share over the build without them, and the largest stories;
with ``--one-change`` the corpus is copied to a temporary folder first and one article is
changed after the build, and the update that re-places it is timed. The index goes to a
temporary folder. Timings are of this machine under its current load
(printed too).
"""

from __future__ import annotations

import argparse
import os
import shutil
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
        library = Library.open(corpus, Path(folder) / "index")
        started = time.perf_counter()
        library.update()
        build = time.perf_counter() - started
        started = time.perf_counter()
        library._stores.stories.rebuild()  # the stories alone, as the build made them
        stories = time.perf_counter() - started
        found = library.stories()
        count = library.count()
        if args.one_change:
            print(_one_change(library, corpus))
        library.close()
    print(
        f"{args.corpus.name}: {count} articles; build {build:.2f} s with stories,"
        f" stories alone {stories:.2f} s: +{100 * stories / (build - stories):.0f}% over the"
        f" build without them (load average {os.getloadavg()[0]:.1f})"
    )
    print(f"{len(found)} stories of 2 or more articles")
    for story in found[:5]:
        print(f"  {story.summary:<22} {story.title[:70]}")
    return 0


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
