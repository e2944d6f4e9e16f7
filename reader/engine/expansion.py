"""The words wildcard and fuzzy terms stand for: fuzzy terms matched against a field's own
(stemmed) words, within an edit distance computed by rapidfuzz, and expansions fixed once per
search so that counting, ranking and highlighting do not walk the word list again."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from weakref import WeakKeyDictionary

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh import query
from whoosh.reading import SegmentReader

from reader.engine.fast_paths import fast_paths_enabled, log_fallback

__all__ = ["FieldFuzzyTerm", "fix_expansion", "words_within"]

# Each segment reader's words by (field, first letter): the thread's searcher keeps its
# segment readers across queries, so the words are read once per segment.
_LEXICONS: WeakKeyDictionary[Any, dict[tuple[str, str], list[str]]] = WeakKeyDictionary()
_ALL_WORDS_ASKED = "?"  # marks a field whose whole word list was asked for once


class FieldFuzzyTerm(query.FuzzyTerm):  # type: ignore[misc]
    """A fuzzy term matched against the field's own (stemmed) terms.

    Whoosh matches fuzzy terms against a field's spelling words when it has them; those are
    unstemmed, so they would never match the stemmed postings of ``body``. ``_btexts`` is
    the hook Whoosh's MultiTerm calls for a term's expansion.
    """

    def _btexts(self, ixreader: Any) -> list[bytes]:
        found: set[str] = set()
        for leaf, _ in ixreader.leaf_readers():
            found.update(self._leaf_terms(leaf))
        return [term.encode("utf-8") for term in sorted(found)]

    def _leaf_terms(self, leaf: Any) -> list[str]:
        # Searching, counting the hits and finding the terms to highlight each expand the
        # term; the lexicon walk is most of a fuzzy query's time, so it runs once per segment.
        cache: WeakKeyDictionary[Any, list[str]] = self.__dict__.setdefault(
            "_expansions", WeakKeyDictionary()
        )
        words = cache.get(leaf)
        if words is None:
            words = words_within(leaf, self.fieldname, self.text, self.maxdist, self.prefixlength)
            cache[leaf] = words
        return words


def fix_expansion(term: query.MultiTerm, words: Iterable[bytes]) -> None:
    """Make a wildcard or fuzzy ``term`` stand for ``words`` from now on, whatever reader it
    is asked with (a search expands it once; Whoosh would walk the word list each time)."""
    fixed = tuple(words)
    setattr(term, "_btexts", lambda _reader: fixed)  # noqa: B010 (Whoosh's expansion hook)


def words_within(leaf: Any, fieldname: str, text: str, maxdist: int, prefix: int) -> list[str]:
    """Words of a segment's field within ``maxdist`` Levenshtein edits of ``text`` that share
    its first ``prefix`` characters: what Whoosh's automaton finds, computed by rapidfuzz.

    Whoosh walks the on-disk word list with a DFA in pure Python (tens of ms per field); the
    segment's words with that first letter are read once into memory and kept with the
    segment reader, which the thread's searcher reuses across queries.
    """
    lexicons = _LEXICONS.get(leaf)
    if lexicons is None:
        lexicons = _LEXICONS[leaf] = {}
    initial = text[:1] if prefix else ""
    candidates = lexicons.get((fieldname, initial))
    if candidates is None and not initial and (fieldname, _ALL_WORDS_ASKED) not in lexicons:
        # A whole word list takes ~0.5 s to load: the first query of a reader walks it with
        # Whoosh's automaton instead, and only a second one pays for the list.
        lexicons[(fieldname, _ALL_WORDS_ASKED)] = []
        walked = _automaton_walk(leaf, fieldname, text, maxdist, prefix)
        if walked is not None:
            return walked
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


def _automaton_walk(
    leaf: Any, fieldname: str, text: str, maxdist: int, prefix: int
) -> list[str] | None:
    """The words Whoosh's automaton finds in the field itself (its public ``terms_within``
    reads the spelling field instead); None when the fast paths are off or it failed."""
    if not fast_paths_enabled() or type(leaf) is not SegmentReader:  # (an empty index)
        return None
    try:
        automata = leaf._codec.automata(leaf._storage, leaf._segment)
        return list(automata.terms_within(leaf.cursor(fieldname), text, maxdist, prefix))
    except Exception as error:
        log_fallback("reading a fuzzy term's words with Whoosh's automaton", error)
        return None
