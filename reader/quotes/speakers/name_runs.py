"""The capitalised runs of an article's text that may name someone: the name, the titles
and roles written before it ("presidential candidate Donald Trump", "Labour MP Jane Doe"),
and headings told apart from names ("Division Over Iran", "FULL TEXT")."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from reader.quotes.speakers.identity import role_phrases
from reader.quotes.speakers.names import is_organisation
from reader.quotes.speakers.phrases import strip_possessive, undot
from reader.quotes.speakers.tokens import TITLE_WORDS, Token, is_place, name_run, split_titles

# Words that headings capitalise and names do not: "Good Relationship With David Cameron".
_HEADING_WORDS = frozenset(
    str.split("on over with to for in at from by is are about after against into calls says")
)


def looks_like_heading(words: list[str]) -> bool:
    """A capitalised run that is a heading, not a name: "On Trump", "RED STATES AHEAD"."""
    capitals = [w for w in words if w[:1].isalpha() and w.isupper() and len(w) > 1 and "." not in w]
    if len(capitals) >= 2:
        return True  # "ROLL TIDE Alabama"; one acronym is a name's ("ACLU Director X")
    return any(w[:1].isupper() and w.lower() in _HEADING_WORDS for w in words)


class NameRun(NamedTuple):
    """A capitalised run of the text: where it starts, the name, its titles."""

    start: int
    first: int  # index of the run's first token
    name: list[str]
    titles: frozenset[str]
    possessive: bool
    place_or_organisation: bool
    roles: tuple[str, ...]


@lru_cache(maxsize=65536)
def _run_words(
    texts: tuple[str, ...],
) -> tuple[tuple[str, ...], frozenset[str], bool, bool, tuple[str, ...], bool]:
    """What a run's words give, whatever surrounds them: the name, the lower-cased titles
    before it, whether it ends in a possessive, whether it names a place or organisation,
    and the titles as role phrases ("Labour MP")."""
    words = list(texts)
    last = strip_possessive(words[-1])
    possessive = last != words[-1]
    words[-1] = last
    titles, name = split_titles([undot(w) for w in words])
    skip = is_place(name) or is_organisation(name)
    lowered = frozenset(w.lower() for w in titles)
    heading = looks_like_heading(name)  # "FULL TEXT", "Division Over Iran": no one
    return tuple(name), lowered, possessive, skip, role_phrases(titles), heading


def name_runs(tokens: list[Token]) -> list[NameRun]:
    """The capitalised runs of these tokens that may be names (not headings), in order, each
    with the titles and roles the text gives it."""
    runs: list[NameRun] = []
    i = len(tokens) - 1
    while i >= 0:
        if not (tokens[i].capital and tokens[i].is_word):
            i -= 1  # name_run's own first test, without the call
            continue
        span = name_run(tokens, i)
        if span is None:
            i -= 1
            continue
        run = _run_of(tokens, span[0], span[1])
        if run is not None:
            runs.append(run)
        i = span[0] - 1
    runs.reverse()
    return runs


def _run_of(tokens: list[Token], first: int, last: int) -> NameRun | None:
    """The run tokens[first:last + 1] with the lower-case titles before it; None for a
    heading."""
    name, titles, possessive, skip, roles, heading = _run_words(
        tuple(t.text for t in tokens[first : last + 1])
    )
    if heading:
        return None
    lower = _lower_titles(tokens, first)
    if lower:
        joined = " ".join(lower) + (" " + roles[-1] if roles else "")
        roles = (*roles[:-1], joined) if roles else (joined,)
    titles_found = titles | {w for w in lower if w != "and"}
    start = tokens[first].start
    return NameRun(start, first, list(name), titles_found, possessive, skip, roles)


_LOWER_TITLE_WORDS = frozenset(TITLE_WORDS | {"us", "russian"})


def _lower_titles(tokens: list[Token], first: int) -> list[str]:
    """Lower-case title words just before a name ("presidential candidate Donald Trump",
    "chairman and chief executive Richard Parsons"), in text order."""
    found: list[str] = []
    i = first - 1
    while i >= 0 and first - i <= 5:
        word = tokens[i].lower
        joins = word == "and" and found and i and tokens[i - 1].lower in _LOWER_TITLE_WORDS
        if word not in _LOWER_TITLE_WORDS and not joins:
            break
        found.append(tokens[i].text)
        i -= 1
    return found[::-1]
