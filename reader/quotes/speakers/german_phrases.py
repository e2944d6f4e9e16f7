"""Who a German noun phrase names, if it can speak: a person the article names (after a
title, as a full name, or by surname), a pronoun, a role noun ("der Bundestrainer"), a body
("die Polizei"), a text ("der Bericht"), a quoted publication ("„Die Zeit“"), or a phrase
right before a reporting verb or a colon."""

from __future__ import annotations

from reader.quotes.german_words import (
    AFTER_VERB,
    INDEFINITE,
    NOMINATIVE,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_VERBS,
    body_noun,
    document_noun,
    person_noun,
)
from reader.quotes.speakers.german_chunks import NOT_VERBS, Chunk, chunks
from reader.quotes.speakers.german_names import DETERMINERS, GermanNames, not_name
from reader.quotes.speakers.identity import ANONYMOUS, ORGANISATION, PERSON, Speaker
from reader.quotes.speakers.tokens import Token


class PhraseSpeakers:
    """Speakers of noun phrases in one article (masked text, names, quoted names)."""

    def __init__(self, text: str, names: GermanNames, named: list[tuple[int, int]]) -> None:
        self.text = text
        self.names = names
        self.named = named

    def quoted(self, token: Token) -> tuple[int, int] | None:
        """The quoted name holding this token, if any."""
        return next((s for s in self.named if s[0] <= token.start < s[1]), None)

    def first_speaker(
        self, tokens: list[Token], governed_ok: bool = False, first_only: bool = False
    ) -> Speaker | None:
        """The first noun phrase of `tokens` that speaks; with `first_only`, the first
        ungoverned phrase decides (a thing as subject gives no one)."""
        pronoun = next(
            (i for i, t in enumerate(tokens[:6]) if t.lower in PRONOUNS and not t.capital), -1
        )
        if tokens and tokens[0].lower in PRONOUNS:
            pronoun = 0
        phrases = chunks(tokens)
        for number, chunk in enumerate(phrases):
            if 0 <= pronoun < chunk.first:
                break
            if chunk.governed and not governed_ok:
                continue
            speaking = first_only and self._says(chunk, tokens)
            if first_only and not speaking and self._opening_word(chunk, tokens):
                continue  # "Zwar sei ...", "Sinngemäß hofft Musk": an adverb, not a name
            speaker = self.speaker(chunk, tokens)
            if speaker is None and speaking:
                return self.unknown(chunk, tokens)  # "Ein Kommentator schrieb: „...“"
            if speaker is None and first_only:
                return self._inverted(phrases[number + 1 : number + 4], chunk, tokens)
            if speaker is not None:
                return speaker
        if pronoun >= 0 and not (pronoun and tokens[pronoun - 1].lower in PREPOSITIONS):
            return self._pronoun(tokens, pronoun)
        return None

    def _inverted(
        self, following: list[Chunk], first: Chunk, tokens: list[Token]
    ) -> Speaker | None:
        """ "Die Anwendung ... stellte der SPD-Vorsitzende X in Frage": the phrase right after
        the verb that follows a first phrase that cannot speak (and its attached phrases:
        "Jegliche Mitverantwortung für die Affäre weist die Abgeordnete X von sich")."""
        end = first.end
        while following and following[0].governed and following[0].first <= end + 1:
            end, following = following[0].end, following[1:]  # "für die Affäre"
        if not following or following[0].governed:
            return None
        between = tokens[end : following[0].first]
        if not between or between[0].capital or not between[0].is_word:
            return None
        if between[0].lower in NOT_VERBS or any(t.lower not in AFTER_VERB for t in between[1:]):
            return None
        return self.speaker(following[0], tokens)

    def _pronoun(self, tokens: list[Token], i: int) -> Speaker | None:
        """ "er", or "sie" with a verb in the singular ("sie sagte", not "sie forderten"): the
        person named last."""
        token = tokens[i]
        if token.lower == "sie":
            verbs = [t.lower for t in (tokens[i - 1 : i] + tokens[i + 1 : i + 2]) if t.is_word]
            if any(v.endswith("en") or v == "sind" for v in verbs):
                return None  # "Sie demonstrierten": they
        return self.names.last_person(token.start, gender="f" if token.lower == "sie" else "m")

    def _says(self, chunk: Chunk, tokens: list[Token]) -> bool:
        """Is a phrase followed by a reporting verb or a colon ("Barth meint:", "Ein Beamter
        der Nationalpolizei: „...“")? Then it speaks, even as a noun no list knows."""
        following = tokens[chunk.end] if chunk.end < len(tokens) else None
        if following is None or chunk.governed:
            return False
        verb = following.lower in REPORTING_VERBS and not following.capital
        return verb or (following.text == ":" and chunk.end == len(tokens) - 1)

    def place(self, tokens: list[Token]) -> Speaker | None:
        """The text a clause opens with, where words stand: "Im letzten Satz der Anordnung
        (heißt es)", "Auf der Homepage (heißt es)"; the description as given."""
        if not tokens or tokens[0].lower not in {"in", "im", "auf", "laut"}:
            return None
        found = chunks(tokens)
        if not found or found[0].first > 2:
            return None
        return Speaker(self._described(found[0], tokens), ANONYMOUS)

    def unknown(self, chunk: Chunk, tokens: list[Token]) -> Speaker | None:
        """A phrase that speaks though no list knows its words: a name of two words or a
        surname said again, else the description as given."""
        capitals = list(chunk.capitals)
        if not chunk.determiner and self.names.said_again(capitals[-1]):
            return Speaker(" ".join(capitals), PERSON)  # "Paolo hatte ... abgelehnt:"
        word = capitals[-1]
        if not chunk.determiner and len(capitals) == 1 and _brand(word):
            return Speaker(word, ORGANISATION)  # "EBay-Deutschland gab dazu bekannt:"
        if not chunk.determiner:
            return None
        return Speaker(self._described(chunk, tokens), ANONYMOUS)

    def _opening_word(self, chunk: Chunk, tokens: list[Token]) -> bool:
        """A single capitalised word opening the clause that names no one."""
        if chunk.first or chunk.determiner or len(chunk.capitals) != 1 or chunk.apposed:
            return False
        word = chunk.capitals[0]
        return not (self.names.key(word) or person_noun(word) or body_noun(word))

    def speaker(self, chunk: Chunk, tokens: list[Token]) -> Speaker | None:
        """Who a noun phrase names, if it can speak: a person, a body, or a description."""
        quoted = self.quoted(tokens[chunk.end - 1])
        if quoted is not None:
            return self._publication(chunk, tokens, quoted)
        if chunk.apposed:
            return self.names.speaker(list(chunk.apposed))
        capitals = list(chunk.capitals)
        roles = [i for i, w in enumerate(capitals) if person_noun(w)]
        if not roles and chunk.determiner and len(capitals) >= 3:
            roles = [len(capitals) - 3]  # "den Theologen Hans Keller": a noun, then a name
        name = capitals[roles[-1] + 1 :] if roles else capitals
        genitive = bool(roles) and self._genitive(name, chunk)
        speaks = name and not body_noun(name[-1]) and not genitive
        if speaks and self._is_name(name, bool(roles), chunk):
            return self.names.speaker(capitals, titled=bool(roles))
        head = capitals[roles[-1]] if genitive else capitals[-1]
        return self._unnamed(chunk, tokens, capitals, head)

    def _publication(self, chunk: Chunk, tokens: list[Token], quoted: tuple[int, int]) -> Speaker:
        """ "die „Computerwoche“", "„Die Zeit“": a quoted name, a publication or body."""
        first = tokens[chunk.first].start
        text = " ".join(self.text[min(first, quoted[0] - 1) : quoted[1] + 1].split())
        if chunk.determiner in DETERMINERS and text.lower().startswith(chunk.determiner):
            text = chunk.determiner + text[len(chunk.determiner) :]
        return Speaker(text, ORGANISATION)

    def _unnamed(
        self, chunk: Chunk, tokens: list[Token], capitals: list[str], head: str
    ) -> Speaker | None:
        """A phrase naming no person by name, by its head noun: a body ("der Sender CNN"), a
        role held by someone named ("der Bundestrainer"), a document, else no one."""
        described = self._described(chunk, tokens)
        body = next((i for i, w in enumerate(capitals[:-1]) if body_noun(w)), -1)
        if body >= 0 and not any(person_noun(w) or body_noun(w) for w in capitals[body + 1 :]):
            return Speaker(described, ORGANISATION)  # "das US-Magazin Barrons", "der Sender CNN"
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

    def _genitive(self, name: list[str], chunk: Chunk) -> bool:
        """ "der Vertreter Libyens", "der Präsident Frankreichs": a role of a place, not a
        person called "Libyens" (a known person's genitive stays theirs)."""
        word = name[0] if len(name) == 1 else ""
        return bool(chunk.determiner) and word.endswith("s") and self.names.key(word) is None

    def _is_name(self, name: list[str], titled: bool, chunk: Chunk) -> bool:
        """A person's name: after a title, known to the article, or two capitalised words
        without an article ("Frank-Jürgen Weise")."""
        if titled or self.names.key(name[-1]):
            return True
        return len(name) >= 2 and not chunk.determiner and not any(not_name(w) for w in name)

    def _described(self, chunk: Chunk, tokens: list[Token]) -> str:
        """A description as the article gives it, its article in lower case."""
        first, last = tokens[chunk.first], tokens[chunk.end - 1]
        end = last.end
        following = self._named_after(end)
        if following is not None:
            end = following[1] + 1  # "die linksextreme Wochenzeitschrift „Jungle World“"
        text = " ".join(self.text[first.start : end].split())
        if chunk.determiner in DETERMINERS:
            text = chunk.determiner + text[len(chunk.determiner) :]
        return text.rstrip(",")

    def _named_after(self, end: int) -> tuple[int, int] | None:
        """A quoted name right after a noun phrase ending at `end`."""
        return next((s for s in self.named if 0 < s[0] - end <= 2), None)


def _brand(word: str) -> bool:
    """A company's or site's name: "EBay-Deutschland", "YouTube", "ZDFneo"."""
    inner = any(c.isupper() for c in word[1:].replace("-", ""))
    return (inner or "-" in word) and not not_name(word)
