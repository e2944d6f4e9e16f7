"""Quotation groups relinked incrementally: after an update's quote texts were born or died
or changed articles, recompute only the word-pair postings, candidate pairs, near-duplicate
links, containers and group names they can affect (the tables of ``reader.quotes.store``),
with the same groups as linking the whole corpus again."""

from __future__ import annotations

import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from reader.quotes.groups import (
    MAX_BLOCK_SIZE,
    best_container,
    chosen_shingles,
    containment,
    contributions,
    group_name,
    is_similar,
    shingles,
)
from reader.sqlite import execute_in, select_in

__all__ = ["Relinker"]


class Relinker:
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


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def _column(connection: sqlite3.Connection, sql: str, values: Iterable[object]) -> Iterator[Any]:
    for (value,) in select_in(connection, sql, values):
        yield value
