"""Which stored records a corpus and its files are, through rebuilds, moves and edits.

A corpus is known by its folder's absolute path. When a folder is opened that has no
records, a corpus whose folder no longer exists and whose articles' contents are found in
this one (at least half of a sample) is taken to have moved here, and its records follow.
A folder that still exists is never taken over: a copy starts with no records.

An article is known within its corpus by its id (its path in the corpus, without the
extension) and the digest of its file's bytes, matched in that order: the same id is the
same article even when its file was edited (the digest is updated); an id that is gone is
looked for by its digest among articles that have no records yet (a renamed or moved
file). An article both moved and edited is not recognised; its records stay, unused, and
come back if a file of that id or content returns.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from reader.personal.store import Store, now_ns
from reader.sqlite import select_in

__all__ = [
    "ADOPTION_SAMPLE",
    "Catalog",
    "RecordKeys",
    "corpus_scope",
    "ensure_records",
    "reconcile",
    "record_keys",
]

ADOPTION_SAMPLE = 200
"""Recent articles of a vanished corpus whose contents are looked for in an opened one."""


class Catalog(Protocol):
    """What the identity rules need of the index's catalog."""

    def count(self) -> int: ...

    def digests(self, article_ids: Iterable[str]) -> dict[str, str | None]: ...

    def ids_with_digests(self, digests: Iterable[str]) -> list[tuple[str, str]]: ...


def corpus_scope(
    store: Store, corpus: Path, catalog: Catalog, create: bool, adopt: bool = True
) -> int | None:
    """The stored corpus for this folder: by its path, else (with ``adopt``) one that moved
    here; a new one when ``create`` (before any write), else None (nothing stored yet)."""
    path = str(corpus)
    found = _by_path(store.read(), path)
    if found is not None or not store.writable or not (adopt or create):
        return found
    if not create and catalog.count() == 0:
        return None  # nothing indexed yet to recognise a moved corpus by
    if not create and _adoptable(store.read(), catalog) is None:
        return None
    with store.write() as connection:
        found = _by_path(connection, path)  # another process may have just done this
        if found is not None:
            return found
        adopted = _adoptable(connection, catalog)
        if adopted is not None:
            connection.execute("UPDATE corpora SET path = ? WHERE id = ?", (path, adopted))
            return adopted
        if not create:
            return None
        cursor = connection.execute(
            "INSERT INTO corpora (path, created_ns) VALUES (?, ?)", (path, now_ns())
        )
        return int(cursor.lastrowid or 0)


def _by_path(connection: sqlite3.Connection, path: str) -> int | None:
    row = connection.execute("SELECT id FROM corpora WHERE path = ?", (path,)).fetchone()
    return int(row[0]) if row else None


def _adoptable(connection: sqlite3.Connection, catalog: Catalog) -> int | None:
    """The vanished corpus with the most of its sampled contents in this catalog, if at
    least half of them are."""
    best: tuple[int, int] | None = None  # (matches, corpus)
    for corpus_id, path in connection.execute("SELECT id, path FROM corpora").fetchall():
        if Path(path).is_dir():
            continue  # still there: the opened folder is a copy, not this corpus moved
        sample = {
            digest
            for (digest,) in connection.execute(
                "SELECT digest FROM articles WHERE corpus = ? AND digest IS NOT NULL"
                " ORDER BY key DESC LIMIT ?",
                (corpus_id, ADOPTION_SAMPLE),
            )
        }
        if not sample:
            continue
        matches = len({digest for _, digest in catalog.ids_with_digests(sample)})
        if matches * 2 >= len(sample) and (best is None or matches > best[0]):
            best = (matches, int(corpus_id))
    return best[1] if best else None


@dataclass(frozen=True, slots=True)
class RecordKeys:
    """Record keys of the articles a write is about."""

    corpus_id: int
    by_id: dict[str, int]

    @property
    def all(self) -> list[int]:
        return list(self.by_id.values())

    def of(self, article_id: str) -> int:
        return self.by_id[article_id]


_Plan = tuple[list[tuple[str, int]], list[tuple[str, int]]]


def reconcile(store: Store, corpus_id: int, catalog: Catalog) -> int:
    """Bring the corpus's records up to date with the catalog: edited files' digests, and
    renamed or moved files' ids. Returns how many records changed."""
    if not store.writable or not any(_plan(store.read(), corpus_id, catalog)):
        return 0
    with store.write() as connection:
        edits, moves = _plan(connection, corpus_id, catalog)
        connection.executemany("UPDATE articles SET digest = ? WHERE key = ?", edits)
        connection.executemany("UPDATE articles SET article_id = ? WHERE key = ?", moves)
    return len(edits) + len(moves)


def _plan(connection: sqlite3.Connection, corpus_id: int, catalog: Catalog) -> _Plan:
    """``(edits, moves)``: ``(new digest, key)`` for edited files, ``(new id, key)`` for
    files found again by their content under another id."""
    records = connection.execute(
        "SELECT key, article_id, digest FROM articles WHERE corpus = ?", (corpus_id,)
    ).fetchall()
    present = catalog.digests(article_id for _, article_id, _ in records)
    edits = []
    for key, article_id, digest in records:
        now = present.get(article_id)
        if now is not None and now != digest:
            edits.append((now, int(key)))
    lost = [(key, digest) for key, article_id, digest in records
            if article_id not in present and digest]  # fmt: skip
    if not lost:
        return edits, []
    owned = {article_id for _, article_id, _ in records}
    unowned: dict[str, list[str]] = {}
    for article_id, digest in catalog.ids_with_digests({digest for _, digest in lost}):
        if article_id not in owned:
            unowned.setdefault(digest, []).append(article_id)
    moves = []
    for key, digest in lost:
        candidates = unowned.get(digest)
        if candidates:  # identical copies: the first by id, each taken once
            moves.append((candidates.pop(0), key))
    return edits, moves


def ensure_records(
    connection: sqlite3.Connection,
    corpus_id: int,
    known: dict[str, tuple[str | None, str | None]],
) -> dict[str, int]:
    """``{id: key}`` of these articles' records, creating the missing ones (inside a write).

    ``known`` is ``{id: (digest, title)}`` of articles checked to exist in the corpus.
    """
    keys = record_keys(connection, corpus_id, known)
    missing = [article_id for article_id in known if article_id not in keys]
    connection.executemany(
        "INSERT INTO articles (corpus, article_id, digest, title) VALUES (?, ?, ?, ?)",
        [(corpus_id, article_id, *known[article_id]) for article_id in missing],
    )
    if missing:
        keys.update(record_keys(connection, corpus_id, missing))
    return keys


def record_keys(
    connection: sqlite3.Connection, corpus_id: int, ids: Iterable[str]
) -> dict[str, int]:
    """``{id: key}`` of the stored records among these ids."""
    rows = select_in(
        connection,
        "SELECT article_id, key FROM articles WHERE corpus = ? AND article_id IN",
        ids,
        leading=(corpus_id,),
    )
    return {article_id: int(key) for article_id, key in rows}
