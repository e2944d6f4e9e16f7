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
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise

from rapidfuzz import fuzz

from reader.quotes import Quote
from reader.speaker_names import (
    NAME_SUFFIXES,
    fold_word,
    is_canonical_spelling,
    name_words,
    speaker_key,
)

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

QuoteRef = tuple[str, int]  # (article id, index of the quote in that article's list)


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


def _candidate_pairs(texts: list[str]) -> dict[tuple[int, int], int]:
    """Pairs of texts that share one of their rarest word pairs, with that pair's frequency.

    Word pairs are recomputed rather than kept per text, so memory is the postings only.
    """
    postings: defaultdict[int, list[int]] = defaultdict(list)
    for index, text in enumerate(texts):
        for shingle in _shingles(text):
            postings[shingle].append(index)
    pairs: dict[tuple[int, int], int] = {}
    for index, text in enumerate(texts):
        usable = [s for s in _shingles(text) if 2 <= len(postings[s]) <= MAX_BLOCK_SIZE]
        for shingle in sorted(usable, key=lambda s: (len(postings[s]), s))[:BLOCK_SHINGLES]:
            frequency = len(postings[shingle])
            for other in postings[shingle]:
                pair = (min(index, other), max(index, other))
                if other != index and pairs.get(pair, MAX_BLOCK_SIZE + 1) > frequency:
                    pairs[pair] = frequency
    return pairs


def _link_near_duplicates(texts: list[str], groups: _UnionFind) -> None:
    """Union near-duplicates; attach each short quote to its best containing quote."""
    best_container: dict[int, tuple[float, int]] = {}
    for (a, b), frequency in _candidate_pairs(texts).items():
        short, long = (a, b) if len(texts[a]) <= len(texts[b]) else (b, a)
        if len(texts[short]) >= 0.7 * len(texts[long]):
            if fuzz.ratio(texts[a], texts[b], score_cutoff=FUZZY_RATIO):
                groups.union(a, b)
        elif len(texts[short]) >= MIN_CONTAINED_CHARS:
            cutoff = CONTAINED_RATIO if frequency <= RARE_SHINGLE else EXACT_CONTAINED_RATIO
            score = fuzz.partial_ratio(texts[short], texts[long], score_cutoff=cutoff)
            if score and score > best_container.get(short, (0.0, -1))[0]:
                best_container[short] = (score, long)
    for short, (_, long) in best_container.items():
        groups.union(short, long)


def _group_ids(
    quotes_by_article: Mapping[str, Sequence[Quote]],
) -> dict[QuoteRef, str]:
    """Group id of every quote whose statement appears in at least two articles."""
    text_ids: dict[str, int] = {}
    occurrences: list[QuoteRef] = []
    text_of: list[int] = []
    normalised_of: dict[str, str] = {}
    for article, quotes in quotes_by_article.items():
        for position, quote in enumerate(quotes):
            normalised = normalised_of.get(quote.text)
            if normalised is None:
                normalised = normalised_of[quote.text] = normalise_quote(quote.text)
            if len(normalised) < MIN_GROUP_CHARS:
                continue  # "…", "?" or "no" in two articles say nothing about the same statement
            text_of.append(text_ids.setdefault(normalised, len(text_ids)))
            occurrences.append((article, position))
    texts = list(text_ids)
    groups = _UnionFind(len(texts))
    _link_near_duplicates(texts, groups)
    articles: defaultdict[int, set[str]] = defaultdict(set)
    for (article, _), text_id in zip(occurrences, text_of, strict=True):
        articles[groups.find(text_id)].add(article)
    # the root is the smallest text id; name the group after its smallest text for stability
    names: dict[int, str] = {}
    for text_id, normalised in enumerate(texts):
        root = groups.find(text_id)
        if len(articles[root]) >= 2 and (root not in names or normalised < names[root]):
            names[root] = normalised
    return {
        ref: group_id(names[groups.find(text_id)])
        for ref, text_id in zip(occurrences, text_of, strict=True)
        if groups.find(text_id) in names
    }


def speaker_display_names(speakers: Sequence[str]) -> dict[str, str]:
    """Map every speaker name to one display name: the most common full name of the person.

    Full names meet on (first name, surname, generational suffix) after folding, so
    "Vladimir Poutine" joins "Vladimir Putin" but "Donald Trump Jr." stays apart; a bare
    surname takes the most common full name with that surname.
    """
    counts = Counter(speakers)
    full: defaultdict[tuple[str, str, str], Counter[str]] = defaultdict(Counter)
    by_surname: defaultdict[str, Counter[str]] = defaultdict(Counter)
    for name, count in counts.items():
        identity = _identity(name)
        if identity is not None:
            full[identity][name] += count
            if not identity[2]:
                by_surname[identity[1]][name] += count
    display: dict[str, str] = {}
    for name in counts:
        identity = _identity(name)
        if identity is not None:
            pool: Counter[str] | None = full[identity]
        elif name.lower().startswith("the "):
            pool = None
        else:
            pool = by_surname.get(speaker_key(name))
        display[name] = _most_common(pool) if pool else name
    return display


def _identity(name: str) -> tuple[str, str, str] | None:
    """(first name, surname, suffix) of a person's full name; None for organisations and
    single words."""
    words = name_words(name)
    if len(words) < 2 or name.lower().startswith("the "):
        return None
    suffix = name.split()[-1].lower().rstrip(".")
    return fold_word(words[0]), speaker_key(name), suffix if suffix in NAME_SUFFIXES else ""


def _most_common(forms: Counter[str]) -> str:
    return max(forms.items(), key=lambda nc: (nc[1], is_canonical_spelling(nc[0]), nc[0]))[0]


def link_quotes(
    quotes_by_article: Mapping[str, Sequence[Quote]],
) -> dict[str, list[Quote]]:
    """Return the same quotes with `group` set and speakers harmonised across articles.

    `group` is a stable id (from the group's normalised text) set only for statements
    reported by at least two different articles; every speaker is displayed by the most
    common full name of that person over all articles.
    """
    ids = _group_ids(quotes_by_article)
    speakers = [q.speaker for qs in quotes_by_article.values() for q in qs if q.speaker]
    display = speaker_display_names(speakers)
    linked: dict[str, list[Quote]] = {}
    for article, quotes in quotes_by_article.items():
        linked[article] = [
            _relinked(quote, ids.get((article, position)), display)
            for position, quote in enumerate(quotes)
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
