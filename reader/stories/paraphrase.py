"""Whether two sentences say the same thing: a logistic regression over the sentence
encoder's cosine, exact signals (shared words and word n-grams, character n-grams, the
longest common word sequence, numbers, names, negation, lengths) and which words only one
sentence has or both share. Fitted on MSRP's training split by ``python -m
benchmarks.stories --fit`` (``benchmarks/stories_eval/msrp_fit.py``), which writes
``paraphrase.json`` beside this module.

The word weights carry what the dense features cannot: that a name, a number, "million" or
"percent" only one sentence has usually makes two near-identical sentences say different
things, while "also", "the" or "said" does not. A word is weighed by where it stands: only in
the sentence with more words ("longer"), only in the other ("shorter"), or in both.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import NamedTuple, TypedDict

from rapidfuzz import fuzz
from rapidfuzz.distance import LCSseq

__all__ = [
    "FEATURES",
    "NUMBER_RE",
    "STOP_WORDS",
    "features",
    "light_stem",
    "paraphrase_probability",
    "word_bag",
    "word_sides",
]

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
STOP_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an of to in and or for on at by with from as is was are were be been that this"
        " it its he she they his her their said says will would has have had not"
    ).split()
)
_NEGATIONS = frozenset(
    "not no never nothing none nobody neither nor without cannot".split()  # noqa: SIM905
)
_NUMBER_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "one two three four five six seven eight nine ten eleven twelve twenty thirty forty"
        " fifty hundred thousand million billion first second third"
    ).split()
)
NUMBER_WORD = "#"
"""Every number is this one word in ``word_bag`` (which number differs is a dense feature)."""
FEATURES = (
    "cosine",
    *(f"{n}gram_{side}" for n in (1, 2, 3, 4) for side in ("min", "max")),
    "content_min",
    "content_max",
    "numbers_differ_share",
    "numbers_differ",
    "numbers_any",
    "length_ratio",
    "length_difference",
    "ratio",
    "token_set_ratio",
    "token_sort_ratio",
    "partial_ratio",
    "names_differ_share",
    "lcs_min",
    "lcs_max",
    *(f"char{n}_{kind}" for n in (3, 4, 5) for kind in ("jaccard", "min")),
    "negation_differs",
    "numbers_unmatched",
    "content_only_fewer",
    "content_only_more",
    "content_unmatched",
    "names_jaccard",
    "log_length_shorter",
    "log_length_longer",
    "names_substituted",
    "numbers_substituted",
)
WEIGHTS_FILE = Path(__file__).with_name("paraphrase.json")


class Model(TypedDict):
    """The fitted model as ``paraphrase.json`` holds it."""

    features: list[str]
    mean: list[float]
    scale: list[float]
    weights: list[float]
    bias: float
    words: dict[str, list[float]]
    """word -> [weight only in the longer sentence, only in the shorter, in both]"""


@cache
def model() -> Model:
    """The fitted weights (read once; a mismatch with ``FEATURES`` is a packaging error)."""
    loaded: Model = json.loads(WEIGHTS_FILE.read_text(encoding="utf-8"))
    if tuple(loaded["features"]) != FEATURES:
        raise ValueError(f"{WEIGHTS_FILE.name} was fitted on other features; refit it")
    return loaded


def light_stem(word: str) -> str:
    """A light suffix strip, so "attacks"/"attacked" meet "attack"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


class _Sentence(NamedTuple):
    """What the features read of one sentence (cached: compare tests one sentence against
    several candidates)."""

    tokens: list[str]
    ngrams: tuple[Counter[tuple[str, ...]], ...]
    stems: list[str]
    content: frozenset[str]
    numbers: frozenset[str]
    names: frozenset[str]
    char_grams: tuple[frozenset[str], ...]
    negated: bool
    counts: frozenset[str]
    bag: frozenset[str]


@lru_cache(maxsize=4096)
def _read(sentence: str) -> _Sentence:
    found = _WORD_RE.findall(sentence)
    tokens = [w.lower() for w in found]
    stems = [light_stem(w) for w in tokens]
    joined = " ".join(tokens)
    return _Sentence(
        tokens=tokens,
        ngrams=tuple(_ngrams(stems, n) for n in (1, 2, 3, 4)),
        stems=stems,
        content=frozenset(stems) - STOP_WORDS,
        numbers=frozenset(NUMBER_RE.findall(sentence)),
        names=frozenset(word for _, word in pairwise(found) if word[:1].isupper()),
        char_grams=tuple(
            frozenset(joined[i : i + n] for i in range(len(joined) - n + 1)) for n in (3, 4, 5)
        ),
        negated=any(t in _NEGATIONS or t.endswith(("n't", "n’t")) for t in tokens),
        counts=frozenset(t for t in tokens if t[0].isdigit() or t in _NUMBER_WORDS),
        bag=frozenset(
            NUMBER_WORD if word[0].isdigit() else stem
            for word, stem in zip(found, stems, strict=True)
        ),
    )


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(words[i:] for i in range(n)), strict=False))


def _overlap(first: Counter[tuple[str, ...]], second: Counter[tuple[str, ...]]) -> list[float]:
    shared = sum((first & second).values())
    precision = shared / max(1, first.total())
    recall = shared / max(1, second.total())
    return [min(precision, recall), max(precision, recall)]


def _both_ways(first: int, second: int) -> list[float]:
    return [float(min(first, second)), float(max(first, second))]


def features(left: str, right: str, cosine: float) -> list[float]:
    """The paraphrase features of two sentences, in ``FEATURES`` order."""
    one, two = _read(left), _read(right)
    values = [cosine]
    for first, second in zip(one.ngrams, two.ngrams, strict=True):
        values += _overlap(first, second)
    shared = len(one.content & two.content)
    values += sorted([shared / max(1, len(one.content)), shared / max(1, len(two.content))])
    differ = one.numbers ^ two.numbers
    values += [
        len(differ) / max(1, len(one.numbers | two.numbers)),
        float(bool(differ)),
        float(bool(one.numbers | two.numbers)),
    ]
    shortest = min(len(one.stems), len(two.stems))
    longest = max(len(one.stems), len(two.stems), 1)
    values += [shortest / longest, float(longest - shortest)]
    values += [
        fuzz.ratio(left, right) / 100,
        fuzz.token_set_ratio(left, right) / 100,
        fuzz.token_sort_ratio(left, right) / 100,
        fuzz.partial_ratio(left, right) / 100,
    ]
    names = one.names | two.names
    values.append(len(one.names ^ two.names) / max(1, len(names)))
    common = LCSseq.similarity(one.stems, two.stems)
    values += [common / max(1, shortest), common / longest]
    for left_grams, right_grams in zip(one.char_grams, two.char_grams, strict=True):
        both = len(left_grams & right_grams)
        values += [
            both / max(1, len(left_grams | right_grams)),
            min(both / max(1, len(left_grams)), both / max(1, len(right_grams))),
        ]
    values.append(float(one.negated != two.negated))
    values.append(float(len(differ)))
    values += _both_ways(len(one.content - two.content), len(two.content - one.content))
    values.append(float(len(one.content ^ two.content)))
    values.append(len(one.names & two.names) / max(1, len(names)))
    values += sorted([math.log1p(len(one.tokens)), math.log1p(len(two.tokens))])
    # a detail replaced by another: as many as each side has that the other lacks
    left_names, right_names = {n.lower() for n in one.names}, {n.lower() for n in two.names}
    values.append(float(min(len(left_names - right_names), len(right_names - left_names))))
    values.append(float(min(len(one.counts - two.counts), len(two.counts - one.counts))))
    return values


def word_bag(sentence: str) -> frozenset[str]:
    """The sentence's distinct words as the word weights key them (lower-cased, lightly
    stemmed, every number ``NUMBER_WORD``)."""
    return _read(sentence).bag


def word_sides(left: str, right: str) -> list[tuple[str, int, float]]:
    """``(word, side, amount)`` for the word weights: side 0 only in the sentence with more
    distinct words, 1 only in the other, 2 in both. When both have as many, a word only one
    has counts half as "longer" and half as "shorter", so the test is symmetric."""
    first, second = word_bag(left), word_bag(right)
    if len(first) < len(second):
        first, second = second, first
    sides = [(word, 2, 1.0) for word in sorted(first & second)]
    if len(first) == len(second):
        for word in sorted(first ^ second):
            sides += [(word, 0, 0.5), (word, 1, 0.5)]
    else:
        sides += [(word, 0, 1.0) for word in sorted(first - second)]
        sides += [(word, 1, 1.0) for word in sorted(second - first)]
    return sides


def paraphrase_probability(left: str, right: str, cosine: float) -> float:
    """The fitted probability that two sentences are paraphrases (MSRP's sense: the same
    content, minor details aside)."""
    fitted = model()
    score = fitted["bias"]
    for value, mean, scale, weight in zip(
        features(left, right, cosine),
        fitted["mean"],
        fitted["scale"],
        fitted["weights"],
        strict=True,
    ):
        score += weight * (value - mean) / scale
    words = fitted["words"]
    for word, side, amount in word_sides(left, right):
        if word in words:
            score += amount * words[word][side]
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
