"""Who a speaker name stands for: role words split off the name, the speaker's kind, and one
canonical speaker per person and per organisation across its names (`canonical_speakers`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
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
from reader.quotes.speakers.tokens import HONORIFICS, NATIONALITIES, is_role_word, split_titles

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


class NameIdentity(NamedTuple):
    """Who a raw speaker name stands for by itself, from its words alone (so one name is one
    speaker everywhere, and the catalog can keep it per name)."""

    key: str
    """The names of one speaker share it: an organisation's folded words, a person's (first
    name, surname, suffix), else the name itself."""
    kind: str
    first: str | None = None
    """A person's full name: the folded first name (a lone "John" is no one's surname when
    someone is called John)."""
    surname: str | None = None
    """A person's full name without a suffix: the folded surname a lone surname may join."""
    lone: str | None = None
    """A surname alone ("Blair"): folded, the word it joins a full name by."""


_KEY_SEPARATOR = "\x1f"


@lru_cache(maxsize=65536)
def name_identity(name: str) -> NameIdentity:
    """The identity of one raw speaker name: "Lib Dems" and "the Liberal Democrats" share
    ``organisation/liberal democrat``; "Vladimir Poutine" and "Vladimir Putin" share
    ``person/vladimir/putin/``; a description is only itself."""
    kind = kind_of_name(name)
    if name[:1].islower() and not name.startswith("the "):
        kind = ANONYMOUS  # "a Conservative Party spokesman", "one official": a description
    if kind == ORGANISATION:
        return NameIdentity(_key(ORGANISATION, organisation_key(name)), kind)
    if kind != PERSON or not _named(name):
        return NameIdentity(_key(kind, name), kind)  # "a spokesman for the LSE", "the German"
    identity = _person_identity(name)
    if identity is not None:
        first, surname, suffix = identity
        return NameIdentity(_key(PERSON, *identity), kind, first, None if suffix else surname)
    words = name_words(name)
    lone = fold_word(words[0]) if len(words) == 1 and _surname_like(words[0]) else None
    return NameIdentity(_key(PERSON, name), kind, lone=lone)


def same_speaker(one: str, other: str) -> bool:
    """Are these raw names one speaker by their words alone: one identity ("Vladimir
    Putin", "Vladimir Poutine"), or a surname alone and a full name with it ("Putin")? A
    source passing on its own words is no nested source."""
    if one == other:
        return True
    first, second = name_identity(one), name_identity(other)
    if first.key == second.key:
        return True
    return (first.lone is not None and first.lone == second.surname) or (
        second.lone is not None and second.lone == first.surname
    )


def typed_identities(words: Sequence[str]) -> list[str]:
    """The identity keys a name typed in a search can stand for ("lib dems" -> the Liberal
    Democrats'; "vladimir poutine" -> Vladimir Putin's): as an organisation, and as a person's
    full name when it has two words or more."""
    text = " ".join(words)
    keys = [_key(ORGANISATION, organisation_key(text))]
    identity = _person_identity(text)
    if identity is not None:
        keys.append(_key(PERSON, *identity))
    return keys


def _named(name: str) -> bool:
    """A name, not a description that ends in one: it starts with a capital, not "the"."""
    return name[:1].isupper() and not name.lower().startswith("the ")


def _surname_like(word: str) -> bool:
    """A word that can be a surname alone: not an acronym ("US"), a nationality ("German")
    or a role ("MPs")."""
    return not (word.isupper() or word.lower() in NATIONALITIES or is_role_word(word))


def _person_identity(name: str) -> tuple[str, str, str] | None:
    words = name_words(name)
    while len(words) > 2 and words[0].lower().rstrip(".") in HONORIFICS:
        words = words[1:]  # "Sir Ian Blair" is Ian Blair
    if len(words) < 2:
        return None
    suffix = name.split()[-1].lower().rstrip(".")
    return fold_word(words[0]), fold_word(words[-1]), suffix if suffix in NAME_SUFFIXES else ""


def _key(*parts: str) -> str:
    return _KEY_SEPARATOR.join(parts)


def group_key(identity: NameIdentity, pool: Iterable[NameIdentity]) -> str:
    """The speaker a name belongs to: its own key, or for a surname alone the key of the one
    person with that surname, when the archive has exactly one and no one with it as a first
    name. ``pool``: the full names whose first name or surname is the lone word."""
    if identity.lone is None:
        return identity.key
    people: set[str] = set()
    for other in pool:
        if other.first == identity.lone:
            return identity.key  # "John": Elton John, or John Reid
        if other.surname == identity.lone:
            people.add(other.key)
    return next(iter(people)) if len(people) == 1 else identity.key


def display_name(forms: Mapping[str, int], kind: str) -> str:
    """The name one speaker is shown by, from its raw names and their numbers of quotes.

    A person: the most common full name (a surname alone only when there is no full name).
    An organisation: the most common form without abbreviations or nicknames ("Liberal
    Democrats", not "Lib Dems"; "Conservatives", not "Tories"); a party is named without an
    article and in the plural when the articles use it ("Liberal Democrats").
    """
    if kind == ORGANISATION:
        best = max(forms.items(), key=_organisation_rank)[0]
        if not is_party(best):
            return best
        bare = best[4:] if best.lower().startswith("the ") else best
        plural = {f.lower().removeprefix("the ") for f in forms}
        return bare + "s" if (bare + "s").lower() in plural else bare  # the party, not a member
    return max(forms.items(), key=_person_rank)[0]


def _person_rank(item: tuple[str, int]) -> tuple[bool, int, bool, str]:
    name, count = item
    return len(name_words(name)) > 1, count, is_canonical_spelling(name), name


def _organisation_rank(item: tuple[str, int]) -> tuple[bool, int, bool, bool, str]:
    name, count = item
    unabridged = not any(fold_word(w) in ORGANISATION_ALIASES for w in name_words(name))
    return unabridged, count, is_canonical_spelling(name), name.endswith("s"), name


def canonical_speakers(counts: Mapping[str, int]) -> dict[str, CanonicalSpeaker]:
    """Map every raw speaker name (with its number of quotes) to one canonical speaker.

    Names meet on `name_identity`: organisations on `organisation_key`, people on (first
    name, surname, suffix) after folding ("Vladimir Poutine" joins "Vladimir Putin"); a
    surname alone joins a full name only when the archive has exactly one person with that
    surname and no one with it as a first name (Tony, Cherie and Sir Ian Blair stay three
    people, and a bare "Blair" stays itself). Descriptions ("a senior official") are never
    merged. The catalog keeps the same result name by name (``reader.quotes.speaker_names``).
    """
    identities = {raw: name_identity(raw) for raw in counts}
    pools: defaultdict[str, list[NameIdentity]] = defaultdict(list)
    for identity in identities.values():
        for word in {identity.first, identity.surname} - {None}:
            pools[str(word)].append(identity)
    groups: defaultdict[str, dict[str, int]] = defaultdict(dict)
    kinds: dict[str, str] = {}
    for raw, identity in identities.items():
        key = group_key(identity, pools.get(identity.lone or "", ()))
        groups[key][raw] = counts[raw]
        kinds[key] = identity.kind  # a surname alone joins a person: the same kind
    result: dict[str, CanonicalSpeaker] = {}
    for key, forms in groups.items():
        speaker = CanonicalSpeaker(
            display_name(forms, kinds[key]), kinds[key], tuple(sorted(forms))
        )
        for raw in forms:
            result[raw] = speaker
    return result
