"""What stories add to a first index build: the build (stories included) timed, then the
stories alone made again from the catalog and timed.

    python -m benchmarks.stories_build --corpus ../shared/corpora/bbc

prints both times, the stories' share over the build without them, and the largest stories.
The index goes to a temporary folder. Timings are of this machine under its current load
(printed too).
"""

from __future__ import annotations

import argparse
import os
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
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="reader-stories-build-") as folder:
        library = Library.open(args.corpus, Path(folder))
        started = time.perf_counter()
        library.update()
        build = time.perf_counter() - started
        started = time.perf_counter()
        library._stores.stories.rebuild()  # the stories alone, as the build made them
        stories = time.perf_counter() - started
        found = library.stories()
        count = library.count()
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


if __name__ == "__main__":
    raise SystemExit(main())
