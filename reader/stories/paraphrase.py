"""Whether two sentences say the same thing: a logistic regression over the sentence
encoder's cosine and exact signals (shared words and word n-grams, numbers, names, edit
ratios), fitted on MSRP's training split by ``python benchmarks/stories.py --fit``."""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import pairwise

from rapidfuzz import fuzz

__all__ = [
    "FEATURES",
    "NUMBER_RE",
    "STOP_WORDS",
    "features",
    "light_stem",
    "paraphrase_probability",
]

_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)*|\d+(?:[.,]\d+)*")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
STOP_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "the a an of to in and or for on at by with from as is was are were be been that this"
        " it its he she they his her their said says will would has have had not"
    ).split()
)
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
)
# Fitted by ``benchmarks/stories.py --fit`` on msrp/train.tsv (3,576 pairs): features are
# standardised with these means and scales, then weighted.
_MEAN = (
    0.7656,
    0.6125,
    0.7223,
    0.4446,
    0.5294,
    0.3444,
    0.4141,
    0.2743,
    0.3334,
    0.6078,
    0.7243,
    0.2259,
    0.2645,
    0.4270,
    0.8507,
    3.1583,
    0.7147,
    0.7879,
    0.7232,
    0.7670,
    0.4468,
)
_SCALE = (
    0.1315,
    0.1463,
    0.1580,
    0.1894,
    0.2179,
    0.2082,
    0.2455,
    0.2128,
    0.2552,
    0.1616,
    0.1723,
    0.3942,
    0.4411,
    0.4946,
    0.0999,
    2.2912,
    0.1165,
    0.1073,
    0.1046,
    0.1103,
    0.3770,
)
_WEIGHTS = (
    0.4171,
    1.7087,
    -0.7162,
    0.5602,
    -0.5492,
    -0.2539,
    -0.2437,
    -0.3763,
    0.3553,
    0.0581,
    0.1721,
    0.1845,
    -0.3082,
    -0.0925,
    -0.9818,
    -0.5925,
    0.9204,
    -0.0529,
    0.1455,
    -0.5825,
    0.1972,
)
_BIAS = 1.0720


def light_stem(word: str) -> str:
    """A light suffix strip, so "attacks"/"attacked" meet "attack"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 and word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _ngrams(words: list[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(zip(*(words[i:] for i in range(n)), strict=False))


def _overlap(first: Counter[tuple[str, ...]], second: Counter[tuple[str, ...]]) -> list[float]:
    shared = sum((first & second).values())
    precision = shared / max(1, sum(first.values()))
    recall = shared / max(1, sum(second.values()))
    return [min(precision, recall), max(precision, recall)]


def features(left: str, right: str, cosine: float) -> list[float]:
    """The paraphrase features of two sentences, in ``FEATURES`` order."""
    left_words = [light_stem(w.lower()) for w in _WORD_RE.findall(left)]
    right_words = [light_stem(w.lower()) for w in _WORD_RE.findall(right)]
    values = [cosine]
    for n in (1, 2, 3, 4):
        values += _overlap(_ngrams(left_words, n), _ngrams(right_words, n))
    left_content, right_content = set(left_words) - STOP_WORDS, set(right_words) - STOP_WORDS
    shared = len(left_content & right_content)
    values += sorted([shared / max(1, len(left_content)), shared / max(1, len(right_content))])
    left_numbers, right_numbers = set(NUMBER_RE.findall(left)), set(NUMBER_RE.findall(right))
    differ = left_numbers ^ right_numbers
    numbers = left_numbers | right_numbers
    values += [len(differ) / max(1, len(numbers)), float(bool(differ)), float(bool(numbers))]
    longest = max(len(left_words), len(right_words), 1)
    values += [
        min(len(left_words), len(right_words)) / longest,
        float(abs(len(left_words) - len(right_words))),
    ]
    values += [
        fuzz.ratio(left, right) / 100,
        fuzz.token_set_ratio(left, right) / 100,
        fuzz.token_sort_ratio(left, right) / 100,
        fuzz.partial_ratio(left, right) / 100,
    ]
    left_names, right_names = _names(left), _names(right)
    values.append(len(left_names ^ right_names) / max(1, len(left_names | right_names)))
    return values


def _names(sentence: str) -> set[str]:
    """Capitalised words after the first: names, mostly."""
    return {word for _, word in pairwise(_WORD_RE.findall(sentence)) if word[:1].isupper()}


def paraphrase_probability(left: str, right: str, cosine: float) -> float:
    """The fitted probability that two sentences are paraphrases (MSRP's sense: the same
    content, minor details aside)."""
    score = _BIAS
    for value, mean, scale, weight in zip(
        features(left, right, cosine), _MEAN, _SCALE, _WEIGHTS, strict=True
    ):
        score += weight * (value - mean) / scale
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))
