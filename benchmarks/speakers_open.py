"""How long the speakers view takes to get its table on a large catalog.

A synthetic catalog of N articles (default 100,000), each quoting a few of 30,000 speakers
(a few popular, most rare; several spellings per person) across 50 outlets, is written through
the same per-article speaker rows an update writes; then ``Catalog.speakers()`` (the whole
archive) and ``Catalog.speakers(ids)`` (a search's 5,000 results) are timed, medians of 5.

    python benchmarks/speakers_open.py [--articles 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from reader.index import speakers as speaker_store
from reader.index.catalog import Catalog
from reader.models import Quote

KINDS = ("person", "person", "person", "organisation", "anonymous")


def build(catalog: Catalog, articles: int, rng: random.Random) -> list[str]:
    """Fill the catalog's speaker tables; the article ids."""
    names = [f"Firstname{i} Surname{i}" for i in range(30_000)]
    connection = catalog._connection()
    with connection:
        connection.executemany(
            "INSERT INTO speakers VALUES (?,?,?,?,?,?)",
            [(n, 1, None, None, None, n) for n in names]
            + [(f"Surname{i}", 1, None, None, None, names[i]) for i in range(0, 30_000, 3)],
        )
        ids = [f"outlet{i % 50}/{i:06d}" for i in range(articles)]
        batch = []
        for article in ids:
            quotes = []
            for _ in range(rng.randint(0, 6)):
                i = min(int(rng.paretovariate(0.6)), 29_999)
                name = names[i] if i % 3 or rng.random() < 0.5 else f"Surname{i}"
                quotes.append(
                    Quote("words", 0, 5, 0, "speech", name, None, KINDS[i % 5], ("minister",))
                )
            batch.append((article, article.split("/")[0], quotes))
        speaker_store.put(connection, batch)
        speaker_store.refresh(connection, None)
    return ids


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
        ids = build(catalog, args.articles, random.Random(12))
        rows = catalog._connection().execute("SELECT count(*) FROM speaker_uses").fetchone()[0]
        found = catalog.speakers()
        every = median_seconds(catalog.speakers)
        some = random.Random(1).sample(ids, min(5000, len(ids)))
        subset = median_seconds(lambda: catalog.speakers(some))
        print(f"{args.articles:,} articles, {rows:,} speaker rows, {len(found):,} speakers")
        print(f"all speakers: {every:.3f} s; speakers of 5,000 results: {subset:.3f} s")


if __name__ == "__main__":
    main()
