"""Who is quoted: per-article speaker counts kept in the catalog at update time, and the
archive's speakers (or those of some articles) summed from them in one query."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from reader.models import Quote, Speaker
from reader.sqlite import execute_in, select_in

__all__ = [
    "SCHEMA",
    "SpeakerUse",
    "articles_of",
    "display_names",
    "forget",
    "names_in",
    "put",
    "refresh",
    "speakers",
    "touched_displays",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS speaker_uses (
    name TEXT NOT NULL, article TEXT NOT NULL, source TEXT, quotes INTEGER NOT NULL,
    kind TEXT NOT NULL, roles TEXT NOT NULL, PRIMARY KEY (article, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speaker_uses_name ON speaker_uses(name);
CREATE INDEX IF NOT EXISTS speakers_display ON speakers(display);
CREATE TABLE IF NOT EXISTS speaker_totals (
    name TEXT PRIMARY KEY, kind TEXT NOT NULL, aliases TEXT NOT NULL, roles TEXT NOT NULL,
    quotes INTEGER NOT NULL, articles INTEGER NOT NULL, outlets INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS speaker_totals_quotes ON speaker_totals(quotes);
"""
# From this many speakers touched by one update on, the totals are summed again from scratch.
_FULL_REFRESH = 2000
_SEPARATOR = "\x1f"
_MAX_ROLES = 3


@dataclass(slots=True)
class SpeakerUse:
    """One raw speaker name in one article: how often it speaks there, as what."""

    quotes: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    roles: dict[str, None] = field(default_factory=dict)


def uses_of(quotes: Sequence[Quote]) -> dict[str, SpeakerUse]:
    """``{raw speaker name: use}`` of one article's quotes (speech with a speaker)."""
    found: defaultdict[str, SpeakerUse] = defaultdict(SpeakerUse)
    for quote in quotes:
        if not quote.speaker:
            continue
        use = found[quote.speaker]
        use.quotes += 1
        if quote.speaker_kind:
            use.kinds[quote.speaker_kind] += 1
        use.roles.update(dict.fromkeys(quote.speaker_roles))
    return dict(found)


def forget(connection: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Drop these articles' speaker rows (deleted or about to be written again)."""
    execute_in(connection, "DELETE FROM speaker_uses WHERE article IN", article_ids)


def put(
    connection: sqlite3.Connection, articles: Iterable[tuple[str, str | None, Sequence[Quote]]]
) -> None:
    """Store the speaker rows of ``(article id, outlet, quotes)``, replacing older ones."""
    connection.executemany(
        "INSERT OR REPLACE INTO speaker_uses VALUES (?,?,?,?,?,?)",
        (
            (
                name,
                article,
                source,
                use.quotes,
                use.kinds.most_common(1)[0][0] if use.kinds else "",
                _SEPARATOR.join(use.roles),
            )
            for article, source, quotes in articles
            for name, use in uses_of(quotes).items()
        ),
    )


_COLUMNS = "s.display, u.name, u.article, u.source, u.quotes, u.kind, u.roles"
_FROM = "FROM speaker_uses u JOIN speakers s ON s.name = u.name"


def display_names(connection: sqlite3.Connection) -> dict[str, str]:
    """``{raw name: display name}`` of every speaker, to compare before and after an update."""
    return dict(connection.execute("SELECT name, display FROM speakers"))


def touched_displays(
    connection: sqlite3.Connection, before: dict[str, str], names: set[str]
) -> set[str]:
    """The display names whose totals an update may have changed: those of the raw ``names``
    quoted in the updated articles (before and after), and those a renaming moved between."""
    after = display_names(connection)
    touched = {before[n] for n in names if n in before} | {after[n] for n in names if n in after}
    for name in before.keys() | after.keys():
        if before.get(name) != after.get(name):
            touched.update(d for d in (before.get(name), after.get(name)) if d)
    return touched


def articles_of(connection: sqlite3.Connection, display: str) -> list[str]:
    """The articles that quote the speaker shown as ``display``, by id."""
    rows = connection.execute(
        "SELECT DISTINCT u.article FROM speaker_uses u JOIN speakers s ON s.name = u.name"
        " WHERE s.display = ? ORDER BY u.article",
        (display,),
    )
    return [article for (article,) in rows]


def names_in(connection: sqlite3.Connection, article_ids: Iterable[str]) -> set[str]:
    """The raw speaker names quoted in these articles."""
    sql = "SELECT name FROM speaker_uses WHERE article IN"
    return {name for (name,) in select_in(connection, sql, article_ids)}


def refresh(connection: sqlite3.Connection, displays: set[str] | None) -> None:
    """Sum the totals of these display names again (of everyone when None, or when many)."""
    if displays is None or len(displays) >= _FULL_REFRESH:
        connection.execute("DELETE FROM speaker_totals")
        rows: Iterable[tuple[str, ...]] = connection.execute(f"SELECT {_COLUMNS} {_FROM}")
    else:
        execute_in(connection, "DELETE FROM speaker_totals WHERE name IN", displays)
        rows = select_in(connection, f"SELECT {_COLUMNS} {_FROM} WHERE s.display IN", displays)
    connection.executemany(
        "INSERT INTO speaker_totals VALUES (?,?,?,?,?,?,?)",
        (
            (s.name, s.kind, _joined(s.aliases), _joined(s.roles), s.quotes, s.articles, s.outlets)
            for s in _summed(rows)
        ),
    )


def speakers(
    connection: sqlite3.Connection, article_ids: Iterable[str] | None = None
) -> list[Speaker]:
    """Everyone quoted (in these articles only, when given), most quoted first.

    One speaker per display name: its raw names are its aliases, its kind the most common
    one, its roles the most common role words. The archive's totals are read as kept; those
    of some articles are summed from their rows.
    """
    if article_ids is not None:
        rows = select_in(connection, f"SELECT {_COLUMNS} {_FROM} WHERE u.article IN", article_ids)
        return _sorted(_summed(rows))
    stored = connection.execute(
        "SELECT name, kind, aliases, roles, quotes, articles, outlets FROM speaker_totals"
        " ORDER BY quotes DESC, articles DESC"
    )
    return _sorted(
        Speaker(name, kind, _split(aliases), _split(roles), quotes, articles, outlets)
        for name, kind, aliases, roles, quotes, articles, outlets in stored
    )


def _joined(words: Iterable[str]) -> str:
    return _SEPARATOR.join(words)


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(_SEPARATOR)) if joined else ()


def _sorted(found: Iterable[Speaker]) -> list[Speaker]:
    return sorted(found, key=lambda s: (-s.quotes, -s.articles, s.name.casefold()))


def _summed(rows: Iterable[tuple[str, ...]]) -> list[Speaker]:
    tally: dict[str, _Tally] = {}
    for display, name, article, source, quotes, kind, roles in rows:
        entry = tally.get(display)
        if entry is None:
            entry = tally[display] = _Tally()
        entry.add(name, article, source, int(quotes), kind, roles)
    return [entry.speaker(display) for display, entry in tally.items()]


class _Tally:
    __slots__ = ("aliases", "articles", "kinds", "outlets", "quotes", "roles")

    def __init__(self) -> None:
        self.quotes = 0
        self.articles: set[str] = set()
        self.outlets: set[str] = set()
        self.aliases: Counter[str] = Counter()
        self.kinds: Counter[str] = Counter()
        self.roles: Counter[str] = Counter()

    def add(
        self, name: str, article: str, source: str | None, quotes: int, kind: str, roles: str
    ) -> None:
        self.quotes += quotes
        self.articles.add(article)
        if source:
            self.outlets.add(source)
        self.aliases[name] += quotes
        if kind:
            self.kinds[kind] += quotes
        if roles:
            self.roles.update(roles.split(_SEPARATOR))

    def speaker(self, display: str) -> Speaker:
        aliases = sorted((n for n in self.aliases if n != display), key=str.casefold)
        return Speaker(
            name=display,
            kind=self.kinds.most_common(1)[0][0] if self.kinds else "",
            aliases=tuple(aliases),
            roles=tuple(role for role, _ in self.roles.most_common(_MAX_ROLES)),
            quotes=self.quotes,
            articles=len(self.articles),
            outlets=len(self.outlets),
        )
