"""Searching a Library: ranked hits with snippets, exact totals, "did you mean" suggestions."""

from __future__ import annotations

import contextlib
import logging
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar

from whoosh import query
from whoosh.collectors import TimeLimit, TimeLimitCollector, TopCollector

from reader.engine.damage import confirm_damage
from reader.engine.ranking import fast_rank
from reader.engine.schema import WORD_FIELDS
from reader.models import SearchHit, SearchResult
from reader.search.personal import PersonalSets, with_personal_sets
from reader.search.queries import QueryError, bound_expansions, closest_spelling, parse_query
from reader.search.snippets import Highlight, index_form
from reader.search.speaker_snippets import hit_snippets, speaker_names, with_speaker_aliases

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["QueryError", "SearchHit", "SearchResult", "matching_ids", "parse_query", "search"]

_T = TypeVar("_T")

_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})
# Most of the time one search may take (query expansion and ranking together).
SEARCH_SECONDS = 5.0

log = logging.getLogger(__name__)


def search(
    library: Library, text: str, limit: int = 20, personal: PersonalSets | None = None
) -> SearchResult:
    """Run a query in the Whoosh query language; raise QueryError when it is malformed, too
    costly, or cannot run (the index is being rebuilt, or found damaged).

    Terms about the user's data (``is:unread``, ``tag:x``) are answered by ``personal``,
    by default the user's data for the library's corpus (``reader.personal.Reading``).
    """
    return _guarded(library, text, lambda attempt: _search(library, text, limit, personal, attempt))


def matching_ids(library: Library, text: str, personal: PersonalSets | None = None) -> list[str]:
    """The ids of every article the query matches, best first, without snippets (what an
    export of a query's results needs); QueryError as ``search``."""
    return _guarded(library, text, lambda attempt: _matching_ids(library, text, personal, attempt))


def _guarded(library: Library, text: str, run: Callable[[_Attempt], _T]) -> _T:
    """``run(attempt)`` for the query ``text``, with any failure but a QueryError turned into
    one saying what happened."""
    rebuilds = library.rebuilds
    attempt = _Attempt()
    try:
        return run(attempt)
    except QueryError:
        raise
    except Exception as error:
        # A rebuild replaces the files an open searcher or catalog reads; that is not a bug
        # to show as a traceback, and the next search (after the rebuild) works.
        if library.rebuilds != rebuilds or library.is_updating():
            raise QueryError("the index is being rebuilt: search again in a moment") from None
        reason = f"{type(error).__name__}: {error}".splitlines()[0][:160]
        if isinstance(error, sqlite3.DatabaseError):  # the catalog's file
            damage: str | None = reason
        else:  # decoding Whoosh's files can raise anything: read them again to tell
            damage = confirm_damage(lambda: library.ix, attempt.parsed)
        if damage is None:
            log.warning("the search for %r failed", text, exc_info=error)
            raise QueryError(f"the search failed ({reason})") from error
        # Damage inside a file that still opens shows only when a search reads that part.
        library.mark_damaged(damage)
        raise QueryError(
            f"the index is damaged ({damage}); it is rebuilt at the next start or `reader index`"
        ) from None


@dataclass(slots=True)
class _Attempt:
    """How far a search got: the query as read (expanded), for telling damage from a bug."""

    parsed: query.Query | None = None


def _search(
    library: Library, text: str, limit: int, personal: PersonalSets | None, attempt: _Attempt
) -> SearchResult:
    started = time.perf_counter()
    deadline = time.monotonic() + SEARCH_SECONDS

    def check() -> None:
        if time.monotonic() > deadline:
            raise _too_slow()

    parsed = attempt.parsed = with_personal_sets(library, parse_query(text), personal)
    parsed = attempt.parsed = with_speaker_aliases(library, parsed)
    searcher = library.searcher()
    parsed = attempt.parsed = bound_expansions(parsed, searcher.reader(), check)
    total, found = _top_hits(searcher, parsed, max(limit, 1), deadline, check)
    found = found[:limit]
    terms = _matched_terms(parsed, searcher)
    phrases = query_phrases(parsed)
    speakers = speaker_names(parsed)
    details = library.catalog.hit_details(article_id for article_id, _ in found)
    bodies = {article_id: body for article_id, (_, _, _, body) in details.items()}
    snippets = hit_snippets(library, bodies, Highlight(terms, phrases, speakers))
    hits = []
    for article_id, score in found:
        if article_id not in details:  # deleted between the search and now
            continue
        title, source, date, _ = details[article_id]
        snippet_text, spans = snippets[article_id]
        hits.append(
            SearchHit(article_id, title, source, date, float(score), snippet_text, tuple(spans))
        )
    suggestion = _suggest(text, searcher) if total < 3 else None
    took_ms = (time.perf_counter() - started) * 1000
    return SearchResult(text, total, tuple(hits), suggestion, terms, took_ms, phrases, speakers)


def _matching_ids(
    library: Library, text: str, personal: PersonalSets | None, attempt: _Attempt
) -> list[str]:
    deadline = time.monotonic() + SEARCH_SECONDS

    def check() -> None:
        if time.monotonic() > deadline:
            raise _too_slow()

    parsed = attempt.parsed = with_personal_sets(library, parse_query(text), personal)
    parsed = attempt.parsed = with_speaker_aliases(library, parsed)
    searcher = library.searcher()
    parsed = attempt.parsed = bound_expansions(parsed, searcher.reader(), check)
    everything = max(searcher.doc_count_all(), 1)
    _, found = _top_hits(searcher, parsed, everything, deadline, check)
    return [article_id for article_id, _ in found]


def _top_hits(
    searcher: Any, parsed: query.Query, limit: int, deadline: float, check: Callable[[], None]
) -> tuple[int, list[tuple[str, float]]]:
    """The number of matching articles and the best ``limit`` as ``(id, score)``."""
    ranked = fast_rank(searcher, parsed, limit, check)
    if ranked is not None:
        stored = searcher.stored_fields
        return ranked.total, [(stored(docnum)["id"], score) for score, docnum in ranked.top]
    check()
    results = _search_in_time(searcher, parsed, limit, deadline - time.monotonic())
    return len(results), [(hit["id"], hit.score) for hit in results]


def _search_in_time(searcher: Any, parsed: query.Query, limit: int, seconds: float) -> Any:
    """``searcher.search(parsed, limit=limit)``, stopped with a QueryError after ``seconds``
    (what is left of the search's budget).

    The limit is checked between matching documents (no signals: this runs in UI threads).
    """
    # Without block skipping the collector sees every match, so the total comes with the top
    # hits; with skipping, len(results) would rebuild the query's matchers and walk every
    # match again (BBC: 40% less search time; same totals and scores).
    top = TopCollector(limit, usequality=False, replace=0)
    collector = TimeLimitCollector(top, timelimit=seconds, use_alarm=False)
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
    # A phrase's words are highlighted together, as the phrase (see ``query_phrases``).
    pairs = {
        pair for leaf in parsed.leaves() if not _is_phrase(leaf) for pair in leaf.iter_all_terms()
    }
    # The index terms wildcards and fuzzy terms stand for (what simplify() would expand them
    # to, without copying the query); a nicety: the plain terms are enough to highlight.
    reader = searcher.reader()
    with contextlib.suppress(Exception):
        for leaf in parsed.leaves():
            if isinstance(leaf, query.MultiTerm) and leaf.field() in reader.schema:
                field = reader.schema[leaf.field()]
                pairs.update((name, field.from_bytes(b)) for name, b in leaf.expanded_terms(reader))
    terms = set()
    for fieldname, value in pairs:
        if fieldname in WORD_FIELDS:
            terms.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return frozenset(terms)


def _is_phrase(leaf: query.Query) -> bool:
    return isinstance(leaf, query.Phrase) and leaf.slop == 1 and len(leaf.words) > 1


def query_phrases(parsed: query.Query) -> frozenset[tuple[str, ...]]:
    """The exact phrases of a query in text fields, as their words' index forms.

    A phrase with slop (``"a b"~3``) is not one: its words are highlighted one by one.
    """
    return frozenset(
        tuple(leaf.words)
        for leaf in parsed.leaves()
        if _is_phrase(leaf) and leaf.fieldname in WORD_FIELDS
    )


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
        suggestion = closest_spelling(reader, word.lower())
        if suggestion is None:
            return chunk
        changed = True
        return chunk.replace(word, suggestion)

    corrected = re.sub(r"\S+", replace, text)
    return corrected if changed and corrected != text else None
