"""Speaker names kept in the catalog: every raw name, how often it speaks, and the name of the
speaker it stands for (``identity.canonical_speakers``: one per person and organisation),
kept name by name so that an update looks only at the speakers its names can affect.

A name's identity comes from its words alone, so it is stored with the name; which speaker a
surname alone joins, and every speaker's display name, depend on the other names, and are
recomputed for the speakers that share a word (first name, surname) with a changed name.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping

from reader.quotes.speakers.identity import (
    NameIdentity,
    canonical_speakers,
    display_name,
    group_key,
    name_identity,
)
from reader.sqlite import execute_in, select_in

__all__ = ["SCHEMA", "Renamed", "displays", "relink_speakers", "store_all_speakers"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS speakers (
    name TEXT PRIMARY KEY, n INTEGER NOT NULL, ident TEXT NOT NULL, kind TEXT NOT NULL,
    first TEXT, surname TEXT, lone TEXT, display TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS speakers_ident ON speakers(ident);
CREATE INDEX IF NOT EXISTS speakers_first ON speakers(first);
CREATE INDEX IF NOT EXISTS speakers_surname ON speakers(surname);
CREATE INDEX IF NOT EXISTS speakers_lone ON speakers(lone);
"""
_COLUMNS = "name, n, ident, kind, first, surname, lone, display"

Renamed = dict[str, tuple[str | None, str | None]]
"""``{raw name: (display before, display after)}`` of the names an update shows differently
(None: the name was not quoted before, or is not any more)."""


def displays(connection: sqlite3.Connection, names: Iterable[str]) -> dict[str, str]:
    """``{raw name: display name}`` of these names (those quoted somewhere)."""
    return dict(select_in(connection, "SELECT name, display FROM speakers WHERE name IN", names))


def store_all_speakers(connection: sqlite3.Connection, counts: Mapping[str, int]) -> None:
    """Store every raw name with its number of quotes and its speaker, from scratch."""
    connection.execute("DELETE FROM speakers")
    canonical = canonical_speakers(counts)
    connection.executemany(
        f"INSERT INTO speakers ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)",
        ((name, n, *name_identity(name), canonical[name].name) for name, n in counts.items()),
    )


def relink_speakers(connection: sqlite3.Connection, delta: Mapping[str, int]) -> Renamed:
    """Add ``delta`` to the names' numbers of quotes (a name at 0 is forgotten) and name
    again the speakers that can change: those of the changed names, and those sharing a
    first name or surname with them (which a surname alone joins, or stops joining)."""
    moved = sorted(name for name, n in delta.items() if n)
    if not moved:
        return {}
    before = displays(connection, moved)
    connection.executemany(
        f"INSERT INTO speakers ({_COLUMNS}) VALUES (?,?,?,?,?,?,?,?)"
        " ON CONFLICT(name) DO UPDATE SET n = n + excluded.n",
        ((name, delta[name], *name_identity(name), name) for name in moved),
    )
    execute_in(connection, "DELETE FROM speakers WHERE n <= 0 AND name IN", moved)
    renamed = _rename(connection, [name_identity(name) for name in moved])
    after = displays(connection, moved)
    renamed.update((name, (before.get(name), after.get(name))) for name in moved)
    return {name: change for name, change in renamed.items() if change[0] != change[1]}


_Row = tuple[str, int, NameIdentity, str]
"""A stored name: the name, its number of quotes, its identity, its display name."""


def _rename(connection: sqlite3.Connection, moved: list[NameIdentity]) -> Renamed:
    """Name again the speakers the ``moved`` identities can affect: their own, and where a
    surname alone shares a word with them, that name and the people it may join or leave;
    the names shown differently now."""
    words = {word for i in moved for word in (i.first, i.surname, i.lone) if word}
    lone = _rows(connection, "lone", words)  # surnames alone whose person may change
    lone_words = {str(row[2].lone) for row in lone}
    pool = _rows(connection, "surname", lone_words) + _rows(connection, "first", lone_words)
    keys = {i.key for i in moved} | {row[2].key for row in lone}
    keys |= {row[2].key for row in pool if row[2].surname in lone_words}
    people: defaultdict[str, list[NameIdentity]] = defaultdict(list)
    for _, _, identity, _ in pool:
        for word in {identity.first, identity.surname} & lone_words:
            people[str(word)].append(identity)
    groups: defaultdict[str, list[_Row]] = defaultdict(list)
    for row in _rows(connection, "ident", keys):
        identity = row[2]
        groups[group_key(identity, people.get(identity.lone or "", ()))].append(row)
    changed: Renamed = {}
    for members in groups.values():
        display = display_name({name: n for name, n, _, _ in members}, members[0][2].kind)
        changed.update(
            (name, (shown, display)) for name, _, _, shown in members if shown != display
        )
    connection.executemany(
        "UPDATE speakers SET display = ? WHERE name = ?",
        ((display, name) for name, (_, display) in changed.items()),
    )
    return changed


def _rows(connection: sqlite3.Connection, column: str, values: Iterable[str]) -> list[_Row]:
    sql = f"SELECT {_COLUMNS} FROM speakers WHERE {column} IN"
    return [
        (name, int(n), NameIdentity(ident, kind, first, surname, lone), display)
        for name, n, ident, kind, first, surname, lone, display in select_in(
            connection, sql, values
        )
    ]
