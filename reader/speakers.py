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
from reader.speaker_text import (
    PRONOUNS,
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


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SAY_VERBS = _word_set(
    "said say says told tells added adds stressed stresses noted notes warned warns declared "
    "declares assured assures described describes explained explains insisted insists argued "
    "argues claimed claims stated states asked asks replied replies responded responds wrote "
    "writes tweeted tweets posted announced announces continued continues recalled acknowledged "
    "admitted complained suggested suggests emphasized emphasised emphasizes emphasises urged "
    "urges observed concluded confirmed confirms predicted promised vowed repeated reiterated "
    "countered quipped joked remarked called calls labeled labelled dubbed termed hailed "
    "compared accused criticized criticised denied boasted lamented mused conceded cautioned "
    "charged alleged maintained wondered yelled shouted chanted reads read thundered pointed "
    "believes believed thinks thought felt feels hoped hopes proclaimed pledged snapped scoffed "
    "recounted testified demanded referred"
)
PARTICIPLES = _word_set(
    "saying adding noting stressing warning insisting telling explaining arguing calling "
    "describing assuring declaring writing pointing asking claiming emphasizing emphasising "
    "urging recalling acknowledging admitting complaining suggesting"
)
_SKIPPABLE = _word_set(
    "also then further simply later previously once again has had have would will just even "
    "still recently repeatedly publicly quickly flatly on in at last this week earlier monday "
    "tuesday wednesday thursday friday saturday sunday yesterday today however tonight morning "
    "evening afternoon night"
)
_DETERMINERS = {"the", "a", "an", "his", "her", "its", "their", "this", "that"}
_PERSON_ROLES = TITLE_WORDS | {"man", "woman", "businessman", "billionaire", "mogul"}
_MAX_NP = 8
_OPENERS = {"on", "in", "at", "after", "during", "regarding", "asked", "for", "with", "following"}


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who speaks a quote, and whether a reporting cue in its own sentence says so."""

    speaker: str | None
    cued: bool


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase found next to a cue: a name, a pronoun or a role ("the diplomat")."""

    kind: str
    words: tuple[str, ...]
    pos: int
    definite: bool = False


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
        return all(t.lower in _DETERMINERS or t.lower in TITLE_WORDS or t.is_mark for t in before)

    def run(self) -> list[Attribution]:
        results: list[Attribution] = []
        for index, (start, end) in enumerate(self.spans):
            found = (
                self._cue_after(start, end)
                or self._cue_before(index, start)
                or self._cue_sentence_end(end)
            )
            if found is None:
                results.append(self._inherit(index, results))
            else:
                results.append(Attribution(self.resolve(found), True))
        return results

    def _cue_after(self, start: int, end: int) -> Phrase | None:
        last = self.masked[end - 1 : end]
        tokens = tokenize(self.masked, end, self._window_end(end, 160))
        tokens = _until_sentence_end(tokens)
        while tokens and (tokens[0].is_mark or tokens[0].text in ",—–-("):
            tokens = tokens[1:]
        if not tokens or (last == "." and tokens[0].capital):
            return None
        if tokens[0].lower in SAY_VERBS:
            rest = tokens[1:]
            if rest and rest[0].lower == "by":
                rest = rest[1:]
            return _phrase_right(rest)
        phrase, used = _phrase_forward(tokens)
        if phrase is None:
            return None
        after = _skip(tokens[used:])
        if after and (after[0].lower in SAY_VERBS or after[0].lower in PARTICIPLES):
            return phrase
        return None

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
        for i in range(len(tokens) - 1, -1, -1):
            if (
                tokens[i].lower == "according"
                and i + 1 < len(tokens)
                and tokens[i + 1].lower == "to"
            ):
                return _phrase_right(tokens[i + 2 :])
            if tokens[i].lower in PARTICIPLES:
                return self._participle_subject(tokens, i)
            if tokens[i].lower in SAY_VERBS:
                return self._verb_subject(tokens, i, lower)
        if tokens and tokens[-1].text == ":":
            return _phrase_left(tokens, len(tokens) - 1)
        if tokens and self.body[start : start + 1].islower():
            return _phrase_left(tokens, len(tokens))  # Putin “expressed serious concern ...”
        return None

    def _verb_subject(self, tokens: list[Token], verb: int, lower: int) -> Phrase | None:
        """Subject of a finite reporting verb; "by X" for a passive, else the sentence's."""
        if verb and tokens[verb - 1].lower in {"was", "were", "been", "is", "be"}:
            sentence_end = min(len(self.masked), tokens[verb].end + 200)
            after = tokenize(self.masked, tokens[verb].end, sentence_end)
            for pool in (tokens, after):
                by = next((i for i, t in enumerate(pool) if t.lower == "by"), None)
                if by is not None:
                    return _phrase_right(pool[by + 1 :])
        return _phrase_left(tokens, verb) or self._subject(lower, tokens[verb].start)

    def _participle_subject(self, tokens: list[Token], participle: int) -> Phrase | None:
        """ "..., saying that": the subject of the nearest finite verb, else the sentence's."""
        for i in range(participle - 1, -1, -1):
            if tokens[i].lower in SAY_VERBS:
                phrase = _phrase_left(tokens, i)
                if phrase is not None:
                    return phrase
        return self._subject(
            sentence_start(self.starts, tokens[participle].start), tokens[participle].start
        )

    def _cue_sentence_end(self, end: int) -> Phrase | None:
        """A closing ", he said." at the end of the quote's sentence."""
        if self.masked[end - 1 : end] in (".", "!", "?"):
            return None
        tokens = _until_sentence_end(tokenize(self.masked, end, self._window_end(end, 400)))
        comma = max((i for i, t in enumerate(tokens) if t.text == ","), default=-1)
        tail = [t for t in tokens[comma + 1 :] if not t.is_mark]
        if comma < 0 or not 2 <= len(tail) <= 8:
            return None
        verb = next((i for i, t in enumerate(tail) if t.lower in SAY_VERBS), None)
        if verb is None or verb == 0:
            return _phrase_right(tail[1:]) if verb == 0 else None
        return _phrase_left(tail, verb)

    def _subject(self, lower: int, upper: int) -> Phrase | None:
        """The first noun phrase of a sentence (after an opening "On X," phrase)."""
        tokens = [t for t in tokenize(self.masked, lower, upper) if not t.is_mark]
        if tokens and tokens[0].lower in {
            "on",
            "in",
            "at",
            "after",
            "during",
            "regarding",
            "asked",
        }:
            comma = next((i for i, t in enumerate(tokens) if t.text == ","), None)
            tokens = tokens[comma + 1 :] if comma is not None else tokens
        phrase, _ = _phrase_forward(tokens)
        return phrase

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
            if words[-1].lower() in _PERSON_ROLES:
                return self._last_person(phrase.pos)
            if any(w[0].isupper() for w in words) or is_organisation(words):
                return "the " + " ".join(words)
            return None
        if phrase.definite and words[-1].lower() in _PERSON_ROLES:
            return self.book.by_title({w.lower() for w in words}) or self._last_person(phrase.pos)
        _titles, name = split_titles(words)
        if is_organisation(name) or (phrase.definite and len(name) == 1):
            return ("the " if phrase.definite else "") + " ".join(name)
        return self.book.display(" ".join(name))

    def _last_person(self, pos: int) -> str | None:
        """The person last named as a subject before `pos` (else the last named at all)."""
        for mentions in (self.subjects, self.people):
            i = bisect_left(mentions, (pos, ""))
            if i:
                return self.book.display(mentions[i - 1][1])
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
        possessive = _strip_possessive(words[-1]) != words[-1]
        words[-1] = _strip_possessive(words[-1])
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


def _until_sentence_end(tokens: list[Token]) -> list[Token]:
    for i, token in enumerate(tokens):
        if token.text in {".", "!", "?", ";"} and i:
            return tokens[:i]
    return tokens


def _skip(tokens: list[Token]) -> list[Token]:
    i = 0
    while (
        i < len(tokens)
        and i < 4
        and (tokens[i].lower in _SKIPPABLE or tokens[i].lower.endswith("ly"))
    ):
        i += 1
    return tokens[i:]


def _phrase_forward(tokens: list[Token]) -> tuple[Phrase | None, int]:
    """A noun phrase at the start of `tokens` and how many tokens it used."""
    if not tokens:
        return None, 0
    first = tokens[0]
    if first.lower in PRONOUNS:
        return Phrase("pronoun", (first.lower,), first.start), 1
    definite = first.lower in _DETERMINERS
    i = 1 if definite else 0
    words: list[str] = []
    while i < len(tokens) and len(words) < _MAX_NP and tokens[i].is_word:
        word = tokens[i]
        if word.lower in SAY_VERBS or word.lower in PARTICIPLES or word.lower in _SKIPPABLE:
            break
        if not definite and not word.capital and word.lower not in {"de", "van", "von", "al"}:
            break
        words.append(_strip_possessive(word.text))
        i += 1
        if word.text != words[-1]:
            break
    return _make_phrase(words, first.start, definite), i


def _phrase_right(tokens: list[Token]) -> Phrase | None:
    """The noun phrase after an inverted cue ("said the Kremlin’s press release")."""
    phrase, _ = _phrase_forward([t for t in tokens if not t.is_mark])
    return phrase


def _phrase_left(tokens: list[Token], verb: int) -> Phrase | None:
    """The subject right before a reporting verb, skipping adverbs and an appositive."""
    i = verb - 1
    while i >= 0 and (
        tokens[i].lower in _SKIPPABLE or tokens[i].lower.endswith("ly") or tokens[i].text == ","
    ):
        if tokens[i].text == ",":
            comma = next(
                (j for j in range(i - 1, max(-1, i - 16), -1) if tokens[j].text in ",.:;"), None
            )
            if comma is not None and tokens[comma].text == "," and comma > 0:
                i = comma
        i -= 1
    if i < 0:
        return None
    if tokens[i].lower in PRONOUNS:
        return Phrase("pronoun", (tokens[i].lower,), tokens[i].start)
    run = name_run(tokens, i)
    if run is not None:
        words = [_strip_possessive(t.text) for t in tokens[run[0] : i + 1]]
        definite = run[0] > 0 and tokens[run[0] - 1].lower == "the"
        return _make_phrase(words, tokens[run[0]].start, definite)
    j = i
    while j >= 0 and i - j < 4 and tokens[j].is_word and tokens[j].lower not in _DETERMINERS:
        j -= 1
    if j >= 0 and tokens[j].lower in _DETERMINERS and j < i:
        return _make_phrase([t.text for t in tokens[j + 1 : i + 1]], tokens[j].start, True)
    return None


def _make_phrase(words: list[str], pos: int, definite: bool) -> Phrase | None:
    if not words:
        return None
    kind = "name" if words[-1][:1].isupper() else "role"
    return Phrase(kind, tuple(w.rstrip(".") if len(w) > 2 else w for w in words), pos, definite)


def _strip_possessive(word: str) -> str:
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word
