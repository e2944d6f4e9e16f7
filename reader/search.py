"""Searching a Library: query parsing, ranked hits with snippets, "did you mean" suggestions."""

from __future__ import annotations

import contextlib
import os
import pickle
import re
import sqlite3
import struct
import time
import traceback
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import qparser, query
from whoosh.collectors import TimeLimit, TimeLimitCollector, TopCollector

from reader.ranking import rank
from reader.snippets import index_form, snippet

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["QueryError", "SearchHit", "SearchResult", "parse_query", "search"]

FIELDS = ("title", "body", "source", "byline", "date", "quote", "speaker")
_SEARCHED = ["title", "body", "quote"]
_TEXT_FIELDS = frozenset({"title", "body", "quote", "speaker", "source", "byline"})
_MAX_QUERY_CHARS = 1000
_MAX_FUZZY_DISTANCE = 2
_FIELD_PREFIX = re.compile(r"(?<![\w\"])(\w+):(?=\S)")
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# Bounds that keep one query from freezing the reader (see _bound_expansions).
MAX_PATTERN_TERMS = 8
MAX_EXPANDED_WORDS = 4000
SEARCH_SECONDS = 5.0


# What reading a damaged index file raises (Whoosh unpickles, inflates and unpacks its files).
_DAMAGE_ERRORS = (
    EOFError,
    OSError,
    pickle.UnpicklingError,
    sqlite3.DatabaseError,
    struct.error,
    UnicodeDecodeError,
    zlib.error,
)


class QueryError(ValueError):
    """A query that cannot be run; the message says what is wrong and how to fix it."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article with a snippet; ``snippet_spans`` mark matched terms in it."""

    id: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    suggestion: str | None
    terms: frozenset[str]
    """Indexed forms (lowercase, accent-folded, stemmed) of the matched words, for highlighting."""
    took_ms: float


def search(library: Library, text: str, limit: int = 20) -> SearchResult:
    """Run a query in the Whoosh query language; raise QueryError when it is malformed, too
    costly, or cannot run (the index is being rebuilt, or found damaged)."""
    rebuilds = library.rebuilds
    try:
        return _search(library, text, limit)
    except QueryError:
        raise
    except Exception as error:
        # A rebuild replaces the files an open searcher or catalog reads; that is not a bug
        # to show as a traceback, and the next search (after the rebuild) works.
        if library.rebuilds != rebuilds or library.is_updating():
            raise QueryError("the index is being rebuilt: search again in a moment") from None
        reason = f"{type(error).__name__}: {error}".splitlines()[0][:160]
        if not _is_damage(error):
            raise QueryError(f"the search failed ({reason})") from error
        # Damage inside a file that still opens shows only when a search reads that part.
        library.mark_damaged(reason)
        raise QueryError(
            f"the index is damaged ({reason}); it is rebuilt at the next start or `reader index`"
        ) from None


def _is_damage(error: Exception) -> bool:
    """Whether an error comes from reading a damaged index file (decoding Whoosh's files can
    raise almost any exception, so where it was raised tells more than its type)."""
    if isinstance(error, _DAMAGE_ERRORS):
        return True
    readers = (f"whoosh{os.sep}filedb{os.sep}", f"whoosh{os.sep}codec{os.sep}")
    frames = traceback.extract_tb(error.__traceback__)
    return any(part in frame.filename for frame in frames for part in readers)


def _search(library: Library, text: str, limit: int) -> SearchResult:
    started = time.perf_counter()
    parsed = parse_query(text)
    searcher = library.searcher()
    parsed = _bound_expansions(parsed, searcher.reader())
    total, found = _top_hits(searcher, parsed, max(limit, 1))
    found = found[:limit]
    terms = _matched_terms(parsed, searcher)
    details = library.catalog.hit_details(article_id for article_id, _ in found)
    hits = []
    for article_id, score in found:
        if article_id not in details:  # deleted between the search and now
            continue
        title, source, date, body = details[article_id]
        snippet_text, spans = snippet(body, terms)
        hits.append(
            SearchHit(article_id, title, source, date, float(score), snippet_text, tuple(spans))
        )
    suggestion = _suggest(text, searcher) if total < 3 else None
    took_ms = (time.perf_counter() - started) * 1000
    return SearchResult(text, total, tuple(hits), suggestion, terms, took_ms)


def parse_query(text: str) -> query.Query:
    """Parse a query string, checking what Whoosh would silently misread."""
    stripped = text.strip()
    if not stripped:
        raise QueryError("empty query: type words to search for")
    if len(stripped) > _MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(stripped)} characters; at most {_MAX_QUERY_CHARS})")
    if stripped.count('"') % 2:
        raise QueryError('unbalanced quote mark: close the phrase with " or remove it')
    depth = 0
    for char in stripped:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if depth < 0:
            raise QueryError("unbalanced parentheses: a ')' has no matching '('")
    if depth:
        raise QueryError("unbalanced parentheses: add the missing ')'")
    for match in _FIELD_PREFIX.finditer(stripped):
        if match[1] not in FIELDS:
            raise QueryError(
                f"unknown field {match[1]!r}: use one of {', '.join(FIELDS)}"
                ' (or put the words in "quotes")'
            )
    try:
        parsed = _parser().parse(stripped)
    except Exception as error:  # Whoosh raises assorted errors on odd input
        raise QueryError(f"cannot read the query: {error}") from None
    if parsed is query.NullQuery:
        raise QueryError("the query has no searchable words (only stop words or operators?)")
    return _clamp_fuzzy(parsed)


class _FieldFuzzyTerm(query.FuzzyTerm):  # type: ignore[misc]
    """A fuzzy term matched against the field's own (stemmed) terms.

    Whoosh matches fuzzy terms against a field's spelling words when it has them; those are
    unstemmed, so they would never match the stemmed postings of ``body``.
    """

    def _btexts(self, ixreader: Any) -> list[bytes]:
        found: set[str] = set()
        for leaf, _ in ixreader.leaf_readers():
            found.update(self._leaf_terms(leaf))
        return [term.encode("utf-8") for term in sorted(found)]

    def _leaf_terms(self, leaf: Any) -> list[str]:
        # Searching, counting the hits and finding the terms to highlight each expand the
        # term; the lexicon walk is most of a fuzzy query's time, so it runs once per segment.
        cache: dict[int, list[str]] = self.__dict__.setdefault("_expansions", {})
        key = id(leaf)
        if key not in cache:
            cache[key] = _terms_within(
                leaf, self.fieldname, self.text, self.maxdist, self.prefixlength
            )
        return cache[key]


def _terms_within(leaf: Any, fieldname: str, text: str, maxdist: int, prefix: int) -> list[str]:
    """Words of a segment's field within ``maxdist`` Levenshtein edits of ``text`` that share
    its first ``prefix`` characters: what Whoosh's automaton finds, computed by rapidfuzz.

    Whoosh walks the on-disk word list with a DFA in pure Python (tens of ms per field); the
    segment's words with that first letter are read once into memory and kept with the
    segment reader, which the thread's searcher reuses across queries.
    """
    lexicons: dict[tuple[str, str], list[str]] = leaf.__dict__.setdefault("_reader_lexicons", {})
    initial = text[:1] if prefix else ""
    candidates = lexicons.get((fieldname, initial))
    if candidates is None and not initial and (fieldname, "?") not in lexicons:
        # A whole word list takes ~0.5 s to load: the first query of a reader walks it with
        # Whoosh's automaton instead, and only a second one pays for the list.
        lexicons[(fieldname, "?")] = []
        codec = getattr(leaf, "_codec", None)  # an empty index has no codec and no words
        if codec is None:
            return []
        automata = codec.automata(leaf._storage, leaf._segment)
        return list(automata.terms_within(leaf.cursor(fieldname), text, maxdist, prefix))
    if candidates is None:
        # Only the words sharing the first letter: loading a whole word list (tens of
        # thousands of words) would cost the first fuzzy query after opening ~0.5 s.
        terms = leaf.expand_prefix(fieldname, initial) if initial else leaf.lexicon(fieldname)
        candidates = [term.decode("utf-8") if isinstance(term, bytes) else str(term)
                      for term in terms]  # fmt: skip
        lexicons[(fieldname, initial)] = candidates
    found = process.extract(
        text, candidates, scorer=Levenshtein.distance, score_cutoff=maxdist, limit=None
    )
    return [word for word, _, _ in found if word.startswith(text[:prefix])]


class _FuzzyPlugin(qparser.FuzzyTermPlugin):  # type: ignore[misc]
    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
        qclass = _FieldFuzzyTerm


@lru_cache(maxsize=1)
def _parser() -> qparser.QueryParser:
    from reader.schema import make_schema

    parser = qparser.MultifieldParser(_SEARCHED, make_schema())
    parser.add_plugin(_FuzzyPlugin())
    return parser


def _clamp_fuzzy(parsed: query.Query) -> query.Query:
    """Cap fuzzy distances (``term~9`` would expand to most of the lexicon)."""
    if isinstance(parsed, query.FuzzyTerm) and parsed.maxdist > _MAX_FUZZY_DISTANCE:
        parsed.maxdist = _MAX_FUZZY_DISTANCE
    for child in parsed.children():
        _clamp_fuzzy(child)
    return parsed


def _bound_expansions(parsed: query.Query, reader: Any) -> query.Query:
    """Refuse wildcard and fuzzy terms that stand for too many words; expand each just once.

    A leading wildcard (``*ism``) scans the whole word list, and a search over tens of
    thousands of words takes minutes in Whoosh; past a limit the query gets a clear refusal.
    ``field:*`` (Whoosh reads the postings of every word of the field) becomes "every article".
    """
    if any(isinstance(leaf, query.Every) for leaf in parsed.leaves()):
        parsed = parsed.accept(
            lambda node: query.Every() if isinstance(node, query.Every) else node
        )
    patterns = [leaf for leaf in parsed.leaves() if isinstance(leaf, query.MultiTerm)]
    if len(patterns) > MAX_PATTERN_TERMS * len(_SEARCHED):
        raise QueryError(
            f"too many wildcard or fuzzy terms (at most {MAX_PATTERN_TERMS}): remove some * ? ~"
        )
    deadline = time.monotonic() + SEARCH_SECONDS
    total = 0
    for leaf in patterns:
        words: list[bytes] = []
        for word in _expansion(leaf, reader, deadline):
            words.append(word)
            if total + len(words) > MAX_EXPANDED_WORDS:
                pattern = f"{leaf.text}*" if isinstance(leaf, query.Prefix) else leaf.text
                raise QueryError(
                    f"{pattern!r} matches more than {MAX_EXPANDED_WORDS:,} words:"
                    " make it more specific (more letters, especially before a *)"
                )
        total += len(words)
        if time.monotonic() > deadline:
            raise _too_slow()
        # Counting, searching and highlighting would each walk the word list again.
        setattr(leaf, "_btexts", lambda _reader, found=tuple(words): found)  # noqa: B010
    return parsed


def _expansion(leaf: Any, reader: Any, deadline: float) -> Iterator[bytes]:
    """The words a wildcard or fuzzy term stands for. A pattern without a literal prefix is
    matched against the whole word list here (not in Whoosh) so the time limit can stop it."""
    if not isinstance(leaf, query.Wildcard | query.Regex) or leaf._find_prefix(leaf.text):
        yield from leaf._btexts(reader)
        return
    pattern = re.compile(leaf._get_pattern())
    for number, word in enumerate(_word_list(reader, leaf.fieldname)):
        if number % 4096 == 4095 and time.monotonic() > deadline:
            raise _too_slow()
        if pattern.match(word.decode("utf-8", "replace")):
            yield word


def _word_list(reader: Any, fieldname: str) -> Iterator[bytes]:
    return iter(reader.lexicon(fieldname))


def _top_hits(
    searcher: Any, parsed: query.Query, limit: int
) -> tuple[int, list[tuple[str, float]]]:
    """The number of matching articles and the best ``limit`` as ``(id, score)``."""
    deadline = time.monotonic() + SEARCH_SECONDS

    def check() -> None:
        if time.monotonic() > deadline:
            raise _too_slow()

    ranked = rank(searcher, parsed, limit, check)
    if ranked is not None:
        stored = searcher.stored_fields
        return ranked.total, [(stored(docnum)["id"], score) for score, docnum in ranked.top]
    results = _search_in_time(searcher, parsed, limit)
    return len(results), [(hit["id"], hit.score) for hit in results]


def _search_in_time(searcher: Any, parsed: query.Query, limit: int) -> Any:
    """``searcher.search(parsed, limit=limit)``, stopped with a QueryError after a time limit.

    The limit is checked between matching documents (no signals: this runs in UI threads).
    """
    # Without block skipping the collector sees every match, so the total comes with the top
    # hits; with skipping, len(results) would rebuild the query's matchers and walk every
    # match again (BBC: 40% less search time; same totals and scores).
    top = TopCollector(limit, usequality=False, replace=0)
    collector = TimeLimitCollector(top, timelimit=SEARCH_SECONDS, use_alarm=False)
    try:
        searcher.search_with_collector(parsed, collector)
    except TimeLimit:
        raise _too_slow() from None
    finally:
        collector.finish()
    return collector.results()


def _too_slow() -> QueryError:
    return QueryError(
        f"the search took longer than {SEARCH_SECONDS:g} s and was stopped:"
        " make the query more specific (fewer wildcards, more letters)"
    )


def _matched_terms(parsed: query.Query, searcher: Any) -> frozenset[str]:
    """Index forms of the words the query matched in text fields (wildcards expanded)."""
    pairs = set(parsed.iter_all_terms())
    # The index terms wildcards and fuzzy terms stand for (what simplify() would expand them
    # to, without copying the query); a nicety: the plain terms are enough to highlight.
    reader = searcher.reader()
    with contextlib.suppress(Exception):
        for leaf in parsed.leaves():
            if isinstance(leaf, query.MultiTerm) and leaf.field() in reader.schema:
                field = reader.schema[leaf.field()]
                pairs.update((leaf.field(), field.from_bytes(b)) for b in leaf._btexts(reader))
    terms = set()
    for fieldname, value in pairs:
        if fieldname in _TEXT_FIELDS:
            terms.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return frozenset(terms)


def _suggest(text: str, searcher: Any) -> str | None:
    """The query with unknown plain words replaced by their closest indexed spelling.

    Only bare words are corrected: field values, wildcards, fuzzy terms and operators stay.
    """
    reader = searcher.reader()
    changed = False

    def replace(match: re.Match[str]) -> str:
        nonlocal changed
        chunk = match[0]
        word = chunk.strip('"()')
        if not (word.isalpha() and len(word) >= 3) or word in _OPERATORS:
            return chunk
        if reader.doc_frequency("body", index_form(word)) > 0:
            return chunk
        suggestion = _closest_spelling(reader, word.lower())
        if suggestion is None:
            return chunk
        changed = True
        return chunk.replace(word, suggestion)

    corrected = re.sub(r"\S+", replace, text)
    return corrected if changed and corrected != text else None


def _closest_spelling(reader: Any, word: str) -> str | None:
    """The indexed spelling Whoosh's ``suggest(limit=1, maxdist=2, prefix=1)`` would pick.

    For an index of several segments Whoosh's MultiReader would compute a Python edit
    distance to every word.
    """
    spelling = reader.schema["body"].spelling_fieldname("body")
    found: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        found.update(_terms_within(leaf, spelling, word, 2, prefix=1))
    found.discard(word)
    if not found:
        return None
    # Whoosh's ReaderCorrector ranking: rarer-looking words last, then alphabetical.
    return min(found, key=lambda sug: (0.5 / (reader.frequency("body", sug) or 1), sug))
