"""What counts as a damaged index: the catalog's SQLite errors and the engine's IndexDamage
(its cheap look at Whoosh's table of contents and segment directories)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from whoosh import index as whoosh_index

from reader.engine.files import IndexDamage, documents_in, open_index

__all__ = ["DAMAGE_ERRORS", "describe", "whoosh_documents", "whoosh_exists"]

DAMAGE_ERRORS: tuple[type[Exception], ...] = (sqlite3.DatabaseError, IndexDamage)
"""What reading a damaged catalog or Whoosh index raises here. Anything else is a bug (a
Whoosh internal that moved, say), shown as one instead of rebuilding on every start."""


def describe(error: BaseException) -> str:
    """One line saying what the damage is."""
    text = str(error) if isinstance(error, IndexDamage) else f"{type(error).__name__}: {error}"
    return (text.splitlines() or [""])[0][:160]


def whoosh_exists(folder: Path) -> bool:
    """Whether ``folder`` holds a Whoosh index, damaged or not (``whoosh_documents`` says)."""
    if not folder.exists():
        return False
    try:
        open_index(folder)
    except whoosh_index.EmptyIndexError:
        return False
    except Exception:  # there but unreadable: the damage check says why, an update rebuilds
        return True
    return True


def whoosh_documents(folder: Path) -> int:
    """The searchable documents of a Whoosh index after the engine's check that its files
    hang together; IndexDamage when they do not (no table of contents at all included)."""
    return documents_in(folder)
