"""Example queries built from the corpus itself, for the search box's hint: a frequent word,
two words that go together, a phrase the titles use, and a speaker the articles quote."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from typing import TYPE_CHECKING

from whoosh.analysis import STOP_WORDS

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["SAMPLED_TITLES", "example_queries"]

SAMPLED_TITLES = 500
"""Titles (the newest) the examples are drawn from: enough to be typical, quick to read."""
_WORD = re.compile(r"[^\W\d_]{4,}")
_ANY_WORD = re.compile(r"\w+")
_STOP = frozenset(STOP_WORDS) | {"said", "says", "with", "from", "after", "over", "will"}


def example_queries(library: Library) -> list[str]:
    """Up to four queries that find something in this corpus, most useful first."""
    from reader.search.searching import search

    summaries = library.summaries_page(0, SAMPLED_TITLES, "date", True)
    titles = [_words(summary.title) for summary in summaries]
    examples: list[str] = []
    frequency = Counter(word for words in titles for word in words)
    if frequency:
        first = frequency.most_common(1)[0][0]
        examples.append(first)
        together = Counter(w for words in titles if first in words for w in words if w != first)
        if together:
            examples.append(f"{first} AND {together.most_common(1)[0][0]}")
    pairs = Counter(
        pair
        for summary in summaries
        for pair in itertools.pairwise(w.lower() for w in _ANY_WORD.findall(summary.title))
        if not _STOP.intersection(pair) and all(_WORD.fullmatch(word) for word in pair)
    )
    repeated = [pair for pair, count in pairs.most_common(1) if count > 1]
    if repeated:
        examples.append('"{} {}"'.format(*repeated[0]))
    speakers = library.catalog.speakers_of(summary.id for summary in summaries)
    named = Counter(
        name.split()[-1].lower()
        for found in speakers.values()
        for name in found
        if name[:1].isupper() and _WORD.fullmatch(name.split()[-1])
    )
    if named:
        examples.append(f"speaker:{named.most_common(1)[0][0]}")
    return [query for query in examples if search(library, query, limit=1).total]


def _words(title: str) -> list[str]:
    """A title's distinct words in order (not a set: ties between equally common words must
    not depend on the interpreter's hash seed)."""
    words = (w.lower() for w in _WORD.findall(title))
    return list(dict.fromkeys(word for word in words if word not in _STOP))
