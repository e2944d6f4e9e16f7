"""A cue clause right after a quote or a comma: "said X", "X said", "according to X",
"X, an adviser, said", "X (R) said", German "so X"."""

from __future__ import annotations

from reader.quotes.speakers.phrase_words import (
    ADDRESSEE_VERBS,
    DETERMINERS,
    PARTICIPLES,
    PHRASAL_CUES,
    is_verb,
)
from reader.quotes.speakers.phrases import Phrase, phrase_forward, phrase_right, skip_adverbs
from reader.quotes.speakers.tokens import Token


def clause_cue(tokens: list[Token]) -> Phrase | None:
    """A cue clause opening `tokens`: "said X", "X said", "X, an adviser, said", "X (R) said"."""
    while tokens and (tokens[0].is_mark or tokens[0].text in ",—–-―"):
        tokens = tokens[1:]
    if not tokens:
        return None
    if (
        tokens[0].lower == "so"
        and len(tokens) > 1
        and (tokens[1].capital or tokens[1].lower in DETERMINERS)
    ):
        return phrase_right(tokens[1:])  # German: „...“, so Guttenberg
    if tokens[0].lower == "according" and len(tokens) > 2 and tokens[1].lower == "to":
        return phrase_right(tokens[2:])  # “...,” according to CNN.
    if is_verb(tokens[0]):
        if tokens[0].lower in ADDRESSEE_VERBS or tokens[0].lower in PARTICIPLES:
            return None  # “...,” adding that: the sentence's subject speaks, found elsewhere
        rest = tokens[1:]
        return phrase_right(rest[1:] if rest and rest[0].lower == "by" else rest)
    return _subject_cue(tokens)


def _subject_cue(tokens: list[Token]) -> Phrase | None:
    """ "X said", "X of the Sierra Club said", "X, 57, a lawyer, said", "Trump shot back"."""
    phrase, used = phrase_forward(tokens)
    if phrase is None:
        return None
    rest = skip_adverbs(tokens[used:])
    if rest and rest[0].lower in {"of", "from", "at", "with"}:
        rest = _skip_attachment(rest)
    if rest and rest[0].text == ",":
        rest = _after_appositive(rest)
    if len(rest) > 1 and (rest[0].lower, rest[1].lower) in PHRASAL_CUES:
        return phrase  # "Trump shot back", "Trump went on", "her husband cut in"
    if rest and is_verb(rest[0]):
        return phrase
    return _apposed_before_verb(tokens[used:])


def _apposed_before_verb(tokens: list[Token]) -> Phrase | None:
    """ "Rep. Duncan Hunter’s chief of staff, Joe Kasper, told": the name set off by commas
    right before the verb, after a description of its holder."""
    for j in range(min(len(tokens), 8)):
        if tokens[j].text in ".;:!?":
            return None
        if tokens[j].text != ",":
            continue
        phrase, used = phrase_forward(tokens[j + 1 :])
        after = tokens[j + 1 + used : j + 3 + used]
        if phrase is None or phrase.kind != "name" or len(phrase.words) < 2:
            return None
        if len(after) == 2 and after[0].text == "," and is_verb(after[1]):
            return phrase
        return None
    return None


def _after_appositive(tokens: list[Token]) -> list[Token]:
    """ ", 57, a lawyer from Ohio, said": the tokens from the verb after a later comma."""
    for j in range(1, min(len(tokens) - 1, 32)):
        if tokens[j].text in ".;:!?":
            break
        if tokens[j].text == ",":
            rest = skip_adverbs(tokens[j + 1 :])
            if rest and is_verb(rest[0]):
                return rest
    return tokens


def _skip_attachment(tokens: list[Token]) -> list[Token]:
    """ "of the Sierra Club said": skip a short prepositional phrase up to the verb."""
    for j in range(1, min(len(tokens), 7)):
        if is_verb(tokens[j]) or tokens[j].text == ",":
            return tokens[j:]
        if not tokens[j].is_word:
            break
    return tokens
