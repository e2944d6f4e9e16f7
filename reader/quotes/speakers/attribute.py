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
from dataclasses import dataclass, replace

from reader.quotes.speakers.after import cue_after, cue_sentence_end
from reader.quotes.speakers.german import GermanSpeakers
from reader.quotes.speakers.identity import PERSON
from reader.quotes.speakers.mentions import OPENERS, ArticleNames
from reader.quotes.speakers.names import is_organisation
from reader.quotes.speakers.nested import outer_source
from reader.quotes.speakers.phrases import (
    PARTICIPLES,
    Phrase,
    appositive_start,
    clause_cue,
    is_verb,
    phrase_forward,
    phrase_left,
    phrase_right,
    skip_adverbs,
    strip_possessive,
)
from reader.quotes.speakers.tokens import (
    Token,
    TokenIndex,
    mask_quotes,
    sentence_start,
    sentence_starts,
)
from reader.quotes.speakers.turns import Turn, heading_quote

_NEAR_CHARS = 90
_ACCORDING = frozenset({"according", "laut", "zufolge"})
_THAT = frozenset({"that", "dass"})
# Things that carry words other than their holder's: "a sign saying", "a banner reading"
# (not "an ad calling": "Trump released a new radio ad calling it" is Trump's).
_DISPLAYS = frozenset(
    str.split(
        "sign signs banner banners placard placards poster posters shirt shirts t-shirt "
        "t-shirts sticker stickers billboard billboards headline headlines caption graphic"
    )
)
_PARTITIVES = frozenset(str.split("of one some each both all several many two three"))
# Passive verbs whose subject hears the quote, and the cue phrase for a speaker not named.
_PUT_TO = frozenset(str.split("asked told questioned pressed quizzed"))
_UNNAMED = Phrase("pronoun", ("someone",), 0)
# Verbs whose next noun phrase is their object, named by the quote or told it: "X called Y
# “...”", "Gen Musharraf told the BBC: “...”".
_NAMING = frozenset(
    str.split(
        "called calls labeled labelled labels dubbed dubs termed terms branded brands named "
        "described describes praised praises thanked thanks accused accuses hailed hails "
        "compared mocked blasted slammed criticized criticised urged urges told tells"
    )
)
_SAID_IN = frozenset(("in", "on", "during"))  # "said in a statement.", "wrote on Twitter."
_AGREEING = frozenset({"agreed", "agrees", "concurred", "disagreed", "disagrees"})


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who speaks a quote; `cued` when a reporting cue stands close to it (a few words before,
    right after, or closing its sentence), not merely somewhere in a long sentence."""

    speaker: str | None
    cued: bool
    adjacent: bool = False  # the cue touches the quote: “...,” he said / declared: “...”
    kind: str = ""  # person, organisation, anonymous ("" when no one)
    roles: tuple[str, ...] = ()

    def moved(self, cued: bool = False) -> Attribution:
        """The same speaker for another quote (a follow-on quote, an open paragraph)."""
        return Attribution(self.speaker, cued, False, self.kind, self.roles)


_GERMAN_WORDS = re.compile(r"\b(?:der|die|das|und|nicht|ist|mit|sich|auf)\b")
_ENGLISH_WORDS = re.compile(r"\b(?:the|and|not|is|with|of|to|that)\b")


def _apposed_name(tokens: list[Token]) -> Phrase | None:
    """ ", Robby Mook," right after a subject: the name in apposition."""
    if len(tokens) < 3 or tokens[0].text != ",":
        return None
    phrase, used = phrase_forward(tokens[1:])
    closed = used + 1 < len(tokens) and tokens[used + 1].text == ","
    return phrase if phrase is not None and phrase.kind == "name" and closed else None


def _participial(word: str) -> bool:
    """ "Appearing before supporters, X said": an -ing or -ed word opening a sentence."""
    return len(word) >= 6 and word.endswith(("ing", "ed"))


_STATEMENTS = frozenset(("statement", "communique", "communiqué", "release", "announcement"))


def _statement_issuer(tokens: list[Token]) -> Phrase | None:
    """ "a statement from Chelsea", "a statement by the club": who issued it, when it opens
    the clause (the statement speaks for them)."""
    for i, token in enumerate(tokens[:6]):
        if token.lower not in _STATEMENTS:
            continue
        phrase = None
        if i + 1 < len(tokens) and tokens[i + 1].lower in {"from", "by", "of"}:
            phrase = phrase_right(tokens[i + 2 :])
        elif i and strip_possessive(tokens[i - 1].text) != tokens[i - 1].text:
            owner = strip_possessive(tokens[i - 1].text)  # "Chelsea's statement added:"
            phrase = Phrase("name", (owner,), tokens[i - 1].start) if owner[:1].isupper() else None
        if phrase is None or phrase.kind != "name":
            return None
        return replace(phrase, issuer=True)
    return None


def _may_open_phrase(token: Token) -> bool:
    """ "attacking" or "visiting" open a participle clause, not a noun phrase ("conservative
    commentator Jonah Goldberg" may)."""
    return token.capital or not (token.lower.endswith("ing") and len(token.lower) > 5)


def _noun_use(tokens: list[Token], i: int) -> bool:
    """ "the claims", "his remarks", "her recent tweets": a reporting verb's form used as a
    plural noun after a determiner, or after a possessive and one adjective ("the ad says"
    keeps its verb)."""
    if not tokens[i].lower.endswith("s") or i == 0:
        return False
    if tokens[i - 1].lower in _POSSESSORS or tokens[i - 1].lower in {"the", "a", "an"}:
        return True
    previous = tokens[i - 1]
    adjective = previous.is_word and not previous.capital and not previous.lower.endswith("s")
    return i > 1 and tokens[i - 2].lower in _POSSESSORS and adjective


_POSSESSORS = frozenset(str.split("his her its their my our your these those"))


def looks_german(text: str) -> bool:
    """German puts the subject after the verb ("sagte Schily"); decide once per article."""
    sample = text[:5000]
    return len(_GERMAN_WORDS.findall(sample)) > 2 * len(_ENGLISH_WORDS.findall(sample)) + 5


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


def attribute_speakers(body: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """One Attribution per quote span (spans sorted by start)."""
    if not spans:
        return []  # most of a wire service's articles: nothing to tokenise
    masked = mask_quotes(body, spans)
    if looks_german(masked):
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
        self.verb_second = looks_german(masked)
        self.names = ArticleNames(self.index, self.starts, strict=self.verb_second)

    def run(self) -> list[Attribution]:
        results: list[Attribution] = []
        for index, (start, end) in enumerate(self.spans):
            if heading_quote(self.body, start, end):
                results.append(Attribution(None, False))  # 'A fight from start to finish.'
                continue
            found = cue_after(self.index, end, end - start)
            from_after = found is not None
            adjacent = found is not None or self._cue_touches(start)
            near = adjacent or self._cue_near(start)
            if found is None or found.kind == "pronoun":
                before = self._cue_before(index, start)
                if found is None or (before is not None and before.kind == "name"):
                    found = before  # “...,” she said after "Feinstein said": the name wins
            cue_near = near
            if found is None or found.verbless:  # Clinton “drew well ...”, said Paul Beck.
                found = cue_sentence_end(self.index, end) or found
                near = found is not None
            if found is not None:
                following = self.spans[index + 1][0] if index + 1 < len(self.spans) else end + 400
                outer = outer_source(self.index, self.starts, (start, end), following, from_after)
                if outer is not None and self.names.resolve(outer) is not None:
                    found = outer  # “...,” Sanders said, according to CNN: CNN's account
            if found is None:
                inherited = self._inherit(index, results)
                if inherited.speaker is None:  # "protesters marching ... chanted “...”"
                    inherited = Attribution(None, cue_near, adjacent)
                results.append(inherited)
            elif (turn := self._same_turn(index, results, found)) is not None:
                results.append(Attribution(turn.speaker, near, adjacent, turn.kind, turn.roles))
            else:
                speaker = self.names.resolve(found)
                if speaker is None:
                    results.append(Attribution(None, near, adjacent))
                else:
                    name, kind, roles = speaker
                    results.append(Attribution(name, near, adjacent, kind, roles))
        self._inherit_backwards(results)
        return results

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

    def _cue_near(self, start: int) -> bool:
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

    def _cue_touches(self, start: int) -> bool:
        """Does a reporting verb or a colon end the text right before the quote?"""
        tokens = [t for t in self.index.window(max(0, start - 40), start) if not t.is_mark]
        tail = [t.lower for t in tokens[-2:]]
        if tail and tail[-1] in {":", ","} and len(tail) == 2:
            tail = tail[:1]
        return bool(tail) and (tail[-1] == ":" or is_verb(tokens[-1]))

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

    def _cue_before(self, index: int, start: int) -> Phrase | None:
        """A cue earlier in the quote's sentence: according to X, X said (that), X: ..."""
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
            if _noun_use(tokens, i):
                continue  # "his recent remarks about": a noun, not a cue
            if is_verb(tokens[i]) and tokens[i].lower in PARTICIPLES:
                return self._participle_subject(tokens, i)
            if is_verb(tokens[i]):
                return self._verb_subject(tokens, i, lower)
        if tokens and self.body[start : start + 1].islower():
            return self._predicate_subject(tokens, start)
        if not tokens and not (index and self.spans[index - 1][1] > lower - 3):
            return self._previous_sentence_cue(lower)
        return None

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
                    return self._participle_subject(tokens, i)
                return self._verb_subject(tokens, i, lower)
        direct = phrase_left(tokens, len(tokens) - 1)
        if direct is not None and self._opens_clause(tokens, direct):
            return direct  # "Jane Doe: “...”", not the object in "a message to Trump: “...”"
        comma = max((i for i, t in enumerate(tokens) if t.text == ","), default=-1)
        clause, _ = phrase_forward(tokens[comma + 1 :])
        opening = tokens[comma + 1] if comma + 1 < len(tokens) else None
        if clause is not None and opening is not None and not _may_open_phrase(opening):
            return None  # ", attacking Mr. Trump and ... with a message:": no subject there
        return clause or self._subject(lower, tokens[-1].start)

    def _opens_clause(self, tokens: list[Token], phrase: Phrase) -> bool:
        """Does the phrase start its clause (nothing but a comma or the sentence before it)?"""
        before = [t for t in tokens if t.end <= phrase.pos]
        return not before or before[-1].text in ",;:-—–―"  # "Pollsters agree - Carl Bialik:"

    def _predicate_subject(self, tokens: list[Token], start: int) -> Phrase | None:
        """Putin “expressed serious concern ...”: a known name opening the sentence right
        before the quote (a name later in the sentence is its object or subject of a clause
        whose speaker is someone else)."""
        if self.masked[tokens[-1].end : start - 1].strip():
            return None
        phrase = phrase_left(tokens, len(tokens))
        if phrase is None or phrase.kind != "name" or phrase.pos != tokens[0].start:
            return None
        known = self.names.book.knows(phrase.words[-1]) or is_organisation(list(phrase.words))
        return replace(phrase, verbless=True) if known else None

    def _verb_subject(self, tokens: list[Token], verb: int, lower: int) -> Phrase | None:
        """Subject of a finite reporting verb; "by X" for a passive, else the sentence's."""
        issuer = _statement_issuer(tokens[:verb])
        if issuer is not None:
            return issuer  # "A statement from Chelsea explaining the decision read:"
        if verb and tokens[verb - 1].lower in {"was", "were", "been", "is", "be"}:
            sentence_end = min(len(self.masked), tokens[verb].end + 200)
            after = self.index.window(tokens[verb].end, sentence_end)
            for pool in (tokens, after):
                by = next((i for i, t in enumerate(pool) if t.lower == "by"), None)
                if by is not None:
                    return phrase_right(pool[by + 1 :])
            if tokens[verb].lower in _PUT_TO:
                return _UNNAMED  # "Trump was asked, “What’s ...?”": the asker speaks
        inverted = self._inverted(tokens, verb)
        lone_comma = verb > 0 and tokens[verb - 1].text == ","
        if inverted is not None and lone_comma and appositive_start(tokens, verb - 1) == verb - 1:
            return inverted  # "The paradox, says X, is that" (not "X, who ran, said Y was")
        subject = phrase_left(tokens, verb)
        if inverted is not None and (subject is None or not self.names.credible(subject)):
            return inverted  # German verb-second: "Nach der Sitzung sagte Schily:"
        return subject or self._subject(lower, tokens[verb].start)

    def _inverted(self, tokens: list[Token], verb: int) -> Phrase | None:
        """A name right after the verb that ends its clause: "says Carl Anthony, ..."; not
        the object of a verb of naming ("Skelly called Braynard “a real smart guy”")."""
        if tokens[verb].lower in _NAMING:
            return None
        phrase, used = phrase_forward(tokens[verb + 1 :])
        if phrase is None or phrase.kind != "name":
            return None
        after = tokens[verb + 1 + used : verb + 2 + used]
        return phrase if not after or after[0].text in ",.;:" else None

    def _participle_subject(self, tokens: list[Token], participle: int) -> Phrase | None:
        """ "..., saying that": the subject of the nearest finite verb, else the sentence's."""
        lower = sentence_start(self.starts, tokens[participle].start)
        tokens = [t for t in self.index.window(lower, tokens[participle].end) if not t.is_mark]
        participle = len(tokens) - 1
        own = phrase_left(tokens, participle, objects=True)
        if own is not None and own.kind != "pronoun" and tokens[participle - 1].text != ",":
            before = [t for t in tokens if t.end <= own.pos]
            while len(before) > 1 and before[-1].lower in _PARTITIVES:
                before.pop()  # "with one of her ads asking"
            if before and before[-1].lower == "with":
                return own  # "with Donald Trump tweeting that", "with one of her ads asking"
            if own.kind == "role" and own.words[-1].lower() in _DISPLAYS:
                return own  # "Jane Doe held up a sign saying": the sign's words, not hers
        for i in range(participle - 1, -1, -1):
            verb = is_verb(tokens[i]) and tokens[i].lower not in PARTICIPLES
            if verb and not _noun_use(tokens, i):
                phrase = phrase_left(tokens, i)
                if phrase is not None:
                    return phrase
        return self._subject(
            sentence_start(self.starts, tokens[participle].start), tokens[participle].start
        )

    def _subject(self, lower: int, upper: int) -> Phrase | None:
        """The first noun phrase of a sentence (after an opening "On X," phrase)."""
        tokens = [t for t in self.index.window(lower, upper) if not t.is_mark]
        opener = tokens and (tokens[0].lower in OPENERS or _participial(tokens[0].lower))
        if not tokens or (tokens[0].capital and not opener):
            phrase, used = phrase_forward(tokens)
            named = _apposed_name(tokens[used:])  # "Her campaign manager, Robby Mook, said"
            if named is not None:
                return named
            return phrase if phrase is None or self.names.credible(phrase) else None
        for comma in (i for i, t in enumerate(tokens) if t.text == ","):
            cued = clause_cue(tokens[comma + 1 :])  # "Appearing ..., Suu Kyi, 70, said"
            if cued is not None:
                return cued if self.names.credible(cued) else None
            phrase, used = phrase_forward(tokens[comma + 1 :])  # "At a rally in X, N.H., Sen. Y"
            rest = skip_adverbs(tokens[comma + 1 + used :])
            if rest and rest[0].lower in {"of", "from", "at"}:
                rest = rest[next((j for j, t in enumerate(rest) if not t.capital and j), 0) :]
            if phrase is not None and rest and rest[0].is_word and not rest[0].capital:
                return phrase if self.names.credible(phrase) else None
        return None

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
        if "\n\n" in self.masked[before:start] or self.spans_between(before, own_sentence):
            return Attribution(None, False)
        phrase = self._subject(before, own_sentence)
        speaker = self.names.resolve(phrase) if phrase is not None else None
        if (
            speaker is None
            or speaker.kind != PERSON
            or not self.names.book.knows(speaker.name.split()[-1])
        ):
            return Attribution(None, False)  # a person the article names in full
        return Attribution(speaker.name, False, False, speaker.kind, speaker.roles)

    def spans_between(self, start: int, end: int) -> bool:
        """Does a quote lie in text[start:end]?"""
        return any(start <= a < end for a, _ in self.spans)
