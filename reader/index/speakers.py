"""Who is quoted: per-article speaker counts kept in the catalog at update time, and the
archive's speakers (or those of some articles) summed from them in one query."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from reader.index.speaker_totals import FROM, SEPARATOR, Tally, move, refresh
from reader.quotes.speakers.identity import same_speaker
from reader.sqlite import execute_in, select_in

if TYPE_CHECKING:
    from reader.models import Quote, Speaker

__all__ = [
    "SCHEMA",
    "SpeakerUse",
    "articles_of",
    "forget",
    "move",
    "put",
    "refresh",
    "same_speakers",
    "speakers",
    "typed_test",
    "uses_in",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS speaker_uses (
    name TEXT NOT NULL, article TEXT NOT NULL, source TEXT, quotes INTEGER NOT NULL,
    kind TEXT NOT NULL, roles TEXT NOT NULL, via INTEGER NOT NULL, PRIMARY KEY (article, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS speaker_uses_name_source ON speaker_uses(name, source);
CREATE INDEX IF NOT EXISTS speakers_display ON speakers(display);
CREATE TABLE IF NOT EXISTS speaker_totals (
    name TEXT PRIMARY KEY, kind TEXT NOT NULL, aliases TEXT NOT NULL, roles TEXT NOT NULL,
    quotes INTEGER NOT NULL, articles INTEGER NOT NULL, outlets INTEGER NOT NULL,
    via INTEGER NOT NULL, tallies TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS speaker_totals_quotes ON speaker_totals(quotes);
"""


@dataclass(slots=True)
class SpeakerUse:
    """One raw speaker name in one article: how often it speaks there, as what; ``via``:
    how many of those quotes it said through another source (Sanders' words according to
    CNN count for both, as Sanders' via CNN and as CNN's)."""

    quotes: int = 0
    kinds: Counter[str] = field(default_factory=Counter)
    roles: dict[str, None] = field(default_factory=dict)
    via: int = 0


def uses_of(quotes: Sequence[Quote]) -> dict[str, SpeakerUse]:
    """``{raw speaker name: use}`` of one article's quotes (speech with a speaker, and the
    inner speaker of words passed on: the kind and roles are the source's, not theirs)."""
    found: defaultdict[str, SpeakerUse] = defaultdict(SpeakerUse)
    for quote in quotes:
        if quote.speaker:
            use = found[quote.speaker]
            use.quotes += 1
            if quote.speaker_kind:
                use.kinds[quote.speaker_kind] += 1
            use.roles.update(dict.fromkeys(quote.speaker_roles))
        inner = quote.inner_speaker
        if inner and not (quote.speaker and same_speaker(inner, quote.speaker)):
            passed_on = found[inner]
            passed_on.quotes += 1
            passed_on.via += 1
    return dict(found)


def forget(connection: sqlite3.Connection, article_ids: Iterable[str]) -> None:
    """Drop these articles' speaker rows (deleted or about to be written again)."""
    execute_in(connection, "DELETE FROM speaker_uses WHERE article IN", article_ids)


def put(
    connection: sqlite3.Connection, articles: Iterable[tuple[str, str | None, Sequence[Quote]]]
) -> None:
    """Store the speaker rows of ``(article id, outlet, quotes)``, replacing older ones."""
    connection.executemany(
        "INSERT OR REPLACE INTO speaker_uses VALUES (?,?,?,?,?,?,?)",
        (
            (
                name,
                article,
                source,
                use.quotes,
                use.kinds.most_common(1)[0][0] if use.kinds else "",
                SEPARATOR.join(use.roles),
                use.via,
            )
            for article, source, quotes in articles
            for name, use in uses_of(quotes).items()
        ),
    )


_COLUMNS = "s.display, s.kind, u.name, u.article, u.source, u.quotes, u.kind, u.roles, u.via"
_FROM = FROM


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


def typed_test(connection: sqlite3.Connection, typed: str) -> Callable[[str], bool]:
    """Whether a speaker name (raw or display) is the speaker typed in any spelling: the same
    speaker key ("PESKOV"), or a name of the speakers the typed words stand for ("Lib Dems"
    for the Liberal Democrats). ``reader quotes --speaker`` and ``export --speaker`` agree."""
    from reader.quotes.speakers.identity import typed_identities
    from reader.quotes.speakers.names import speaker_key

    known = same_speakers(connection, typed_identities(typed.split()))
    wanted = speaker_key(typed)
    return lambda name: name in known or speaker_key(name) == wanted


def uses_in(connection: sqlite3.Connection, article_ids: Iterable[str]) -> set[tuple[Any, ...]]:
    """The speaker rows of these articles (compared before and after an update: the names
    whose rows did not change need no new totals)."""
    sql = (
        "SELECT name, article, source, quotes, kind, roles, via FROM speaker_uses WHERE article IN"
    )
    return set(select_in(connection, sql, article_ids))


def speakers(
    connection: sqlite3.Connection, article_ids: Iterable[str] | None = None
) -> list[Speaker]:
    """Everyone quoted (in these articles only, when given), most quoted first.

    One speaker per display name: its raw names are its aliases, its kind the most common
    one, its roles the most common role words. The archive's totals are read as kept; those
    of some articles are summed from their rows.
    """
    from reader.models import Speaker  # reader.models loads after the list's first paint

    if article_ids is not None:
        rows = select_in(connection, f"SELECT {_COLUMNS} {_FROM} WHERE u.article IN", article_ids)
        return _sorted(_summed(rows))
    stored = connection.execute(
        "SELECT name, kind, aliases, roles, quotes, articles, outlets, via FROM speaker_totals"
        " ORDER BY quotes DESC, articles DESC"
    )
    return _sorted(
        Speaker(name, kind, _split(aliases), _split(roles), quotes, articles, outlets, via)
        for name, kind, aliases, roles, quotes, articles, outlets, via in stored
    )


def _split(joined: str) -> tuple[str, ...]:
    return tuple(joined.split(SEPARATOR)) if joined else ()


def _sorted(found: Iterable[Speaker]) -> list[Speaker]:
    return sorted(found, key=lambda s: (-s.quotes, -s.articles, s.name.casefold()))


def _summed(rows: Iterable[tuple[Any, ...]]) -> list[Speaker]:
    """The speakers of these rows (those of some articles), summed in Python."""
    tallies: dict[str, Tally] = {}
    for display, identity_kind, *use in rows:
        tally = tallies.get(display)
        if tally is None:
            tally = tallies[display] = Tally(display)
        tally.add(tuple(use), identity_kind)
    for tally in tallies.values():
        tally.article_count, tally.outlet_count = len(tally.articles), len(tally.outlets)
    return [tally.speaker() for tally in tallies.values()]
