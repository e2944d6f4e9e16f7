"""Quotation groups and speaker names kept in the catalog, relinked incrementally.

``reader.quotes.groups.link_state`` groups the whole corpus at once; the tables here keep what
it derives (distinct normalised texts, their word-pair postings, the candidate pairs each text
proposes, near-duplicate links, containers, group ids; raw speaker names with their counts and
display names) so that an update only recomputes what its changed articles can affect, with
the same result as grouping the whole corpus again (tests/test_quote_groups.py checks it).

Articles keep their raw quotes (speaker as attributed, no group); readers get them linked
through ``linked()``.
"""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from reader.models import Quote
from reader.quotes.groups import (
    MAX_BLOCK_SIZE,
    MIN_GROUP_CHARS,
    best_container,
    chosen_shingles,
    containment,
    contributions,
    group_name,
    is_similar,
    link_state,
    normalise_quote,
    shingles,
)
from reader.quotes.speaker_names import SCHEMA as _SPEAKER_SCHEMA
from reader.quotes.speaker_names import Renamed, displays, relink_speakers, store_all_speakers
from reader.sqlite import execute_in, select_in

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


# -- reading ------------------------------------------------------------------------------


def linked(connection: sqlite3.Connection, quotes: QuotesByArticle) -> dict[str, tuple[Quote, ...]]:
    """The articles' raw quotes with their group and the speakers' display names."""
    norms = {q.text: normalise_quote(q.text) for qs in quotes.values() for q in qs}
    groups = dict(
        select_in(connection, "SELECT norm, grp FROM quote_texts WHERE norm IN", norms.values())
    )
    raw = {name for qs in quotes.values() for q in qs for name in (q.speaker, q.inner_speaker)}
    display = displays(connection, (name for name in raw if name))

    def shown(name: str | None) -> str | None:
        return display.get(name, name) if name else None

    return {
        article: tuple(
            replace(
                q,
                group=groups.get(norms[q.text]),
                speaker=shown(q.speaker),
                inner_speaker=shown(q.inner_speaker),
            )
            for q in qs
        )
        for article, qs in quotes.items()
    }


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
    store_all_speakers(
        connection, Counter(q.speaker for qs in quotes.values() for q in qs if q.speaker)
    )


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
        delta.update(q.speaker for q in qs if q.speaker)
    for qs in removed.values():
        delta.subtract(q.speaker for q in qs if q.speaker)
    renamed = relink_speakers(connection, delta)
    _relink_groups(connection, removed, added)
    return renamed


def _relink_groups(
    connection: sqlite3.Connection, removed: QuotesByArticle, added: QuotesByArticle
) -> None:
    old_uses = {(norm, article) for article, qs in removed.items() for norm in _norms(qs)}
    new_uses = {(norm, article) for article, qs in added.items() for norm in _norms(qs)}
    dropped, put = old_uses - new_uses, new_uses - old_uses
    if not dropped and not put:
        return
    involved = {norm for norm, _ in dropped | put}
    ids = dict(select_in(connection, "SELECT norm, id FROM quote_texts WHERE norm IN", involved))
    dropped = {(norm, article) for norm, article in dropped if norm in ids}
    born: dict[int, str] = {}
    for norm in sorted({norm for norm, _ in put} - ids.keys()):
        cursor = connection.execute("INSERT INTO quote_texts (norm) VALUES (?)", (norm,))
        ids[norm] = int(cursor.lastrowid or 0)
        born[ids[norm]] = norm
    involved &= ids.keys()
    connection.executemany(
        "DELETE FROM quote_uses WHERE text = ? AND article = ?",
        ((ids[norm], article) for norm, article in dropped),
    )
    connection.executemany(
        "INSERT OR IGNORE INTO quote_uses VALUES (?,?)",
        ((ids[norm], article) for norm, article in put),
    )
    changed = {ids[norm] for norm in involved}
    alive = set(_column(connection, "SELECT DISTINCT text FROM quote_uses WHERE text IN", changed))
    dead = {ids[norm]: norm for norm in involved if ids[norm] not in alive}
    _Relinker(connection, born, dead, changed & alive).run()


class _Relinker:
    """One incremental relink: texts born and dead, and texts whose articles changed."""

    def __init__(
        self,
        connection: sqlite3.Connection,
        born: dict[int, str],
        dead: dict[int, str],
        used: set[int],
    ) -> None:
        self.db = connection
        self.born, self.dead, self.used = born, dead, used
        self.norms: dict[int, str] = {**born, **dead}
        self.seeds: set[int] = set(used) | set(born)
        """Texts whose component must be looked at again."""

    def run(self) -> None:
        touched, orphans = self._retire_dead()
        affected = self._update_postings()
        touched |= self._propose(affected)
        recheck = self._relink_pairs(touched)
        self._rechoose_containers(recheck | orphans)
        self._regroup()

    def _retire_dead(self) -> tuple[set[tuple[int, int]], set[int]]:
        """Forget texts no article quotes any more; their neighbours are looked at again.
        Returns the pairs they were in and the texts they contained."""
        dead = set(self.dead)
        if not dead:
            return set(), set()
        orphans = set(_column(self.db, "SELECT id FROM quote_texts WHERE container IN", dead))
        for sql in (
            "SELECT b FROM quote_links WHERE a IN",
            "SELECT container FROM quote_texts WHERE container IS NOT NULL AND id IN",
            "SELECT id FROM quote_texts WHERE container IN",
        ):
            self.seeds.update(_column(self.db, sql, dead))
        touched = {
            _pair(src, dst)
            for src, dst in select_in(
                self.db, "SELECT src, dst FROM quote_proposed WHERE dst IN", dead
            )
        }
        for sql in (
            "DELETE FROM quote_links WHERE a IN",
            "DELETE FROM quote_links WHERE b IN",
            "DELETE FROM quote_proposed WHERE src IN",
            "DELETE FROM quote_proposed WHERE dst IN",
            "UPDATE quote_texts SET container = NULL WHERE container IN",
            "DELETE FROM quote_texts WHERE id IN",
        ):
            execute_in(self.db, sql, dead)
        self.seeds -= dead
        return touched, orphans - dead

    def _update_postings(self) -> set[int]:
        """Add and remove the born and dead texts' word pairs; the texts whose blocking keys
        may change (those sharing a word pair whose count moved where it matters)."""
        delta: Counter[int] = Counter()
        for norm in self.born.values():
            for shingle in shingles(norm):
                delta[shingle] += 1
        self.db.executemany(
            "INSERT INTO quote_shingles VALUES (?,?)",
            ((s, t) for t, norm in self.born.items() for s in shingles(norm)),
        )
        for norm in self.dead.values():
            for shingle in shingles(norm):
                delta[shingle] -= 1
        self.db.executemany(
            "DELETE FROM quote_shingles WHERE shingle = ? AND text = ?",
            ((s, t) for t, norm in self.dead.items() for s in shingles(norm)),
        )
        after = self._sizes(delta)
        # a word pair's count matters while it can be a blocking key (at most MAX_BLOCK_SIZE)
        small = [
            s
            for s, n in delta.items()
            if min(after.get(s, 0) - n, after.get(s, 0)) <= MAX_BLOCK_SIZE
        ]
        affected = set(self.born)
        affected.update(_column(self.db, "SELECT text FROM quote_shingles WHERE shingle IN", small))
        return affected

    def _sizes(self, shingle_ids: Iterable[int]) -> dict[int, int]:
        return dict(
            select_in(
                self.db,
                "SELECT shingle, count(*) FROM quote_shingles WHERE shingle IN",
                shingle_ids,
                " GROUP BY shingle",
            )
        )

    def _load_norms(self, text_ids: Iterable[int]) -> None:
        missing = [t for t in text_ids if t not in self.norms]
        self.norms.update(
            select_in(self.db, "SELECT id, norm FROM quote_texts WHERE id IN", missing)
        )

    def _propose(self, affected: set[int]) -> set[tuple[int, int]]:
        """Recompute the candidate pairs the affected texts propose; the pairs touched."""
        self._load_norms(affected)
        own = {t: shingles(self.norms[t]) for t in affected}
        sizes = self._sizes(set().union(*own.values()) if own else ())
        chosen = {t: chosen_shingles(own[t], sizes) for t in affected}
        postings: defaultdict[int, list[int]] = defaultdict(list)
        keys = {s for keys in chosen.values() for s in keys}
        for shingle, text in select_in(
            self.db, "SELECT shingle, text FROM quote_shingles WHERE shingle IN", keys
        ):
            postings[shingle].append(text)
        touched = {
            _pair(src, dst)
            for src, dst in select_in(
                self.db, "SELECT src, dst FROM quote_proposed WHERE src IN", affected
            )
        }
        execute_in(self.db, "DELETE FROM quote_proposed WHERE src IN", affected)
        rows = [
            (t, other, frequency)
            for t in affected
            for other, frequency in contributions(t, chosen[t], postings).items()
        ]
        self.db.executemany("INSERT INTO quote_proposed VALUES (?,?,?)", rows)
        touched.update(_pair(t, other) for t, other, _ in rows)
        return touched

    def _pair_frequencies(self, text_ids: set[int]) -> dict[tuple[int, int], int]:
        """Every candidate pair of these texts with its frequency (the lower of both sides)."""
        pairs: dict[tuple[int, int], int] = {}
        for sql in (
            "SELECT src, dst, freq FROM quote_proposed WHERE src IN",
            "SELECT src, dst, freq FROM quote_proposed WHERE dst IN",
        ):
            for src, dst, frequency in select_in(self.db, sql, text_ids):
                pair = _pair(src, dst)
                if pairs.get(pair, MAX_BLOCK_SIZE + 1) > frequency:
                    pairs[pair] = frequency
        return pairs

    def _relink_pairs(self, touched: set[tuple[int, int]]) -> set[int]:
        """Near-duplicate links of the touched pairs; the short texts whose container must be
        chosen again."""
        touched = {(a, b) for a, b in touched if a not in self.dead and b not in self.dead}
        ends = {t for pair in touched for t in pair}
        self._load_norms(ends)
        present = {
            pair: frequency
            for pair, frequency in self._pair_frequencies(ends).items()
            if pair in touched
        }
        linked_before = {
            _pair(a, b)
            for a, b in select_in(self.db, "SELECT a, b FROM quote_links WHERE a IN", ends)
        }
        recheck: set[int] = set()
        for a, b in touched:
            verdict = is_similar(self.norms[a], self.norms[b])
            link = bool(verdict) and (a, b) in present
            if verdict is None:
                recheck.add(a if len(self.norms[a]) < len(self.norms[b]) else b)
            if link != ((a, b) in linked_before):
                self.seeds.update((a, b))
                sql = (
                    "INSERT INTO quote_links VALUES (?,?)"
                    if link
                    else ("DELETE FROM quote_links WHERE a = ? AND b = ?")
                )
                self.db.executemany(sql, [(a, b), (b, a)])
        return recheck

    def _rechoose_containers(self, shorts: set[int]) -> None:
        if not shorts:
            return
        pairs = self._pair_frequencies(shorts)
        self._load_norms({t for pair in pairs for t in pair})
        candidates: defaultdict[int, list[tuple[float, str, int]]] = defaultdict(list)
        for (a, b), frequency in pairs.items():
            short, long = (a, b) if len(self.norms[a]) <= len(self.norms[b]) else (b, a)
            if short in shorts and is_similar(self.norms[a], self.norms[b]) is None:
                score = containment(self.norms[short], self.norms[long], frequency)
                candidates[short].append((score, self.norms[long], long))
        before = dict(
            select_in(self.db, "SELECT id, container FROM quote_texts WHERE id IN", shorts)
        )
        for short in shorts:
            found = best_container(candidates.get(short, ()))
            if found != before.get(short):
                self.seeds.update(t for t in (short, found, before.get(short)) if t is not None)
                self.db.execute("UPDATE quote_texts SET container = ? WHERE id = ?", (found, short))

    def _regroup(self) -> None:
        """Name again every component that holds a seed."""
        done: set[int] = set()
        for seed in sorted(self.seeds):
            if seed in done:
                continue
            component = self._component(seed)
            done |= component
            self._load_norms(component)
            articles = set(
                _column(self.db, "SELECT DISTINCT article FROM quote_uses WHERE text IN", component)
            )
            name = group_name((self.norms[t] for t in component), len(articles))
            execute_in(
                self.db,
                "UPDATE quote_texts SET grp = ? WHERE grp IS NOT ? AND id IN",
                component,
                leading=(name, name),
            )

    def _component(self, seed: int) -> set[int]:
        component, frontier = {seed}, {seed}
        while frontier:
            found: set[int] = set()
            for sql in (
                "SELECT b FROM quote_links WHERE a IN",
                "SELECT container FROM quote_texts WHERE container IS NOT NULL AND id IN",
                "SELECT id FROM quote_texts WHERE container IN",
            ):
                found.update(_column(self.db, sql, frontier))
            frontier = found - component
            component |= frontier
        return component


# -- helpers ------------------------------------------------------------------------------


def _norms(quotes: Sequence[Quote]) -> set[str]:
    found = (normalise_quote(q.text) for q in quotes)
    return {norm for norm in found if len(norm) >= MIN_GROUP_CHARS}


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _column(connection: sqlite3.Connection, sql: str, values: Iterable[object]) -> Iterator[Any]:
    for (value,) in select_in(connection, sql, values):
        yield value
