"""Speed: a compare of two long articles once their embeddings are stored, embedding an
article, and re-placing one changed article in an indexed corpus."""

from __future__ import annotations

import sqlite3
import statistics
import time
from pathlib import Path

from benchmarks.stories_eval.clustering import _text
from benchmarks.stories_eval.data import ecb_articles
from reader.stories import encoder, store
from reader.stories.align import align_sentences, units


def _long_article(parts: list[str], words: int) -> tuple[str, str]:
    """A title and a body of about ``words`` words, from these paragraphs in turn."""
    body: list[str] = []
    count = 0
    while count < words:
        for paragraph in parts:
            body.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                break
    return parts[0][:80], "\n\n".join(body)


def _median_ms(action: object, repeat: int = 5) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()  # type: ignore[operator]
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def report(ecbplus: Path) -> dict[str, float]:
    articles = ecb_articles(ecbplus)
    topic = [a for i, a in articles.items() if i.startswith("1_")]
    left = _long_article([p for a in topic[:10] for p in a.body.split("\n\n")], 1500)
    right = _long_article([p for a in topic[10:] for p in a.body.split("\n\n")], 1500)
    left_units, right_units = units(*left), units(*right)
    started = time.perf_counter()
    left_vectors = encoder.embed([s.text for s in left_units])
    embed_ms = (time.perf_counter() - started) * 1000
    stored = (
        encoder.to_bytes(left_vectors),
        encoder.to_bytes(encoder.embed([s.text for s in right_units])),
    )

    def compare() -> None:
        # what a compare does once indexed: split, read the stored vectors, align
        lu, ru = units(*left), units(*right)
        align_sentences(lu, ru, encoder.from_bytes(stored[0]), encoder.from_bytes(stored[1]))

    compare_ms = _median_ms(compare)
    placement_ms = _placement_ms(articles)
    print("\nSpeed (this machine, under its current load: provisional)")
    print(
        f"  compare of two 1,500-word articles, embeddings stored ({len(left_units)} and"
        f" {len(right_units)} sentences): {compare_ms:.0f} ms   target < 300 ms"
    )
    print(f"  embedding one 1,500-word article ({len(left_units)} sentences): {embed_ms:.0f} ms")
    print(f"  re-placing one changed article among {len(articles)}: {placement_ms:.0f} ms (median)")
    return {"compare_ms": compare_ms, "embed_ms": embed_ms, "placement_ms": placement_ms}


def _placement_ms(articles: dict[str, object]) -> float:
    texts = {i: _text(a) for i, a in articles.items()}  # type: ignore[arg-type]
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    source = lambda wanted: {i: texts[i] for i in wanted if i in texts}  # noqa: E731
    store.rebuild(connection, texts.values(), source)
    timings = []
    for article in list(texts)[::23]:
        started = time.perf_counter()
        store.update(connection, {article: texts[article]}, {article: texts[article]}, source)
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)
