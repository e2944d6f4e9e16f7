"""Reporting cues before a quotation: earlier in its sentence ("according to X", "X said
(that)", "X:"), or closing the sentence before it ("Cruz called them on it:", "Bystrom
agreed.")."""

from __future__ import annotations

from dataclasses import replace

from reader.quotes.speakers.names import is_organisation
from reader.quotes.speakers.phrase_words import PARTICIPLES, is_verb
from reader.quotes.speakers.phrases import Phrase, phrase_forward, phrase_right
from reader.quotes.speakers.subjects import Subjects, noun_use
from reader.quotes.speakers.tokens import Token, sentence_start
from reader.quotes.speakers.verb_subjects import phrase_left
from reader.quotes.word_lists import words

_NEAR_CHARS = 90
_ACCORDING = words("according laut zufolge")
_THAT = words("that dass")
_SAID_IN = words("in on during")  # "said in a statement.", "wrote on Twitter."
_AGREEING = words("agreed agrees concurred disagreed disagrees")


class CuesBefore:
    """The cues standing before an article's quotes (`spans`, sorted by start)."""

    def __init__(self, body: str, subjects: Subjects, spans: list[tuple[int, int]]) -> None:
        self.body = body
        self.subjects = subjects
        self.index = subjects.index
        self.starts = subjects.starts
        self.spans = spans

    def cue(self, index: int, start: int) -> Phrase | None:
        """A cue earlier in the quote's sentence: according to X, X said (that), X: ..."""
        subjects = self.subjects
        lower = sentence_start(self.starts, max(0, start - 1))
        if index and self.spans[index - 1][1] > lower:
            lower = max(lower, self.spans[index - 1][1])
        tokens = [t for t in self.index.window(lower, start) if not t.is_mark]
        if tokens and tokens[-1].text == ":":
            return self._colon_subject(tokens, lower)
        for i in range(len(tokens) - 1, -1, -1):
            according = _according(tokens, i)
            if according is not None:
                return according
            if noun_use(tokens, i):
                continue  # "his recent remarks about": a noun, not a cue
            if is_verb(tokens[i]) and tokens[i].lower in PARTICIPLES:
                return subjects.of_participle(tokens, i)
            if is_verb(tokens[i]):
                return subjects.of_verb(tokens, i, lower)
        if tokens and self.body[start : start + 1].islower():
            return self._predicate_subject(tokens, start)
        if not tokens and not (index and self.spans[index - 1][1] > lower - 3):
            return self._previous_sentence_cue(lower)
        return None

    def near(self, start: int) -> bool:
        """A reporting verb, "according to" or a colon among the few words before the quote
        (described it as “constructive”), not somewhere early in a long sentence."""
        sentence = sentence_start(self.starts, max(0, start - 1))
        tokens = self.index.window(sentence, start)
        for i, token in enumerate(tokens):
            close = token.start >= start - _NEAR_CHARS
            if close and (is_verb(token) or token.text == ":" or token.lower in _ACCORDING):
                return True
            if is_verb(token) and any(t.lower in _THAT for t in tokens[i + 1 : i + 10]):
                return True  # He said ... that his delegation had given “a lot of information”
        return False

    def touches(self, start: int) -> bool:
        """Does a reporting verb or a colon end the text right before the quote?"""
        tokens = [t for t in self.index.window(max(0, start - 40), start) if not t.is_mark]
        tail = [t.lower for t in tokens[-2:]]
        if tail and tail[-1] in {":", ","} and len(tail) == 2:
            tail = tail[:1]
        return bool(tail) and (tail[-1] == ":" or is_verb(tokens[-1]))

    def _previous_sentence_cue(self, lower: int) -> Phrase | None:
        """A quote opening its sentence after "Cruz called them on it:" or "Bystrom agreed."."""
        previous = sentence_start(self.starts, max(0, lower - 3))
        tokens = [t for t in self.index.window(previous, lower) if not t.is_mark]
        if len(tokens) < 2:
            return None
        if tokens[-1].text == ":":
            return self._colon_subject(tokens, previous)
        verb = tokens[-2]
        if tokens[-1].text == "." and (is_verb(verb) or verb.lower in _AGREEING):
            return phrase_left(tokens, len(tokens) - 2) if verb.lower not in PARTICIPLES else None
        said_in = len(tokens) > 4 and tokens[-4].lower in _SAID_IN and is_verb(tokens[-5])
        if tokens[-1].text == "." and said_in and tokens[-5].lower not in PARTICIPLES:
            return phrase_left(tokens, len(tokens) - 5)  # "X said in a statement."
        return None

    def _colon_subject(self, tokens: list[Token], lower: int) -> Phrase | None:
        """X: “...” / X fired back: “...” / X said in a statement: “...”."""
        if any(t.text == ":" for t in tokens[:-1]):
            return None  # "Name: Jane Roe Age: 27 Why she's protesting: “...”": a form
        for i in range(len(tokens) - 2, -1, -1):
            if tokens[i].text in ",;":
                break
            if is_verb(tokens[i]):
                if tokens[i].lower in PARTICIPLES:
                    return self.subjects.of_participle(tokens, i)
                return self.subjects.of_verb(tokens, i, lower)
        direct = phrase_left(tokens, len(tokens) - 1)
        if direct is not None and _opens_clause(tokens, direct):
            return direct  # "Jane Doe: “...”", not the object in "a message to Trump: “...”"
        comma = max((i for i, t in enumerate(tokens) if t.text == ","), default=-1)
        clause, _ = phrase_forward(tokens[comma + 1 :])
        opening = tokens[comma + 1] if comma + 1 < len(tokens) else None
        if clause is not None and opening is not None and not _may_open_phrase(opening):
            return None  # ", attacking Mr. Trump and ... with a message:": no subject there
        return clause or self.subjects.of_sentence(lower, tokens[-1].start)

    def _predicate_subject(self, tokens: list[Token], start: int) -> Phrase | None:
        """Putin “expressed serious concern ...”: a known name opening the sentence right
        before the quote (a name later in the sentence is its object or subject of a clause
        whose speaker is someone else)."""
        if self.index.text[tokens[-1].end : start - 1].strip():
            return None
        phrase = phrase_left(tokens, len(tokens))
        if phrase is None or phrase.kind != "name" or phrase.pos != tokens[0].start:
            return None
        book = self.subjects.names.book
        known = book.knows(phrase.words[-1]) or is_organisation(list(phrase.words))
        return replace(phrase, verbless=True) if known else None


def _according(tokens: list[Token], i: int) -> Phrase | None:
    """ "according to X", German "laut X" and "X zufolge" at tokens[i]."""
    word = tokens[i].lower
    if word == "according" and i + 1 < len(tokens) and tokens[i + 1].lower == "to":
        return phrase_right(tokens[i + 2 :])
    if word == "laut":
        return phrase_right(tokens[i + 1 :])
    if word == "zufolge":
        return phrase_left(tokens, i)
    return None


def _opens_clause(tokens: list[Token], phrase: Phrase) -> bool:
    """Does the phrase start its clause (nothing but a comma or the sentence before it)?"""
    before = [t for t in tokens if t.end <= phrase.pos]
    return not before or before[-1].text in ",;:-—–―"  # "Pollsters agree - Carl Bialik:"


def _may_open_phrase(token: Token) -> bool:
    """ "attacking" or "visiting" open a participle clause, not a noun phrase ("conservative
    commentator Jonah Goldberg" may)."""
    return token.capital or not (token.lower.endswith("ing") and len(token.lower) > 5)
