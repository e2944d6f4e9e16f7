"""The Whoosh schema and analyzers, and how a catalog row becomes a Whoosh document."""

from __future__ import annotations

import operator
import re
from collections.abc import Iterator
from pickle import dumps
from typing import TYPE_CHECKING, Any

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
from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.lang.porter import stem as _stem
from whoosh.support.charset import accent_map
from whoosh.system import pack_uint

from reader.quotes.speakers.names import fold_word, speaker_key

if TYPE_CHECKING:  # the index imports this module: a runtime import would be a cycle
    from reader.index.rows import Row

__all__ = [
    "BODY_ANALYZER",
    "SCHEMA_VERSION",
    "TEXT_FIELDS",
    "make_schema",
    "reset_spelling",
    "whoosh_document",
]

# Bump whenever the schema, the analyzers or what is indexed changes: old indexes rebuild.
SCHEMA_VERSION = 6

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
            known = (folded, stopped, folded if stopped else _stem(folded))
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
TEXT_FIELDS = ("title", "body", "quote")


# Words of each spelling field already given to the current writer (see SpelledText).
_SPELLED: dict[int, set[str]] = {}
# The last value each field indexed and its folded words, for spellable_words (see FastText).
_LAST_FOLDED: dict[int, tuple[str, set[str]]] = {}


def reset_spelling() -> None:
    """Start a writer session: every spelling word is offered again once."""
    _SPELLED.clear()
    _LAST_FOLDED.clear()


_ONE_POSITION: dict[int, bytes] = {}  # most terms occur once in an article


def _encode(positions: list[int]) -> bytes:
    """``Positions.encode``: the count, then the pickled gaps between positions."""
    if len(positions) == 1:
        known = _ONE_POSITION.get(positions[0])
        if known is None:
            if len(_ONE_POSITION) > 100_000:
                _ONE_POSITION.clear()
            known = pack_uint(1) + dumps(positions, 2)
            _ONE_POSITION[positions[0]] = known
        return known
    gaps = [positions[0], *map(operator.sub, positions[1:], positions[:-1])]
    encoded: bytes = pack_uint(len(gaps)) + dumps(gaps, 2)
    return encoded


class FastText(TEXT):  # type: ignore[misc]
    """TEXT indexed by ``FoldedStemAnalyzer.postings``: the same terms, positions, weights
    and encoded values as ``TEXT.index``, without a Token object per word (indexing's
    analysis was the largest part of adding a document)."""

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        analyzer = self.analyzer
        fmt = self.format
        if (
            kwargs
            or not isinstance(value, str)
            or not isinstance(analyzer, FoldedStemAnalyzer)
            or type(fmt) is not Positions
        ):
            yield from super().index(value, **kwargs)
            return
        positions, folded = analyzer.postings(value)
        _LAST_FOLDED[id(self)] = (value, folded)
        boost = fmt.field_boost
        for term, found in positions.items():
            yield term.encode("utf-8"), len(found), float(len(found)) * boost, _encode(found)

    def _folded_words(self, value: Any) -> Iterator[str]:
        """``TEXT.spellable_words``: the sorted folded words, reusing ``index``'s pass."""
        last = _LAST_FOLDED.get(id(self))
        if last is not None and last[0] is value:
            return iter(sorted(last[1]))
        words: Iterator[str] = super().spellable_words(value)
        return words


class SpelledText(FastText):
    """TEXT whose "did you mean" words reach the writer once per session, not per article.

    Whoosh writes each article's distinct words as postings of the spelling field, all on
    document 0; on BBC that was 410k of the index's 910k postings. One posting per word
    and segment is all the word list needs.
    """

    def spellable_words(self, value: Any) -> Iterator[str]:
        seen = _SPELLED.setdefault(id(self), set())
        fresh = [word for word in self._folded_words(value) if word not in seen]
        seen.update(fresh)
        return iter(fresh)


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        # Only the body's words are offered as spellings (search.py's suggestions read them).
        title=FastText(analyzer=BODY_ANALYZER, field_boost=2.0),
        body=SpelledText(analyzer=BODY_ANALYZER, spelling=True),
        source=TEXT(analyzer=NAME_ANALYZER),
        byline=TEXT(analyzer=NAME_ANALYZER),
        date=ID(),
        quote=FastText(analyzer=BODY_ANALYZER),
        speaker=TEXT(analyzer=SPEAKER_ANALYZER),
    )


def whoosh_document(row: Row) -> dict[str, Any]:
    """The fields Whoosh indexes for one article; the text itself is stored in the catalog."""
    speech = [quote for quote in row.quotes if quote.speaker]
    speakers = {quote.speaker for quote in speech if quote.speaker}
    return {
        "id": row.id,
        "path": row.path,
        "title": row.title,
        "body": row.body,
        "source": row.source or "",
        "byline": " ".join(filter(None, (row.byline, row.author))),
        "date": row.date or "",
        "quote": "\n".join(quote.text for quote in row.quotes),
        "speaker": " ".join(sorted(speakers | {speaker_key(name) for name in speakers})),
    }
