"""Stories at scale: a corpus copied up to N articles (benchmarks/corpus.py), indexed by
reader, then stories built from its catalog; the share stories add to the full build, and
the time to re-place one changed article."""

from __future__ import annotations

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


def _stream(catalog: Path) -> Iterator[StoryText]:
    connection = sqlite3.connect(catalog)
    rows = connection.execute("SELECT id, title, body, date, source FROM articles ORDER BY id")
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


def _reader(catalog: Path) -> store.TextSource:
    """Reads articles from the catalog by id, as the index will."""
    texts = sqlite3.connect(catalog)

    def source(wanted: Iterable[str]) -> dict[str, StoryText]:
        found = {}
        rows = select_in(
            texts, "SELECT id, title, body, date, source FROM articles WHERE id IN", wanted
        )
        for article, title, body, date, outlet in rows:
            found[article] = StoryText(article, title or "", body or "", date, outlet)
        return found

    return source


def _placements(stories: sqlite3.Connection, catalog: Path) -> tuple[float, float]:
    """Re-place 20 articles, each changed (a paragraph added), as an index update would."""
    texts = sqlite3.connect(catalog)
    source = _reader(catalog)
    ids = [a for (a,) in texts.execute("SELECT id FROM articles ORDER BY id")][::5003][:20]
    timings = []
    for article in ids:
        old = source([article])[article]
        new = StoryText(
            article, old.title, old.body + "\n\nA paragraph added later.", old.date, old.source
        )
        started = time.perf_counter()
        with stories:
            store.update(stories, {article: new}, {article: old}, source)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings), max(timings)
