"""The Whoosh schema: its fields, the field lists queries use, writer sessions, documents."""

from __future__ import annotations

import operator
from collections.abc import Iterator
from dataclasses import dataclass, field
from pickle import dumps
from typing import TYPE_CHECKING, Any

from whoosh.fields import ID, STORED, TEXT, Schema
from whoosh.formats import Positions
from whoosh.system import pack_uint

# NameFoldFilter is imported for the schemas pickled in indexes written before the analyzers
# had their own module: they name it reader.engine.schema.NameFoldFilter.
from reader.engine.analysis import (
    BODY_ANALYZER,
    NAME_ANALYZER,
    SPEAKER_ANALYZER,
    FoldedStemAnalyzer,
    NameFoldFilter,  # noqa: F401
)
from reader.engine.fast_paths import fast_paths_enabled, log_fallback
from reader.quotes.speakers.names import speaker_key

if TYPE_CHECKING:
    from reader.index.rows import Row

__all__ = [
    "BODY_ANALYZER",
    "DEFAULT_FIELDS",
    "QUERY_FIELDS",
    "SCHEMA_VERSION",
    "WORD_FIELDS",
    "begin_writing",
    "make_schema",
    "whoosh_document",
]

# Bump whenever the schema, the analyzers or what is indexed changes: old indexes rebuild.
SCHEMA_VERSION = 7

# The fields a query may name, in the order a message lists them (the schema's indexed fields
# but the article id; tests/test_search.py checks them against make_schema()).
QUERY_FIELDS = ("title", "body", "source", "byline", "date", "quote", "speaker")
# The fields a word without a field prefix searches.
DEFAULT_FIELDS = ("title", "body", "quote")
# The fields whose matched words are shown highlighted (all but the date are words).
WORD_FIELDS = frozenset(QUERY_FIELDS) - {"date"}


@dataclass(slots=True)
class _WriterSession:
    """What a text field remembers while one writer indexes articles (see FastText)."""

    fast: bool = field(default_factory=fast_paths_enabled)
    # Words of a spelling field already given to this writer (see SpelledText).
    spelled: set[str] = field(default_factory=set)
    # The last value the field indexed and its folded words, for spellable_words.
    last_folded: tuple[str, set[str]] | None = None
    # Encoded position lists of one position (most terms occur once in an article).
    one_position: dict[int, bytes] = field(default_factory=dict)


def begin_writing(schema: Schema) -> None:
    """Start a writer session on the field objects of a writer's schema: every spelling word
    is offered again once, and whether the fast paths run is decided for the session."""
    for name in schema.names():
        fieldobj = schema[name]
        if isinstance(fieldobj, FastText):
            fieldobj.session = _WriterSession()


def _encode(positions: list[int], one_position: dict[int, bytes]) -> bytes:
    """``Positions.encode``: the count, then the pickled gaps between positions."""
    if len(positions) == 1:
        known = one_position.get(positions[0])
        if known is None:
            if len(one_position) > 100_000:
                one_position.clear()
            known = pack_uint(1) + dumps(positions, 2)
            one_position[positions[0]] = known
        return known
    gaps = [positions[0], *map(operator.sub, positions[1:], positions[:-1])]
    encoded: bytes = pack_uint(len(gaps)) + dumps(gaps, 2)
    return encoded


class FastText(TEXT):  # type: ignore[misc]
    """TEXT indexed by ``FoldedStemAnalyzer.postings``: the same terms, positions, weights
    and encoded values as ``TEXT.index``, without a Token object per word (indexing's
    analysis was the largest part of adding a document).

    The values are encoded as whoosh3 3.54.0's ``Positions.encode`` writes them, so with the
    fast paths off (another Whoosh version) ``TEXT.index`` does the work. The writer session
    lives on the field object: each writer unpickles its own schema from the index (and
    ``begin_writing`` starts a session anyway), and it is never pickled with the schema.
    """

    session: _WriterSession | None = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state.pop("session", None)
        return state

    def _session(self) -> _WriterSession:
        if self.session is None:
            self.session = _WriterSession()
        return self.session

    def index(self, value: Any, **kwargs: Any) -> Iterator[tuple[bytes, int, float, bytes]]:
        analyzer = self.analyzer
        fmt = self.format
        session = self._session()
        if (
            kwargs
            or not session.fast
            or not isinstance(value, str)
            or not isinstance(analyzer, FoldedStemAnalyzer)
            or type(fmt) is not Positions
        ):
            yield from super().index(value, **kwargs)
            return
        try:
            positions, folded = analyzer.postings(value)
        except Exception as error:  # nothing yielded yet: Whoosh's own analysis takes over
            log_fallback("indexing a text field in one pass", error)
            yield from super().index(value, **kwargs)
            return
        session.last_folded = (value, folded)
        boost = fmt.field_boost
        one_position = session.one_position
        for term, found in positions.items():
            encoded = _encode(found, one_position)
            yield term.encode("utf-8"), len(found), float(len(found)) * boost, encoded

    def _folded_words(self, value: Any) -> Iterator[str]:
        """``TEXT.spellable_words``: the sorted folded words, reusing ``index``'s pass."""
        last = self._session().last_folded
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
        seen = self._session().spelled
        fresh = [word for word in self._folded_words(value) if word not in seen]
        seen.update(fresh)
        return iter(fresh)


def make_schema() -> Schema:
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        # Only the body's words are offered as spellings (search's suggestions read them).
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
    # who said it and the source it came through: speaker:sanders finds “...,” Sanders
    # said, according to CNN
    speakers = {name for quote in row.quotes for name in quote.said_by}
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
