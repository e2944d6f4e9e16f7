"""Who is quoted: per-article speaker counts kept in the catalog at update time, and the
archive's speakers (or those of some articles) summed from them in one query."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.models import Quote, Speaker
from reader.sqlite import execute_in, select_in

if TYPE_CHECKING:
    from reader.quotes.speaker_names import Renamed

__all__ = [
    "SCHEMA",
    "SpeakerUse",
    "articles_of",
    "forget",
    "put",
    "refresh",
    "same_speakers",
    "speakers",
    "touched_displays",
    "uses_in",
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


_COLUMNS = "s.display, s.kind, u.name, u.article, u.source, u.quotes, u.kind, u.roles"
_FROM = "FROM speaker_uses u JOIN speakers s ON s.name = u.name"


def touched_displays(
    connection: sqlite3.Connection, names: Iterable[str], renamed: Renamed
) -> set[str]:
    """The display names whose totals an update may have changed: those the raw ``names``
    quoted in the updated articles show as now, and those a renaming moved names between."""
    sql = "SELECT DISTINCT display FROM speakers WHERE name IN"
    touched = {display for (display,) in select_in(connection, sql, names)}
    touched.update(d for change in renamed.values() for d in change if d)
    return touched


def articles_of(connection: sqlite3.Connection, display: str) -> list[str]:
    """The articles that quote the speaker shown as ``display``, by id."""
    rows = connection.execute(
        "SELECT DISTINCT u.article FROM speaker_uses u JOIN speakers s ON s.name = u.name"
        " WHERE s.display = ? ORDER BY u.article",
        (display,),
    )
    return [article for (article,) in rows]


def same_speakers(connection: sqlite3.Connection, identities: Iterable[str]) -> set[str]:
    """Every name (display names and raw names) of the speakers these identity keys
    (``identity.name_identity``) belong to."""
    sql = (
        "SELECT name, display FROM speakers WHERE display IN"
        " (SELECT display FROM speakers WHERE ident IN"
    )
    return {n for row in select_in(connection, sql, identities, ")") for n in row}


def uses_in(connection: sqlite3.Connection, article_ids: Iterable[str]) -> set[tuple[Any, ...]]:
    """The speaker rows of these articles (compared before and after an update: the names
    whose rows did not change need no new totals)."""
    sql = "SELECT name, article, source, quotes, kind, roles FROM speaker_uses WHERE article IN"
    return set(select_in(connection, sql, article_ids))


def refresh(connection: sqlite3.Connection, displays: set[str] | None) -> None:
    """Count the totals of these display names again (of everyone when None, or when many).

    SQLite sums and counts each speaker's rows (``GROUP BY``), so a popular speaker's
    hundred thousand rows cost one aggregate, not a pass in Python, at every update."""
    if displays is None or len(displays) >= _FULL_REFRESH:
        connection.execute("DELETE FROM speaker_totals")
        displays = None
    else:
        execute_in(connection, "DELETE FROM speaker_totals WHERE name IN", displays)
    connection.executemany(
        "INSERT INTO speaker_totals VALUES (?,?,?,?,?,?,?)",
        (
            (s.name, s.kind, _joined(s.aliases), _joined(s.roles), s.quotes, s.articles, s.outlets)
            for s in _counted(connection, displays)
        ),
    )


_SUMS = (
    "SELECT s.display, sum(u.quotes), count(DISTINCT u.article),"
    " count(DISTINCT nullif(u.source, '')) " + _FROM
)
_PARTS = f"SELECT s.display, u.kind, u.roles, sum(u.quotes), count(*) {_FROM}"


def _counted(connection: sqlite3.Connection, displays: set[str] | None) -> list[Speaker]:
    """The totals of these display names (of everyone when None), counted by SQLite."""

    def rows(sql: str, column: str, group: str) -> Iterable[tuple[Any, ...]]:
        if displays is None:
            return connection.execute(f"{sql} GROUP BY {group}")
        return select_in(connection, f"{sql} WHERE {column} IN", displays, f" GROUP BY {group}")

    tally: defaultdict[str, _Tally] = defaultdict(_Tally)
    for display, name, kind in rows("SELECT display, name, kind FROM speakers", "display", "1, 2"):
        tally[display].aliases[name] += 1
        tally[display].organisation |= kind == "organisation"
    for display, kind, roles, quotes, uses in rows(_PARTS, "s.display", "1, 2, 3"):
        entry = tally[display]
        if kind:
            entry.kinds[kind] += quotes
        for role in roles.split(_SEPARATOR) if roles else ():
            entry.roles[role] += uses
    counted = []
    for display, quotes, articles, outlets in rows(_SUMS, "s.display", "1"):
        counted.append(tally[display].speaker(display, quotes, articles, outlets))
    return counted


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
    """The speakers of these rows (those of some articles), summed in Python."""
    tally: dict[str, _Tally] = {}
    for display, identity_kind, name, article, source, quotes, kind, roles in rows:
        entry = tally.get(display)
        if entry is None:
            entry = tally[display] = _Tally()
        entry.add(name, article, source, int(quotes), kind, roles)
        entry.organisation |= identity_kind == "organisation"
    return [
        entry.speaker(display, entry.quotes, len(entry.articles), len(entry.outlets))
        for display, entry in tally.items()
    ]


class _Tally:
    """One speaker's names, kinds and roles as rows are read (and, for some articles, the
    articles and outlets)."""

    __slots__ = ("aliases", "articles", "kinds", "organisation", "outlets", "quotes", "roles")

    def __init__(self) -> None:
        self.quotes = 0
        self.organisation = False
        """An organisation by its names ("the Tories"), whatever a quote's context said."""
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

    def speaker(self, display: str, quotes: int, articles: int, outlets: int) -> Speaker:
        """The speaker shown as ``display``, with these counts."""
        return Speaker(
            name=display,
            kind="organisation" if self.organisation else "".join(_most_common(self.kinds, 1)),
            aliases=tuple(sorted((n for n in self.aliases if n != display), key=str.casefold)),
            roles=_most_common(self.roles, _MAX_ROLES),
            quotes=quotes,
            articles=articles,
            outlets=outlets,
        )


def _most_common(counts: Counter[str], many: int) -> tuple[str, ...]:
    """The ``many`` most common values, ties in alphabetical order (the same order however
    the rows were read)."""
    return tuple(sorted(counts, key=lambda value: (-counts[value], value))[:many])
