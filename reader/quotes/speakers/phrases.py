"""Noun phrases next to reporting cues, read forwards: "said X", "said the Kremlin’s press
release", "one of those advisers", "sources close to the Kremlin"."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from reader.quotes.speakers.names import NAME_SUFFIXES
from reader.quotes.speakers.phrase_words import (
    CONJUNCTIONS,
    DETERMINERS,
    FUNCTION_WORDS,
    HEAD_NOUNS,
    INDEFINITE,
    PARTITIVE_DETERMINERS,
    SKIPPABLE,
    TAIL_OPENERS,
    UNNAMED_PLURALS,
    is_age,
    is_verb,
    is_year,
    leading_adjective,
    name_word_in_context,
    np_word,
    title_conjunction,
)
from reader.quotes.speakers.tokens import PRONOUNS, TITLE_WORDS, Token

_MAX_NP = 8


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase found next to a cue: a name, a pronoun or a role ("the diplomat")."""

    kind: Literal["name", "pronoun", "role"]
    words: tuple[str, ...]
    pos: int
    definite: bool = False
    indefinite: bool = False  # "another Republican", "a source": someone not named
    determiner: str = ""  # as written: "one", "a", "the"
    issuer: bool = False  # the issuer of a statement ("a statement from Chelsea")
    verbless: bool = False  # no reporting verb ties it to the quote: Putin “expressed ...”


@dataclass(frozen=True, slots=True)
class _Opening:
    """How a noun phrase opens: where, with which word, and whether that is a determiner
    ("the", "his") or an indefinite one ("a", "another")."""

    start: int
    word: str
    definite: bool
    indefinite: bool


def describe(phrase: Phrase) -> str:
    """A description as the article gives it: "one Republican political strategist"."""
    head = (phrase.determiner + " ") if phrase.determiner else ""
    return head + " ".join(phrase.words)


def strip_possessive(word: str) -> str:
    """ "Kremlin’s" -> "Kremlin", "Sanders’" -> "Sanders"."""
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    if word.endswith(("s’", "s'")):
        return word[:-1]
    return word


def until_sentence_end(tokens: list[Token]) -> list[Token]:
    """Tokens up to the first full stop, question or exclamation mark (kept off); not
    inside a parenthesis ("Sen. Chuck Schumer (D-N.Y.) said")."""
    depth = 0
    for i, token in enumerate(tokens):
        depth += (token.text == "(") - (token.text == ")")
        if not i or depth > 0 or token.text not in {".", "!", "?", ";"}:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.text == ";" or after is None or after.capital or after.is_mark:
            return tokens[:i]
    return tokens


def skip_adverbs(tokens: list[Token]) -> list[Token]:
    """Drop leading adverbs, auxiliaries, time words and a parenthesis ("(R-Fla.)")."""
    i = 0
    while i < len(tokens) and i < 6:
        if tokens[i].text == "(":
            close = next((j for j in range(i, min(len(tokens), i + 8)) if tokens[j].text == ")"), i)
            i = close + 1
        elif tokens[i].lower in SKIPPABLE or tokens[i].lower.endswith("ly"):
            i += 1
        else:
            break
    return tokens[i:]


def phrase_right(tokens: list[Token]) -> Phrase | None:
    """The noun phrase after an inverted cue ("said the Kremlin’s press release")."""
    phrase, _ = phrase_forward([t for t in tokens if not t.is_mark])
    return phrase


def phrase_forward(tokens: list[Token]) -> tuple[Phrase | None, int]:
    """A noun phrase at the start of `tokens` and how many tokens it used.

    Lower-case words may sit inside a name phrase ("Senate minority leader Harry Reid") but
    not end it, unless the phrase opens with a determiner ("the Russian president").
    """
    i = 0
    while i < len(tokens) and (tokens[i].lower in CONJUNCTIONS or tokens[i].is_mark):
        i += 1
    if i >= len(tokens):
        return None, i
    if tokens[i].lower in PRONOUNS:
        return Phrase("pronoun", (tokens[i].lower,), tokens[i].start), i + 1
    partitive = _partitive(tokens, i)
    if partitive is not None:
        return partitive
    return _noun_phrase(tokens, i)


def _noun_phrase(tokens: list[Token], i: int) -> tuple[Phrase | None, int]:
    """The phrase opening at tokens[i]: a description of someone unnamed ("one Republican
    strategist", "Kremlin sources"), a name or a role."""
    first = tokens[i].lower
    opening = _Opening(tokens[i].start, first, first in DETERMINERS, first in INDEFINITE)
    taken, last_capital, i = _phrase_words(tokens, i + opening.definite, opening)
    head = next((j for j, w in enumerate(taken) if w.lower() in UNNAMED_PLURALS), -1)
    unnamed = head >= 0 and not opening.definite
    if unnamed:
        i -= len(taken) - head - 1  # "sources close to": the tail starts after the head
        taken = taken[: head + 1]
    if unnamed or (opening.indefinite and taken and not taken[-1][:1].isupper()):
        # "one Republican political strategist", "Kremlin sources", "senior officials"
        tail, used = _description_tail(tokens[i:])
        determiner = opening.word * opening.indefinite
        phrase = Phrase("role", (*taken, *tail), opening.start, False, True, determiner)
        return phrase, i + used
    return _named_or_role(taken, last_capital, i, opening)


def _phrase_words(tokens: list[Token], i: int, opening: _Opening) -> tuple[list[str], int, int]:
    """The words of the phrase from tokens[i]: (words, index of the last capitalised one or
    -1, index after the last word taken)."""
    taken: list[str] = []
    last_capital = -1
    if opening.definite and is_age(tokens, i):
        taken.append(f"{tokens[i].text}-{tokens[i + 1].text}")  # "said the 46-year-old"
        i += 2
    elif (opening.definite or opening.indefinite) and is_year(tokens, i):
        taken.append(tokens[i].text)  # "said a 2008 Clinton veteran", "the 2012 nominee"
        i += 1
    while i < len(tokens) and len(taken) < _MAX_NP and _takes(tokens, i, taken):
        taken.append(strip_possessive(tokens[i].text))
        if tokens[i].capital:
            last_capital = i
        i += 1
        if tokens[i - 1].text != taken[-1]:
            if i < len(tokens) and tokens[i].capital and np_word(tokens[i]):
                taken, last_capital = [], -1  # "Fox's Chris Wallace": the person, not Fox
                continue
            break  # a possessive ends the phrase: "the Kremlin’s press release"
    return taken, last_capital, i


def _takes(tokens: list[Token], i: int, taken: list[str]) -> bool:
    """Does the phrase whose words so far are `taken` go on with tokens[i]?"""
    return (
        np_word(tokens[i])
        or name_word_in_context(tokens, i, bool(taken))
        or (not taken and leading_adjective(tokens, i))
        or title_conjunction(tokens, i, taken)
    )


def _named_or_role(
    taken: list[str], last_capital: int, i: int, opening: _Opening
) -> tuple[Phrase | None, int]:
    """A name phrase ends at its last capitalised word, keeping a role noun after it when
    the phrase is definite ("the Russian president"); a lower-case phrase is a role only
    after a determiner."""
    if last_capital >= 0:
        keep = len(taken) - (i - 1 - last_capital)
        while opening.definite and keep < len(taken) and taken[keep].lower() in HEAD_NOUNS:
            keep += 1  # "the Russian president", "the Russian side"
        i -= len(taken) - keep
        taken = taken[:keep]
    elif not opening.definite:
        return None, i
    made = make_phrase(taken, opening.start, opening.definite)
    if made is not None and opening.definite:
        made = replace(made, determiner=opening.word)
    return (replace(made, indefinite=True) if made and opening.indefinite else made), i


def _partitive(tokens: list[Token], i: int) -> tuple[Phrase, int] | None:
    """ "one of those advisers", "one of two witnesses": someone of a group, not named."""
    if tokens[i].lower != "one" or i + 2 >= len(tokens) or tokens[i + 1].lower != "of":
        return None
    j = i + 2 + (tokens[i + 2].lower in PARTITIVE_DETERMINERS)
    end = j
    while end < len(tokens) and end - j < 3 and tokens[end].is_word and not tokens[end].capital:
        if is_verb(tokens[end]) or tokens[end].lower in FUNCTION_WORDS:
            break
        end += 1
    if end == j or not tokens[end - 1].lower.endswith("s"):
        return None  # "one of them", "one of the best": no group of people named
    group = ("of", *(t.text for t in tokens[i + 2 : end]))
    return Phrase("role", group, tokens[i].start, False, True, "one"), end


def _description_tail(tokens: list[Token]) -> tuple[list[str], int]:
    """ "close to the Kremlin", "familiar with the talks", "for Bernie Sanders": what follows a
    description's head noun up to the verb, at most six words."""
    if not tokens or tokens[0].lower not in TAIL_OPENERS:
        return [], 0
    used = 0
    while used < len(tokens) and used < 6:
        token = tokens[used]
        if not token.is_word or is_verb(token) or token.lower in {"who", "that", "which"}:
            break
        used += 1
    while used and tokens[used - 1].lower in FUNCTION_WORDS | DETERMINERS:
        used -= 1
    return [t.text for t in tokens[:used]], used


def undot(word: str) -> str:
    """ "Sen." -> "Sen"; initials ("J.") and suffixes ("Jr.") keep their dot."""
    if len(word) <= 2 or word.lower().rstrip(".") in NAME_SUFFIXES:
        return word
    return word.rstrip(".")


def make_phrase(words: list[str], pos: int, definite: bool) -> Phrase | None:
    """A name phrase keeps its last capitalised run; otherwise it is a role."""
    words = [undot(w) for w in words if w]
    if not words:
        return None
    if not words[-1][:1].isupper():
        return Phrase("role", tuple(words), pos, definite)
    first = len(words) - 1
    while first > 0 and (
        words[first - 1][:1].isupper() or words[first - 1] in {"de", "van", "von", "al"}
    ):
        first -= 1
    titles = tuple(w for w in words[:first] if w.lower() in TITLE_WORDS)
    return Phrase("name", titles + tuple(words[first:]), pos, definite and not titles)
