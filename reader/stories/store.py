"""Stories kept in SQLite and updated incrementally: an article that is added, changed or
deleted is re-placed by clustering its neighbourhood again, never the whole archive.

Tables: ``story_members`` (each article's story, copy and MinHash), ``story_postings`` (each
article's distinctive terms: the inverted index that finds a new article's neighbours),
``story_df`` (document frequencies, for IDF) and ``stories`` (one row per story, by size).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from reader.sqlite import execute_in, select_in
from reader.stories.clustering import DEFAULT_SETTINGS, ClusterSettings, cluster
from reader.stories.copies import copy_of, signature
from reader.stories.features import Terms, article_places, article_terms, weighted
from reader.stories.graph import CANDIDATE_TERMS, MAX_POSTINGS, Pairs, TermTable, Vectors

__all__ = [
    "LOCAL_LIMIT",
    "SCHEMA",
    "WEAK_NEIGHBOURS",
    "StoryText",
    "TextSource",
    "rebuild",
    "update",
]

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_members (
    article TEXT PRIMARY KEY, story TEXT NOT NULL, copy_of TEXT, title TEXT, source TEXT,
    date TEXT, length INTEGER NOT NULL, minhash BLOB, distinctive TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members(story);
CREATE TABLE IF NOT EXISTS story_postings (
    term TEXT NOT NULL, article TEXT NOT NULL, PRIMARY KEY (term, article)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_df (term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, size INTEGER NOT NULL, copies INTEGER NOT NULL, title TEXT
);
CREATE INDEX IF NOT EXISTS stories_by_size ON stories(size DESC, id);
"""
_TABLES = ("story_members", "story_postings", "story_df", "stories")

SMALL_CORPUS = 200
"""Up to this many articles an update clusters them all again (it takes well under a second):
in a small corpus each new article moves every IDF, which re-placing it alone would miss."""
COPY_COSINE = 0.7
"""Two members of a story this similar (TF-IDF cosine) are compared by MinHash as possible
copies; copies of one wire text score above 0.9, so no copy is missed and few pairs hashed."""
NEIGHBOUR_CANDIDATES = 200
"""A changed article is compared with at most this many indexed ones: those sharing the most
of its distinctive terms (one of 32 shared by 2,000 articles would bring them all)."""
WEAK_NEIGHBOURS = 20
"""Pairs under the link threshold kept per article: its most similar (``Pairs.thinned``).
Thinning every article of ECB+ to its 5 nearest weak pairs left B³ at 0.932, to 2 lowered it
to 0.917; a 20,000-article corpus has some 250 weak pairs an article."""
_READ_BATCH = 2000
"""Articles whose text is read from the catalog at once (when signing possible copies)."""
LOCAL_LIMIT = 400
"""A neighbourhood up to this many articles is clustered again from scratch on a change;
a larger one (a long-running story) only takes the new article in or not."""


@dataclass(frozen=True, slots=True)
class StoryText:
    """What the stories need of one article."""

    id: str
    title: str
    body: str
    date: str | None = None
    source: str | None = None


TextSource = Callable[[Iterable[str]], Mapping[str, StoryText]]
"""Reads the current text of indexed articles by id (the catalog)."""


def _order(text: StoryText) -> tuple[str, int, str]:
    """Which member leads a story and which copy is the original: the earliest, then the
    longest, then the smallest id."""
    return (text.date or "~", -len(text.body), text.id)


# -- the whole corpus ---------------------------------------------------------------------


def rebuild(
    connection: sqlite3.Connection,
    texts: Iterable[StoryText],
    source: TextSource,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> None:
    """Cluster every article from scratch and store the stories. ``texts`` is read once (a
    stream of the whole corpus); ``source`` reads again the few that may be copies."""
    for name in _TABLES:
        connection.execute(f"DELETE FROM {name}")
    table = TermTable()
    members: list[list[object]] = []
    keys: dict[str, tuple[str, int, str]] = {}
    places: dict[str, list[tuple[int, ...]]] = {}
    for text in texts:
        table.add(text.id, article_terms(text.title, text.body))
        places[text.id] = _columns(table, article_places(text.title, text.body))
        members.append(_member_row(text, with_signature=False))
        keys[text.id] = _order(text)
    frequencies = table.document_frequencies()
    connection.executemany(
        "INSERT INTO story_df VALUES (?,?)", zip(table.terms, frequencies.tolist(), strict=True)
    )
    vectors = Vectors(table, frequencies, len(table))
    for row, member in enumerate(members):
        member[-1] = json.dumps(vectors.chosen(row), ensure_ascii=False)
    _insert_rows(connection, members)
    pairs = vectors.candidate_pairs(settings.floor).thinned(
        len(table), WEAK_NEIGHBOURS, settings.threshold
    )
    groups = _cluster_parts(vectors, pairs, keys, settings, places)
    group_of = {article: number for number, group in enumerate(groups) for article in group}
    close = np.flatnonzero(pairs.similarity >= COPY_COSINE)
    names = table.articles
    candidates = {
        names[row]
        for pair in zip(pairs.first[close].tolist(), pairs.second[close].tolist(), strict=True)
        if group_of[names[pair[0]]] == group_of[names[pair[1]]]
        for row in pair
    }
    if len(table) <= SMALL_CORPUS:  # IDF means little there: every shared story is checked
        candidates = {article for group in groups if len(group) > 1 for article in group}
    ordered = sorted(candidates)
    for start in range(0, len(ordered), _READ_BATCH):  # texts read a batch at a time
        _store_signatures(connection, source(ordered[start : start + _READ_BATCH]).values())
    _write_groups(connection, groups)


def _cluster_parts(
    vectors: Vectors,
    pairs: Pairs,
    keys: Mapping[str, tuple[str, int, str]],
    settings: ClusterSettings,
    places: Mapping[str, list[tuple[int, ...]]] | None = None,
) -> list[list[str]]:
    """Cluster the articles one connected part at a time (``Pairs.components``): the same
    groups as clustering all of them at once, in a fraction of the memory and time."""
    names = vectors.articles
    terms, weights = vectors.column_terms(), vectors.signature_weights()
    groups: list[list[str]] = []
    for rows, inside in pairs.components(len(names), settings.threshold):
        if len(rows) == 1:
            groups.append([names[int(rows[0])]])
            continue
        articles = sorted((names[row] for row in rows.tolist()), key=keys.__getitem__)
        graph = inside.named(names)
        groups.extend(cluster(articles, terms, graph, weights, settings, places))
    return groups


def _columns(table: TermTable, places: Iterable[tuple[str, ...]]) -> list[tuple[int, ...]]:
    """An article's places (``article_places``) as the table's columns, once the article is
    in it (the terms ``cluster`` compares)."""
    vocabulary = table.vocabulary
    return [tuple(vocabulary[word] for word in place if word in vocabulary) for place in places]


def _store_signatures(connection: sqlite3.Connection, texts: Iterable[StoryText]) -> None:
    connection.executemany(
        "UPDATE story_members SET minhash = ? WHERE article = ?",
        ((signature(text.body), text.id) for text in texts),
    )


def _member_row(text: StoryText, with_signature: bool = True) -> list[object]:
    """A ``story_members`` row: a story of its own, distinctive terms still to fill in."""
    minhash = signature(text.body) if with_signature else None
    return [
        text.id, text.id, None, text.title, text.source, text.date, len(text.body), minhash, "[]",
    ]  # fmt: skip


def _insert_rows(connection: sqlite3.Connection, members: Sequence[Sequence[object]]) -> None:
    """Insert member rows and the postings of their distinctive terms."""
    connection.executemany("INSERT INTO story_members VALUES (?,?,?,?,?,?,?,?,?)", members)
    connection.executemany(
        "INSERT OR IGNORE INTO story_postings VALUES (?,?)",
        ((term, member[0]) for member in members for term in json.loads(str(member[-1]))),
    )


def _write_groups(connection: sqlite3.Connection, groups: Sequence[Sequence[str]]) -> None:
    """Store each group as a story named after its lead article, with its copies marked."""
    found = select_in(
        connection,
        "SELECT article, title, date, length, minhash FROM story_members WHERE article IN",
        [article for group in groups for article in group],
    )
    titles: dict[str, str] = {}
    signatures: dict[str, bytes] = {}
    keys: dict[str, tuple[str, int, str]] = {}
    for article, title, date, length, minhash in found:
        titles[article], signatures[article] = title, minhash or b""
        keys[article] = (date or "~", -length, article)
    updates: list[tuple[str, str | None, str]] = []
    rows: list[tuple[str, int, int, str]] = []
    for group in groups:
        ordered = sorted((a for a in group if a in keys), key=keys.__getitem__)
        if not ordered:
            continue
        lead = ordered[0]
        copies = copy_of(ordered, signatures, keys) if len(ordered) > 1 else {}
        updates.extend((lead, copies.get(article), article) for article in ordered)
        rows.append((lead, len(ordered), len(copies), titles[lead]))
    connection.executemany(
        "UPDATE story_members SET story = ?, copy_of = ? WHERE article = ?", updates
    )
    connection.executemany("INSERT OR REPLACE INTO stories VALUES (?,?,?,?)", rows)


# -- incremental --------------------------------------------------------------------------


def update(
    connection: sqlite3.Connection,
    added: Mapping[str, StoryText],
    removed: Mapping[str, StoryText],
    source: TextSource,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> None:
    """Re-place changed articles: ``removed`` holds the old text of deleted and changed
    articles, ``added`` the new text of added and changed ones; ``source`` reads the text
    of other indexed articles (their neighbours)."""
    members = [a for (a,) in connection.execute("SELECT article FROM story_members")]
    kept = [a for a in members if a not in removed and a not in added]
    if len(kept) + len(added) <= SMALL_CORPUS:
        rebuild(connection, {**source(kept), **added}.values(), _with(source, added), settings)
        return
    affected = _remove(connection, removed)
    stories_before = set(affected)
    terms = {article: article_terms(t.title, t.body) for article, t in added.items()}
    _count_terms(connection, terms.values(), +1)
    frequencies, documents = _frequencies(connection, terms.values()), _documents(connection)
    documents += len(added)
    vectors = {a: weighted(terms[a], frequencies, documents) for a in added}
    rows = [_member_row(text) for text in added.values()]
    for row in rows:
        row[-1] = json.dumps(distinctive(vectors[str(row[0])]), ensure_ascii=False)
    _insert_rows(connection, rows)
    for article in added:
        affected |= _neighbour_stories(
            connection, article, vectors[article], documents, source, settings
        )
    # An added article's own new story is dropped, unless it names a story the article led
    # before this change (its other members must be re-placed too).
    affected -= set(added) - stories_before
    _recluster(connection, affected, added, source, settings)


def _with(source: TextSource, added: Mapping[str, StoryText]) -> TextSource:
    """``source`` that also knows the articles being added (not yet in the catalog)."""

    def read(wanted: Iterable[str]) -> Mapping[str, StoryText]:
        wanted = list(wanted)
        found = dict(source([a for a in wanted if a not in added]))
        found.update((a, added[a]) for a in wanted if a in added)
        return found

    return read


def _remove(connection: sqlite3.Connection, removed: Mapping[str, StoryText]) -> set[str]:
    """Delete these articles' rows; the stories they were in."""
    stories = {
        story
        for (story,) in select_in(
            connection, "SELECT story FROM story_members WHERE article IN", removed
        )
    }
    old_terms = [article_terms(t.title, t.body) for t in removed.values()]
    _count_terms(connection, old_terms, -1)
    _drop_postings(connection, removed)
    execute_in(connection, "DELETE FROM story_members WHERE article IN", removed)
    return stories


def _count_terms(connection: sqlite3.Connection, terms: Iterable[Terms], step: int) -> None:
    counts: Counter[str] = Counter()
    for article_terms_ in terms:
        counts.update(article_terms_.keys())
    connection.executemany(
        "INSERT INTO story_df VALUES (?, ?) ON CONFLICT(term) DO UPDATE SET df = df + ?",
        ((term, max(step * n, 0), step * n) for term, n in counts.items()),
    )
    if step < 0:
        connection.execute("DELETE FROM story_df WHERE df <= 0")


def _frequencies(connection: sqlite3.Connection, terms: Iterable[Terms]) -> dict[str, int]:
    wanted = {term for article_terms_ in terms for term in article_terms_}
    return dict(select_in(connection, "SELECT term, df FROM story_df WHERE term IN", wanted))


def _documents(connection: sqlite3.Connection) -> int:
    return int(connection.execute("SELECT count(*) FROM story_members").fetchone()[0])


def _neighbour_stories(
    connection: sqlite3.Connection,
    article: str,
    vector: Terms,
    documents: int,
    source: TextSource,
    settings: ClusterSettings,
) -> set[str]:
    """The stories of the articles similar enough to this one to join it: at least the link
    threshold similar to it (average linkage merges no group whose every pair is under it),
    among the ``NEIGHBOUR_CANDIDATES`` that share the most of its distinctive terms."""
    shared: Counter[str] = Counter()
    for term in distinctive(vector):
        rows = connection.execute(
            "SELECT article FROM story_postings WHERE term = ? LIMIT ?", (term, MAX_POSTINGS + 1)
        ).fetchall()
        if len(rows) <= MAX_POSTINGS:
            shared.update(other for (other,) in rows if other != article)
    if not shared:
        return set()
    texts = source(other for other, _ in shared.most_common(NEIGHBOUR_CANDIDATES))
    their_terms = {other: article_terms(t.title, t.body) for other, t in texts.items()}
    known = _frequencies(connection, their_terms.values())
    near = [
        other
        for other, other_terms in their_terms.items()
        if _dot(vector, weighted(other_terms, known, documents)) >= settings.threshold
    ]
    return {
        story
        for (story,) in select_in(
            connection, "SELECT DISTINCT story FROM story_members WHERE article IN", near
        )
    }


def distinctive(vector: Mapping[str, float]) -> list[str]:
    """The highest-weighted terms of one article's vector (as ``Vectors.chosen``)."""
    return sorted(vector, key=lambda term: -vector[term])[:CANDIDATE_TERMS]


def _dot(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


def _recluster(
    connection: sqlite3.Connection,
    affected: set[str],
    added: Mapping[str, StoryText],
    source: TextSource,
    settings: ClusterSettings,
) -> None:
    """Cluster the members of the affected stories and the added articles again."""
    members = [
        article
        for (article,) in select_in(
            connection, "SELECT article FROM story_members WHERE story IN", affected
        )
        if article not in added
    ]
    stories_before = {
        article: story
        for article, story in select_in(
            connection, "SELECT article, story FROM story_members WHERE article IN", members
        )
    }
    execute_in(connection, "DELETE FROM stories WHERE id IN", affected)
    texts = dict(source(members))
    texts.update(added)
    everyone = sorted((a for a in [*members, *added] if a in texts), key=lambda a: _order(texts[a]))
    table = TermTable()
    places: dict[str, list[tuple[int, ...]]] = {}
    for article in everyone:
        text = texts[article]
        table.add(article, article_terms(text.title, text.body))
        places[article] = _columns(table, article_places(text.title, text.body))
    known = dict(select_in(connection, "SELECT term, df FROM story_df WHERE term IN", table.terms))
    frequencies = np.asarray([known.get(term, 1) for term in table.terms], dtype=np.int64)
    vectors = Vectors(table, frequencies, _documents(connection))
    _refresh_postings(connection, {a: vectors.chosen(row) for row, a in enumerate(everyone)})
    if len(everyone) <= LOCAL_LIMIT:
        graph = vectors.all_pairs(settings.floor).named(vectors.articles)
        weights = vectors.signature_weights()
        groups = cluster(everyone, vectors.column_terms(), graph, weights, settings, places)
    else:
        groups = _join_fixed(vectors, stories_before, list(added), settings)
    unsigned = {
        a
        for (a,) in select_in(
            connection,
            "SELECT article FROM story_members WHERE minhash IS NULL AND article IN",
            [a for group in groups if len(group) > 1 for a in group],
        )
    }
    _store_signatures(connection, (texts[a] for a in unsigned if a in texts))
    _write_groups(connection, groups)


def _drop_postings(connection: sqlite3.Connection, articles: Iterable[str]) -> None:
    """Delete these articles' postings by their keys (the table is ordered by term: a
    delete by article alone would read all of it)."""
    rows = select_in(
        connection, "SELECT article, distinctive FROM story_members WHERE article IN", articles
    )
    connection.executemany(
        "DELETE FROM story_postings WHERE term = ? AND article = ?",
        [(term, article) for article, terms in rows for term in json.loads(terms)],
    )


def _refresh_postings(connection: sqlite3.Connection, chosen: Mapping[str, list[str]]) -> None:
    """Choose these articles' distinctive terms again with today's frequencies (a term that
    was rare when an article was indexed may have become common since)."""
    _drop_postings(connection, chosen)
    connection.executemany(
        "INSERT OR IGNORE INTO story_postings VALUES (?,?)",
        ((term, article) for article, terms in chosen.items() for term in terms),
    )
    connection.executemany(
        "UPDATE story_members SET distinctive = ? WHERE article = ?",
        ((json.dumps(terms, ensure_ascii=False), article) for article, terms in chosen.items()),
    )


def _join_fixed(
    vectors: Vectors,
    stories: Mapping[str, str],
    added: Sequence[str],
    settings: ClusterSettings,
) -> list[list[str]]:
    """For a neighbourhood too large to cluster again: the stories stay as they are and each
    added article joins the one it is on average most similar to (or starts its own)."""
    groups: dict[str, list[str]] = {}
    for article, story in stories.items():
        groups.setdefault(story, []).append(article)
    row_of = {article: row for row, article in enumerate(vectors.articles)}
    for article in added:
        similarities = (vectors.matrix @ vectors.matrix[row_of[article]].T).toarray().ravel()
        best, best_score = None, settings.threshold
        for story, members in groups.items():
            score = sum(float(similarities[row_of[m]]) for m in members) / len(members)
            if score >= best_score:
                best, best_score = story, score
        groups.setdefault(best or article, []).append(article)
    return list(groups.values())
