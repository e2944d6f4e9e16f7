"""Quotation groups and speaker names kept in the catalog, relinked incrementally.

``reader.quotes.groups.link_state`` groups the whole corpus at once; the tables here keep what
it derives (distinct normalised texts, their word-pair postings, the candidate pairs each text
proposes, near-duplicate links, containers, group ids; raw speaker names with their counts and
display names) so that an update only recomputes what its changed articles can affect, with
the same result as grouping the whole corpus again (tests/test_quote_groups.py checks it);
the relinking of what an update touched is ``reader.quotes.relinking``.

Articles keep their raw quotes (speaker as attributed, no group); readers get them linked
through ``linked()``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace

from reader.models import Quote
from reader.quotes.groups import MIN_GROUP_CHARS, link_state, normalise_quote
from reader.quotes.relinking import Relinker
from reader.quotes.speaker_names import SCHEMA as _SPEAKER_SCHEMA
from reader.quotes.speaker_names import Renamed, displays, relink_speakers, store_all_speakers
from reader.sqlite import select_in

__all__ = ["SCHEMA", "linked", "relink", "store_all"]

SCHEMA = (
    """
CREATE TABLE IF NOT EXISTS quote_texts (
    id INTEGER PRIMARY KEY, norm TEXT NOT NULL UNIQUE, grp TEXT, container INTEGER
);
CREATE INDEX IF NOT EXISTS quote_texts_grp ON quote_texts(grp);
CREATE INDEX IF NOT EXISTS quote_texts_container ON quote_texts(container);
CREATE TABLE IF NOT EXISTS quote_uses (
    text INTEGER NOT NULL, article TEXT NOT NULL, PRIMARY KEY (text, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quote_shingles (
    shingle INTEGER NOT NULL, text INTEGER NOT NULL, PRIMARY KEY (shingle, text)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quote_proposed (
    src INTEGER NOT NULL, dst INTEGER NOT NULL, freq INTEGER NOT NULL, PRIMARY KEY (src, dst)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS quote_proposed_dst ON quote_proposed(dst);
CREATE TABLE IF NOT EXISTS quote_links (
    a INTEGER NOT NULL, b INTEGER NOT NULL, PRIMARY KEY (a, b)
) WITHOUT ROWID;
"""
    + _SPEAKER_SCHEMA
)
_TABLES = ("quote_texts", "quote_uses", "quote_shingles", "quote_proposed", "quote_links")

QuotesByArticle = Mapping[str, Sequence[Quote]]
"""Each article's quotes, by article id."""


# -- reading ------------------------------------------------------------------------------


def linked(connection: sqlite3.Connection, quotes: QuotesByArticle) -> dict[str, tuple[Quote, ...]]:
    """The articles' raw quotes with their group and the speakers' display names."""
    norms = {q.text: normalise_quote(q.text) for qs in quotes.values() for q in qs}
    groups = dict(
        select_in(connection, "SELECT norm, grp FROM quote_texts WHERE norm IN", norms.values())
    )
    raw = {name for qs in quotes.values() for q in qs for name in q.said_by}
    display = displays(connection, raw)

    def shown(name: str | None) -> str | None:
        return display.get(name, name) if name else None

    def relinked(quote: Quote) -> Quote:
        speaker, inner = shown(quote.speaker), shown(quote.inner_speaker)
        return replace(
            quote,
            group=groups.get(norms[quote.text]),
            speaker=speaker,
            inner_speaker=inner if inner != speaker else None,  # one speaker, not a source
        )

    return {article: tuple(relinked(q) for q in qs) for article, qs in quotes.items()}


def group_articles(connection: sqlite3.Connection, group: str) -> list[str]:
    rows = connection.execute(
        "SELECT DISTINCT u.article FROM quote_texts t JOIN quote_uses u ON u.text = t.id"
        " WHERE t.grp = ? ORDER BY u.article",
        (group,),
    )
    return [article for (article,) in rows]


# -- the whole corpus ---------------------------------------------------------------------


def store_all(connection: sqlite3.Connection, quotes: QuotesByArticle) -> None:
    """Group every article's quotes from scratch and store the result."""
    for table in _TABLES:
        connection.execute(f"DELETE FROM {table}")
    state = link_state(quotes)
    connection.executemany(
        "INSERT INTO quote_texts VALUES (?,?,?,?)",
        (
            (i + 1, text, state.groups.get(i), _plus_one(state.container.get(i)))
            for i, text in enumerate(state.texts)
        ),
    )
    connection.executemany(
        "INSERT INTO quote_uses VALUES (?,?)",
        ((i + 1, article) for i, articles in enumerate(state.uses) for article in articles),
    )
    connection.executemany(
        "INSERT INTO quote_shingles VALUES (?,?)",
        ((shingle, i + 1) for shingle, ids in state.postings.items() for i in ids),
    )
    connection.executemany(
        "INSERT INTO quote_proposed VALUES (?,?,?)",
        (
            (i + 1, other + 1, frequency)
            for i, others in enumerate(state.proposed)
            for other, frequency in others.items()
        ),
    )
    connection.executemany(
        "INSERT INTO quote_links VALUES (?,?)",
        ((x + 1, y + 1) for a, b in state.similar for x, y in ((a, b), (b, a))),
    )
    store_all_speakers(connection, Counter(name for qs in quotes.values() for name in _names(qs)))


def _names(quotes: Sequence[Quote]) -> list[str]:
    """The speakers' raw names of these quotes, once per quote they speak: the source
    credited and the one who said the words it passed on (two speakers, one display name
    each, so that "Sanders" through CNN joins Bernie Sanders)."""
    return [name for q in quotes for name in q.said_by]


def _plus_one(text_id: int | None) -> int | None:
    return None if text_id is None else text_id + 1


# -- incremental --------------------------------------------------------------------------


def relink(
    connection: sqlite3.Connection, removed: QuotesByArticle, added: QuotesByArticle
) -> Renamed:
    """Take out the ``removed`` articles' quotes and bring in the ``added`` ones (a changed
    article is in both), recomputing only what they can affect. Returns the speaker names
    shown differently now."""
    delta: Counter[str] = Counter()
    for qs in added.values():
        delta.update(_names(qs))
    for qs in removed.values():
        delta.subtract(_names(qs))
    renamed = relink_speakers(connection, delta)
    _relink_groups(connection, removed, added)
    return renamed


def _relink_groups(
    connection: sqlite3.Connection, removed: QuotesByArticle, added: QuotesByArticle
) -> None:
    """Move the texts' uses from the removed articles to the added ones, then relink the
    texts born, dead, or now quoted by other articles."""
    old_uses = {(norm, article) for article, qs in removed.items() for norm in _norms(qs)}
    new_uses = {(norm, article) for article, qs in added.items() for norm in _norms(qs)}
    dropped, put = old_uses - new_uses, new_uses - old_uses
    if not dropped and not put:
        return
    involved = {norm for norm, _ in dropped | put}
    ids = dict(select_in(connection, "SELECT norm, id FROM quote_texts WHERE norm IN", involved))
    dropped = {(norm, article) for norm, article in dropped if norm in ids}
    born = _new_texts(connection, {norm for norm, _ in put} - ids.keys())
    ids.update((norm, text_id) for text_id, norm in born.items())
    involved &= ids.keys()
    _move_uses(connection, [(ids[n], a) for n, a in dropped], [(ids[n], a) for n, a in put])
    changed = {ids[norm] for norm in involved}
    sql = "SELECT DISTINCT text FROM quote_uses WHERE text IN"
    alive = {text_id for (text_id,) in select_in(connection, sql, changed)}
    dead = {ids[norm]: norm for norm in involved if ids[norm] not in alive}
    Relinker(connection, born, dead, changed & alive).run()


def _new_texts(connection: sqlite3.Connection, norms: set[str]) -> dict[int, str]:
    """Insert these normalised texts, in sorted order; ``{id: text}``."""
    born: dict[int, str] = {}
    for norm in sorted(norms):
        cursor = connection.execute("INSERT INTO quote_texts (norm) VALUES (?)", (norm,))
        born[int(cursor.lastrowid or 0)] = norm
    return born


def _move_uses(
    connection: sqlite3.Connection,
    dropped: list[tuple[int, str]],
    put: list[tuple[int, str]],
) -> None:
    """Forget the dropped ``(text id, article)`` uses and record the put ones."""
    connection.executemany("DELETE FROM quote_uses WHERE text = ? AND article = ?", dropped)
    connection.executemany("INSERT OR IGNORE INTO quote_uses VALUES (?,?)", put)


def _norms(quotes: Sequence[Quote]) -> set[str]:
    found = (normalise_quote(q.text) for q in quotes)
    return {norm for norm in found if len(norm) >= MIN_GROUP_CHARS}
