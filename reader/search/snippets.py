"""Where search terms occur in a text, and one-line snippets around the densest matches.

Words match when their index form (lowercase, accents folded, stemmed: as the body analyzer
indexes them) is one of the query's terms, so "sanctions" and "SANCTION" both match "sanction".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh.analysis import STOP_WORDS
from whoosh.lang.porter import stem
from whoosh.support.charset import accent_map

__all__ = ["SNIPPET_CHARS", "Highlight", "Phrase", "index_form", "match_spans", "snippet"]

Phrase = tuple[str, ...]
"""The index forms of a phrase's words, stop words left out (as Whoosh's Phrase query has
them)."""

SNIPPET_CHARS = 180
_TOKEN = re.compile(r"\w+(?:\.?\w+)*")
_ACCENTS: dict[int, str] = dict(accent_map)
_STOP_WORDS = frozenset(STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Highlight:
    """What a search highlights in an article: its words and its phrases (index forms)."""

    terms: frozenset[str] = frozenset()
    phrases: frozenset[Phrase] = frozenset()
    speakers: frozenset[Phrase] = frozenset()
    """The ``speaker:`` names the search asks for: their hits' snippets are their quotes."""

    def __bool__(self) -> bool:
        return bool(self.terms or self.phrases)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the words and phrases occur in ``text`` (see ``match_spans``)."""
        return match_spans(text, self.terms, self.phrases) if self else []


@lru_cache(maxsize=200_000)
def index_form(token: str) -> str:
    """How the body analyzer indexes one word: lowercase, accents folded, stemmed."""
    return str(stem(token.lower().translate(_ACCENTS)))


def match_spans(
    text: str, terms: frozenset[str], phrases: frozenset[Phrase] = frozenset()
) -> list[tuple[int, int]]:
    """``(start, end)`` of every word in ``text`` whose index form is one of ``terms``, and
    of every run of words that reads as one of ``phrases`` (one span from its first word to
    its last), in text order; a word inside a phrase's span is not listed again."""
    spans = _term_spans(text, terms) if terms else []
    if not phrases:
        return spans
    runs = sorted(span for phrase in phrases for span in _phrase_spans(text, phrase))
    merged: list[tuple[int, int]] = []
    for span in sorted(set(spans) | set(runs)):
        if merged and span[0] < merged[-1][1]:  # inside (or overlapping) the previous one
            merged[-1] = (merged[-1][0], max(merged[-1][1], span[1]))
        else:
            merged.append(span)
    return merged


def _term_spans(text: str, terms: frozenset[str]) -> list[tuple[int, int]]:
    # Folding and stemming keep an ASCII word's first letter, so only words starting with a
    # term's first letter (or with a letter outside ASCII, which may fold to anything) can
    # match: the pattern finds those (in C) and only they are stemmed.
    return [
        (match.start(), match.end())
        for match in _candidates_pattern(terms).finditer(text)
        if index_form(match[0]) in terms
    ]


def _phrase_spans(text: str, phrase: Phrase) -> list[tuple[int, int]]:
    """Where the words of ``phrase`` follow each other in ``text``, as the index sees them:
    stop words in between are skipped ("glimmer of hope" is the phrase glimmer, hope)."""
    if not phrase:
        return []
    spans = []
    for match in _candidates_pattern(frozenset(phrase[:1])).finditer(text):
        if index_form(match[0]) == phrase[0]:
            end = _phrase_end(text, match.end(), phrase[1:])
            if end is not None:
                spans.append((match.start(), end))
    return spans


def _phrase_end(text: str, position: int, words: tuple[str, ...]) -> int | None:
    """The end of ``words`` read from ``position`` on, stop words skipped; None if they
    are not the next words there."""
    for word in words:
        while True:
            token = _TOKEN.search(text, position)
            if token is None:
                return None
            position = token.end()
            if not _is_stop_word(token[0]):
                break
        if index_form(token[0]) != word:
            return None
    return position


def _is_stop_word(token: str) -> bool:
    """Whether the body analyzer drops this word (its StopFilter: listed, or one letter)."""
    folded = token.lower().translate(_ACCENTS)
    return len(folded) < 2 or folded in _STOP_WORDS


@lru_cache(maxsize=256)
def _candidates_pattern(terms: frozenset[str]) -> re.Pattern[str]:
    """Whole ``_TOKEN`` tokens starting with a term's first letter or a non-ASCII letter."""
    initials = sorted({term[0] for term in terms if term and term[0].isascii()})
    letters = "".join(
        re.escape(c) + (re.escape(c.upper()) if c.upper() != c else "") for c in initials
    )
    first = rf"[{letters}]|[^\W\x00-\x7f]" if letters else r"[^\W\x00-\x7f]"
    return re.compile(rf"(?<!\w)(?<!\w\.)(?:{first})\w*(?:\.?\w+)*")


def snippet(
    body: str, terms: frozenset[str], phrases: frozenset[Phrase] = frozenset()
) -> tuple[str, list[tuple[int, int]]]:
    """A window of the body around its densest cluster of matches, on one line.

    Returns the snippet and the spans of the matched words and phrases inside it.
    """
    spans = match_spans(body, terms, phrases)
    if not spans:
        start, end = 0, min(len(body), SNIPPET_CHARS)
    else:
        start = _densest_window(spans)
        start = _word_start(body, max(0, start - 30))
        end = min(len(body), start + SNIPPET_CHARS)
    end = _word_end(body, end)
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(body) else ""
    window = body[start:end]
    text = prefix + window.replace("\n\n", " ").replace("\n", " ") + suffix

    def shifted(index: int) -> int:
        """Where character ``index`` of the window lands in ``text``: each paragraph break
        before it ("\n\n", counted as ``replace`` finds them) became one space."""
        return index - window.count("\n\n", 0, index) + len(prefix)

    inside = [(shifted(s - start), shifted(e - start)) for s, e in spans if s >= start and e <= end]
    return text, inside


def _densest_window(spans: list[tuple[int, int]]) -> int:
    best_start, best_count, left = spans[0][0], 0, 0
    for right, (span_start, _) in enumerate(spans):
        while span_start - spans[left][0] > SNIPPET_CHARS - 40:
            left += 1
        if right - left + 1 > best_count:
            best_count, best_start = right - left + 1, spans[left][0]
    return best_start


def _word_start(text: str, position: int) -> int:
    if position == 0:
        return 0
    space = text.find(" ", position, position + 20)
    return space + 1 if space != -1 else position


def _word_end(text: str, position: int) -> int:
    if position >= len(text):
        return len(text)
    space = text.rfind(" ", max(0, position - 20), position)
    return space if space != -1 else position
