"""Rule-based speaker attribution for quotations, without any model download.

For each quote, in order: a cue right after it (“...,” he said / said Putin / ― Name), a cue
earlier in its sentence (X said (that), according to X, X:, "laut X"), a cue closing its
sentence (“...” in the region, he said.), a cue in the sentence before ("Cruz called them on
it:", "Bystrom agreed."), else the previous quote's speaker when the quote continues it.
Pronouns resolve to the last person named as a subject; role nouns ("the Russian president",
"the diplomat") to the person holding that title; names to one display name per article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from reader.quotes.speakers.after import cue_after, cue_sentence_end
from reader.quotes.speakers.before import CuesBefore
from reader.quotes.speakers.german import GermanSpeakers
from reader.quotes.speakers.identity import PERSON, same_speaker
from reader.quotes.speakers.mentions import ArticleNames
from reader.quotes.speakers.nested import outer_source, said_by
from reader.quotes.speakers.phrases import Phrase
from reader.quotes.speakers.subjects import Subjects
from reader.quotes.speakers.tokens import TokenIndex, mask_quotes, sentence_start, sentence_starts
from reader.quotes.speakers.turns import Turn, heading_quote


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who speaks a quote; `cued` when a reporting cue stands close to it (a few words before,
    right after, or closing its sentence), not merely somewhere in a long sentence."""

    speaker: str | None
    cued: bool
    adjacent: bool = False  # the cue touches the quote: “...,” he said / declared: “...”
    kind: str = ""  # person, organisation, anonymous ("" when no one)
    roles: tuple[str, ...] = ()
    inner: str | None = None
    """Whose words they are when the article has them through `speaker`: “...,” Sanders
    said, according to CNN is CNN's account (the source credited) of Sanders' words."""

    def moved(self, cued: bool = False) -> Attribution:
        """The same speaker for another quote (a follow-on quote, an open paragraph)."""
        return Attribution(self.speaker, cued, False, self.kind, self.roles, self.inner)


class _Cue(NamedTuple):
    """The cue found for one quote: its phrase, and how close a cue stands (`near` for the
    phrase found, `near_before` for any cue before the quote, `adjacent` touching it);
    `inner` is the one who said it when `phrase` is the source it came through."""

    phrase: Phrase | None
    near: bool
    near_before: bool
    adjacent: bool
    inner: Phrase | None = None
    checked: bool = True  # `inner` passed said_by (a cue after the quote skips it)


_GERMAN_WORDS = re.compile(r"\b(?:der|die|das|und|nicht|ist|mit|sich|auf)\b")
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|not|is|with|of|to|that)\b")
# A short text has too few of those to decide by ("Wie Anna Berg betonte: „Wir sind
# bereit.“" has none): then each language's own words decide, German's helped by its low
# opening quotation mark and its lowercase words with umlauts ("für", "würde"), never by
# names and places ("Jörg Asmussen", "München"), which English text has as often.
_DECIDED = 12
_GERMAN_SIGNS = re.compile(
    r"\b(?:sagte|sagt|betonte|erklärte|wir|sind|ich|ein|eine|einen|dem|den|des|im|"
    r"am|zu|zum|von|vom|wie|auch|dass|für|nach|bei|wird|wurde|hat|haben|laut|er|sie|es)\b",
    re.IGNORECASE,
)
_GERMAN_LETTERS = re.compile(r"\b(?!für\b)[a-zß]*[äöüß][a-zäöüß]*\b")
# Fewer of German's own words than this and a short text is English ("am" is both).
_GERMAN_WORDS_NEEDED = 2
_ENGLISH_SIGNS = re.compile(
    r"\b(?:said|says|told|he|she|we|they|are|was|were|has|have|for|from|by|it|this|a|an|on|"
    r"at|his|her)\b",
    re.IGNORECASE,
)


def looks_german(text: str) -> bool:
    """German puts the subject after the verb ("sagte Schily"); decide once per article, on
    its text with the quotations blanked (mask_quotes): the narration's language, not that
    of the words it quotes."""
    sample = text[:5000]
    german = len(_GERMAN_WORDS.findall(sample))
    english = len(_ENGLISH_WORDS.findall(sample))
    if german > 2 * english + 5:
        return True
    if german + english >= _DECIDED:
        return False
    words = german + len(_GERMAN_SIGNS.findall(sample))
    if words < _GERMAN_WORDS_NEEDED:
        return False
    signs = words + sample.count("„") + len(_GERMAN_LETTERS.findall(sample))
    return signs >= 3 and signs > 3 * (english + len(_ENGLISH_SIGNS.findall(sample)))


def attribute_speakers(
    body: str, spans: list[tuple[int, int]], german: bool | None = None
) -> list[Attribution]:
    """One Attribution per quote span (spans sorted by start); `german` when the caller has
    decided the article's language (find_quotes, which also reads the kinds by it)."""
    if not spans:
        return []  # most of a wire service's articles: nothing to tokenise
    masked = mask_quotes(body, spans)
    if german is None:
        german = looks_german(masked)
    if german:
        return _german(body, masked, spans)
    return _Attributor(body, masked, spans).run()


def _german(body: str, masked: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """German clause order has its own rules (reader.quotes.speakers.german)."""
    return [
        Attribution(cue.speaker.name, cue.cued, cue.adjacent, cue.speaker.kind, cue.speaker.roles)
        if cue.speaker is not None
        else Attribution(None, cue.cued, cue.adjacent)
        for cue in GermanSpeakers(body, masked, spans).run()
    ]


class _Attributor:
    """Holds the article-wide state: names, person mentions, sentences."""

    def __init__(self, body: str, masked: str, spans: list[tuple[int, int]]) -> None:
        self.body = body
        self.masked = masked
        self.spans = spans
        self.starts = sentence_starts(masked)
        self.index = TokenIndex(masked)
        self.names = ArticleNames(self.index, self.starts)  # English: not strict
        self.subjects = Subjects(self.index, self.starts, self.names)
        self.before = CuesBefore(body, self.subjects, spans)

    def run(self) -> list[Attribution]:
        """Attribute the quotes in order (a quote may take its predecessor's speaker), then
        give a paragraph left open the speaker named after it."""
        results: list[Attribution] = []
        for index, (start, end) in enumerate(self.spans):
            results.append(self._attribute(index, start, end, results))
        self._inherit_backwards(results)
        return results

    def _attribute(
        self, index: int, start: int, end: int, results: list[Attribution]
    ) -> Attribution:
        """The speaker of the quote body[start:end], the earlier quotes' in `results`."""
        if heading_quote(self.body, start, end):
            return Attribution(None, False)  # 'A fight from start to finish.'
        cue = self._cue(index, start, end)
        if cue.phrase is None:
            inherited = self._inherit(index, results)
            if inherited.speaker is None:  # "protesters marching ... chanted “...”"
                return Attribution(None, cue.near_before, cue.adjacent)
            return inherited
        turn = self._same_turn(index, results, cue.phrase)
        if turn is not None:
            return Attribution(turn.speaker, cue.near, cue.adjacent, turn.kind, turn.roles)
        speaker = self.names.resolve(cue.phrase)
        if speaker is None:
            return Attribution(None, cue.near, cue.adjacent)
        name, kind, roles = speaker
        inner = self._inner(index, results, cue, name)
        return Attribution(name, cue.near, cue.adjacent, kind, roles, inner)

    def _inner(self, index: int, results: list[Attribution], cue: _Cue, outer: str) -> str | None:
        """Who said the words `outer` passed on; "he" or "she" after the quote only when the
        one just quoted goes on, or the sentence before is theirs: “...,” he said, according
        to CNN after a paragraph naming two people is no one's for sure."""
        phrase = cue.inner
        if phrase is None:
            return None
        if phrase.kind == "pronoun" and not cue.checked:
            said = self._pronoun_inner(index, results, phrase)
        else:
            said = self._inner_name(phrase, outer)
        return said if said is not None and not same_speaker(said, outer) else None

    def _pronoun_inner(self, index: int, results: list[Attribution], phrase: Phrase) -> str | None:
        """The person a pronoun cue stands for, when the text makes it sure (see _inner)."""
        resolved = self.names.resolve(phrase)
        if resolved is None:
            return None
        if index:
            previous = results[index - 1]
            person = previous.inner or (previous.speaker if previous.kind == PERSON else None)
            turn = Turn(self.body, self.masked, self.starts, self.names)
            if person == resolved.name and turn.goes_on(
                self.spans[index - 1][1], phrase.pos, person
            ):
                return person
        start = self.spans[index][0]
        own_sentence = sentence_start(self.starts, max(0, start - 1))
        before = self._sentence_before_subject(own_sentence, start).speaker
        return before if before == resolved.name else None

    def _inner_name(self, phrase: Phrase, outer: str) -> str | None:
        """Who said the words `outer` passed on; a bare surname the article gives to two
        people about as often stays as written ("Grayson", not a guess between Alan and
        Dena Grayson)."""
        inner = self.names.resolve(phrase)
        if inner is None or inner.name == outer:
            return None
        word = phrase.words[-1]
        if phrase.kind == "name" and len(phrase.words) == 1 and self.names.book.namesakes(word):
            return word
        return inner.name

    def _cue(self, index: int, start: int, end: int) -> _Cue:
        """The cue after the quote, else before it, else closing its sentence; a source
        passed on "according to" an outlet takes the place of the one who said it."""
        found = after = cue_after(self.index, end, end - start)
        from_after = found is not None
        adjacent = found is not None or self.before.touches(start)
        near = adjacent or self.before.near(start)
        if found is None or found.kind == "pronoun":
            before = self.before.cue(index, start)
            if found is None or (before is not None and before.kind == "name"):
                found = before  # “...,” she said after "Feinstein said": the name wins
        near_before = near
        if found is None or found.verbless:  # Clinton “drew well ...”, said Paul Beck.
            found = cue_sentence_end(self.index, end) or found
            near = found is not None
        if found is not None:
            following = self.spans[index + 1][0] if index + 1 < len(self.spans) else end + 400
            outer = outer_source(self.index, self.starts, (start, end), following, from_after)
            if outer is not None and self.names.resolve(outer) is not None:
                # “...,” Sanders said, according to CNN: CNN's account of Sanders' words
                inner = found if found.pos != outer.pos else None  # not "according to" twice
                if found is not after and not said_by(self.index, self.starts, found, start):
                    inner = None  # “...,” Sanders said: sure; a subject earlier, when sure
                return _Cue(outer, near, near_before, adjacent, inner, found is not after)
        return _Cue(found, near, near_before, adjacent)

    def _same_turn(self, index: int, results: list[Attribution], cue: Phrase) -> Attribution | None:
        """“...,” Bozell notes. / “...,” he adds: the previous quote's speaker (`turns`)."""
        if not index or cue.kind != "pronoun" or cue.words[0] not in {"he", "she"}:
            return None
        previous = results[index - 1]
        if previous.speaker is None or previous.kind != PERSON:
            return None
        turn = Turn(self.body, self.masked, self.starts, self.names)
        return (
            previous if turn.goes_on(self.spans[index - 1][1], cue.pos, previous.speaker) else None
        )

    def _inherit_backwards(self, results: list[Attribution]) -> None:
        """A paragraph left open (the next paragraph reopens the quote) takes the speaker
        named at the end of the quote: “... [no closing mark] / “... ,” he said."""
        for index in range(len(results) - 2, -1, -1):
            if results[index].speaker is not None or results[index + 1].speaker is None:
                continue
            end, next_start = self.spans[index][1], self.spans[index + 1][0]
            gap = self.masked[end:next_start]
            if gap.startswith("\n\n") and gap.count("\n\n") == 1 and len(gap.strip()) <= 1:
                results[index] = results[index + 1].moved()

    def _inherit(self, index: int, results: list[Attribution]) -> Attribution:
        """A quote without a cue: continue the previous quote's speaker when it is the same
        sentence, or when this quote opens a sentence right after the previous quote."""
        if not index or results[index - 1].speaker is None:
            return Attribution(None, False)
        start = self.spans[index][0]
        previous_end = self.spans[index - 1][1]
        own_sentence = sentence_start(self.starts, max(0, start - 1))
        if own_sentence < previous_end:
            return results[index - 1]
        opens_sentence = not self.masked[own_sentence : start - 1].strip(" \n\"“”'‘’„«»")
        near = self.masked.count("\n\n", previous_end, start) <= 1
        if not (opens_sentence and near):
            return Attribution(None, False)
        if self.names.other_subject(previous_end, start, results[index - 1].speaker):
            return self._sentence_before_subject(own_sentence, start)
        return results[index - 1].moved()

    def _sentence_before_subject(self, own_sentence: int, start: int) -> Attribution:
        """“...,” Carson replied. / Quintanilla seemed taken aback. “Does that ...?”: the
        subject of the sentence just before, in the same paragraph, opens a new turn."""
        before = sentence_start(self.starts, max(0, own_sentence - 2))
        if "\n\n" in self.masked[before:start] or self._spans_between(before, own_sentence):
            return Attribution(None, False)
        phrase = self.subjects.of_sentence(before, own_sentence)
        speaker = self.names.resolve(phrase) if phrase is not None else None
        if (
            speaker is None
            or speaker.kind != PERSON
            or not self.names.book.knows(speaker.name.split()[-1])
        ):
            return Attribution(None, False)  # a person the article names in full
        return Attribution(speaker.name, False, False, speaker.kind, speaker.roles)

    def _spans_between(self, start: int, end: int) -> bool:
        """Does a quote lie in text[start:end]?"""
        return any(start <= a < end for a, _ in self.spans)
