"""The peers: SQLite FTS5, stock Whoosh and ripgrep, on reader's cleaned article text."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

from benchmarks.corpus import iter_cleaned
from benchmarks.measure import percentiles
from benchmarks.queries import QUERIES

__all__ = ["fts5_build", "fts5_queries", "ripgrep_queries", "whoosh_build", "whoosh_queries"]

LIMIT = 20
_FTS_QUERY = (
    "SELECT id, title, snippet(articles, 2, '[', ']', '…', 24) FROM articles"
    " WHERE articles MATCH ? ORDER BY bm25(articles, 0.0, 2.0, 1.0) LIMIT ?"
)


def fts5_build(cleaned: Path, database: Path) -> dict[str, Any]:
    """Index the cleaned articles in an FTS5 table (porter + unicode61, title and body)."""
    database.unlink(missing_ok=True)
    started = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.execute(
        "CREATE VIRTUAL TABLE articles USING fts5(id UNINDEXED, title, body,"
        " tokenize='porter unicode61 remove_diacritics 2')"
    )
    with connection:
        connection.executemany("INSERT INTO articles VALUES (?, ?, ?)", iter_cleaned(cleaned))
    count = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    connection.close()
    return {"seconds": time.perf_counter() - started, "articles": count}


def fts5_queries(database: Path, first_after_open: bool) -> dict[str, Any]:
    """Top 20 with snippets per query, on one warm connection or a new one per query."""
    samples: list[float] = []
    errors = 0
    connection = None if first_after_open else sqlite3.connect(database)
    if connection is not None:
        for query in QUERIES:  # warm-up pass
            _fts5_run(connection, query.fts)
    for query in QUERIES:
        started = time.perf_counter()
        if first_after_open:
            connection = sqlite3.connect(database)
        assert connection is not None
        try:
            _fts5_run(connection, query.fts)
        except sqlite3.Error:
            errors += 1
        samples.append((time.perf_counter() - started) * 1000)
        if first_after_open:
            connection.close()
    return {**percentiles(samples), "errors": errors}


def _fts5_run(connection: sqlite3.Connection, text: str) -> list[Any]:
    return connection.execute(_FTS_QUERY, (text, LIMIT)).fetchall()


def _whoosh_schema() -> Any:
    from whoosh.analysis import StemmingAnalyzer
    from whoosh.fields import ID, TEXT, Schema

    analyzer = StemmingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        title=TEXT(analyzer=analyzer, stored=True),
        body=TEXT(analyzer=analyzer, stored=True),
    )


def whoosh_build(cleaned: Path, directory: Path) -> dict[str, Any]:
    """Index the cleaned articles the way the Whoosh tutorial does: default writer, stored text."""
    from whoosh import index

    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    ix = index.create_in(str(directory), _whoosh_schema())
    writer = ix.writer()
    count = 0
    for article_id, title, body in iter_cleaned(cleaned):
        writer.add_document(id=article_id, title=title, body=body)
        count += 1
    writer.commit()
    return {"seconds": time.perf_counter() - started, "articles": count}


def whoosh_queries(directory: Path, first_after_open: bool) -> dict[str, Any]:
    """Top 20 with ``hit.highlights()``; one open searcher, or open_dir + searcher per query."""
    from whoosh import index, qparser

    samples: list[float] = []
    errors = 0

    ix = index.open_dir(str(directory))
    parser = qparser.MultifieldParser(["title", "body"], ix.schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())

    def run(ix: Any, searcher: Any, text: str) -> None:
        results = searcher.search(parser.parse(text), limit=LIMIT)
        for hit in results:
            hit.highlights("body")

    searcher = ix.searcher()
    if not first_after_open:
        for query in QUERIES:
            run(ix, searcher, query.text)
    for query in QUERIES:
        started = time.perf_counter()
        try:
            if first_after_open:
                ix = index.open_dir(str(directory))
                with ix.searcher() as fresh:
                    run(ix, fresh, query.text)
            else:
                run(ix, searcher, query.text)
        except Exception:
            errors += 1
        samples.append((time.perf_counter() - started) * 1000)
    searcher.close()
    return {**percentiles(samples), "errors": errors}


def ripgrep_queries(corpus: Path, limit: int | None) -> dict[str, Any]:
    """``rg -l -i`` over the corpus folder for the plain-term and phrase queries."""
    rg = shutil.which("rg")
    if rg is None:
        return {"skipped": "ripgrep (rg) is not installed"}
    patterns = [query.rg for query in QUERIES if query.rg is not None][:limit]
    samples: list[float] = []
    for pattern in patterns:
        started = time.perf_counter()
        subprocess.run(
            [rg, "-l", "-i", "-F", "--", pattern, str(corpus)],
            stdout=subprocess.DEVNULL,
            check=False,
        )
        samples.append((time.perf_counter() - started) * 1000)
    return {**percentiles(samples), "note": "term and phrase queries only; no ranking, no snippets"}
