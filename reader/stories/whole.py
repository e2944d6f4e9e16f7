"""Every story of a corpus made at once: terms read as one stream (identical articles kept
once), candidate pairs through distinctive terms as arrays, clustered one connected part at a
time, MinHash for the members that may be copies."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping, Sequence

import numpy as np

from reader.stories.clustering import DEFAULT_SETTINGS, ClusterSettings, cluster_rows
from reader.stories.days import window_factors
from reader.stories.fresh import write_rebuilt
from reader.stories.graph import Pairs, TermTable, Vectors
from reader.stories.rows import (
    TABLES,
    Folded,
    StoryText,
    TextSource,
    member_row,
    order,
    signatures,
)

__all__ = [
    "COPY_COSINE",
    "SMALL_CORPUS",
    "WEAK_NEIGHBOURS",
    "cluster_parts",
    "place_columns",
    "rebuild",
]

SMALL_CORPUS = 200
"""Up to this many articles an update clusters them all again (it takes well under a second):
in a small corpus each new article moves every IDF, which re-placing it alone would miss."""
COPY_COSINE = 0.7
"""Two members of a story this similar (TF-IDF cosine) are compared by MinHash as possible
copies; copies of one wire text score above 0.9, so no copy is missed and few pairs hashed."""
WEAK_NEIGHBOURS = 20
"""Pairs under the link threshold kept per article: its most similar (``Pairs.thinned``).
Thinning every article of ECB+ to its 5 nearest weak pairs left B³ at 0.932, to 2 lowered it
to 0.917; a 20,000-article corpus has some 250 weak pairs an article."""
_READ_BATCH = 2000
"""Articles whose text is read from the catalog at once (when signing possible copies)."""


def rebuild(
    connection: sqlite3.Connection,
    texts: Iterable[StoryText],
    source: TextSource,
    settings: ClusterSettings = DEFAULT_SETTINGS,
) -> None:
    """Cluster every article from scratch and store the stories. ``texts`` is read once (a
    stream of the whole corpus); ``source`` reads again the few that may be copies.

    Articles of the very same title and body are clustered as one that counts as many (the
    same groups: identical articles merge first, at similarity 1), so a feed of wire copies
    costs one article's pairs, not the square of its copies'.
    """
    for name in TABLES:
        connection.execute(f"DELETE FROM {name}")
    folded = Folded()
    table = folded.table
    members: list[list[object]] = []
    keys: dict[str, tuple[str, int, str]] = {}
    places: dict[str, list[tuple[int, ...]]] = {}
    for text in texts:
        members.append(member_row(text, with_signature=False))
        keys[text.id] = order(text)
        if folded.add(text):
            places[text.id] = place_columns(table, text)
    sizes = folded.sizes()
    frequencies = table.document_frequencies([sizes.get(a, 1) for a in table.articles])
    connection.executemany(
        "INSERT INTO story_df VALUES (?,?)", zip(table.terms, frequencies.tolist(), strict=True)
    )
    vectors = Vectors(table, frequencies, len(members))
    chosen = {article: vectors.chosen(row) for row, article in enumerate(table.articles)}
    folded.spread(chosen)
    pairs = vectors.candidate_pairs(settings.floor).thinned(
        len(table), WEAK_NEIGHBOURS, settings.threshold
    )
    groups = cluster_parts(vectors, pairs, keys, sizes, settings, places)
    signatures = _sign_copies(groups, pairs, table.articles, folded.same, source)
    write_rebuilt(connection, members, chosen, folded.unfold(groups), signatures)


def _sign_copies(
    groups: Sequence[Sequence[str]],
    pairs: Pairs,
    names: Sequence[str],
    same: Mapping[str, Sequence[str]],
    source: TextSource,
) -> dict[str, bytes]:
    """The MinHash of the members of a story similar enough to be copies (identical articles
    share one signature); texts are read a batch at a time."""
    group_of = {article: number for number, group in enumerate(groups) for article in group}
    close = np.flatnonzero(pairs.similarity >= COPY_COSINE)
    candidates = {
        names[row]
        for pair in zip(pairs.first[close].tolist(), pairs.second[close].tolist(), strict=True)
        if group_of[names[pair[0]]] == group_of[names[pair[1]]]
        for row in pair
    }
    candidates.update(same)
    if len(names) <= SMALL_CORPUS:  # IDF means little there: every shared story is checked
        candidates = {article for group in groups if len(group) > 1 for article in group}
    ordered = sorted(candidates)
    found: dict[str, bytes] = {}
    for start in range(0, len(ordered), _READ_BATCH):
        found.update(signatures(source(ordered[start : start + _READ_BATCH]).values(), same))
    return found


def cluster_parts(
    vectors: Vectors,
    pairs: Pairs,
    keys: Mapping[str, tuple[str, int, str]],
    sizes: Mapping[str, int],
    settings: ClusterSettings,
    places: Mapping[str, list[tuple[int, ...]]] | None = None,
) -> list[list[str]]:
    """Cluster the articles one connected part at a time (``Pairs.parts``): the same
    groups as clustering all of them at once, in a fraction of the memory and time.
    ``sizes``: how many identical articles an article stands for (1 when missing);
    ``places``: each article's occasion places (``place_columns``)."""
    names = vectors.articles
    terms, weights = vectors.column_terms(), vectors.signature_weights()
    linked = pairs.weighted([sizes.get(name, 1) for name in names]) if sizes else pairs
    # a pair of articles standing for m and n stands for m * n pairs; "~": no date
    dates = [keys[name][0] for name in names]
    factors = window_factors(
        dates, pairs.first, pairs.second, settings.window, settings.window_discount
    )
    similarity = linked.similarity.astype(np.float64) * factors
    position = np.zeros(len(names), dtype=np.int64)
    groups: list[list[str]] = []
    for rows, chosen in pairs.parts(len(names), settings.threshold):
        if len(rows) == 1:
            groups.append([names[int(rows[0])]])
            continue
        # a pair across the window of days links nothing (its similarity is 0 here): left
        # out, it costs no entry in the sums of either article (Reuters: 267,000 of 433,000)
        chosen = chosen[similarity[chosen] > 0.0]
        ordered = sorted(rows.tolist(), key=lambda row: keys[names[row]])
        position[ordered] = np.arange(len(ordered))
        first, second = position[pairs.first[chosen]], position[pairs.second[chosen]]
        articles = [names[row] for row in ordered]
        found = cluster_rows(
            articles, first, second, similarity[chosen], terms, weights, settings, sizes, places
        )
        groups.extend(found)
    return groups


def place_columns(table: TermTable, text: StoryText) -> list[tuple[int, ...]]:
    """An article's occasion places (``article_places``) as the table's columns, once the
    article is in the table (the terms ``cluster`` compares them with)."""
    vocabulary = table.vocabulary
    return [
        tuple(vocabulary[word] for word in place if word in vocabulary) for place in text.places()
    ]
