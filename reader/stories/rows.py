"""The stories file's tables and rows: the text the stories need of an article, its member
row and postings, a story's row with its copies marked, identical articles kept once.

Tables: ``story_members`` (each article's story, copy and MinHash), ``story_postings`` (the
articles each term is distinctive for, one JSON list a term, by id: the inverted index that
finds a new article's neighbours; a row per term and article was 690,000 rows for Reuters,
1.7 s of its stories' 11 s),
``story_df`` (document frequencies, for IDF) and ``stories`` (one row per story, by size).
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from reader.models import Story, StoryMember
from reader.sqlite import select_in
from reader.stories.copies import copy_of, signature
from reader.stories.features import StoryFeatures, Terms, article_places, article_terms
from reader.stories.graph import TermTable

__all__ = [
    "SCHEMA",
    "TABLES",
    "Folded",
    "StoryText",
    "TextSource",
    "change_postings",
    "create_tables",
    "digest",
    "drop_postings",
    "encode",
    "insert_rows",
    "member_row",
    "order",
    "order_key",
    "postings",
    "refresh_postings",
    "signatures",
    "store_signatures",
    "story_rows",
    "write_groups",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_members (
    article TEXT PRIMARY KEY, story TEXT NOT NULL, copy_of TEXT, title TEXT, source TEXT,
    date TEXT, length INTEGER NOT NULL, minhash BLOB, distinctive TEXT NOT NULL
);
DROP INDEX IF EXISTS story_members_story;
CREATE INDEX IF NOT EXISTS story_members_listing
    ON story_members(story, article, title, source, date, copy_of);
CREATE TABLE IF NOT EXISTS story_postings (
    term TEXT PRIMARY KEY, articles TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, size INTEGER NOT NULL, copies INTEGER NOT NULL, title TEXT,
    listing TEXT
);
CREATE INDEX IF NOT EXISTS stories_by_size ON stories(size DESC, id);
"""
TABLES = ("story_members", "story_postings", "story_df", "stories")


def create_tables(connection: sqlite3.Connection) -> None:
    """The tables, made when missing; ``stories.listing`` added to a file made before it,
    postings of one row per term and article dropped (the stories are made again then: they
    are other code's)."""
    postings = {row[1] for row in connection.execute("PRAGMA table_info(story_postings)")}
    if "article" in postings:
        connection.execute("DROP TABLE story_postings")
    connection.executescript(SCHEMA)
    columns = {row[1] for row in connection.execute("PRAGMA table_info(stories)")}
    if "listing" not in columns:
        connection.execute("ALTER TABLE stories ADD COLUMN listing TEXT")


@dataclass(frozen=True, slots=True)
class StoryText:
    """What the stories need of one article."""

    id: str
    title: str
    body: str
    date: str | None = None
    source: str | None = None
    features: StoryFeatures | None = None
    """Its terms and places when the index workers computed them (else computed here)."""

    def terms(self) -> Terms:
        """``article_terms`` of the article."""
        if self.features is not None:
            return self.features.terms()
        return article_terms(self.title, self.body)

    def places(self) -> Sequence[tuple[str, ...]]:
        """``article_places`` of the article."""
        if self.features is not None:
            return self.features.places
        return article_places(self.title, self.body)


TextSource = Callable[[Iterable[str]], Mapping[str, StoryText]]
"""Reads the current text of indexed articles by id (the catalog)."""


def order(text: StoryText) -> tuple[str, int, str]:
    """Which member leads a story and which copy is the original: the earliest, then the
    longest, then the smallest id."""
    return order_key(text.id, text.date, len(text.body))


def order_key(article: str, date: str | None, length: int) -> tuple[str, int, str]:
    """``order`` of an article known by its date and body length (a member row)."""
    return (date or "~", -length, article)


class Folded:
    """Articles' terms, identical ones (same title and body) kept once: a row of ``table``
    stands for its article and the copies ``same`` lists (clustered as one that counts as
    many: identical articles merge first, at similarity 1)."""

    def __init__(self) -> None:
        self.table = TermTable()
        self.same: dict[str, list[str]] = {}
        """The first of identical articles -> the others."""
        self._first_of: dict[bytes, str] = {}

    def add(self, text: StoryText, terms: Terms | None = None) -> bool:
        """Take an article in; True when it is the first of its text (its terms, ``terms``
        when known, are then the table's next row)."""
        first = self._first_of.setdefault(digest(text), text.id)
        if first != text.id:
            self.same.setdefault(first, []).append(text.id)
            return False
        if terms is None and text.features is not None:  # no dict: the workers' arrays
            features = text.features
            names = features.names.split("\n") if features.names else []
            self.table.add_counted(text.id, names, features.counts)
        else:
            self.table.add(text.id, text.terms() if terms is None else terms)
        return True

    def sizes(self) -> dict[str, int]:
        """How many identical articles each folded one stands for (1 when missing)."""
        return {article: 1 + len(others) for article, others in self.same.items()}

    def spread(self, chosen: dict[str, list[str]]) -> None:
        """Give each copy its first's entry."""
        for article, others in self.same.items():
            chosen.update((other, chosen[article]) for other in others)

    def unfold(self, groups: Iterable[Sequence[str]]) -> list[list[str]]:
        """The groups with the copies of their articles."""
        same = self.same
        return [[*group, *(other for a in group for other in same.get(a, ()))] for group in groups]


def digest(text: StoryText) -> bytes:
    return hashlib.blake2b(f"{text.title}\0{text.body}".encode(), digest_size=16).digest()


def signatures(
    texts: Iterable[StoryText], same: Mapping[str, Sequence[str]] | None = None
) -> dict[str, bytes]:
    """The MinHash of these articles' bodies, given to their identical copies (``same``) too."""
    same = same or {}
    found: dict[str, bytes] = {}
    for text in texts:
        minhash = signature(text.body)
        found.update((article, minhash) for article in (text.id, *same.get(text.id, ())))
    return found


def store_signatures(
    connection: sqlite3.Connection,
    texts: Iterable[StoryText],
    same: Mapping[str, Sequence[str]] | None = None,
) -> None:
    """Store ``signatures`` of these articles in their member rows."""
    connection.executemany(
        "UPDATE story_members SET minhash = ? WHERE article = ?",
        ((minhash, article) for article, minhash in signatures(texts, same).items()),
    )


def member_row(text: StoryText, with_signature: bool = True) -> list[object]:
    """A ``story_members`` row: a story of its own, distinctive terms still to fill in."""
    minhash = signature(text.body) if with_signature else None
    return [
        text.id, text.id, None, text.title, text.source, text.date, len(text.body), minhash, "[]",
    ]  # fmt: skip


def insert_rows(
    connection: sqlite3.Connection, members: Sequence[Sequence[object]], fresh: bool = False
) -> None:
    """Insert member rows and the postings of their distinctive terms (``fresh``: the
    postings table is empty, nothing to merge with)."""
    connection.executemany("INSERT INTO story_members VALUES (?,?,?,?,?,?,?,?,?)", members)
    new = ((term, str(member[0])) for member in members for term in json.loads(str(member[-1])))
    change_postings(connection, new, (), fresh)


def postings(connection: sqlite3.Connection, term: str) -> list[str]:
    """The articles ``term`` is distinctive for, by id."""
    found = connection.execute(
        "SELECT articles FROM story_postings WHERE term = ?", (term,)
    ).fetchone()
    return list(json.loads(found[0])) if found else []


def change_postings(
    connection: sqlite3.Connection,
    new: Iterable[tuple[str, str]],
    gone: Iterable[tuple[str, str]],
    fresh: bool = False,
) -> None:
    """Add the ``(term, article)`` postings ``new`` and remove ``gone``: each term's list
    read, changed and written once (``fresh``: the table is empty)."""
    adding: defaultdict[str, list[str]] = defaultdict(list)
    removing: defaultdict[str, set[str]] = defaultdict(set)
    for term, article in new:
        adding[term].append(article)
    for term, article in gone:
        removing[term].add(article)
    terms = sorted(adding.keys() | removing.keys())
    stored: dict[str, str] = (
        {}
        if fresh
        else dict(
            select_in(connection, "SELECT term, articles FROM story_postings WHERE term IN", terms)
        )
    )
    rows, emptied = [], []
    for term in terms:
        articles = adding.get(term, [])
        if term in stored or term in removing:
            kept = set(json.loads(stored[term])) if term in stored else set()
            articles = list((kept - removing[term]) | set(articles))
        if articles:
            rows.append((term, encode(sorted(set(articles)))))
        else:
            emptied.append((term,))
    connection.executemany("INSERT OR REPLACE INTO story_postings VALUES (?,?)", rows)
    connection.executemany("DELETE FROM story_postings WHERE term = ?", emptied)


encode = json.JSONEncoder(ensure_ascii=False).encode
"""``json.dumps(value, ensure_ascii=False)``, without making an encoder each call."""


def drop_postings(connection: sqlite3.Connection, articles: Iterable[str]) -> None:
    """Delete these articles' postings (their distinctive terms, read from their rows)."""
    rows = select_in(
        connection, "SELECT article, distinctive FROM story_members WHERE article IN", articles
    )
    gone = [(term, article) for article, terms in rows for term in json.loads(terms)]
    change_postings(connection, (), gone)


def refresh_postings(connection: sqlite3.Connection, chosen: Mapping[str, list[str]]) -> None:
    """Choose these articles' distinctive terms again with today's frequencies (a term that
    was rare when an article was indexed may have become common since); only the postings
    that changed are written (most do not: a large story's were most of a re-placement)."""
    stored = select_in(
        connection, "SELECT article, distinctive FROM story_members WHERE article IN", chosen
    )
    gone, new, changed = [], [], []
    for article, terms in stored:
        before, now = json.loads(terms), chosen[article]
        if before != now:
            gone += [(term, article) for term in set(before) - set(now)]
            new += [(term, article) for term in set(now) - set(before)]
            changed.append((json.dumps(now, ensure_ascii=False), article))
    change_postings(connection, new, gone)
    connection.executemany("UPDATE story_members SET distinctive = ? WHERE article = ?", changed)


def write_groups(connection: sqlite3.Connection, groups: Sequence[Sequence[str]]) -> None:
    """Store each group as a story named after its lead article, with its copies marked and
    its listing (the JSON of ``Story.to_dict``, what ``reader stories --json`` prints)."""
    found = select_in(
        connection,
        "SELECT article, title, source, date, length, minhash FROM story_members WHERE article IN",
        [article for group in groups for article in group],
    )
    known = {
        article: (title or "", source, date, length, minhash or b"")
        for article, title, source, date, length, minhash in found
    }
    updates, rows = story_rows(groups, known)
    connection.executemany(
        "UPDATE story_members SET story = ?, copy_of = ? WHERE article = ?", updates
    )
    connection.executemany("INSERT OR REPLACE INTO stories VALUES (?,?,?,?,?)", rows)


Member = tuple[str, str | None, str | None, int, bytes]
"""What a story needs of a member: title, source, date, body length, MinHash (or empty)."""


def story_rows(
    groups: Sequence[Sequence[str]], known: Mapping[str, Member]
) -> tuple[list[tuple[str, str | None, str]], list[tuple[str, int, int, str, str]]]:
    """Each group's story: its members' ``(story, copy_of, article)`` and its ``stories``
    row, named after its lead article (members not in ``known`` are left out)."""
    keys = {article: order_key(article, m[2], m[3]) for article, m in known.items()}
    signatures = {article: m[4] for article, m in known.items()}
    updates: list[tuple[str, str | None, str]] = []
    rows: list[tuple[str, int, int, str, str]] = []
    for group in groups:
        ordered = sorted((a for a in group if a in keys), key=keys.__getitem__)
        if not ordered:
            continue
        lead = ordered[0]
        copies = copy_of(ordered, signatures, keys) if len(ordered) > 1 else {}
        updates.extend((lead, copies.get(article), article) for article in ordered)
        members = [StoryMember(a, *known[a][:3], copies.get(a)) for a in ordered]
        story = Story.of(lead, known[lead][0], members)
        listing = encode(story.to_dict())
        rows.append((lead, len(ordered), len(copies), known[lead][0], listing))
    return updates, rows
