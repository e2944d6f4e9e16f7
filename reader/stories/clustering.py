"""Grouping articles into stories: average-linkage over a sparse similarity graph, where two
groups whose signature terms are missing from each other stay apart (look-alike events).

Measured on ECB+ topics 1-22 (``benchmarks/stories.py``): weighted cosine of the articles'
terms finds the topic, but two events of one kind (two rehab stays, two summits) share
most of their vocabulary; what tells them apart is what *every* report of each event says
(the names, the numbers, the place) and the other event's reports never do. The place of
the occasion (``features.article_places``) is checked on its own: two groups that report
their occasions at places the other never names stay apart (B³ 0.935 -> 0.947).
"""

from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

from reader.stories.days import apart, publication_day

Term = TypeVar("Term", bound=Hashable)

__all__ = [
    "DEFAULT_SETTINGS",
    "LINK_THRESHOLD",
    "ClusterSettings",
    "cluster",
    "cluster_rows",
    "cosine",
    "publication_day",
]

LINK_THRESHOLD = 0.17
"""Average similarity two groups need to merge (measured on ECB+ with the background IDF)."""


@dataclass(frozen=True, slots=True)
class ClusterSettings:
    """The clustering's parameters; the defaults are the measured ones."""

    threshold: float = LINK_THRESHOLD
    signature_share: float = 0.7
    """A group's signature terms are in at least this share of its articles."""
    signature_size: int = 3
    """Only groups of at least this many articles have a signature worth checking."""
    conflict: float = 0.3
    """Two groups stay apart when this share (by IDF mass) of each one's signature is absent
    from the other (in under a tenth of its articles)."""
    floor: float = 0.05
    """Pairs less similar than this are left out of the graph (they never decide a merge)."""
    place_veto: float = 0.5
    """Under this average similarity two groups that each report their occasion at a place
    the other never names stay apart (the same two presidents meeting in Geneva and by video
    six months later); 0 turns the check off."""
    place_share: float = 0.3
    """A group's places are those at least this share of its members report the occasion at."""
    window: int = 7
    """Days that may lie between the publication dates of two articles that link; pairs
    further apart count as ``window_discount`` of their similarity (pairs with an undated
    article are not judged); negative turns the check off. Average linkage then cannot
    chain a wire's daily briefs of one kind ("U.K. money market given 195 mln stg help",
    the same text every day at 0.97 similarity) over weeks into one story."""
    window_discount: float = 0.0
    """What the similarity of two articles published further apart is multiplied by."""


DEFAULT_SETTINGS = ClusterSettings()


def cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    """Dot product of two unit-length sparse vectors."""
    if len(first) > len(second):
        first, second = second, first
    return sum(weight * second.get(term, 0.0) for term, weight in first.items())


class _Groups(Generic[Term]):
    """The state of one clustering run: members, term counts and pairwise sums per group."""

    def __init__(
        self,
        articles: Sequence[str],
        terms: Mapping[str, Iterable[Term]],
        sizes: Mapping[str, int],
    ) -> None:
        self.members: dict[int, list[str]] = {i: [a] for i, a in enumerate(articles)}
        self.position = {article: i for i, article in enumerate(articles)}
        self.terms = terms
        self.sums: defaultdict[int, dict[int, float]] = defaultdict(dict)
        self.article_sizes = sizes
        self.sizes = {i: sizes.get(a, 1) for i, a in enumerate(articles)}
        """How many articles each group stands for (an article may stand for its copies)."""
        self._distinct: dict[str, tuple[Term, ...]] = {}

    def distinct_terms(self, article: str) -> tuple[Term, ...]:
        """An article's distinct terms in the order a set of them iterates, made once (the
        signature check asks again at each merge); a tuple takes an eighth of a set's memory
        (Reuters' largest part: 5,000 articles checked, 32 MB as sets)."""
        found = self._distinct.get(article)
        if found is None:
            found = self._distinct[article] = tuple(set(self.terms[article]))
        return found

    def term_counts(self, group: int) -> Counter[Term]:
        """In how many of the group's articles each term occurs (counted when asked: only
        groups big enough for the signature check ever are, so nothing is kept per group)."""
        counts: Counter[Term] = Counter()
        for article in self.members[group]:
            size = self.article_sizes.get(article, 1)
            if size == 1:
                counts.update(self.distinct_terms(article))  # counted in C
                continue
            for term in self.distinct_terms(article):
                counts[term] += size
        return counts

    def link(self, first: int, second: int, similarity: float) -> None:
        self.sums[first][second] = self.sums[first].get(second, 0.0) + similarity
        self.sums[second][first] = self.sums[second].get(first, 0.0) + similarity

    def link_all(self, first: np.ndarray, second: np.ndarray, similarity: np.ndarray) -> None:
        """``link`` of every pair at once, each unordered pair at most once: one dict per
        group made from the arrays (a build links some 400,000 pairs)."""
        if not len(first):
            return
        ends = np.concatenate((first, second))
        order = np.argsort(ends, kind="stable")
        ends = ends[order]
        others = np.concatenate((second, first))[order].tolist()
        values = np.concatenate((similarity, similarity))[order].tolist()
        bounds = [0, *(np.flatnonzero(np.diff(ends)) + 1).tolist(), len(ends)]
        for start, stop in itertools.pairwise(bounds):
            found = zip(others[start:stop], values[start:stop], strict=True)
            self.sums[int(ends[start])] = dict(found)

    def average(self, first: int, second: int) -> float:
        total = self.sums[first].get(second, 0.0)
        return total / (self.sizes[first] * self.sizes[second])

    def merge(self, kept: int, gone: int) -> None:
        """``gone``'s members and pair sums added to ``kept``'s (``link`` inlined: a build
        moves some 200,000 sums)."""
        self.members[kept] += self.members.pop(gone)
        self.sizes[kept] += self.sizes.pop(gone)
        sums = self.sums
        kept_sums = sums[kept]
        for other, total in sums.pop(gone).items():
            other_sums = sums[other]
            other_sums.pop(gone, None)
            if other != kept:
                kept_sums[other] = kept_sums.get(other, 0.0) + total
                other_sums[kept] = other_sums.get(kept, 0.0) + total


def _conflict(
    groups: _Groups[Term],
    first: int,
    second: int,
    weights: Mapping[Term, float],
    settings: ClusterSettings,
) -> float:
    """The share (by weight) of ``first``'s signature terms that ``second`` lacks."""
    size, other_size = groups.sizes[first], groups.sizes[second]
    if size < settings.signature_size or other_size < settings.signature_size:
        return 0.0
    counts, other_counts = groups.term_counts(first), groups.term_counts(second)
    signature = [t for t, n in counts.items() if n >= settings.signature_share * size]
    total = sum(weights.get(t, 0.0) for t in signature)
    if total <= 0:
        return 0.0
    missing = sum(weights.get(t, 0.0) for t in signature if other_counts[t] < 0.1 * other_size)
    return missing / total


Place = tuple[Term, ...]
"""A place as the terms of its name's rare words (``features.article_places``)."""


def _places(
    groups: _Groups[Term], group: int, places: Mapping[str, Iterable[Place[Term]]], share: float
) -> set[Place[Term]]:
    """The places at least ``share`` of a group's members report its occasion at."""
    counts: Counter[Place[Term]] = Counter()
    for article in groups.members[group]:
        size = groups.article_sizes.get(article, 1)
        for place in set(places.get(article, ())):
            counts[place] += size
    return {place for place, n in counts.items() if n >= share * groups.sizes[group]}


def _places_disagree(
    groups: _Groups[Term],
    first: int,
    second: int,
    places: Mapping[str, Iterable[Place[Term]]],
    share: float,
) -> bool:
    """One group names none of the other's places, and lacks one of its own: the two report
    occasions at different places (a report that omits the place, or adds a second one
    the other also names, does not disagree)."""
    own, other = _places(groups, first, places, share), _places(groups, second, places, share)
    if not own or not other:
        return False
    if {t for p in own for t in p} & {t for p in other for t in p}:
        return False
    own_unnamed, other_unnamed = _unnamed(groups, own, second), _unnamed(groups, other, first)
    return (own_unnamed == len(own) and other_unnamed > 0) or (
        other_unnamed == len(other) and own_unnamed > 0
    )


def _unnamed(groups: _Groups[Term], places: set[Place[Term]], group: int) -> int:
    """How many of these places (almost) none of a group's members name (by any word)."""
    named: Counter[Place[Term]] = Counter()
    for article in groups.members[group]:
        terms, size = set(groups.terms[article]), groups.article_sizes.get(article, 1)
        for place in places:
            if terms.intersection(place):
                named[place] += size
    return sum(named[place] < 0.1 * groups.sizes[group] for place in places)


def cluster(
    articles: Sequence[str],
    terms: Mapping[str, Iterable[Term]],
    graph: Mapping[tuple[str, str], float],
    weights: Mapping[Term, float],
    settings: ClusterSettings | None = None,
    sizes: Mapping[str, int] | None = None,
    places: Mapping[str, Iterable[Place[Term]]] | None = None,
    dates: Mapping[str, str | None] | None = None,
) -> list[list[str]]:
    """Average-linkage clustering, best pair first, down to ``settings.threshold``.

    Args:
        articles: the articles to group (their order only breaks ties).
        terms: each article's terms (for the signature check).
        graph: pair similarities (missing pairs count as 0).
        weights: a weight per term for the signature check (its IDF).
        sizes: how many identical articles an article stands for (1 when missing); its
            pairs in ``graph`` then hold the sum over those articles' pairs.
        places: each article's occasion places (``features.article_places``, as terms).
        dates: each article's publication date (ISO ``2021-06-16``, or ``--06-16`` when the
            year is unknown), for the window of days of ``settings``.

    Returns:
        The groups, each in ``articles`` order.
    """
    settings = settings or DEFAULT_SETTINGS
    groups: _Groups[Term] = _Groups(articles, terms, sizes or {})
    position = groups.position
    days = {a: day for a, date in (dates or {}).items() if (day := publication_day(date))}
    window, discount = settings.window, settings.window_discount
    for (one, other), similarity in graph.items():
        if one in position and other in position:
            if one in days and other in days and window >= 0:
                similarity *= apart(days[one], days[other], window, discount)
            groups.link(position[one], position[other], similarity)
    # Only pairs that could merge now start in the heap: a pair under the threshold can only
    # merge once its average changes, and every change is pushed (millions fewer entries).
    heap: list[tuple[float, int, int]] = [
        (-average, i, j)
        for i, others in groups.sums.items()
        for j in others
        if i < j and (average := groups.average(i, j)) >= settings.threshold
    ]
    return _average_linkage(groups, heap, weights, settings, places)


def cluster_rows(
    articles: Sequence[str],
    first: np.ndarray,
    second: np.ndarray,
    similarity: np.ndarray,
    terms: Mapping[str, Iterable[Term]],
    weights: Mapping[Term, float],
    settings: ClusterSettings,
    sizes: Mapping[str, int] | None = None,
    places: Mapping[str, Iterable[Place[Term]]] | None = None,
) -> list[list[str]]:
    """``cluster`` of pairs given as arrays: positions in ``articles``, each unordered pair at
    most once, the window of days already applied (``days.window_factors``). The same groups,
    without a Python step per pair before the merges start."""
    groups: _Groups[Term] = _Groups(articles, terms, sizes or {})
    groups.link_all(first, second, similarity)
    counts = np.asarray([groups.sizes[i] for i in range(len(articles))], dtype=np.float64)
    average = np.asarray(similarity, dtype=np.float64) / (counts[first] * counts[second])
    start = np.flatnonzero(average >= settings.threshold)
    heap = list(
        zip(
            (-average[start]).tolist(),
            np.minimum(first, second)[start].tolist(),
            np.maximum(first, second)[start].tolist(),
            strict=True,
        )
    )
    return _average_linkage(groups, heap, weights, settings, places)


def _average_linkage(
    groups: _Groups[Term],
    heap: list[tuple[float, int, int]],
    weights: Mapping[Term, float],
    settings: ClusterSettings,
    places: Mapping[str, Iterable[Place[Term]]] | None,
) -> list[list[str]]:
    """Merge the best pair of groups first while it reaches the threshold; ``heap`` holds
    the linked pairs that reach it, as ``(-average, low, high)``.

    A pair whose average falls under the threshold is not pushed: every entry that reaches
    it pops first, and the first current entry under it ends the run, so such an entry
    could never be merged (a build pushed 700,000 entries, most of them under it).
    """
    heapq.heapify(heap)
    blocked: set[tuple[int, int]] = set()
    while heap:
        negative, first, second = heapq.heappop(heap)
        if first not in groups.members or second not in groups.members:
            continue
        if not math.isclose(-negative, groups.average(first, second)):
            continue  # a stale entry: the pair's average changed with an earlier merge
        if -negative < settings.threshold:
            break
        if (first, second) in blocked:
            continue
        if (
            places is not None
            and -negative < settings.place_veto
            and _places_disagree(groups, first, second, places, settings.place_share)
        ):
            continue  # looked at again if either group changes (its pairs are pushed anew)
        if (
            min(
                _conflict(groups, first, second, weights, settings),
                _conflict(groups, second, first, weights, settings),
            )
            >= settings.conflict
        ):
            blocked.add((first, second))
            continue
        groups.merge(first, second)
        size, sizes = groups.sizes[first], groups.sizes
        for neighbour, total in groups.sums[first].items():  # ``average``, inlined
            if (average := total / (size * sizes[neighbour])) >= settings.threshold:
                low, high = min(first, neighbour), max(first, neighbour)
                heapq.heappush(heap, (-average, low, high))
    position = groups.position
    return [sorted(members, key=position.__getitem__) for members in groups.members.values()]
