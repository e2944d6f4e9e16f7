"""The subject standing before a reporting verb, read leftwards: "Jane Doe of Ohio said",
"The Shadow Secretary of State, Theresa May, said", "a spokesperson from the X said"."""

from __future__ import annotations

from dataclasses import replace

from reader.quotes.speakers.heads import speaker_noun
from reader.quotes.speakers.names import ORGANISATION_WORDS
from reader.quotes.speakers.phrase_words import (
    DETERMINERS,
    FUNCTION_WORDS,
    HEAD_NOUNS,
    INDEFINITE,
    PREPOSITIONS,
    SKIPPABLE,
    TAIL_OPENERS,
    is_verb,
)
from reader.quotes.speakers.phrases import Phrase, make_phrase, strip_possessive
from reader.quotes.speakers.tokens import (
    NOT_NAMES,
    PRONOUNS,
    TITLE_WORDS,
    Token,
    is_place,
    name_run,
)


def phrase_left(tokens: list[Token], verb: int, objects: bool = False) -> Phrase | None:
    """The subject right before a reporting verb, skipping adverbs and an appositive; the
    object of a preposition is skipped too unless `objects` ("with Gorka noting")."""
    i, apposed = _subject_end(tokens, verb - 1)
    if apposed is not None:
        return apposed  # "The Shadow Secretary of State ..., Theresa May, said"
    if i < 0:
        return None
    if tokens[i].lower in PRONOUNS:
        return Phrase("pronoun", (tokens[i].lower,), tokens[i].start)
    if strip_possessive(tokens[i].text) != tokens[i].text:
        return None
    run = name_run(tokens, i)
    if run is not None:
        return _name_subject(tokens, run[0], i, objects)
    phrase = _role_left(tokens, i)
    if phrase is not None:
        first = next(j for j in range(i, -1, -1) if tokens[j].start == phrase.pos)
        if not objects and _after_preposition(tokens, first):
            return phrase_left(tokens, first - 1)  # "Trump in his announcement speech called"
    return phrase


def _subject_end(tokens: list[Token], i: int) -> tuple[int, Phrase | None]:
    """Walk left from tokens[i] over adverbs, a parenthesis and an appositive to the last
    word of the subject: (its index, or the name in apposition when one stands there)."""
    while i >= 0 and (
        tokens[i].lower in SKIPPABLE or tokens[i].lower.endswith("ly") or tokens[i].text in ",)"
    ):
        if tokens[i].text == ")":
            i = next((j for j in range(i, max(-1, i - 8), -1) if tokens[j].text == "("), i)
        elif tokens[i].text == "," and not (i and tokens[i - 1].text == ")"):
            comma = appositive_start(tokens, i)
            named = _apposed(tokens[comma + 1 : i]) if comma < i else None
            if named is not None and comma > 0:
                return i, named
            i = comma
        i -= 1
    return i, None


def _name_subject(tokens: list[Token], first: int, last: int, objects: bool) -> Phrase | None:
    """The name run tokens[first:last + 1] before the verb, or the member of it described
    before it; the object of a preposition passes to the subject before it."""
    described = _described_member(tokens, first, last)
    if described is not None:
        return described  # "a spokesperson from the Kontra-Kulture Halle said"
    definite = first > 0 and tokens[first - 1].lower in DETERMINERS
    if not objects and _after_preposition(tokens, first - definite):
        return phrase_left(tokens, first - definite - 1)  # "Jane Doe of Ohio said"
    words = [t.text for t in tokens[first : last + 1]]
    return make_phrase(words, tokens[first].start, definite)


def _after_preposition(tokens: list[Token], first: int) -> bool:
    """Does a preposition stand right before tokens[first]? Then the phrase is its object,
    not the subject ("who has in the past described", "the chairman of the board said")."""
    if first < 1 or tokens[first - 1].lower not in PREPOSITIONS:
        return False
    before = tokens[first - 2] if first > 1 else None
    # "Secretary of State X", "the Council on Foreign Relations": a title or a body's name
    titled = before is not None and before.capital and before.lower.rstrip(".") in HEAD_NOUNS
    return not titled


def _apposed(tokens: list[Token]) -> Phrase | None:
    """A full name standing alone between two commas (two to four capitalised words)."""
    words = [t for t in tokens if not t.is_mark]
    if not 2 <= len(words) <= 4 or not all(t.capital and t.is_word for t in words):
        return None
    if words[0].lower in NOT_NAMES or any(t.lower in TITLE_WORDS for t in words):
        return None  # "Theresa May" is a name, "May Day" is not
    if is_place([t.text for t in words]) or any(t.lower in ORGANISATION_WORDS for t in words):
        return None
    return make_phrase([t.text for t in words], words[0].start, False)


def _described_member(tokens: list[Token], first: int, last: int) -> Phrase | None:
    """ "a spokesperson from the X", "one aide to X": an unnamed member of a named body."""
    k = first - 1
    if k >= 0 and tokens[k].lower in {"the", "der", "die", "das", "des"}:
        k -= 1
    if k < 1 or tokens[k].lower not in TAIL_OPENERS:
        return None
    j = k - 1
    while j >= 0 and k - j <= 4 and tokens[j].is_word and tokens[j].lower not in DETERMINERS:
        j -= 1
    if j < 0 or tokens[j].lower not in INDEFINITE or j == k - 1:
        return None
    if not speaker_noun(tokens[k - 1].text):
        return None  # "a town hall meeting in Columbus" is not a member of Columbus
    words = tuple(t.text for t in tokens[j + 1 : last + 1])
    return Phrase("role", words, tokens[j].start, False, True, tokens[j].lower)


def appositive_start(tokens: list[Token], comma: int) -> int:
    """For "X, the spokesman, said": the index of the comma before the appositive."""
    for j in range(comma - 1, max(-1, comma - 32), -1):
        if tokens[j].text in ".:;":
            return comma
        if tokens[j].text == ",":
            return j if j > 0 else comma
    return comma


def _role_left(tokens: list[Token], last: int) -> Phrase | None:
    """ "the Russian side", "the diplomat": up to three words after a determiner."""
    j = last
    while j >= 0 and last - j < 4 and tokens[j].is_word and tokens[j].lower not in DETERMINERS:
        if tokens[j].lower in FUNCTION_WORDS or is_verb(tokens[j]):
            return None
        j -= 1
    if j >= 0 and tokens[j].lower in DETERMINERS and j < last:
        phrase = make_phrase([t.text for t in tokens[j + 1 : last + 1]], tokens[j].start, True)
        if phrase is None:
            return None
        indefinite = tokens[j].lower in INDEFINITE  # "one Clinton aide", "another person"
        return replace(phrase, determiner=tokens[j].lower, indefinite=indefinite)
    return None
