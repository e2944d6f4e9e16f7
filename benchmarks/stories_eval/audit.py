"""Read the stories of a real corpus: their size distribution and the largest stories with
their members' titles and dates, to judge by eye whether they are believable (Reuters-21578
has no story labels: templated wire briefs, "X issues 100 mln dlr eurobond", "Qtr net shr",
must not become stories of hundreds of articles).

    python -m benchmarks.stories_eval.audit                      # Reuters-21578, 15 largest
    python -m benchmarks.stories_eval.audit --corpus ../shared/corpora/bbc --largest 10
    python -m benchmarks.stories_eval.audit --limit 5000 --titles 12

The stories are made from scratch in memory (``store.rebuild``) from the articles as reader
reads them (title, cleaned body, the date and source it finds).
"""

from __future__ import annotations

import argparse
import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from reader.articles import load_article
from reader.articles.assemble import ArticleError
from reader.stories import store
from reader.stories.store import StoryText

REPO = Path(__file__).resolve().parents[2]
DEFAULT_CORPUS = REPO.parent / "shared" / "corpora" / "reuters21578" / "text"
BUCKETS = (1, 2, 3, 5, 10, 20, 50, 100, 200, 500)
"""Upper bounds of the size classes printed (the last class is everything above)."""


def read_corpus(root: Path, limit: int | None = None) -> list[StoryText]:
    """The corpus's ``.txt`` articles as the stories see them (unreadable files skipped)."""
    texts: list[StoryText] = []
    for path in sorted(root.rglob("*.txt"))[:limit]:
        try:
            article = load_article(path, root)
        except (ArticleError, OSError, UnicodeError):
            continue
        texts.append(
            StoryText(article.id, article.title, article.body, article.date, article.source)
        )
    return texts


def stories(texts: Sequence[StoryText]) -> list[list[str]]:
    """Every story of these articles (largest first), made from scratch."""
    by_id = {text.id: text for text in texts}
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    store.rebuild(connection, texts, lambda wanted: {i: by_id[i] for i in wanted})
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        groups[story].append(article)
    return sorted(groups.values(), key=lambda group: (-len(group), min(group)))


def size_classes(sizes: Sequence[int]) -> list[tuple[str, int, int]]:
    """``(class, stories, articles)`` per size class."""
    rows: list[tuple[str, int, int]] = []
    low = 1
    for high in (*BUCKETS, None):
        chosen = [s for s in sizes if s >= low and (high is None or s <= high)]
        name = f"{low}" if high == low else f"{low}-{high}" if high else f"> {low - 1}"
        rows.append((name, len(chosen), sum(chosen)))
        if high is None:
            break
        low = high + 1
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, help="only the first N files (by path)")
    parser.add_argument("--largest", type=int, default=15, help="stories printed")
    parser.add_argument("--titles", type=int, default=8, help="member titles per story")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}")
        return 2
    started = time.perf_counter()
    texts = read_corpus(args.corpus, args.limit)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    groups = stories(texts)
    print(
        f"{args.corpus}: {len(texts)} articles read in {read_s:.0f} s, {len(groups)} stories"
        f" made in {time.perf_counter() - started:.0f} s"
    )
    sizes = [len(group) for group in groups]
    print("size        stories  articles")
    for name, count, articles in size_classes(sizes):
        print(f"  {name:<10}{count:>8}{articles:>10}")
    print(f"largest: {', '.join(map(str, sizes[:20]))}")
    by_id = {text.id: text for text in texts}
    for number, group in enumerate(groups[: args.largest], 1):
        dates = sorted(d for a in group if (d := by_id[a].date))
        span = f"{dates[0]} .. {dates[-1]}, {len(set(dates))} dates" if dates else "no dates"
        print(f"\n#{number}  {len(group)} articles  ({span}; {len(group) - len(dates)} undated)")
        members = sorted(group, key=lambda a: (by_id[a].date or "~", a))
        step = max(1, len(members) // args.titles)
        for article in members[::step][: args.titles]:
            text = by_id[article]
            print(f"   {text.date or '?':<10} {article:<8} {text.title[:90]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
