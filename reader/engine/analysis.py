"""The analyzers: how article text and names become indexed words (folded, stemmed)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import (
    STOP_WORDS,
    Analyzer,
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
    Token,
)
from whoosh.lang.porter import stem as porter_stem
from whoosh.support.charset import accent_map

from reader.quotes.speakers.names import fold_word

__all__ = [
    "BODY_ANALYZER",
    "NAME_ANALYZER",
    "SPEAKER_ANALYZER",
    "FoldedStemAnalyzer",
    "NameFoldFilter",
]

# Folding accents before stemming makes "Alexei" find "Alexeï" and "Poutine" find "Poutine".
_BODY_CHAIN: Analyzer = (
    RegexTokenizer()
    | LowercaseFilter()
    | CharsetFilter(accent_map)
    | StopFilter()
    | StemFilter(cachesize=100_000)
)
_STOP_WORDS = frozenset(STOP_WORDS)  # StopFilter's default list, minimum length 2


class FoldedStemAnalyzer(Analyzer):  # type: ignore[misc]
    """``_BODY_CHAIN`` in one loop with a per-word cache: the same tokens, positions and stops.

    Indexing spent most of its time passing each word through five generators; here a word
    seen before costs one dict lookup. Calls needing character offsets, original text or
    no tokenizing (highlighting, some query parsing) go through the chain itself.
    """

    _WORD = re.compile(r"[\w\*]+(?:\.?[\w\*]+)*")  # RegexTokenizer's default, no group
    _CACHE_LIMIT = 500_000

    def __init__(self) -> None:
        self.chain = _BODY_CHAIN
        self._words: dict[str, tuple[str, bool, str]] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {"chain": self.chain}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.chain = state["chain"]
        self._words = {}

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self))

    def has_morph(self) -> bool:
        return True

    def clean(self) -> None:
        self._words = {}
        self.chain.clean()

    def postings(self, value: str) -> tuple[dict[str, list[int]], set[str]]:
        """The positions of each indexed term of ``value``, numbered as ``__call__(value,
        positions=True)`` numbers them, and the set of its folded words (the unstemmed forms
        offered to spelling): one pass for what Whoosh gets from two analyses."""
        words = self._words
        raw = self._WORD.findall(value)
        stems: list[str] = []
        first: int | None = None  # StopFilter(renumber=True): kept words count up from here
        for number, word in enumerate(raw):
            known = words.get(word)
            if known is None:
                known = self._word(word)
            if not known[1]:
                if first is None:
                    first = number
                stems.append(known[2])
        positions: dict[str, list[int]] = {}
        for position, stem in enumerate(stems, first or 0):
            found = positions.get(stem)
            if found is None:
                positions[stem] = [position]
            else:
                found.append(position)
        folded = set()
        for word in set(raw):
            known = words.get(word)
            if known is None:
                known = self._word(word)
            if not known[1]:
                folded.add(known[0])
        return positions, folded

    def _word(self, word: str) -> tuple[str, bool, str]:
        """``(folded, is a stop word, stem)`` of one token."""
        known = self._words.get(word)
        if known is None:
            folded = word.lower().translate(accent_map)
            stopped = len(folded) < 2 or folded in _STOP_WORDS
            known = (folded, stopped, folded if stopped else porter_stem(folded))
            if len(self._words) >= self._CACHE_LIMIT:
                self._words = {}
            self._words[word] = known
        return known

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        no_morph: bool = False,
        **kwargs: Any,
    ) -> Iterator[Token]:
        if chars or keeporiginal or not tokenize:
            yield from self.chain(
                value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                removestops=removestops, start_pos=start_pos, start_char=start_char,
                tokenize=tokenize, mode=mode, no_morph=no_morph, **kwargs,
            )  # fmt: skip
            return
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        token.boost, token.stopped = 1.0, False
        words = self._words
        position: int | None = None  # StopFilter(renumber=True): kept words count up
        for number, word in enumerate(self._WORD.findall(value)):
            known = words.get(word)
            if known is None:
                known = self._word(word)
            if known[1]:
                if removestops:
                    continue
                token.text, token.stopped = known[0], True
                if positions:
                    token.pos = start_pos + number
                yield token
                token.stopped = False
                continue
            token.text = known[0] if no_morph else known[2]
            if positions:
                position = start_pos + number if position is None else position + 1
                token.pos = position
            yield token


BODY_ANALYZER: Analyzer = FoldedStemAnalyzer()
NAME_ANALYZER: Analyzer = RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map)


class NameFoldFilter(Filter):  # type: ignore[misc]
    """Folds each word as speaker names are folded: accents, transliterations (Poutine→putin)."""

    def __call__(self, tokens: Iterator[Any]) -> Iterator[Any]:
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


SPEAKER_ANALYZER: Analyzer = RegexTokenizer() | LowercaseFilter() | NameFoldFilter()
