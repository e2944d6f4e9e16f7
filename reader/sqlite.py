"""SQLite helpers shared by the stores: statements over long ``IN (...)`` lists, in chunks."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from typing import Any

__all__ = ["CHUNK", "chunks", "execute_in", "select_in"]

CHUNK = 500
"""Values per ``IN (...)`` list: under SQLite's smallest default limit of bound variables."""


def chunks(values: Iterable[object], size: int = CHUNK) -> Iterator[list[object]]:
    """``values`` in lists of at most ``size``."""
    listed = list(values)
    for start in range(0, len(listed), size):
        yield listed[start : start + size]


def select_in(
    connection: sqlite3.Connection,
    sql: str,
    values: Iterable[object],
    tail: str = "",
    leading: tuple[object, ...] = (),
) -> Iterator[tuple[Any, ...]]:
    """Rows of ``{sql} (?,...){tail}`` for every value, one statement per chunk; ``leading``
    parameters come before the list's.

    ``sql`` ends with ``IN``, for example ``"SELECT id, body FROM articles WHERE id IN"``.
    """
    for chunk in chunks(values):
        marks = ",".join("?" * len(chunk))
        yield from connection.execute(f"{sql} ({marks}){tail}", (*leading, *chunk))


def execute_in(
    connection: sqlite3.Connection,
    sql: str,
    values: Iterable[object],
    leading: tuple[object, ...] = (),
) -> None:
    """Run ``{sql} (?,...)`` for every value, one statement per chunk; ``leading`` parameters
    come before the list's."""
    for chunk in chunks(values):
        marks = ",".join("?" * len(chunk))
        connection.execute(f"{sql} ({marks})", (*leading, *chunk))
