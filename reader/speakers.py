"""Rule-based speaker attribution for quotations, without any model download.

Cues, in order: a reporting verb right after the quote (“...,” he said / said Putin), a
reporting verb or "according to X" or "X:" before it in the same sentence, then follow-on
quotes inheriting the previous speaker. Pronouns resolve to the last person named; role
nouns ("the Russian president") to the person who holds that title in the article.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from reader.speaker_names import NameBook, is_organisation
from reader.speaker_phrases import (
    DETERMINERS,
    PARTICIPLES,
    PERSON_ROLES,
    SAY_VERBS,
    Phrase,
    clause_cue,
    phrase_forward,
    phrase_left,
    phrase_right,
    strip_possessive,
    until_sentence_end,
)
from reader.speaker_text import (
    TITLE_WORDS,
    Token,
    is_place,
    mask_quotes,
    name_run,
    sentence_start,
    sentence_starts,
    split_titles,
    tokenize,
)

_OPENERS = frozenset(
    str.split(
        "on in at after before during regarding asked for with following when while as since "
        "although though if because despite amid under without over by from back once until "
        "unlike like throughout earlier later last in"
    )
)
_DASHES = "—–-―"


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who speaks a quote, and whether a reporting cue in its own sentence says so."""

    speaker: str | None
    cued: bool
    adjacent: bool = False  # the cue touches the quote: “...,” he said / declared: “...”


def attribute_speakers(body: str, spans: list[tuple[int, int]]) -> list[Attribution]:
    """One Attribution per quote span (spans sorted by start)."""
    masked = mask_quotes(body, spans)
    return _Attributor(body, masked, spans).run()


class _Attributor:
    """Holds the article-wide state: names, person mentions, sentences."""

    def __init__(self, body: str, masked: str, spans: list[tuple[int, int]]) -> None:
        self.body = body
        self.masked = masked
        self.spans = spans
        self.starts = sentence_starts(masked)
        self.book = NameBook()
        self.people: list[tuple[int, str]] = []  # (offset, name) of each person mention
        self.subjects: list[tuple[int, str]] = []  # the same, for mentions that open a clause
        self._collect_names()

    def _collect_names(self) -> None:
        """Register every capitalised run: full names first, then person mentions in order."""
        tokens = tokenize(self.masked, 0, len(self.masked))
        starts = set(self.starts)
        self.proper = {t.text for t in tokens if t.capital and t.start not in starts}
        runs = _name_runs(tokens)
        for run in runs:
            if len(run.name) >= 2 and not is_place(run.name) and not is_organisation(run.name):
                self.book.add(" ".join(run.name), run.titles)
        for run in runs:
            if is_place(run.name) or is_organisation(run.name):
                continue
            if len(run.name) >= 2 or self.book.knows(run.name[-1]):
                name = " ".join(run.name)
                self.book.add(name, run.titles)
                self.people.append((run.start, name))
                if not run.possessive and self._opens_clause(run.start):
                    self.subjects.append((run.start, name))

    def _opens_clause(self, pos: int) -> bool:
        """Is the mention at `pos` the first phrase of its sentence (after "On X,")?"""
        lower = sentence_start(self.starts, pos)
        before = tokenize(self.masked, lower, pos)
        comma = max((i for i, t in enumerate(before) if t.text == ","), default=-1)
        if comma >= 0 and before[0].lower in _OPENERS:
            before = before[comma + 1 :]
        return all(t.lower in DETERMINERS or t.lower in TITLE_WORDS or t.is_mark for t in before)

    def run(self) -> list[Attribution]:
        results: list[Attribution] = []
        for index, (start, end) in enumerate(self.spans):
            found = self._cue_after(start, end)
            adjacent = found is not None or self._cue_touches(start)
            found = found or self._cue_before(index, start) or self._cue_sentence_end(end)
            if found is None:
                results.append(self._inherit(index, results))
            else:
                results.append(Attribution(self.resolve(found), True, adjacent))
        self._inherit_backwards(results)
        return results

    def _cue_touches(self, start: int) -> bool:
        """Does a reporting verb or a colon end the text right before the quote?"""
        tokens = [t for t in tokenize(self.masked, max(0, start - 40), start) if not t.is_mark]
        tail = [t.lower for t in tokens[-2:]]
        if tail and tail[-1] in {":", ","} and len(tail) == 2:
            tail = tail[:1]
        return bool(tail) and (tail[-1] == ":" or tail[-1] in SAY_VERBS or tail[-1] in PARTICIPLES)

    def _inherit_backwards(self, results: list[Attribution]) -> None:
        """A paragraph left open (the next paragraph reopens the quote) takes the speaker
        named at the end of the quote: “... [no closing mark] / “... ,” he said."""
        for index in range(len(results) - 2, -1, -1):
            if results[index].speaker is not None or results[index + 1].speaker is None:
                continue
            end, next_start = self.spans[index][1], self.spans[index + 1][0]
            gap = self.masked[end:next_start]
            if gap.startswith("\n\n") and gap.count("\n\n") == 1 and len(gap.strip()) <= 1:
                results[index] = Attribution(results[index + 1].speaker, False)

    def _cue_after(self, start: int, end: int) -> Phrase | None:
        """“...,” he said / said Putin / — Oscar Quintero, right after the quote."""
        tokens = until_sentence_end(tokenize(self.masked, end, self._window_end(end, 200)))
        while tokens and tokens[0].is_mark:
            tokens = tokens[1:]
        if not tokens:
            return None
        if tokens[0].text in _DASHES and self._dash_byline(tokens):
            return phrase_forward(tokens[1:])[0]
        if self.masked[end - 1 : end] == "." and tokens[0].capital:
            return None  # the quote ended its sentence; what follows is a new one
        return clause_cue(tokens)

    def _dash_byline(self, tokens: list[Token]) -> bool:
        """“...” ― Oscar P. Quintero: a name alone after a dash ends the line."""
        phrase, used = phrase_forward(tokens[1:])
        if phrase is None or phrase.kind != "name":
            return False
        rest_end = tokens[used].end if used < len(tokens) else tokens[-1].end
        line_end = self.masked.find("\n", rest_end)
        tail = self.masked[rest_end : line_end if line_end >= 0 else len(self.masked)]
        return used + 1 >= len(tokens) and len(tail.strip(" .,")) == 0

    def _window_end(self, end: int, width: int) -> int:
        """`end + width`, cut at the end of the paragraph."""
        paragraph_end = self.masked.find("\n\n", end, end + width)
        return paragraph_end if paragraph_end >= 0 else min(len(self.masked), end + width)

    def _cue_before(self, index: int, start: int) -> Phrase | None:
        """A cue earlier in the quote's sentence: according to X, X said (that), X: ..."""
        lower = sentence_start(self.starts, max(0, start - 1))
        if index and self.spans[index - 1][1] > lower:
            lower = max(lower, self.spans[index - 1][1])
        tokens = [t for t in tokenize(self.masked, lower, start) if not t.is_mark]
        if tokens and tokens[-1].text == ":":
            return self._colon_subject(tokens, lower)
        for i in range(len(tokens) - 1, -1, -1):
            if (
                tokens[i].lower == "according"
                and i + 1 < len(tokens)
                and tokens[i + 1].lower == "to"
            ):
                return phrase_right(tokens[i + 2 :])
            if tokens[i].lower in PARTICIPLES:
                return self._participle_subject(tokens, i)
            if tokens[i].lower in SAY_VERBS:
                return self._verb_subject(tokens, i, lower)
        if tokens and self.body[start : start + 1].islower():
            return self._predicate_subject(tokens, start)
        return None

    def _colon_subject(self, tokens: list[Token], lower: int) -> Phrase | None:
        """X: “...” / X fired back: “...” / X said in a statement: “...”."""
        for i in range(len(tokens) - 2, -1, -1):
            if tokens[i].text in ",;":
                break
            if tokens[i].lower in SAY_VERBS:
                return self._verb_subject(tokens, i, lower)
        direct = phrase_left(tokens, len(tokens) - 1)
        if direct is not None:
            return direct
        comma = max((i for i, t in enumerate(tokens) if t.text == ","), default=-1)
        clause, _ = phrase_forward(tokens[comma + 1 :])
        return clause or self._subject(lower, tokens[-1].start)

    def _predicate_subject(self, tokens: list[Token], start: int) -> Phrase | None:
        """Putin “expressed serious concern ...”: a known name right before the quote."""
        if self.masked[tokens[-1].end : start - 1].strip():
            return None
        phrase = phrase_left(tokens, len(tokens))
        if phrase is None or phrase.kind != "name":
            return None
        known = self.book.knows(phrase.words[-1]) or is_organisation(list(phrase.words))
        return phrase if known else None

    def _verb_subject(self, tokens: list[Token], verb: int, lower: int) -> Phrase | None:
        """Subject of a finite reporting verb; "by X" for a passive, else the sentence's."""
        if verb and tokens[verb - 1].lower in {"was", "were", "been", "is", "be"}:
            sentence_end = min(len(self.masked), tokens[verb].end + 200)
            after = tokenize(self.masked, tokens[verb].end, sentence_end)
            for pool in (tokens, after):
                by = next((i for i, t in enumerate(pool) if t.lower == "by"), None)
                if by is not None:
                    return phrase_right(pool[by + 1 :])
        if verb and tokens[verb - 1].text == "," and verb + 1 < len(tokens):
            inverted = phrase_right(tokens[verb + 1 :])  # "The paradox, says X, is that"
            if inverted is not None and inverted.kind == "name":
                return inverted
        return phrase_left(tokens, verb) or self._subject(lower, tokens[verb].start)

    def _participle_subject(self, tokens: list[Token], participle: int) -> Phrase | None:
        """ "..., saying that": the subject of the nearest finite verb, else the sentence's."""
        lower = sentence_start(self.starts, tokens[participle].start)
        tokens = [t for t in tokenize(self.masked, lower, tokens[participle].end) if not t.is_mark]
        participle = len(tokens) - 1
        own = phrase_left(tokens, participle)
        if own is not None and own.kind == "name" and tokens[participle - 1].text != ",":
            return own  # "with Donald Trump tweeting that ..."
        for i in range(participle - 1, -1, -1):
            if tokens[i].lower in SAY_VERBS:
                phrase = phrase_left(tokens, i)
                if phrase is not None:
                    return phrase
        return self._subject(
            sentence_start(self.starts, tokens[participle].start), tokens[participle].start
        )

    def _cue_sentence_end(self, end: int) -> Phrase | None:
        """A cue clause after a later comma of the quote's sentence: “...” in X, he said."""
        if self.masked[end - 1 : end] in (".", "!", "?"):
            return None
        tokens = until_sentence_end(tokenize(self.masked, end, self._window_end(end, 400)))
        for i, token in enumerate(tokens):
            if token.text == ",":
                phrase = clause_cue(tokens[i + 1 :])
                if phrase is not None:
                    return phrase
        return None

    def _subject(self, lower: int, upper: int) -> Phrase | None:
        """The first noun phrase of a sentence (after an opening "On X," phrase)."""
        tokens = [t for t in tokenize(self.masked, lower, upper) if not t.is_mark]
        if tokens and (tokens[0].lower in _OPENERS or not tokens[0].capital):
            comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
            tokens = tokens[comma + 1 :] if comma is not None else tokens
        phrase, _ = phrase_forward(tokens)
        return phrase if phrase is None or self._credible(phrase) else None

    def _credible(self, phrase: Phrase) -> bool:
        """A sentence's first phrase is a speaker only if it is a pronoun, a role, a person
        the article names, an organisation, or a full name ("Facing", "Likewise" are not)."""
        if phrase.kind != "name":
            return True
        words = list(phrase.words)
        if self.book.knows(words[-1]) or is_organisation(words):
            return True
        if len(words) == 1 and words[0] in self.proper:
            return True  # capitalised mid-sentence elsewhere: a name, not "Likewise"
        _titles, name = split_titles(words)
        return len(name) >= 2 and not is_place(name)

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
        return (
            Attribution(results[index - 1].speaker, False)
            if opens_sentence and near
            else Attribution(None, False)
        )

    def resolve(self, phrase: Phrase) -> str | None:
        """The display name a phrase refers to, or None."""
        if phrase.kind == "pronoun":
            return self._last_person(phrase.pos) if phrase.words[0] in {"he", "she"} else None
        words = list(phrase.words)
        if phrase.kind == "role":
            named = self.book.by_title(
                {w.lower() for w in words if w.lower() in TITLE_WORDS or w[0].isupper()}
            )
            if named:
                return named
            if words[-1].lower() in PERSON_ROLES:
                return self._last_person(phrase.pos, words[-1].lower())
            return "the " + " ".join(words) if is_organisation(words) else None
        if phrase.definite and words[-1].lower() in PERSON_ROLES:
            titled = self.book.by_title({w.lower() for w in words})
            return titled or self._last_person(phrase.pos, words[-1].lower())
        _titles, name = split_titles(words)
        if is_organisation(name) or (phrase.definite and not self.book.knows(name[-1])):
            return ("the " if phrase.definite else "") + " ".join(name)
        return self.book.display(" ".join(name))

    def _last_person(self, pos: int, role: str = "") -> str | None:
        """The person last named as a subject before `pos` (else the last named at all);
        for a role ("the president") skip people known by another role ("Ambassador X")."""
        for mentions in (self.subjects, self.people):
            for i in range(
                bisect_left(mentions, (pos, "")) - 1,
                max(-1, bisect_left(mentions, (pos, "")) - 9),
                -1,
            ):
                if not role or self.book.may_hold(mentions[i][1], role):
                    return self.book.display(mentions[i][1])
        return None


@dataclass(frozen=True, slots=True)
class _Run:
    """A capitalised run of the text: where it starts, the name, its titles."""

    start: int
    name: list[str]
    titles: set[str]
    possessive: bool


def _name_runs(tokens: list[Token]) -> list[_Run]:
    runs: list[_Run] = []
    i = len(tokens) - 1
    while i >= 0:
        span = name_run(tokens, i)
        if span is None:
            i -= 1
            continue
        words = [t.text for t in tokens[span[0] : span[1] + 1]]
        possessive = strip_possessive(words[-1]) != words[-1]
        words[-1] = strip_possessive(words[-1])
        titles, name = split_titles([w.rstrip(".") for w in words])
        titles_found = {w.lower() for w in titles} | _lower_titles(tokens, span[0])
        runs.append(_Run(tokens[span[0]].start, name, titles_found, possessive))
        i = span[0] - 1
    runs.reverse()
    return runs


def _lower_titles(tokens: list[Token], first: int) -> set[str]:
    """Lower-case title words just before a name ("presidential candidate Donald Trump")."""
    found: set[str] = set()
    i = first - 1
    while i >= 0 and first - i <= 3 and tokens[i].lower in TITLE_WORDS | {"us", "russian"}:
        found.add(tokens[i].lower)
        i -= 1
    return found
