"""Stories at scale: a corpus copied up to N articles (benchmarks/corpus.py), indexed by
reader, then stories built from its catalog; the share stories add to the full build, and
the time to re-place one changed article.

Run alone on a catalog already built (the first N articles by id; peak memory is this
process's, the catalog's reading included):

    python -m benchmarks.stories_eval.scale --catalog INDEX/catalog.sqlite3 --articles 20000
"""

from __future__ import annotations

import argparse
import json
import resource
import sqlite3
import statistics
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from benchmarks.corpus import make_corpus
from reader.index import Library
from reader.sqlite import select_in
from reader.stories import store
from reader.stories.store import StoryText


def _stream(catalog: Path, limit: int = -1) -> Iterator[StoryText]:
    connection = sqlite3.connect(catalog)
    rows = connection.execute(
        "SELECT id, title, body, date, source FROM articles ORDER BY id LIMIT ?", (limit,)
    )
    for article, title, body, date, source in rows:
        yield StoryText(article, title or "", body or "", date, source)
    connection.close()


def report(sources: list[Path], scale: int, work: Path) -> dict[str, float]:
    corpus = work / f"stories-{scale}"
    count = make_corpus(sources, scale, corpus)
    index = work / f"stories-{scale}-index"
    timing = work / f"stories-{scale}-build.json"
    if timing.exists():  # the build is timed once; rerunning times the stories only
        build_s = float(json.loads(timing.read_text(encoding="utf-8"))["build_s"])
    else:
        library = Library.open(corpus, index)
        started = time.perf_counter()
        library.update(rebuild=True)
        build_s = time.perf_counter() - started
        library.close()
        timing.write_text(json.dumps({"build_s": build_s}), encoding="utf-8")
    catalog = index / "catalog.sqlite3"
    stories_path = work / f"stories-{scale}.sqlite3"
    stories_path.unlink(missing_ok=True)
    stories = sqlite3.connect(stories_path)
    stories.executescript(store.SCHEMA)
    started = time.perf_counter()
    with stories:
        store.rebuild(stories, _stream(catalog), _reader(catalog))
    stories_s = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    placement = _placements(stories, catalog)
    story_count, largest = stories.execute("SELECT count(*), max(size) FROM stories").fetchone()
    print(f"\nScale: {count} articles ({', '.join(s.name for s in sources)} copied)")
    print(f"  reader's full build (index + catalog): {build_s:.1f} s")
    print(
        f"  stories from the catalog: {stories_s:.1f} s = {100 * stories_s / build_s:.0f}% of"
        f" the build   target <= 20%; peak RSS {peak_mb:.0f} MB"
    )
    print(f"  {story_count} stories, the largest {largest} articles")
    print(
        f"  one changed article re-placed: median {placement[0]:.0f} ms, max"
        f" {placement[1]:.0f} ms   target < 1000 ms"
    )
    return {
        "articles": count,
        "build_s": build_s,
        "stories_s": stories_s,
        "peak_mb": peak_mb,
        "placement_median_ms": placement[0],
        "placement_max_ms": placement[1],
    }


def _reader(catalog: Path, only: set[str] | None = None) -> store.TextSource:
    """Reads articles from the catalog by id, as the index will (``only`` these)."""
    texts = sqlite3.connect(catalog)

    def source(wanted: Iterable[str]) -> dict[str, StoryText]:
        found = {}
        wanted = [a for a in wanted if only is None or a in only]
        rows = select_in(
            texts, "SELECT id, title, body, date, source FROM articles WHERE id IN", wanted
        )
        for article, title, body, date, outlet in rows:
            found[article] = StoryText(article, title or "", body or "", date, outlet)
        return found

    return source


def _placements(
    stories: sqlite3.Connection, catalog: Path, limit: int = -1, verbose: bool = False
) -> tuple[float, float]:
    """Re-place 20 articles spread over the catalog's first ``limit``, each changed (a
    paragraph added), as an index update would; ``verbose``: each one's time and story."""
    texts = sqlite3.connect(catalog)
    ids = [a for (a,) in texts.execute("SELECT id FROM articles ORDER BY id LIMIT ?", (limit,))]
    source = _reader(catalog, set(ids))
    timings = []
    for article in ids[:: max(1, len(ids) // 20)][:20]:
        old = source([article])[article]
        new = StoryText(
            article, old.title, old.body + "\n\nA paragraph added later.", old.date, old.source
        )
        started = time.perf_counter()
        with stories:
            store.update(stories, {article: new}, {article: old}, source)
        timings.append((time.perf_counter() - started) * 1000)
        if verbose:
            size = stories.execute(
                "SELECT s.size FROM story_members m JOIN stories s ON s.id = m.story"
                " WHERE m.article = ?",
                (article,),
            ).fetchone()
            print(f"    {article}: {timings[-1]:.0f} ms, its story {size[0] if size else 0}")
    return statistics.median(timings), max(timings)


def main(argv: list[str] | None = None) -> int:
    """Stories alone on an existing catalog: time, peak memory, re-placement."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--catalog", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=-1, help="the first N by id")
    parser.add_argument("--out", type=Path, default=Path("/tmp/reader-stories-scale.sqlite3"))
    args = parser.parse_args(argv)
    args.out.unlink(missing_ok=True)
    stories = sqlite3.connect(args.out)
    stories.executescript(store.SCHEMA)
    ids = {a for (a,) in sqlite3.connect(args.catalog).execute(
        "SELECT id FROM articles ORDER BY id LIMIT ?", (args.articles,))}  # fmt: skip
    started = time.perf_counter()
    with stories:
        store.rebuild(stories, _stream(args.catalog, args.articles), _reader(args.catalog, ids))
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    count, largest = stories.execute("SELECT count(*), max(size) FROM stories").fetchone()
    print(f"{len(ids)} articles: stories {took:.1f} s, peak RSS {peak_mb:.0f} MB")
    print(f"  {count} stories, the largest {largest} articles")
    median, most = _placements(stories, args.catalog, args.articles, verbose=True)
    print(f"  one changed article re-placed: median {median:.0f} ms, max {most:.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
