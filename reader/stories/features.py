"""What an article is about, as weighted terms: words, names and numbers, the headline counted
twice; the input of story clustering (computed once per article, stored with the index)."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping

__all__ = ["TITLE_WEIGHT", "Terms", "article_terms", "idf", "weighted"]

Terms = dict[str, float]
"""Term -> count in the article (headline terms count ``TITLE_WEIGHT`` times)."""

TITLE_WEIGHT = 2.0
_TOKEN_RE = re.compile(r"[^\W_]+(?:['.][^\W_]+)*")
_FIRST_RE = re.compile(r"^[^\w\n]*([^\W_]+(?:['.][^\W_]+)*)", re.MULTILINE)
_DIGIT_RE = re.compile(r"\d")
_NAME_PREFIX = "@"  # a word written with a capital inside a sentence: a name
_NUMBER_PREFIX = "#"  # a token with a digit: an amount, an age, a year, a score


def article_terms(title: str, body: str) -> Terms:
    """The terms of an article: lower-cased words, names (capitalised words after the first
    word of a line, kept as a second ``@name`` term) and numbers (``#23``, ``#5.6``)."""
    counts: Terms = {}
    for text, weight in ((title, TITLE_WEIGHT), (body, 1.0)):
        text = text.replace("’", "'")
        firsts = Counter(_FIRST_RE.findall(text))
        # distinct tokens first: the per-token work below runs once per spelling
        for token, count in Counter(_TOKEN_RE.findall(text)).items():
            word = token.lower()
            if word.endswith("'s"):
                word = word[:-2]
            if _DIGIT_RE.search(word):
                _add(counts, _NUMBER_PREFIX + word, count * weight)
                continue
            if len(word) < 2:
                continue
            _add(counts, word, count * weight)
            named = count - firsts.get(token, 0) if token[0].isupper() else 0
            if named > 0:
                _add(counts, _NAME_PREFIX + word, named * weight)
    return counts


def _add(counts: Terms, term: str, count: float) -> None:
    counts[term] = counts.get(term, 0.0) + count


def idf(document_frequency: int, documents: int) -> float:
    """Inverse document frequency; a term in every article weighs 0."""
    return math.log((1 + documents) / (1 + document_frequency))


def weighted(terms: Mapping[str, float], frequencies: Mapping[str, int], documents: int) -> Terms:
    """Unit-length TF-IDF weights of an article's terms (sublinear term frequency)."""
    vector = {
        term: (1 + math.log(count)) * idf(frequencies.get(term, 1), documents)
        for term, count in terms.items()
        if count >= 1
    }
    norm = math.sqrt(sum(weight * weight for weight in vector.values())) or 1.0
    return {term: weight / norm for term, weight in vector.items() if weight > 0}
