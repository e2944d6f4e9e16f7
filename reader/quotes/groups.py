"""The same quotation across articles: groups of exact and near-duplicate quotes, and one
display name per speaker over the whole corpus.

Near-linear: exact matches meet in a dict of normalised texts; near-duplicates are only
compared when they share one of their rarest word pairs (blocking), then checked with
rapidfuzz. A short quote contained in a longer one ("glimmer of hope") joins the longer
quote's group.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from rapidfuzz import fuzz

from reader.models import Quote
from reader.quotes.speakers.identity import canonical_speakers

FUZZY_RATIO = 80.0  # "purely technical issue" vs "purely technical question" scores 80.9
CONTAINED_RATIO = 85.0  # "purely technical issue" inside "... a purely technical question"
EXACT_CONTAINED_RATIO = 95.0  # the bar when the shared word pair is not rare
RARE_SHINGLE = 5  # a word pair this rare makes a loose containment credible
MIN_FUZZY_WORDS = 3
MIN_GROUP_CHARS = 4
MIN_CONTAINED_CHARS = 12
BLOCK_SHINGLES = 3  # rarest word pairs per text used to find candidates
MAX_BLOCK_SIZE = 50  # word pairs shared by more texts are too common to block on
_NON_WORD_RE = re.compile(r"[\W_]+")


def normalise_quote(text: str) -> str:
    """Case-, accent-, punctuation- and whitespace-insensitive form of a quote."""
    plain = text.casefold()
    if not plain.isascii():
        decomposed = unicodedata.normalize("NFKD", plain)
        plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD_RE.sub(" ", plain).strip()


def group_id(normalised: str) -> str:
    """Stable id of a group, derived from its representative normalised text."""
    return "q" + hashlib.blake2b(normalised.encode("utf-8"), digest_size=6).hexdigest()


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[max(root_a, root_b)] = min(root_a, root_b)


def _shingles(text: str) -> set[int]:
    """Stable integer ids of the text's word pairs (crc32, so runs agree on tie-breaks)."""
    words = text.split()
    if len(words) < MIN_FUZZY_WORDS:
        return set()
    return {zlib.crc32(f"{a} {b}".encode()) for a, b in pairwise(words)}


def chosen_shingles(shingles: set[int], sizes: Mapping[int, int]) -> list[int]:
    """A text's blocking keys: its rarest word pairs that at least one other text shares and
    that are not too common (``sizes``: how many texts have each word pair)."""
    usable = [s for s in shingles if 2 <= sizes[s] <= MAX_BLOCK_SIZE]
    return sorted(usable, key=lambda s: (sizes[s], s))[:BLOCK_SHINGLES]


def contributions(
    text: int, chosen: Sequence[int], postings: Mapping[int, Sequence[int]]
) -> dict[int, int]:
    """``{other text: frequency}`` of the candidate pairs one text's keys propose."""
    proposed: dict[int, int] = {}
    for shingle in chosen:
        frequency = len(postings[shingle])
        for other in postings[shingle]:
            if other != text and proposed.get(other, MAX_BLOCK_SIZE + 1) > frequency:
                proposed[other] = frequency
    return proposed


def is_similar(a: str, b: str) -> bool | None:
    """True/False for near-duplicates of similar length; None when one would contain the other."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if len(short) >= 0.7 * len(long):
        return bool(fuzz.ratio(a, b, score_cutoff=FUZZY_RATIO))
    return None


def containment(short: str, long: str, frequency: int) -> float:
    """How well ``short`` is contained in ``long`` (0 below the bar for this pair)."""
    if len(short) < MIN_CONTAINED_CHARS:
        return 0.0
    cutoff = CONTAINED_RATIO if frequency <= RARE_SHINGLE else EXACT_CONTAINED_RATIO
    return float(fuzz.partial_ratio(short, long, score_cutoff=cutoff))


def best_container(candidates: Iterable[tuple[float, str, int]]) -> int | None:
    """The text a short quote joins: the highest score, then the smallest text (no order
    dependence); ``candidates`` are ``(score, text, text id)``."""
    best: tuple[float, str, int] | None = None
    for score, text, text_id in candidates:
        if score and (best is None or score > best[0] or (score == best[0] and text < best[1])):
            best = (score, text, text_id)
    return None if best is None else best[2]


def group_name(texts: Iterable[str], articles: int) -> str | None:
    """A component's group id: named after its smallest text, when two articles report it."""
    return group_id(min(texts)) if articles >= 2 else None


@dataclass
class LinkState:
    """Everything the grouping derives, kept so that later changes can be linked
    incrementally (see ``reader.quotes.store``); text ids are list positions."""

    texts: list[str]
    uses: list[set[str]]
    postings: dict[int, list[int]]
    proposed: list[dict[int, int]]
    similar: set[tuple[int, int]]
    container: dict[int, int]
    groups: dict[int, str]


def link_state(quotes_by_article: Mapping[str, Sequence[Quote]]) -> LinkState:
    """Group the statements reported by the articles (the whole corpus at once)."""
    texts, uses = _texts_and_uses(quotes_by_article)
    postings: defaultdict[int, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for shingle in _shingles(text):
            postings[shingle].append(index)
    sizes = {shingle: len(ids) for shingle, ids in postings.items()}
    proposed = [
        contributions(index, chosen_shingles(_shingles(text), sizes), postings)
        for index, text in enumerate(texts)
    ]
    similar, container = _links(texts, _candidate_pairs(proposed))
    named = _named_groups(texts, uses, similar, container)
    return LinkState(texts, uses, dict(postings), proposed, similar, container, named)


def _texts_and_uses(
    quotes_by_article: Mapping[str, Sequence[Quote]],
) -> tuple[list[str], list[set[str]]]:
    """The distinct normalised texts, in order of first use, and the articles using each."""
    text_ids: dict[str, int] = {}
    uses: list[set[str]] = []
    normalised_of: dict[str, str] = {}
    for article, quotes in quotes_by_article.items():
        for quote in quotes:
            normalised = normalised_of.get(quote.text)
            if normalised is None:
                normalised = normalised_of[quote.text] = normalise_quote(quote.text)
            if len(normalised) < MIN_GROUP_CHARS:
                continue  # "…", "?" or "no" in two articles say nothing about the same statement
            text_id = text_ids.setdefault(normalised, len(text_ids))
            if text_id == len(uses):
                uses.append(set())
            uses[text_id].add(article)
    return list(text_ids), uses


def _candidate_pairs(proposed: list[dict[int, int]]) -> dict[tuple[int, int], int]:
    """Every pair some text proposes, with the lower frequency of the two proposals."""
    pairs: dict[tuple[int, int], int] = {}
    for index, others in enumerate(proposed):
        for other, frequency in others.items():
            pair = (min(index, other), max(index, other))
            if pairs.get(pair, MAX_BLOCK_SIZE + 1) > frequency:
                pairs[pair] = frequency
    return pairs


def _links(
    texts: list[str], pairs: dict[tuple[int, int], int]
) -> tuple[set[tuple[int, int]], dict[int, int]]:
    """The near-duplicate pairs, and for each short text the longer text containing it."""
    similar: set[tuple[int, int]] = set()
    contained: defaultdict[int, list[tuple[float, str, int]]] = defaultdict(list)
    for (a, b), frequency in pairs.items():
        verdict = is_similar(texts[a], texts[b])
        if verdict:
            similar.add((a, b))
        elif verdict is None:
            short, long = (a, b) if len(texts[a]) <= len(texts[b]) else (b, a)
            score = containment(texts[short], texts[long], frequency)
            contained[short].append((score, texts[long], long))
    container = {}
    for short, candidates in contained.items():
        found = best_container(candidates)
        if found is not None:
            container[short] = found
    return similar, container


def _named_groups(
    texts: list[str],
    uses: list[set[str]],
    similar: set[tuple[int, int]],
    container: dict[int, int],
) -> dict[int, str]:
    """The group name of every text in a group: its links and containers joined."""
    groups = _UnionFind(len(texts))
    for a, b in similar:
        groups.union(a, b)
    for short, long in container.items():
        groups.union(short, long)
    members: defaultdict[int, list[int]] = defaultdict(list)
    for text_id in range(len(texts)):
        members[groups.find(text_id)].append(text_id)
    named: dict[int, str] = {}
    for component in members.values():
        articles = set().union(*(uses[t] for t in component))
        name = group_name((texts[t] for t in component), len(articles))
        if name is not None:
            named.update(dict.fromkeys(component, name))
    return named


def shingles(text: str) -> set[int]:
    return _shingles(text)


def speaker_display_names(speakers: Sequence[str]) -> dict[str, str]:
    """Map every speaker name to the name of the speaker it stands for: one per person and
    per organisation (``identity.canonical_speakers``), so "Vladimir Poutine" and "Putin"
    read "Vladimir Putin" and "Lib Dems" reads "Liberal Democrats"."""
    return {name: found.name for name, found in canonical_speakers(Counter(speakers)).items()}


def link_quotes(
    quotes_by_article: Mapping[str, Sequence[Quote]],
) -> dict[str, list[Quote]]:
    """Return the same quotes with `group` set and speakers harmonised across articles.

    `group` is a stable id (from the group's normalised text) set only for statements
    reported by at least two different articles; every speaker is displayed by the most
    common full name of that person over all articles.
    """
    state = link_state(quotes_by_article)
    group_of = {text: state.groups[i] for i, text in enumerate(state.texts) if i in state.groups}
    speakers = [q.speaker for qs in quotes_by_article.values() for q in qs if q.speaker]
    display = speaker_display_names(speakers)
    linked: dict[str, list[Quote]] = {}
    for article, quotes in quotes_by_article.items():
        linked[article] = [
            _relinked(quote, group_of.get(normalise_quote(quote.text)), display) for quote in quotes
        ]
    return linked


def _relinked(quote: Quote, group: str | None, display: Mapping[str, str]) -> Quote:
    speaker = display.get(quote.speaker, quote.speaker) if quote.speaker else None
    if group == quote.group and speaker == quote.speaker:
        return quote
    return replace(quote, group=group, speaker=speaker)


def quote_groups(linked: Mapping[str, Sequence[Quote]]) -> dict[str, list[tuple[str, Quote]]]:
    """Index of link_quotes output: group id -> [(article id, quote), ...] in input order."""
    members: defaultdict[str, list[tuple[str, Quote]]] = defaultdict(list)
    for article, quotes in linked.items():
        for quote in quotes:
            if quote.group is not None:
                members[quote.group].append((article, quote))
    return dict(members)


def same_quote_elsewhere(
    groups: Mapping[str, Sequence[tuple[str, Quote]]], article: str, quote: Quote
) -> list[tuple[str, Quote]]:
    """The quotes of other articles in this quote's group, to jump to (first per article)."""
    if quote.group is None:
        return []
    seen: set[str] = {article}
    others: list[tuple[str, Quote]] = []
    for other_article, other in groups.get(quote.group, ()):
        if other_article not in seen:
            seen.add(other_article)
            others.append((other_article, other))
    return others
