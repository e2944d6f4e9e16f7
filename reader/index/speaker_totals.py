"""The speakers' totals kept in the catalog, one row per display name: counted by SQLite from
the per-article rows, or moved by the rows an update changed (so a speaker quoted in a
hundred thousand articles costs an update what its changed articles hold, not a recount).

A row keeps the counts the speakers view shows and the tallies they come from (quotes per
kind, rows per role), so the most common kind and roles follow without reading the rows.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from reader.sqlite import execute_in, select_in

if TYPE_CHECKING:
    from reader.models import Speaker
    from reader.quotes.speaker_names import Renamed

__all__ = ["SEPARATOR", "Tally", "Use", "move", "refresh"]

SEPARATOR = "\x1f"
FROM = "FROM speaker_uses u JOIN speakers s ON s.name = u.name"
Use = tuple[str, str, str | None, int, str, str, int]
"""A per-article row: (raw name, article, outlet, quotes, kind, roles joined, quotes via
another source)."""
# From this many speakers touched by one update on, the totals are counted again from scratch.
_FULL_REFRESH = 2000
_MAX_ROLES = 3
# Bound variables of one "still elsewhere?" question; a speaker of more names is recounted.
_MAX_VARIABLES = 900


def refresh(connection: sqlite3.Connection, displays: set[str] | None) -> None:
    """Count the totals of these display names again (of everyone when None, or when many);
    SQLite sums each speaker's rows (``GROUP BY``)."""
    if displays is None or len(displays) >= _FULL_REFRESH:
        connection.execute("DELETE FROM speaker_totals")
        displays = None
    else:
        execute_in(connection, "DELETE FROM speaker_totals WHERE name IN", displays)
    _store(connection, _counted(connection, displays))


def move(
    connection: sqlite3.Connection,
    old: set[Use],
    new: set[Use],
    articles: set[str],
    renamed: Renamed,
) -> None:
    """Move the totals by one update: ``old`` and ``new`` are the rows of the changed
    ``articles`` before and after it. Speakers a renaming touched, and new ones, are counted
    again; the others move by their rows."""
    changed = old ^ new
    shown = dict(
        select_in(
            connection, "SELECT name, display FROM speakers WHERE name IN", {u[0] for u in changed}
        )
    )
    recount = {display for change in renamed.values() for display in change if display}
    moved = {shown[u[0]] for u in changed if u[0] in shown} - recount
    kept = _kept(connection, moved)
    recount |= moved - kept.keys()
    for display, tally in kept.items():
        before = [u for u in old if shown.get(u[0]) == display]
        after = [u for u in new if shown.get(u[0]) == display]
        if not _moved(connection, tally, before, after, articles):
            recount.add(display)
    execute_in(connection, "DELETE FROM speaker_totals WHERE name IN", kept.keys())
    _store(connection, (t for t in kept.values() if t.quotes > 0 and t.name not in recount))
    refresh(connection, recount)


def _moved(
    connection: sqlite3.Connection,
    tally: Tally,
    before: list[Use],
    after: list[Use],
    articles: set[str],
) -> bool:
    """Move one speaker's totals from its ``before`` rows to its ``after`` rows; False when
    it has too many names to ask SQLite cheaply (then it is counted again)."""
    for rows, sign in ((before, -1), (after, 1)):
        for _, _, _, quotes, kind, roles, via in rows:
            tally.quotes += sign * quotes
            tally.via += sign * via
            if kind:
                tally.kinds[kind] += sign * quotes
            for role in roles.split(SEPARATOR) if roles else ():
                tally.roles[role] += sign
    tally.article_count += len({u[1] for u in after}) - len({u[1] for u in before})
    outlets_before = {u[2] for u in before if u[2]}
    outlets_after = {u[2] for u in after if u[2]}
    if len(tally.aliases) + len(articles) + 1 > _MAX_VARIABLES:
        return False
    for outlet in outlets_before ^ outlets_after:
        if not _quoted_elsewhere(connection, tally, str(outlet), articles):
            tally.outlet_count += 1 if outlet in outlets_after else -1
    tally.kinds, tally.roles = +tally.kinds, +tally.roles  # drop what fell to zero
    return True


def _quoted_elsewhere(
    connection: sqlite3.Connection, tally: Tally, outlet: str, articles: set[str]
) -> bool:
    """Whether an article outside ``articles`` quotes the speaker from this outlet."""
    names = ",".join("?" * len(tally.aliases))
    others = ",".join("?" * len(articles))
    found = connection.execute(
        f"SELECT 1 FROM speaker_uses WHERE source = ? AND name IN ({names})"
        f" AND article NOT IN ({others}) LIMIT 1",
        (outlet, *tally.aliases, *articles),
    ).fetchone()
    return found is not None


def _kept(connection: sqlite3.Connection, displays: Iterable[str]) -> dict[str, Tally]:
    """The kept totals of these display names, with their names now."""
    kept: dict[str, Tally] = {}
    sql = "SELECT name, quotes, articles, outlets, via, tallies FROM speaker_totals WHERE name IN"
    for display, quotes, articles, outlets, via, tallies in select_in(connection, sql, displays):
        tally = kept[display] = Tally(display)
        tally.quotes, tally.article_count, tally.outlet_count = quotes, articles, outlets
        tally.via = via
        kinds, roles = json.loads(tallies)
        tally.kinds, tally.roles = Counter(kinds), Counter(roles)
    sql = "SELECT display, name, kind FROM speakers WHERE display IN"
    for display, name, kind in select_in(connection, sql, kept):
        kept[display].aliases[name] += 1
        kept[display].named(kind)
    return kept


def _store(connection: sqlite3.Connection, tallies: Iterable[Tally]) -> None:
    connection.executemany(
        "INSERT INTO speaker_totals VALUES (?,?,?,?,?,?,?,?,?)",
        (
            (
                (s := t.speaker()).name, s.kind, _joined(s.aliases), _joined(s.roles),
                s.quotes, s.articles, s.outlets, s.via, json.dumps([t.kinds, t.roles]),
            )
            for t in tallies
        ),
    )  # fmt: skip


_SUMS = (
    "SELECT s.display, sum(u.quotes), count(DISTINCT u.article),"
    f" count(DISTINCT nullif(u.source, '')), sum(u.via) {FROM}"
)
_PARTS = f"SELECT s.display, u.kind, u.roles, sum(u.quotes), count(*) {FROM}"


def _counted(connection: sqlite3.Connection, displays: set[str] | None) -> list[Tally]:
    """The totals of these display names (of everyone when None), counted by SQLite."""

    def rows(sql: str, column: str, group: str) -> Iterable[tuple[Any, ...]]:
        if displays is None:
            return connection.execute(f"{sql} GROUP BY {group}")
        return select_in(connection, f"{sql} WHERE {column} IN", displays, f" GROUP BY {group}")

    tallies: dict[str, Tally] = {}
    for display, quotes, articles, outlets, via in rows(_SUMS, "s.display", "1"):
        tally = tallies[display] = Tally(display)
        tally.quotes, tally.article_count, tally.outlet_count = quotes, articles, outlets
        tally.via = via
    for display, name, kind in rows("SELECT display, name, kind FROM speakers", "display", "1, 2"):
        if display in tallies:
            tallies[display].aliases[name] += 1
            tallies[display].named(kind)
    for display, kind, roles, quotes, uses in rows(_PARTS, "s.display", "1, 2, 3"):
        tally = tallies[display]
        if kind:
            tally.kinds[kind] += quotes
        for role in roles.split(SEPARATOR) if roles else ():
            tally.roles[role] += uses
    return list(tallies.values())


class Tally:
    """One speaker's totals as they are counted: names, quotes by kind, rows by role, and
    the articles and outlets (as sets when summed from some articles' rows)."""

    __slots__ = (
        "aliases", "article_count", "articles", "kinds", "name", "name_kinds", "organisation",
        "outlet_count", "outlets", "quotes", "roles", "via",
    )  # fmt: skip

    def __init__(self, name: str) -> None:
        self.name = name
        self.quotes = 0
        self.via = 0
        """Of the quotes, those said through another source (“...,” X said, according to Y)."""
        self.organisation = False
        """An organisation by its names ("the Tories"), whatever a quote's context said."""
        self.name_kinds: set[str] = set()
        """What its names say it is; the kind of someone only quoted through another source
        (whose quotes' kinds are the source's)."""
        self.aliases: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()
        self.article_count = self.outlet_count = 0
        self.articles: set[str] = set()
        self.outlets: set[str] = set()

    def named(self, kind: str) -> None:
        """Count one of the speaker's names, of this kind (``identity.name_identity``)."""
        self.organisation |= kind == "organisation"
        self.name_kinds.add(kind)

    def add(self, use: Use, name_kind: str) -> None:
        """Count one per-article row (summing some articles' rows)."""
        name, article, source, quotes, kind, roles, via = use
        self.quotes += quotes
        self.via += via
        self.articles.add(article)
        if source:
            self.outlets.add(source)
        self.aliases[name] += quotes
        if kind:
            self.kinds[kind] += quotes
        if roles:
            self.roles.update(roles.split(SEPARATOR))
        self.named(name_kind)

    def speaker(self) -> Speaker:
        """The speaker as the view shows it."""
        from reader.models import Speaker  # reader.models loads after the list's first paint

        return Speaker(
            name=self.name,
            kind=self._kind(),
            aliases=tuple(sorted((n for n in self.aliases if n != self.name), key=str.casefold)),
            roles=_most_common(self.roles, _MAX_ROLES),
            quotes=self.quotes,
            articles=self.article_count,
            outlets=self.outlet_count,
            via=self.via,
        )

    def _kind(self) -> str:
        """An organisation by its names; else its quotes' most common kind; else, quoted
        only through another source, the one kind its names say."""
        if self.organisation:
            return "organisation"
        if self.kinds:
            return _most_common(self.kinds, 1)[0]
        return next(iter(self.name_kinds)) if len(self.name_kinds) == 1 else ""


def _most_common(counts: Counter[str], many: int) -> tuple[str, ...]:
    """The ``many`` most common values, ties in alphabetical order (the same order however
    the rows were read)."""
    return tuple(sorted(counts, key=lambda value: (-counts[value], value))[:many])


def _joined(words: Iterable[str]) -> str:
    return SEPARATOR.join(words)
