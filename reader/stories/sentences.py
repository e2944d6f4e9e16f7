"""Splitting an article into sentences with character offsets, for sentence-level compare."""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Sentence", "split_sentences"]

# Words after which a full stop does not end a sentence (titles, months, initials in names).
_ABBREVIATIONS = frozenset(
    (  # noqa: SIM905 - a word list reads better as one string
        "mr mrs ms dr prof sr jr st mt gen col lt sgt capt gov sen rep rev fr pres no vs etc"
        " inc ltd co corp dept univ est approx jan feb mar apr jun jul aug sep sept oct nov dec"
        " u.s u.k u.n e.g i.e a.m p.m"
    ).split()
)
# A sentence ends at . ! ? or … (with closing quotes and brackets after it), before spaces and
# something that can start a sentence: a capital, a digit or an opening quote or bracket.
_END_RE = re.compile(r"[.!?…]+[\"”’'»)\]]*(?=\s+[\"“‘'«(\[]?[^\W_a-z])")
_MIN_CHARS = 2
_TOKEN_BEFORE_RE = re.compile(r"(\S+)$")


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: ``text[start:end]`` of the string it was split from."""

    start: int
    end: int
    text: str


def split_sentences(text: str, offset: int = 0) -> list[Sentence]:
    """The sentences of ``text``; paragraph breaks (blank lines or newlines) always end one.

    ``offset`` is added to every start and end (the text's place in a longer string).
    """
    sentences: list[Sentence] = []
    for paragraph in re.finditer(r"[^\n]+", text):
        start = paragraph.start()
        for end in _ends(paragraph.group()):
            _add(sentences, text, start, paragraph.start() + end, offset)
            start = paragraph.start() + end
        _add(sentences, text, start, paragraph.end(), offset)
    return sentences


def _ends(paragraph: str) -> list[int]:
    """Where sentences end inside one paragraph."""
    ends = []
    for match in _END_RE.finditer(paragraph):
        if match.group().startswith(".") and _is_abbreviation(paragraph[: match.start()]):
            continue
        ends.append(match.end())
    return ends


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a full stop is an abbreviation or an initial."""
    found = _TOKEN_BEFORE_RE.search(before)
    if found is None:
        return False
    word = found.group(1).lstrip("\"“‘'«([").lower()
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "George W. Bush"
    return word in _ABBREVIATIONS


def _add(sentences: list[Sentence], text: str, start: int, end: int, offset: int) -> None:
    """Append ``text[start:end]`` with surrounding spaces trimmed, unless it is too short."""
    piece = text[start:end]
    stripped = piece.strip()
    if len(stripped) < _MIN_CHARS:
        return
    start += len(piece) - len(piece.lstrip())
    end = start + len(stripped)
    sentences.append(Sentence(start + offset, end + offset, stripped))
