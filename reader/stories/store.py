"""Stories kept in SQLite and updated incrementally: an article that is added, changed or
deleted is re-placed by clustering its neighbourhood again, never the whole archive
(``whole.rebuild`` makes every story at once; ``rows`` holds the tables).
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import numpy as np
from scipy import sparse

from reader.sqlite import execute_in, select_in
from reader.stories.clustering import DEFAULT_SETTINGS, ClusterSettings
from reader.stories.features import Terms, rarities, weighted
from reader.stories.graph import CANDIDATE_TERMS, MAX_POSTINGS, Vectors
from reader.stories.joining import join_fixed
from reader.stories.rows import (
    SCHEMA,
    Folded,
    StoryText,
    TextSource,
    create_tables,
    drop_postings,
    insert_rows,
    member_row,
    order,
    postings,
    refresh_postings,
    store_signatures,
    write_groups,
)
from reader.stories.whole import (
    COPY_COSINE,
    SMALL_CORPUS,
    WEAK_NEIGHBOURS,
    cluster_parts,
    place_columns,
    rebuild,
)

__all__ = [
    "LOCAL_LIMIT",
    "SCHEMA",
    "SMALL_CORPUS",
    "StoryText",
    "TextSource",
    "create_tables",
    "rebuild",
    "update",
]

NEIGHBOUR_CANDIDATES = 200
"""A changed article is compared with at most this many indexed ones: those sharing the most
of its distinctive terms (one of 32 shared by 2,000 articles would bring them all)."""
LOCAL_LIMIT = 400
"""A neighbourhood up to this many articles is clustered again from scratch on a change;
a larger one (a long-running story) only takes the new article in or not."""


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
    changing = removed.keys() | added.keys()
    if _documents(connection) - _present(connection, changing) + len(added) <= SMALL_CORPUS:
        members = connection.execute("SELECT article FROM story_members")
        kept = [a for (a,) in members if a not in changing]
        rebuild(connection, {**source(kept), **added}.values(), _with(source, added), settings)
        return
    affected = _remove(connection, removed)
    stories_before = set(affected)
    # each article's terms, extracted once this update (added ones, then neighbours)
    terms = {article: text.terms() for article, text in added.items()}
    _count_terms(connection, terms.values(), +1)
    frequencies, documents = _frequencies(connection, terms.values()), _documents(connection)
    documents += len(added)
    rarity = rarities((t for found in terms.values() for t in found), frequencies, documents)
    vectors = {a: weighted(terms[a], rarity) for a in added}
    extracted = dict(terms)
    rows = [member_row(text) for text in added.values()]
    for row in rows:
        row[-1] = json.dumps(distinctive(vectors[str(row[0])]), ensure_ascii=False)
    insert_rows(connection, rows)
    for article in added:
        affected |= _neighbour_stories(
            connection, article, vectors[article], documents, source, settings, extracted
        )
    # An added article's own new story is dropped, unless it names a story the article led
    # before this change (its other members must be re-placed too).
    affected -= set(added) - stories_before
    _recluster(connection, affected, added, source, settings, extracted)


def _present(connection: sqlite3.Connection, articles: Iterable[str]) -> int:
    """How many of these articles have stories."""
    found = select_in(connection, "SELECT count(*) FROM story_members WHERE article IN", articles)
    return sum(count for (count,) in found)


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
    old_terms = [text.terms() for text in removed.values()]
    _count_terms(connection, old_terms, -1)
    drop_postings(connection, removed)
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
    extracted: dict[str, Terms],
) -> set[str]:
    """The stories of the articles similar enough to this one to join it: at least the link
    threshold similar to it (average linkage merges no group whose every pair is under it),
    among the ``NEIGHBOUR_CANDIDATES`` that share the most of its distinctive terms.
    ``extracted``: terms already extracted by article, the candidates' added."""
    shared: Counter[str] = Counter()
    for term in distinctive(vector):
        found = postings(connection, term)
        if len(found) <= MAX_POSTINGS:
            shared.update(other for other in found if other != article)
    if not shared:
        return set()
    candidates = [other for other, _ in shared.most_common(NEIGHBOUR_CANDIDATES)]
    texts = source(other for other in candidates if other not in extracted)
    extracted.update((other, text.terms()) for other, text in texts.items())
    their_terms = {other: extracted[other] for other in candidates if other in extracted}
    known = _frequencies(connection, their_terms.values())
    rarity = rarities((t for found in their_terms.values() for t in found), known, documents)
    near = [
        other
        for other, other_terms in their_terms.items()
        if _dot(vector, weighted(other_terms, rarity)) >= settings.threshold
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
    extracted: Mapping[str, Terms],
) -> None:
    """Cluster the members of the affected stories and the added articles again
    (``extracted``: terms already extracted by article)."""
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
    everyone = sorted((a for a in [*members, *added] if a in texts), key=lambda a: order(texts[a]))
    folded = Folded()
    for article in everyone:
        folded.add(texts[article], extracted.get(article))
    table, sizes = folded.table, folded.sizes()
    known = dict(select_in(connection, "SELECT term, df FROM story_df WHERE term IN", table.terms))
    frequencies = np.asarray([known.get(term, 1) for term in table.terms], dtype=np.int64)
    vectors = Vectors(table, frequencies, _documents(connection))
    chosen = {article: vectors.chosen(row) for row, article in enumerate(table.articles)}
    folded.spread(chosen)
    refresh_postings(connection, chosen)
    keys = {article: order(texts[article]) for article in table.articles}
    if len(table) <= LOCAL_LIMIT:
        pairs = vectors.all_pairs(settings.floor).thinned(
            len(table), WEAK_NEIGHBOURS, settings.threshold
        )  # thinned as the whole corpus's are, so a change does not merge what a build keeps apart
        places = {article: place_columns(table, texts[article]) for article in table.articles}
        groups = cluster_parts(vectors, pairs, keys, sizes, settings, places)
    else:
        groups = join_fixed(vectors, stories_before, list(added), keys, sizes, settings)
    # MinHash only the members that may be copies, as the build does (signing every
    # member of a large story of wire copies was most of a re-placement: 100k, 1.3 s)
    unsigned = {
        a
        for (a,) in select_in(
            connection,
            "SELECT article FROM story_members WHERE minhash IS NULL AND article IN",
            _possible_copies(vectors, groups) | folded.same.keys(),
        )
    }
    store_signatures(connection, (texts[a] for a in unsigned if a in texts), folded.same)
    write_groups(connection, folded.unfold(groups))


def _possible_copies(vectors: Vectors, groups: Sequence[Sequence[str]]) -> set[str]:
    """The members of these groups at least ``COPY_COSINE`` similar to another member, by
    raw cosine within each group (the build's threshold, ``whole._sign_copies``, which looks
    at its anchored candidate pairs instead: copies of one wire text score above 0.9)."""
    row_of = {article: row for row, article in enumerate(vectors.articles)}
    found: set[str] = set()
    for group in groups:
        rows = [row_of[article] for article in group if article in row_of]
        if len(rows) < 2:
            continue
        block = vectors.matrix[rows]
        close = sparse.triu(block @ block.T, k=1).tocoo()
        keep = close.data >= COPY_COSINE
        for index in (*close.row[keep].tolist(), *close.col[keep].tolist()):
            found.add(vectors.articles[rows[index]])
    return found
