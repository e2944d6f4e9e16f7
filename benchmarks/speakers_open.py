"""How long the speakers view takes to get its table on a large catalog, and what one
changed article costs the speakers' tables.

A synthetic catalog of N articles (default 100,000), each quoting a few of 30,000 speakers
(a few popular, most rare; a third also quoted by surname alone) across 50 outlets, is written
through ``Catalog.write`` as an update writes it; then ``Catalog.speakers()`` (the whole
archive) and ``Catalog.speakers(ids)`` (a search's 5,000 results) are timed, and one changed
article (``Catalog.write`` of one row whose speakers change) and one whose new name makes a
surname alone leave a popular person, medians of 5. The quotations are
too short to be grouped, so the update time is the catalog's and the speakers' share.

    python benchmarks/speakers_open.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import tempfile
import time
from pathlib import Path

from reader.index.catalog import Catalog
from reader.index.rows import FileStat, Row
from reader.models import Quote

KINDS = ("person", "person", "person", "organisation", "anonymous")
NAMES = [f"Firstname{i} Surname{i}" for i in range(30_000)]


def _quote(name: str, kind: str) -> Quote:
    return Quote("yes", 0, 3, 0, "speech", name, None, kind, ("minister",))


def _row(article: str, quotes: list[Quote]) -> Row:
    outlet = article.split("/")[0]
    return Row(article, f"{article}.txt", FileStat(1, 1), "t", outlet, None, None, None, "",
               tuple(quotes))  # fmt: skip


def build(catalog: Catalog, articles: int, rng: random.Random) -> list[str]:
    """Fill the catalog with the synthetic articles; their ids."""
    ids = [f"outlet{i % 50}/{i:06d}" for i in range(articles)]
    rows = []
    for article in ids:
        quotes = []
        for _ in range(rng.randint(0, 6)):
            i = min(int(rng.paretovariate(0.6)), 29_999)
            name = NAMES[i] if i % 3 or rng.random() < 0.5 else f"Surname{i}"
            quotes.append(_quote(name, KINDS[i % 5]))
        rows.append(_row(article, quotes))
    catalog.write(rows)
    return ids


def change_one(catalog: Catalog, article: str, round_: int) -> None:
    """One update: the article now quotes a popular speaker, a rare one and a new person."""
    quotes = [
        _quote(NAMES[1 + round_ % 2], "person"),
        _quote(f"Surname{3 * (1000 + round_)}", "person"),
        _quote(f"Newcomer{round_} Newname{round_}", "person"),
    ]
    catalog.write([_row(article, quotes)])


def rename_one(catalog: Catalog, article: str, round_: int) -> None:
    """One update that renames: a second person called Surname{3k} arrives, so the quotes of
    "Surname{3k}" alone leave Firstname{3k} Surname{3k} (both speakers are counted again)."""
    surname = f"Surname{3 * (1 + round_)}"
    catalog.write([_row(article, [_quote(f"Newcomer{round_} {surname}", "person")])])


def median_seconds(run: object, repeats: int = 5) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        catalog = Catalog(Path(folder) / "catalog.sqlite3")
        started = time.perf_counter()
        ids = build(catalog, args.articles, random.Random(12))
        built = time.perf_counter() - started
        rows = catalog._connection().execute("SELECT count(*) FROM speaker_uses").fetchone()[0]
        found = catalog.speakers()
        every = median_seconds(catalog.speakers)
        some = random.Random(1).sample(ids, min(5000, len(ids)))
        subset = median_seconds(lambda: catalog.speakers(some))
        rounds = iter(range(100))
        changed = median_seconds(lambda: change_one(catalog, ids[7], next(rounds)))
        rounds = iter(range(100))
        renamed = median_seconds(lambda: rename_one(catalog, ids[8], next(rounds)))
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{args.articles:,} articles, {rows:,} speaker rows, {len(found):,} speakers")
        print(f"all speakers: {every:.3f} s; speakers of 5,000 results: {subset:.3f} s")
        print(f"one changed article: {changed:.3f} s; one that renames a speaker: {renamed:.3f} s")
        print(f"(build {built:.0f} s, peak RSS {peak:.0f} MB)")


if __name__ == "__main__":
    main()
