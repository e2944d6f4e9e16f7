"""Speakers of quotations in German articles, read from German clause order.

A German main clause puts its finite verb second, so the subject stands first ("Der
Bundespräsident konstatierte eine „Kluft“") or right after the verb ("Dazu gab das
Außenministerium bekannt: „...“", "„...“, äußerte sich Weise"). Noun phrases after a
preposition or with a dative/genitive article ("in einem Interview", "der Rolle des
Kanzlers") are never the subject. Sources are also given by "laut X", "X zufolge", "nach
Angaben von X", "so X" and "wie X mitteilte"; indirect speech goes on in the subjunctive
("Es drohe „...“") with the last speaker. Every capitalised noun looks like a name in German,
so a phrase speaks only when it is a person the article names, a pronoun, a role noun
("der SPD-Vorsitzende") or a body ("die Polizei").
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple

from reader.quotes.german import names_something
from reader.quotes.german_words import (
    AFTER_VERB,
    AMBIGUOUS_SUBORDINATORS,
    REPORTING_VERBS,
    SUBORDINATORS,
)
from reader.quotes.marks import Span
from reader.quotes.speakers.german_chunks import (
    NOT_VERBS,
    reports,
    subjunctive,
    until_comma,
    with_german_ends,
)
from reader.quotes.speakers.german_clauses import (
    so_source,
    speaker_after_verb,
    verb_subject,
)
from reader.quotes.speakers.german_names import GermanNames
from reader.quotes.speakers.german_phrases import PhraseSpeakers
from reader.quotes.speakers.german_sources import according_source
from reader.quotes.speakers.identity import ANONYMOUS, PERSON, Speaker
from reader.quotes.speakers.tokens import (
    Token,
    TokenIndex,
    mask_quotes,
    sentence_start,
    sentence_starts,
)
from reader.quotes.word_lists import words

# A sentence pointing back at the quote before it: "Das sagte X.", "Dies erklärte X."
_POINTING = words("das dies so diese")
# "heißt es in der Erklärung", "hieß es vom Abgeordneten X", "steht in dem Gesetzentwurf".
_IT_SAYS = words("heißt hieß geheißen steht stand stehe")
_STANDS = words("steht stand")


class GermanCue(NamedTuple):
    """Who speaks one quote, and whether a cue stands close to it."""

    speaker: Speaker | None
    cued: bool
    adjacent: bool


class GermanSpeakers:
    """The speakers of one German article's quotes."""

    def __init__(self, body: str, masked: str, spans: list[tuple[int, int]]) -> None:
        """`masked`: the body with every quote blanked (reader.quotes.speakers.tokens)."""
        # Quoted names stay readable: "schrieb „Die Zeit“", "laut „Reuters“" name a source.
        self.named = [(a, b) for a, b in spans if names_something(body, Span(a, b))]
        if self.named:
            kept = set(self.named)
            self.index = TokenIndex(mask_quotes(body, [s for s in spans if s not in kept]))
        else:
            self.index = TokenIndex(masked)
        self.text = self.index.text
        self.starts = with_german_ends(self.text, sentence_starts(masked))
        self.spans = spans
        words = [t for t in self.index.tokens if not t.is_mark]
        if self.named:
            inside = {i for a, b in self.named for i in range(a, b)}
            words = [t for t in words if t.start not in inside]
        self.names = GermanNames(words)
        self.phrases = PhraseSpeakers(self.text, self.names, self.named)

    def run(self) -> list[GermanCue]:
        results: list[GermanCue] = []
        for number, (start, end) in enumerate(self.spans):
            cue = self._quote(start, end)
            if cue.speaker is None:
                cue = self._continued(number, results[-1] if results else None, cue)
            results.append(cue)
        return results

    def _sentence(self, start: int, end: int) -> tuple[list[Token], list[Token]]:
        """The words of the quote's sentence before and after it (quote marks left out)."""
        lower = sentence_start(self.starts, max(0, start - 1))
        following = bisect_right(self.starts, end)
        upper = self.starts[following] if following < len(self.starts) else len(self.text)
        upper = min(upper, end + 400)
        before = [t for t in self.index.window(lower, start) if not t.is_mark]
        after = [t for t in self.index.window(end, upper) if not t.is_mark]
        return before, after

    def _quote(self, start: int, end: int) -> GermanCue:
        before, after = self._sentence(start, end)
        according = according_source(self.phrases, before)
        if according is not None:
            return GermanCue(according, True, False)
        if before and before[0].lower in SUBORDINATORS:
            # "Während Shakira erklärte, ..., „...“, räumte Lopez ein": the quote ends the
            # clause put first, whose own verb of saying has a subject
            _, speaker = verb_subject(self.phrases, before, [])
            if speaker is not None:
                return GermanCue(speaker, True, False)
        speaker = self._after(before, after)  # "„...“, sagte Raab laut Spiegel Online"
        if speaker is not None:
            return GermanCue(speaker, True, True)
        according = according_source(self.phrases, after)
        if according is not None:
            return GermanCue(according, True, False)
        speaker = self._closing(after)
        if speaker is not None:
            return GermanCue(speaker, True, False)
        colon = bool(before) and before[-1].text == ":"
        _, speaker = verb_subject(self.phrases, before, after)
        if speaker is not None:
            return GermanCue(speaker, True, colon)
        speaker = self._subject(before) if colon or reports(before, after) else None
        if speaker is not None:
            return GermanCue(speaker, True, colon)
        return GermanCue(None, False, False)

    def _continued(self, number: int, previous: GermanCue | None, cue: GermanCue) -> GermanCue:
        """Indirect speech goes on in the subjunctive ("Es drohe „...“") with the speaker of
        the sentence before; a quote opening the sentence after the previous quote continues
        it, in the same paragraph, or in the next when both paragraphs are only quotes."""
        start, end = self.spans[number]
        before, after = self._sentence(start, end)
        in_subjunctive = subjunctive([*before, *after])
        if in_subjunctive:
            reporter = self._reporter_before(start)
            if reporter is not None:
                return GermanCue(reporter, False, False)
        previous_end = self.spans[number - 1][1] if number else 0
        lower = sentence_start(self.starts, max(0, start - 1))
        opens = not before and lower >= previous_end - 3
        near = self._near(previous_end, start, opens)
        if (
            previous is not None
            and previous.speaker is not None
            and near
            and (in_subjunctive or opens)
        ):
            return GermanCue(previous.speaker, False, False)
        if not before and not [t for t in after if t.is_word]:
            return self._alone(previous_end, lower, end) or cue
        return cue

    def _near(self, previous_end: int, start: int, opens: bool) -> bool:
        """Is the quote near enough the previous one to go on with its speaker? In the same
        paragraph, or in the next when both are quotes and nothing else: a quote paragraph
        after a paragraph that ends in the previous quote."""
        breaks = self.text.count("\n\n", previous_end, start)
        return not breaks or (
            breaks == 1 and opens and not self.text[previous_end:start].strip(' \n.,“”„"»«')
        )

    def _alone(self, previous_end: int, lower: int, end: int) -> GermanCue | None:
        """A quote that is a sentence of its own: the person the sentence before introduced,
        or the one the next sentence says it was ("„...“. Das musste X einräumen.")."""
        if previous_end < lower - 3:
            introduced = self._introduced_before(lower)  # "X verurteilte ... . „...“"
            if introduced is not None:
                return GermanCue(introduced, False, False)
        owned = self._owned_after(end)
        return GermanCue(owned, True, False) if owned is not None else None

    def _owned_after(self, end: int) -> Speaker | None:
        """The subject of the next sentence when it opens by pointing back at the quote:
        "„Ja, es gibt Zumutungen“. Das musste Bundesfinanzminister Peer Steinbrück einräumen."."""
        following = bisect_right(self.starts, end)
        if following >= len(self.starts) or "\n\n" in self.text[end : self.starts[following]]:
            return None
        start = self.starts[following]
        stop = self.starts[following + 1] if following + 1 < len(self.starts) else len(self.text)
        tokens = [t for t in self.index.window(start, min(stop, start + 300)) if not t.is_mark]
        if len(tokens) < 3 or tokens[0].lower not in _POINTING or tokens[1].capital:
            return None
        speaker = self.phrases.first_speaker(tokens[1:], first_only=True)
        return speaker if speaker is not None and speaker.kind != ANONYMOUS else None

    def _introduced_before(self, lower: int) -> Speaker | None:
        """A person who is the subject of the sentence before, in the same paragraph, for a
        quote that is a sentence of its own without a cue."""
        previous = sentence_start(self.starts, max(0, lower - 2))
        if previous >= lower or "\n\n" in self.text[previous:lower]:
            return None
        tokens = [t for t in self.index.window(previous, lower) if not t.is_mark]
        speaker = self._subject(tokens)
        return speaker if speaker is not None and speaker.kind == PERSON else None

    def _reporter_before(self, start: int) -> Speaker | None:
        """The subject of the sentence before, in the same paragraph, if it reports speech
        ("Künast sagte, ... . Es drohe „...“")."""
        lower = sentence_start(self.starts, max(0, start - 1))
        previous = sentence_start(self.starts, max(0, lower - 2))
        if previous >= lower or "\n\n" in self.text[previous:lower]:
            return None
        tokens = [t for t in self.index.window(previous, lower) if not t.is_mark]
        if not reports(tokens, []) or subjunctive(tokens[:3]):
            return None
        return self._subject(tokens)

    def _after(self, before: list[Token], after: list[Token]) -> Speaker | None:
        """ "„...“, sagte X", "„...“, so X", "„...“, äußerte sich X", "„...“, wird X zitiert":
        the quote is the clause's first part, the verb comes next, then the subject."""
        tokens = after[1:] if after and after[0].text == "," else after
        if not tokens or not tokens[0].is_word:
            return None
        if tokens[0].lower == "so":
            return so_source(self.phrases, tokens[1:])
        verb = tokens[0]
        if verb.capital or verb.lower in NOT_VERBS or (before and after[0].text != ","):
            return None
        k = 1
        while k < len(tokens) and tokens[k].lower in AFTER_VERB:
            k += 1
        clause = until_comma(tokens[k:], keep_apposition=True)
        if verb.lower in _IT_SAYS and clause and clause[0].lower == "es":
            return self.phrases.first_speaker(clause[1:], governed_ok=True)  # "hieß es in der Rede"
        return speaker_after_verb(self.phrases, verb, clause)

    def _closing(self, after: list[Token]) -> Speaker | None:
        """A cue closing the quote's sentence: "Der Iran müsse „...“ beenden, so Rice." /
        "..., sagte Jane Greaves."."""
        tokens = until_comma(after, keep_apposition=True)
        for i, token in enumerate(tokens[:-1]):
            if token.text != ",":
                continue
            rest = tokens[i + 1 :]
            if rest[0].lower == "so" and len(rest) > 1:
                speaker = self.phrases.first_speaker(rest[1:8], first_only=True)
            elif rest[0].lower in REPORTING_VERBS and not rest[0].capital:
                k = 1
                while k < len(rest) and rest[k].lower in AFTER_VERB:
                    k += 1
                speaker = self.phrases.first_speaker(rest[k:], first_only=True)
            else:
                continue
            if speaker is not None:
                return speaker
        return None

    def _subject(self, tokens: list[Token]) -> Speaker | None:
        """The subject of the quote's sentence: the first noun phrase that is not governed by
        a preposition or an oblique article, in the main clause."""
        if not tokens:
            return None
        says = _it_says(tokens)
        if says >= 0:
            # "In dem Antrag heißt es:", "heißt es in der Erklärung:"; what follows "heißt es,"
            # is what it says ("So heißt es, die Steuerverwaltung habe „...“"), not who
            head = tokens[: next((i for i, t in enumerate(tokens) if t.text == ","), says)]
            found = self.phrases.first_speaker(head, governed_ok=True)
            if found is None:
                rest = tokens[says + 1 :]
                clause = rest[: next((i for i, t in enumerate(rest) if t.text == ","), len(rest))]
                found = self.phrases.first_speaker(clause, governed_ok=True)
            return found or self.phrases.place(head)  # "Im letzten Satz der Anordnung heißt es"
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), -1)
        if tokens[0].lower in SUBORDINATORS - AMBIGUOUS_SUBORDINATORS and comma >= 0:
            tokens = tokens[comma + 1 :]  # "Obwohl X rechnet, sei man ...": the main clause
        return self.phrases.first_speaker(tokens, first_only=True)


def _it_says(tokens: list[Token]) -> int:
    """Where "heißt es" / "es hieß" stands in a clause, or -1."""
    for i, token in enumerate(tokens[:-1]):
        if token.lower in _IT_SAYS and "es" in {tokens[i + 1].lower, tokens[max(0, i - 1)].lower}:
            return i
        if token.lower in _STANDS and any(t.lower in {"in", "im"} for t in tokens[i + 1 : i + 4]):
            return i  # "Derzeit steht in dem Gesetzentwurf noch der Passus:"
    return -1
