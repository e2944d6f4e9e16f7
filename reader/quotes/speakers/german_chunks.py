"""German noun phrases and clauses for speaker attribution: the phrases of a clause with
their article and case (governed by a preposition or an oblique article, or not), names in
apposition, sentence ends after a German closing mark, the subjunctive of indirect speech."""

from __future__ import annotations

import re
from typing import NamedTuple

from reader.quotes.german_words import (
    ADVERBS,
    JUDGING_WORDS,
    OBLIQUE,
    PREPOSITIONS,
    REPORTING_VERBS,
    SUBJUNCTIVE,
    SUBORDINATORS,
)
from reader.quotes.speakers.german_names import (
    DETERMINERS,
    adjective,
    capital,
    capital_run,
    not_name,
)
from reader.quotes.speakers.tokens import Token
from reader.quotes.word_lists import words

_SUBJECT_PRONOUNS = words("es er sie man dies das dieser diese")
# Lower-case words after a quote that are no finite verb: „...“ und „...“, „...“, die ...
NOT_VERBS = (
    SUBORDINATORS
    | PREPOSITIONS
    | DETERMINERS
    | words("und oder aber sondern denn was wo doch nicht es man sich er sie wir")
)


class Chunk(NamedTuple):
    """A noun phrase: its tokens [first, end), determiner, capitalised words, and a name
    given in apposition (", Paulo Sérgio Pinheiro,")."""

    first: int
    end: int
    determiner: str
    capitals: tuple[str, ...]
    apposed: tuple[str, ...]
    governed: bool  # after a preposition, or with a dative, accusative or genitive article


def _attachments(tokens: list[Token], j: int) -> tuple[int, tuple[str, ...]]:
    """Past a parenthesis ("(SPD)"), genitives ("der Afrikanischen Union") and "von X" after
    a noun phrase; and a name in apposition between commas."""
    while j < len(tokens):
        token = tokens[j]
        if token.text == "(":
            close = next(
                (k for k in range(j, min(len(tokens), j + 10)) if tokens[k].text == ")"), -1
            )
            if close < 0:
                break
            j = close + 1
        elif token.lower in {"des", "der", "von", "vom", "für", "im"}:
            k = j + 1
            while k < len(tokens) and (adjective(tokens[k]) or tokens[k].lower in {"der", "den"}):
                k += 1
            end = capital_run(tokens, k) if k < len(tokens) and capital(tokens[k]) else k
            if end == k:
                break
            j = end
        else:
            break
    if j + 2 < len(tokens) and tokens[j].text == ",":
        end = capital_run(tokens, j + 1)
        words = tuple(t.text for t in tokens[j + 1 : end])
        closed = end >= len(tokens) or tokens[end].text in {",", "(", ":"}
        if 2 <= len(words) <= 4 and closed and not any(not_name(w) for w in words):
            return end, words
    return j, ()


def chunks(tokens: list[Token]) -> list[Chunk]:
    """The noun phrases of a clause, in order."""
    found: list[Chunk] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        determiner = token.lower if token.lower in DETERMINERS else ""
        if _owner(tokens, i):
            determiner = "s"  # "Jelpkes wissenschaftlicher Mitarbeiter Nick Brauns"
        k = i + 1 if determiner else i
        while determiner and k < len(tokens) and k - i <= 4 and adjective(tokens[k]):
            k += 1
        starts_name = k < len(tokens) and capital(tokens[k])
        if not starts_name or (not determiner and _skippable(tokens, k)):
            i += 1
            continue
        core_end = capital_run(tokens, k)
        end, apposed = _attachments(tokens, core_end)
        previous = tokens[i - 1].lower if i else ""
        genitive = bool(found and found[-1].end == i) and determiner in {"der", "des", ""}
        capitals = tuple(t.text for t in tokens[k:core_end])
        oblique_der = determiner == "der" and _dative_der(tokens[i + 1 : k], capitals[0])
        governed = previous in PREPOSITIONS or determiner in OBLIQUE or genitive or oblique_der
        found.append(Chunk(i, end, determiner, capitals, apposed, governed))
        i = end
    return found


_FEMININE_ENDS = ("ung", "heit", "keit", "schaft", "tion", "ität", "zeitung", "regierung")


def _dative_der(adjectives: list[Token], noun: str) -> bool:
    """ "der" with an adjective in -en or a feminine noun is dative or genitive: "Der
    englischsprachigen Zeitung sagte Karma", "der Regierung warf er vor"; "der neue
    Präsident" is a subject."""
    if adjectives:
        return adjectives[0].lower.endswith("en")
    return noun.lower().endswith(_FEMININE_ENDS)


def _owner(tokens: list[Token], i: int) -> bool:
    """A name in the genitive before an adjective: "Jelpkes wissenschaftlicher Mitarbeiter"."""
    token = tokens[i]
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        capital(token)
        and token.lower.endswith("s")
        and following is not None
        and adjective(following)
    )


def _skippable(tokens: list[Token], k: int) -> bool:
    """A capitalised word that opens no noun phrase: "Dazu", "In", "Obwohl", "Laut"."""
    lower = tokens[k].lower
    return (
        lower in ADVERBS
        or lower in PREPOSITIONS
        or lower in SUBORDINATORS
        or lower in {"laut", "so", "wie", "es", "man", "dies", "diese", "dieser", "das"}
    )


_GERMAN_END = re.compile(r"[.!?…]+[“‘«]\s+(?=[A-ZÄÖÜ„»\d])")


# An ordinal is never followed by an article: "des Modells 3. Ein Sprecher teilte mit".
_ARTICLE = re.compile(r"(?:Der|Die|Das|Ein|Eine|Dieser|Diese|Dies|Er|Sie|Es|Wir|Ich)\b")
_ORDINAL_BEFORE = re.compile(r"(?:\b\d{1,2}|\b[IVXLC]{1,6})\.\s+$")


def with_german_ends(text: str, starts: list[int]) -> list[int]:
    """Sentence starts, with sentences ending in a German closing mark („...!“ Er ...), and
    none after an ordinal ("am 20. Januar", "Benedikt XVI. sagte")."""
    extra = [m.end() for m in _GERMAN_END.finditer(text)]
    merged = sorted(set(starts).union(extra)) if extra else starts
    return [
        s
        for s in merged
        if not _ORDINAL_BEFORE.search(text, max(0, s - 12), s) or _ARTICLE.match(text, s)
    ]


def subjunctive(tokens: list[Token]) -> bool:
    """The subjunctive of indirect speech: "sei", "habe", or a verb in -e after its subject
    ("es drohe", "er gehe")."""
    for i, token in enumerate(tokens):
        if token.lower in SUBJUNCTIVE:
            return True
        after_subject = i and tokens[i - 1].lower in _SUBJECT_PRONOUNS
        if after_subject and not token.capital and len(token.lower) >= 4 and token.lower[-1] == "e":
            return True
    return False


def reports(before: list[Token], after: list[Token]) -> bool:
    """Does the sentence report speech: a reporting verb or the subjunctive of indirect
    speech ("Stoiber begründete ... mit einer „...“", "Damit seien „...“")?"""
    return any(
        t.lower in REPORTING_VERBS or t.lower in SUBJUNCTIVE or t.lower in JUDGING_WORDS
        for t in (*before, *after)
        if not t.capital
    )


def until_comma(tokens: list[Token], keep_apposition: bool = False) -> list[Token]:
    """Tokens up to the clause's end (a full stop, or a comma not opening an apposition)."""
    for i, token in enumerate(tokens):
        if token.text == "." and 0 < i < len(tokens) - 1 and _inside_word(tokens, i):
            continue  # "ndr.de"
        if token.text in {".", "!", "?", ";", ":"}:
            return tokens[:i]
        if token.text == "," and not keep_apposition:
            return tokens[:i]
    return tokens


def _inside_word(tokens: list[Token], i: int) -> bool:
    """A full stop with no space on either side: a web address ("ndr.de")."""
    return tokens[i - 1].end == tokens[i].start and tokens[i].end == tokens[i + 1].start
