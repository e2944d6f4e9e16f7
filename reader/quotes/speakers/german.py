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

import re
from bisect import bisect_right
from typing import NamedTuple

from reader.quotes.german import names_something
from reader.quotes.german_words import (
    ACCORDING_NOUNS,
    ADVERBS,
    AFTER_VERB,
    INDEFINITE,
    JUDGING_WORDS,
    NOMINATIVE,
    OBLIQUE,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_VERBS,
    SUBJUNCTIVE,
    SUBORDINATORS,
    body_noun,
    document_noun,
    person_noun,
    words,
)
from reader.quotes.marks import Span
from reader.quotes.speakers.german_names import (
    DETERMINERS,
    GermanNames,
    adjective,
    capital,
    capital_run,
    not_name,
)
from reader.quotes.speakers.identity import ANONYMOUS, ORGANISATION, PERSON, Speaker
from reader.quotes.speakers.tokens import Token, TokenIndex, mask_quotes, sentence_start

_DETERMINERS = DETERMINERS
# Subordinators that are prepositions too: "Als „verpasste Chance“ beurteilte X ...".
_ALSO_PREPOSITIONS = words("als wie um bis seit während")
# "Für den Theologen Hans Küng sei der Rücktritt „verständlich“": X holds that view.
_FOR_VERBS = words("ist sei war wäre bleibt bleibe sind seien hält hielt")
_SUBJECT_PRONOUNS = words("es er sie man dies das dieser diese")
# "heißt es in der Erklärung", "hieß es vom Abgeordneten X", "steht in dem Gesetzentwurf".
_IT_SAYS = words("heißt hieß geheißen steht stand stehe")
# Lower-case words after a quote that are no finite verb: „...“ und „...“, „...“, die ...
_NOT_VERBS = (
    SUBORDINATORS
    | PREPOSITIONS
    | _DETERMINERS
    | words("und oder aber sondern denn was wo doch nicht es man sich er sie wir")
)


class GermanCue(NamedTuple):
    """Who speaks one quote, and whether a cue stands close to it."""

    speaker: Speaker | None
    cued: bool
    adjacent: bool


class _Chunk(NamedTuple):
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


def _chunks(tokens: list[Token]) -> list[_Chunk]:
    """The noun phrases of a clause, in order."""
    found: list[_Chunk] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        determiner = token.lower if token.lower in _DETERMINERS else ""
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
        governed = previous in PREPOSITIONS or determiner in OBLIQUE or genitive
        capitals = tuple(t.text for t in tokens[k:core_end])
        found.append(_Chunk(i, end, determiner, capitals, apposed, governed))
        i = end
    return found


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


class GermanSpeakers:
    """The speakers of one German article's quotes."""

    def __init__(
        self, body: str, index: TokenIndex, starts: list[int], spans: list[tuple[int, int]]
    ) -> None:
        # Quoted names stay readable: "schrieb „Die Zeit“", "laut „Reuters“" name a source.
        self.named = [(a, b) for a, b in spans if names_something(body, Span(a, b))]
        if self.named:
            kept = set(self.named)
            index = TokenIndex(mask_quotes(body, [span for span in spans if span not in kept]))
        self.index = index
        self.text = index.text
        self.starts = _with_german_ends(self.text, starts)
        self.spans = spans
        self.names = GermanNames(
            [t for t in index.tokens if not t.is_mark and self._quoted(t) is None]
        )

    def _quoted(self, token: Token) -> tuple[int, int] | None:
        """The quoted name holding this token, if any."""
        return next((s for s in self.named if s[0] <= token.start < s[1]), None)

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
        according = self._according(before) or self._according(after)
        if according is not None:
            return GermanCue(according, True, False)
        speaker = self._after(before, after)
        if speaker is not None:
            return GermanCue(speaker, True, True)
        speaker = self._closing(after)
        if speaker is not None:
            return GermanCue(speaker, True, False)
        colon = bool(before) and before[-1].text == ":"
        speaker = self._subject(before) if colon or _reports(before, after) else None
        if speaker is not None:
            return GermanCue(speaker, True, colon)
        return GermanCue(None, False, False)

    def _continued(self, number: int, previous: GermanCue | None, cue: GermanCue) -> GermanCue:
        """Indirect speech goes on in the subjunctive ("Es drohe „...“") with the speaker of
        the sentence before; a quote opening the sentence after the previous quote continues
        it, in the same or the next paragraph."""
        start, end = self.spans[number]
        before, after = self._sentence(start, end)
        subjunctive = _subjunctive([*before, *after])
        if subjunctive:
            reporter = self._reporter_before(start)
            if reporter is not None:
                return GermanCue(reporter, False, False)
        previous_end = self.spans[number - 1][1] if number else 0
        lower = sentence_start(self.starts, max(0, start - 1))
        opens = not before and lower >= previous_end - 3
        near = self.text.count("\n\n", previous_end, start) <= 1
        if (
            previous is not None
            and previous.speaker is not None
            and near
            and (subjunctive or opens)
        ):
            return GermanCue(previous.speaker, False, False)
        if not before and not [t for t in after if t.is_word] and previous_end < lower - 3:
            introduced = self._introduced_before(lower)  # "X verurteilte ... . „...“"
            if introduced is not None:
                return GermanCue(introduced, False, False)
        return cue

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
        if not _reports(tokens, []) or _subjunctive(tokens[:3]):
            return None
        return self._subject(tokens)

    def _according(self, tokens: list[Token]) -> Speaker | None:
        """ "laut X", "X zufolge", "nach Angaben von X", "nach Ansicht des X", "wie X
        mitteilte", "Für X ist das „...“"."""
        for i, token in enumerate(tokens):
            if token.lower == "laut":
                return self._first_speaker(tokens[i + 1 :], governed_ok=True)
            if token.lower == "zufolge" and i:
                chunks = _chunks(tokens[:i])
                if chunks and chunks[-1].end == i:
                    return self._speaker(chunks[-1], tokens[:i])
            if token.lower == "nach" and i + 2 < len(tokens):
                k = i + 1 + (tokens[i + 1].lower in {"den", "der", "dem"})
                owner = self.names.key(tokens[k].text) if tokens[k].lower.endswith("s") else None
                if owner is not None and tokens[k + 1].lower in ACCORDING_NOUNS:
                    return self.names.speaker([tokens[k].text[:-1]])  # "Nach Schäubles Idee"
                if k < len(tokens) and tokens[k].lower in ACCORDING_NOUNS:
                    rest = tokens[k + 1 :]
                    if rest and rest[0].lower == "von":
                        rest = rest[1:]
                    return self._first_speaker(rest, governed_ok=True)
            if token.lower == "für" and not i:
                speaker = self._for_someone(tokens)
                if speaker is not None:
                    return speaker
            if token.lower == "wie" and (not i or tokens[i - 1].text == ","):
                speaker = self._first_speaker(tokens[i + 1 : i + 12])
                if speaker is not None:
                    return speaker
        return None

    def _for_someone(self, tokens: list[Token]) -> Speaker | None:
        """ "Für X ist das „...“": the view of X, a person or a body, not a thing."""
        chunks = _chunks(tokens)
        if not chunks or chunks[0].first != 1:
            return None
        end = chunks[0].end
        if end >= len(tokens) or tokens[end].lower not in _FOR_VERBS:
            return None
        return self._speaker(chunks[0], tokens)

    def _after(self, before: list[Token], after: list[Token]) -> Speaker | None:
        """ "„...“, sagte X", "„...“, so X", "„...“, äußerte sich X", "„...“, wird X zitiert":
        the quote is the clause's first part, the verb comes next, then the subject."""
        tokens = after[1:] if after and after[0].text == "," else after
        if not tokens or not tokens[0].is_word:
            return None
        if tokens[0].lower == "so":
            return self._first_speaker(tokens[1:8], governed_ok=False, first_only=True)
        verb = tokens[0]
        if verb.capital or verb.lower in _NOT_VERBS or (before and after[0].text != ","):
            return None
        k = 1
        while k < len(tokens) and tokens[k].lower in AFTER_VERB:
            k += 1
        clause = _until_comma(tokens[k:], keep_apposition=True)
        if verb.lower in _IT_SAYS and clause and clause[0].lower == "es":
            return self._first_speaker(clause[1:], governed_ok=True)  # "hieß es in der Rede"
        return self._first_speaker(clause, first_only=True)

    def _closing(self, after: list[Token]) -> Speaker | None:
        """A cue closing the quote's sentence: "Der Iran müsse „...“ beenden, so Rice." /
        "..., sagte Jane Greaves."."""
        tokens = _until_comma(after, keep_apposition=True)
        for i, token in enumerate(tokens[:-1]):
            if token.text != ",":
                continue
            rest = tokens[i + 1 :]
            if rest[0].lower == "so" and len(rest) > 1:
                speaker = self._first_speaker(rest[1:8], first_only=True)
            elif rest[0].lower in REPORTING_VERBS and not rest[0].capital:
                k = 1
                while k < len(rest) and rest[k].lower in AFTER_VERB:
                    k += 1
                speaker = self._first_speaker(rest[k:], first_only=True)
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
        if any(t.lower in _IT_SAYS for t in tokens) and any(t.lower == "es" for t in tokens):
            found = self._first_speaker(tokens, governed_ok=True)  # "In dem Antrag heißt es:"
            if found is not None:
                return found
        comma = next((i for i, t in enumerate(tokens) if t.text == ","), -1)
        if tokens[0].lower in SUBORDINATORS - _ALSO_PREPOSITIONS and comma >= 0:
            tokens = tokens[comma + 1 :]  # "Obwohl X rechnet, sei man ...": the main clause
        return self._first_speaker(tokens, first_only=True)

    def _first_speaker(
        self, tokens: list[Token], governed_ok: bool = False, first_only: bool = False
    ) -> Speaker | None:
        """The first noun phrase of `tokens` that speaks; with `first_only`, the first
        ungoverned phrase decides (a thing as subject gives no one)."""
        pronoun = next(
            (i for i, t in enumerate(tokens[:6]) if t.lower in PRONOUNS and not t.capital), -1
        )
        if tokens and tokens[0].lower in PRONOUNS:
            pronoun = 0
        chunks = _chunks(tokens)
        for number, chunk in enumerate(chunks):
            if 0 <= pronoun < chunk.first:
                break
            if chunk.governed and not governed_ok:
                continue
            speaking = first_only and self._says(chunk, tokens)
            if first_only and not speaking and self._opening_word(chunk, tokens):
                continue  # "Zwar sei ...", "Sinngemäß hofft Musk": an adverb, not a name
            speaker = self._speaker(chunk, tokens)
            if speaker is None and speaking:
                return self._unknown(chunk, tokens)  # "Ein Kommentator schrieb: „...“"
            if speaker is None and first_only:
                return self._inverted(chunks[number + 1 : number + 2], chunk, tokens)
            if speaker is not None:
                return speaker
        if pronoun >= 0 and not (pronoun and tokens[pronoun - 1].lower in PREPOSITIONS):
            return self._pronoun(tokens, pronoun)
        return None

    def _inverted(
        self, following: list[_Chunk], first: _Chunk, tokens: list[Token]
    ) -> Speaker | None:
        """ "Die Anwendung ... stellte der SPD-Vorsitzende X in Frage": the phrase right after
        the verb that follows a first phrase that cannot speak."""
        if not following or following[0].governed:
            return None
        between = tokens[first.end : following[0].first]
        if not between or between[0].capital or not between[0].is_word:
            return None
        if between[0].lower in _NOT_VERBS or any(t.lower not in AFTER_VERB for t in between[1:]):
            return None
        return self._speaker(following[0], tokens)

    def _pronoun(self, tokens: list[Token], i: int) -> Speaker | None:
        """ "er", or "sie" with a verb in the singular ("sie sagte", not "sie forderten"): the
        person named last."""
        token = tokens[i]
        if token.lower == "sie":
            verbs = [t.lower for t in (tokens[i - 1 : i] + tokens[i + 1 : i + 2]) if t.is_word]
            if any(v.endswith("en") or v == "sind" for v in verbs):
                return None  # "Sie demonstrierten": they
        return self.names.last_person(token.start)

    def _says(self, chunk: _Chunk, tokens: list[Token]) -> bool:
        """Is a phrase followed by a reporting verb or a colon ("Barth meint:", "Ein Beamter
        der Nationalpolizei: „...“")? Then it speaks, even as a noun no list knows."""
        following = tokens[chunk.end] if chunk.end < len(tokens) else None
        if following is None or chunk.governed:
            return False
        verb = following.lower in REPORTING_VERBS and not following.capital
        return verb or (following.text == ":" and chunk.end == len(tokens) - 1)

    def _unknown(self, chunk: _Chunk, tokens: list[Token]) -> Speaker | None:
        """A phrase that speaks though no list knows its words: a name of two words or a
        surname said again, else the description as given."""
        capitals = list(chunk.capitals)
        if not chunk.determiner and self.names.said_again(capitals[-1]):
            return Speaker(" ".join(capitals), PERSON)  # "Paolo hatte ... abgelehnt:"
        if not chunk.determiner:
            return None
        return Speaker(self._described(chunk, tokens), ANONYMOUS)

    def _opening_word(self, chunk: _Chunk, tokens: list[Token]) -> bool:
        """A single capitalised word opening the clause that names no one."""
        if chunk.first or chunk.determiner or len(chunk.capitals) != 1 or chunk.apposed:
            return False
        word = chunk.capitals[0]
        return not (self.names.key(word) or person_noun(word) or body_noun(word))

    def _speaker(self, chunk: _Chunk, tokens: list[Token]) -> Speaker | None:
        """Who a noun phrase names, if it can speak: a person, a body, or a description."""
        quoted = self._quoted(tokens[chunk.end - 1])
        if quoted is not None:  # "die „Computerwoche“", "„Die Zeit“": a publication or body
            first = tokens[chunk.first].start
            text = " ".join(self.text[min(first, quoted[0] - 1) : quoted[1] + 1].split())
            if chunk.determiner in _DETERMINERS and text.lower().startswith(chunk.determiner):
                text = chunk.determiner + text[len(chunk.determiner) :]
            return Speaker(text, ORGANISATION)
        if chunk.apposed:
            return self.names.speaker(list(chunk.apposed))
        capitals = list(chunk.capitals)
        roles = [i for i, w in enumerate(capitals) if person_noun(w)]
        if not roles and chunk.determiner and len(capitals) >= 3:
            roles = [len(capitals) - 3]  # "den Theologen Hans Keller": a noun, then a name
        name = capitals[roles[-1] + 1 :] if roles else capitals
        if name and not body_noun(name[-1]) and self._is_name(name, bool(roles), chunk):
            return self.names.speaker(capitals, titled=bool(roles))
        head = capitals[-1]
        described = self._described(chunk, tokens)
        if person_noun(head):
            if chunk.determiner in NOMINATIVE - INDEFINITE and chunk.determiner:
                titled = self.names.titled(head)
                if titled is not None:
                    return titled
            return Speaker(described, ANONYMOUS)
        if document_noun(head) and chunk.determiner:
            return Speaker(described, ANONYMOUS)  # "der Bericht", "in einer Erklärung"
        if body_noun(head) or (head.isupper() and len(head) >= 2):
            kind = ANONYMOUS if chunk.determiner in INDEFINITE else ORGANISATION
            return Speaker(described, kind)
        return None

    def _is_name(self, name: list[str], titled: bool, chunk: _Chunk) -> bool:
        """A person's name: after a title, known to the article, or two capitalised words
        without an article ("Frank-Jürgen Weise")."""
        if titled or self.names.key(name[-1]):
            return True
        return len(name) >= 2 and not chunk.determiner and not any(not_name(w) for w in name)

    def _described(self, chunk: _Chunk, tokens: list[Token]) -> str:
        """A description as the article gives it, its article in lower case."""
        first, last = tokens[chunk.first], tokens[chunk.end - 1]
        end = last.end
        following = self._named_after(end)
        if following is not None:
            end = following[1] + 1  # "die linksextreme Wochenzeitschrift „Jungle World“"
        text = " ".join(self.text[first.start : end].split())
        if chunk.determiner in _DETERMINERS:
            text = chunk.determiner + text[len(chunk.determiner) :]
        return text.rstrip(",")

    def _named_after(self, end: int) -> tuple[int, int] | None:
        """A quoted name right after a noun phrase ending at `end`."""
        return next((s for s in self.named if 0 < s[0] - end <= 2), None)


_GERMAN_END = re.compile(r"[.!?…]+[“‘«]\s+(?=[A-ZÄÖÜ„»\d])")


def _with_german_ends(text: str, starts: list[int]) -> list[int]:
    """Sentence starts, with sentences ending in a German closing mark („...!“ Er ...)."""
    extra = [m.end() for m in _GERMAN_END.finditer(text)]
    return sorted(set(starts).union(extra)) if extra else starts


def _subjunctive(tokens: list[Token]) -> bool:
    """The subjunctive of indirect speech: "sei", "habe", or a verb in -e after its subject
    ("es drohe", "er gehe")."""
    for i, token in enumerate(tokens):
        if token.lower in SUBJUNCTIVE:
            return True
        after_subject = i and tokens[i - 1].lower in _SUBJECT_PRONOUNS
        if after_subject and not token.capital and len(token.lower) >= 4 and token.lower[-1] == "e":
            return True
    return False


def _reports(before: list[Token], after: list[Token]) -> bool:
    """Does the sentence report speech: a reporting verb or the subjunctive of indirect
    speech ("Stoiber begründete ... mit einer „...“", "Damit seien „...“")?"""
    return any(
        t.lower in REPORTING_VERBS or t.lower in SUBJUNCTIVE or t.lower in JUDGING_WORDS
        for t in (*before, *after)
        if not t.capital
    )


def _until_comma(tokens: list[Token], keep_apposition: bool = False) -> list[Token]:
    """Tokens up to the clause's end (a full stop, or a comma not opening an apposition)."""
    for i, token in enumerate(tokens):
        if token.text in {".", "!", "?", ";", ":"}:
            return tokens[:i]
        if token.text == "," and not keep_apposition:
            return tokens[:i]
    return tokens
