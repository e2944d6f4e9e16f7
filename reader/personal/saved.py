"""Saved searches: named queries, the same for every corpus of the user."""

from __future__ import annotations

import sqlite3
import unicodedata

from reader.personal.marks import fold
from reader.personal.records import SavedSearch, from_ns
from reader.personal.store import PersonalError, Store, now_ns

__all__ = ["MAX_NAME_CHARS", "add_saved", "remove_saved", "saved", "saved_searches"]

MAX_NAME_CHARS = 80
_MAX_QUERY_CHARS = 1000


def _clean_name(name: str) -> str:
    cleaned = " ".join(unicodedata.normalize("NFC", name).split())
    if not cleaned:
        raise PersonalError("empty name: give the search a name, such as 'summit'")
    if len(cleaned) > MAX_NAME_CHARS:
        raise PersonalError(f"name too long ({len(cleaned)} characters; at most 80)")
    if not cleaned.isprintable():
        raise PersonalError("a name cannot contain control characters")
    return cleaned


def add_saved(store: Store, name: str, query: str) -> SavedSearch | None:
    """Save ``query`` as ``name`` (any case); returns the search it replaced, if any.

    The caller checks that the query reads (``reader.search.parse_query``).
    """
    name = _clean_name(name)
    query = " ".join(query.split())
    if not query:
        raise PersonalError("empty query: give the words to search for")
    if len(query) > _MAX_QUERY_CHARS or not query.isprintable():
        raise PersonalError("the query is too long or has control characters")
    with store.write() as connection:
        previous = _one(connection, name)
        at = now_ns()
        connection.execute(
            "INSERT INTO saved_searches VALUES (?, ?, ?, ?, ?) ON CONFLICT (folded)"
            " DO UPDATE SET name = excluded.name, query = excluded.query,"
            " updated_ns = excluded.updated_ns",
            (fold(name), name, query, at, at),
        )
    return previous


def remove_saved(store: Store, name: str) -> SavedSearch:
    """Forget the saved search ``name`` (any case) and return it; PersonalError if none."""
    with store.write() as connection:
        found = _one(connection, name)
        if found is None:
            raise PersonalError(_unknown(connection, name))
        connection.execute("DELETE FROM saved_searches WHERE folded = ?", (fold(found.name),))
    return found


def saved(store: Store, name: str) -> SavedSearch:
    """The saved search ``name`` (any case); PersonalError naming the saved ones if none."""
    connection = store.read()
    found = _one(connection, name)
    if found is None:
        raise PersonalError(_unknown(connection, name))
    return found


def saved_searches(store: Store) -> list[SavedSearch]:
    """Every saved search, by name."""
    rows = store.read().execute(
        "SELECT name, query, created_ns, updated_ns FROM saved_searches ORDER BY folded"
    )
    return [SavedSearch(name, query, from_ns(a), from_ns(b)) for name, query, a, b in rows]


def _one(connection: sqlite3.Connection, name: str) -> SavedSearch | None:
    row = connection.execute(
        "SELECT name, query, created_ns, updated_ns FROM saved_searches WHERE folded = ?",
        (fold(" ".join(name.split())),),
    ).fetchone()
    return SavedSearch(row[0], row[1], from_ns(row[2]), from_ns(row[3])) if row else None


def _unknown(connection: sqlite3.Connection, name: str) -> str:
    names = [row[0] for row in connection.execute("SELECT name FROM saved_searches")]
    shown = " ".join(name.split())[:MAX_NAME_CHARS]
    hint = f"saved: {', '.join(sorted(names))}" if names else "none saved yet"
    return f"no saved search named {shown!r} ({hint})"
