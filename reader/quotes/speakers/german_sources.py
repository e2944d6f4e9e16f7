"""Sources a German sentence names besides the subject of a verb of saying: "laut X",
"X zufolge", "nach Angaben von X", "nach Schäubles Idee", "wie X mitteilte", "Für X ist das
„...“" and "..., so X weiter: „...“"."""

from __future__ import annotations

from reader.quotes.german_words import ACCORDING_NOUNS, SPEECH_VERBS
from reader.quotes.speakers.german_chunks import chunks, until_comma
from reader.quotes.speakers.german_clauses import so_source
from reader.quotes.speakers.german_phrases import PhraseSpeakers
from reader.quotes.speakers.identity import Speaker
from reader.quotes.speakers.tokens import Token
from reader.quotes.word_lists import words

# "Für den Theologen Hans Küng sei der Rücktritt „verständlich“": X holds that view.
_FOR_VERBS = words("ist sei war wäre bleibt bleibe sind seien hält hielt")


def according_source(phrases: PhraseSpeakers, tokens: list[Token]) -> Speaker | None:
    """The first source these tokens give ("laut X", "nach Angaben von X", ...), or None."""
    for i in range(len(tokens)):
        decided, speaker = _source_at(phrases, tokens, i)
        if decided:
            return speaker
    return None


def _source_at(phrases: PhraseSpeakers, tokens: list[Token], i: int) -> tuple[bool, Speaker | None]:
    """Does a source open at tokens[i], and who is it (None: a source phrase naming no one
    who can speak, which still ends the search)?"""
    word = tokens[i].lower
    if word == "laut":
        return True, phrases.first_speaker(tokens[i + 1 :], governed_ok=True)
    if word == "zufolge" and i:
        before = chunks(tokens[:i])
        if before and before[-1].end == i:
            return True, phrases.speaker(before[-1], tokens[:i])
        return False, None
    if word == "nach" and i + 2 < len(tokens):
        return _by_account(phrases, tokens, i)
    found = None
    if word == "für" and not i:
        found = _for_someone(phrases, tokens)
    elif word == "so" and i and tokens[i - 1].text == ",":
        found = _so_before(phrases, tokens[i + 1 :])
    elif word == "wie" and (not i or tokens[i - 1].text == ","):
        found = _as_said(phrases, tokens[i + 1 : i + 24])
    return found is not None, found


def _by_account(
    phrases: PhraseSpeakers, tokens: list[Token], i: int
) -> tuple[bool, Speaker | None]:
    """ "nach Angaben von X", "nach Ansicht des X", "Nach Schäubles Idee" at tokens[i]."""
    k = i + 1 + (tokens[i + 1].lower in {"den", "der", "dem"})
    owner = phrases.names.key(tokens[k].text) if tokens[k].lower.endswith("s") else None
    following = tokens[k + 1] if k + 1 < len(tokens) else None  # "nach dem Müllers" ends
    if owner is not None and following is not None and following.lower in ACCORDING_NOUNS:
        return True, phrases.names.speaker([tokens[k].text[:-1]])  # "Nach Schäubles Idee"
    if k < len(tokens) and tokens[k].lower in ACCORDING_NOUNS:
        rest = tokens[k + 1 :]
        if rest and rest[0].lower == "von":
            rest = rest[1:]
        return True, phrases.first_speaker(rest, governed_ok=True)
    return False, None


def _for_someone(phrases: PhraseSpeakers, tokens: list[Token]) -> Speaker | None:
    """ "Für X ist das „...“": the view of X, a person or a body, not a thing."""
    found = chunks(tokens)
    if not found or found[0].first != 1:
        return None
    end = found[0].end
    if end >= len(tokens) or tokens[end].lower not in _FOR_VERBS:
        return None
    return phrases.speaker(found[0], tokens)


def _so_before(phrases: PhraseSpeakers, tail: list[Token]) -> Speaker | None:
    """ "..., so X weiter: „...“": the source of the quote right after the colon."""
    if tail and tail[-1].text == ":" and not any(t.text in ",:" for t in tail[:-1]):
        return so_source(phrases, tail[:-1])
    return None


def _as_said(phrases: PhraseSpeakers, clause: list[Token]) -> Speaker | None:
    """ "wie X mitteilte": the subject of the clause, when it has a verb of saying ("wie
    Spielberg ausübten" is a comparison)."""
    clause = until_comma(clause, keep_apposition=True)
    if not any(t.lower in SPEECH_VERBS and not t.capital for t in clause):
        return None
    return phrases.first_speaker(clause[:12])
