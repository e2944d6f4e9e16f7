"""Reading a query: Whoosh's parser, the mistakes it would silently misread, and the indexed
words that wildcard and fuzzy terms stand for (within bounds)."""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from whoosh import fields, qparser, query

from reader.engine.expansion import FieldFuzzyTerm, fix_expansion, words_within
from reader.engine.schema import DEFAULT_FIELDS, QUERY_FIELDS, make_schema
from reader.search.personal import PERSONAL_FIELDS

__all__ = [
    "MAX_EXPANDED_WORDS",
    "MAX_PATTERN_TERMS",
    "QueryError",
    "bound_expansions",
    "closest_spelling",
    "parse_query",
]

_MAX_QUERY_CHARS = 1000
_MAX_FUZZY_DISTANCE = 2
_FIELD_PREFIX = re.compile(r"(?<![\w\"])(\w+):(?=\S)")
# Bounds that keep one query from freezing the reader (see bound_expansions).
MAX_PATTERN_TERMS = 8
MAX_EXPANDED_WORDS = 4000


class QueryError(ValueError):
    """A query that cannot be run; the message says what is wrong and how to fix it."""


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
        if match[1] not in QUERY_FIELDS and match[1] not in PERSONAL_FIELDS:
            raise QueryError(
                f"unknown field {match[1]!r}: use one of"
                f" {', '.join(QUERY_FIELDS + PERSONAL_FIELDS)}"
                ' (or put the words in "quotes")'
            )
    try:
        parsed = _parser().parse(stripped)
    except Exception as error:  # Whoosh raises assorted errors on odd input
        raise QueryError(f"cannot read the query: {error}") from None
    if parsed is query.NullQuery:
        raise QueryError("the query has no searchable words (only stop words or operators?)")
    return _clamp_fuzzy(parsed)


class _FuzzyPlugin(qparser.FuzzyTermPlugin):  # type: ignore[misc]
    class FuzzyTermNode(qparser.FuzzyTermPlugin.FuzzyTermNode):  # type: ignore[misc]
        qclass = FieldFuzzyTerm


@lru_cache(maxsize=1)
def _parser() -> qparser.QueryParser:
    schema = make_schema()
    for name in PERSONAL_FIELDS:  # the user's data: read whole, resolved before searching
        schema.add(name, fields.ID())
    parser = qparser.MultifieldParser(list(DEFAULT_FIELDS), schema)
    parser.add_plugin(_FuzzyPlugin())
    return parser


def _clamp_fuzzy(parsed: query.Query) -> query.Query:
    """Cap fuzzy distances (``term~9`` would expand to most of the lexicon)."""
    if isinstance(parsed, query.FuzzyTerm) and parsed.maxdist > _MAX_FUZZY_DISTANCE:
        parsed.maxdist = _MAX_FUZZY_DISTANCE
    for child in parsed.children():
        _clamp_fuzzy(child)
    return parsed


def bound_expansions(parsed: query.Query, reader: Any, check: Callable[[], None]) -> query.Query:
    """Refuse wildcard and fuzzy terms that stand for too many words; expand each just once.

    A leading wildcard (``*ism``) scans the whole word list, and a search over tens of
    thousands of words takes minutes in Whoosh; past a limit the query gets a clear refusal.
    ``field:*`` (Whoosh reads the postings of every word of the field) becomes "every article".
    ``check`` raises when the search has run out of time.
    """
    if any(isinstance(leaf, query.Every) for leaf in parsed.leaves()):
        parsed = parsed.accept(
            lambda node: query.Every() if isinstance(node, query.Every) else node
        )
    patterns = [leaf for leaf in parsed.leaves() if isinstance(leaf, query.MultiTerm)]
    if len(patterns) > MAX_PATTERN_TERMS * len(DEFAULT_FIELDS):
        raise QueryError(
            f"too many wildcard or fuzzy terms (at most {MAX_PATTERN_TERMS}): remove some * ? ~"
        )
    total = 0
    for leaf in patterns:
        words: list[bytes] = []
        for word in _expansion(leaf, reader, check):
            words.append(word)
            if total + len(words) > MAX_EXPANDED_WORDS:
                pattern = f"{leaf.text}*" if isinstance(leaf, query.Prefix) else leaf.text
                raise QueryError(
                    f"{pattern!r} matches more than {MAX_EXPANDED_WORDS:,} words:"
                    " make it more specific (more letters, especially before a *)"
                )
        total += len(words)
        check()
        fix_expansion(leaf, words)  # counting and highlighting would walk the word list again
    return parsed


def _expansion(leaf: Any, reader: Any, check: Callable[[], None]) -> Iterator[bytes]:
    """The words a wildcard or fuzzy term stands for. A pattern without a literal prefix is
    matched against the whole word list here (not in Whoosh) so the time limit can stop it."""
    if not isinstance(leaf, query.Wildcard | query.Regex) or _literal_prefix(leaf):
        yield from (word for _, word in leaf.expanded_terms(reader))
        return
    regex = leaf.text if isinstance(leaf, query.Regex) else fnmatch.translate(leaf.text)
    pattern = re.compile(regex)
    for number, word in enumerate(_word_list(reader, leaf.fieldname)):
        if number % 4096 == 4095:
            check()
        if pattern.match(word.decode("utf-8", "replace")):
            yield word


def _literal_prefix(leaf: query.Wildcard | query.Regex) -> str:
    """The pattern's characters before its first special one (none for a regular expression:
    telling a regex's literal prefix takes parsing it, and the parser makes none)."""
    if isinstance(leaf, query.Regex):
        return ""
    return str(re.split(r"[*?\[]", leaf.text, maxsplit=1)[0])


def _word_list(reader: Any, fieldname: str) -> Iterator[bytes]:
    return iter(reader.lexicon(fieldname))


def closest_spelling(reader: Any, word: str) -> str | None:
    """The indexed spelling Whoosh's ``suggest(limit=1, maxdist=2, prefix=1)`` would pick.

    For an index of several segments Whoosh's MultiReader would compute a Python edit
    distance to every word.
    """
    spelling = reader.schema["body"].spelling_fieldname("body")
    found: set[str] = set()
    for leaf, _ in reader.leaf_readers():
        found.update(words_within(leaf, spelling, word, 2, prefix=1))
    found.discard(word)
    if not found:
        return None
    # Whoosh's ReaderCorrector ranking: rarer-looking words last, then alphabetical.
    return min(found, key=lambda sug: (0.5 / (reader.frequency("body", sug) or 1), sug))
