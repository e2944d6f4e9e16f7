"""Who a speaker name stands for: role words split off the name, the speaker's kind, and one
canonical speaker per person and per organisation across its names (`canonical_speakers`)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from reader.quotes.speakers.names import (
    NAME_SUFFIXES,
    fold_word,
    is_canonical_spelling,
    is_organisation,
    name_words,
)
from reader.quotes.speakers.tokens import HONORIFICS, is_role_word, split_titles

# Spellings of one organisation: abbreviations and nicknames fold to the full word.
ORGANISATION_ALIASES = {
    "lib": "liberal", "dem": "democrat", "dems": "democrat", "tory": "conservative",
    "tories": "conservative", "gop": "republican", "govt": "government",
}  # fmt: skip
_PARTY_HEADS = frozenset(["democrat", "republican", "conservative", "labour", "liberal", "green"])
ANONYMOUS = "anonymous"
PERSON = "person"
ORGANISATION = "organisation"


def split_roles(words: list[str]) -> tuple[tuple[str, ...], list[str]]:
    """Role phrases before a name and the name: "Lib Dem Sir Archy Kirkwood" -> (("Lib Dem",),
    ["Archy", "Kirkwood"]); honorifics (Sir, Mrs) are dropped, never roles."""
    titles, name = split_titles(words)
    return role_phrases(titles), name


def role_phrases(titles: Iterable[str]) -> tuple[str, ...]:
    """Title words grouped into role phrases, honorifics left out: ["Labour", "MP"] ->
    ("Labour MP",); ["Lib", "Dem", "Sir"] -> ("Lib Dem",)."""
    roles: list[str] = []
    current: list[str] = []
    for word in titles:
        if word.lower().rstrip(".") in HONORIFICS:
            if current:
                roles.append(" ".join(current))
            current = []
        else:
            current.append(word)
    if current:
        roles.append(" ".join(current))
    return tuple(roles)


@lru_cache(maxsize=65536)
def organisation_key(name: str) -> str:
    """One key for an organisation's names: "the Liberal Democrats", "Lib Dems" and
    "Liberal Democrat" -> "liberal democrat"."""
    words = [fold_word(w) for w in name_words(name)]
    folded = [ORGANISATION_ALIASES.get(w, w) for w in words]
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                    for w in folded)  # fmt: skip


def is_party(name: str) -> bool:
    """ "Labour", "the Lib Dems", "Republicans": a party speaking as a body."""
    words = organisation_key(name).split()
    return (
        bool(words)
        and words[-1] in _PARTY_HEADS
        and all(w in _PARTY_HEADS or is_role_word(w) for w in words)
    )


def kind_of_name(name: str) -> str:
    """The kind of a resolved speaker name, without context: an organisation by its words
    (House, Ministry, party names), an unnamed description by its lower-case head, else a
    person."""
    words = name_words(name)
    if not words:
        return ""
    if is_organisation(words) or is_party(name):
        return ORGANISATION
    if not words[-1][:1].isupper():
        return ANONYMOUS
    return PERSON


class Speaker(NamedTuple):
    """Who speaks one quote: the name or description, its kind, the roles the article gives."""

    name: str
    kind: str
    roles: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CanonicalSpeaker:
    """One speaker across the archive: display name, kind and every raw name it covers."""

    name: str
    kind: str
    aliases: tuple[str, ...]


def _person_identity(name: str) -> tuple[str, str, str] | None:
    words = name_words(name)
    if len(words) < 2:
        return None
    suffix = name.split()[-1].lower().rstrip(".")
    return fold_word(words[0]), fold_word(words[-1]), suffix if suffix in NAME_SUFFIXES else ""


def _best(forms: Counter[str], full: bool = False) -> str:
    """The most common form (a full form first for organisations: no abbreviation)."""

    def rank(item: tuple[str, int]) -> tuple[bool, int, bool, bool, str]:
        name, count = item
        unabridged = not any(
            fold_word(w) in ORGANISATION_ALIASES and fold_word(w) not in {"tory", "tories"}
            for w in name_words(name)
        )
        plural = name.endswith("s")
        return (unabridged if full else True, count, is_canonical_spelling(name), plural, name)

    best = max(forms.items(), key=rank)[0]
    if not full:
        return best
    bare = best[4:] if best.lower().startswith("the ") else best
    plural = {f.lower().removeprefix("the ") for f in forms}
    return bare + "s" if (bare + "s").lower() in plural else bare  # the party, not a member


def canonical_speakers(
    counts: Mapping[str, int], kinds: Mapping[str, str] | None = None
) -> dict[str, CanonicalSpeaker]:
    """Map every raw speaker name (with its number of quotes) to one canonical speaker.

    Organisations meet on `organisation_key` and show their most common unabbreviated form;
    people meet on (first name, surname, suffix) after folding ("Vladimir Poutine" joins
    "Vladimir Putin"); a bare surname joins a full name only when the archive has exactly one
    person with that surname (Tony, Cherie and Sir Ian Blair stay three people, and a bare
    "Blair" stays itself). Descriptions ("a senior official") are never merged.
    """
    kinds = kinds or {}
    groups: defaultdict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    group_of: dict[str, tuple[str, ...]] = {}
    surnames: defaultdict[str, set[tuple[str, ...]]] = defaultdict(set)
    for raw, count in counts.items():
        kind = kinds.get(raw) or kind_of_name(raw)
        identity = _person_identity(raw) if kind == PERSON else None
        if kind == ORGANISATION:
            key: tuple[str, ...] = (ORGANISATION, organisation_key(raw))
        elif identity is not None:
            key = (PERSON, *identity)
            if not identity[2]:
                surnames[identity[1]].add(key)
        else:
            key = (kind, raw)
        groups[key][raw] += count
        group_of[raw] = key
    for raw, key in list(group_of.items()):
        words = name_words(raw)
        if key[0] == PERSON and len(key) == 2 and len(words) == 1:
            full = surnames.get(fold_word(words[0]), set())
            if len(full) == 1:
                (target,) = full
                groups[target][raw] += groups.pop(key, Counter()).get(raw, 0)
                group_of[raw] = target
    result: dict[str, CanonicalSpeaker] = {}
    for key, forms in groups.items():
        is_org = key[0] == ORGANISATION
        display = _best(forms, full=is_org)
        speaker = CanonicalSpeaker(display, key[0], tuple(sorted(forms)))
        for raw in forms:
            result[raw] = speaker
    return result
