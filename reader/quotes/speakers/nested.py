"""Nested sources: “...,” Sanders said, according to CNN. The words are Sanders', but the
article has them from CNN, and the attribution the reader can check is CNN's (PolNeAR
credits the outer source: the outlet, the pool report, the transcript)."""

from __future__ import annotations

from bisect import bisect_right

from reader.quotes.speakers.phrase_words import PARTICIPLES, is_verb
from reader.quotes.speakers.phrases import (
    Phrase,
    phrase_forward,
    phrase_right,
    strip_possessive,
    undot,
)
from reader.quotes.speakers.subjects import DISPLAYS, STATEMENTS
from reader.quotes.speakers.tokens import Token, TokenIndex, sentence_start

_OUTER = frozenset({"according"})
# “...” which – according to the Kremlin – started “...”: the next clause's source.
_RELATIVES = frozenset(("which", "who", "whom", "whose"))
# What ends a paragraph's last sentence: its stop, or the quotation mark that closes it.
_SENTENCE_ENDS = frozenset(".!?:;\"”’'»«“")
_CLOSING_MARKS = "\"”’'»«“‘"
# "According to the latest polls, Sanders said ...": a measure, not someone who passed the
# words on.
_MEASURES = frozenset((
    "poll", "polls", "polling", "survey", "surveys", "data", "figure", "figures", "estimate",
    "estimates", "statistics", "study", "studies", "research", "analysis", "census", "forecast",
    "forecasts", "projections", "calculations", "numbers", "results", "index", "rankings",
    "ratings", "count", "tally",
))  # fmt: skip
# Between a subject and its verb: "the first lady had referred to", "Trump also said".
_AUXILIARIES = frozenset((
    "had", "has", "have", "was", "were", "is", "would", "will", "also", "then", "later",
    "again", "once", "reportedly", "allegedly", "privately", "publicly",
))  # fmt: skip
# "documents from X", "notes by X", "a memo of X": X's papers, when a name describes them.
_OWNERS = frozenset(("from", "of", "by"))
# Words after a name that are no papers of someone: "according to Trump, who said".
_NOT_PAPERS = frozenset(("who", "which", "that", "and", "or", "in", "on", "at"))
# How far past the quote's start (or the phrase, after the quote) its verb is looked for.
_REACH = 200
# A clause opened by one of these is not the one that holds the quote after its comma:
# "After FOX13's Craig Patrick asked about it, the Graysons became “agitated”".
_SUBORDINATORS = frozenset((
    "after", "before", "when", "whenever", "while", "as", "since", "if", "although",
    "though", "because", "once", "until", "unless", "whereas",
))  # fmt: skip


def outer_source(
    index: TokenIndex, starts: list[int], span: tuple[int, int], next_start: int, cue_after: bool
) -> Phrase | None:
    """ "according to X" in the quote's sentence, outside the quote: the nearest before it,
    else the first after it and before the next quote. With a cue after the quote (“... .”
    Trump said, according to CNN.) the cue's sentence counts too."""
    start, end = span
    lower = sentence_start(starts, max(0, start - 1))
    upper = _sentence_end(starts, end + (3 if cue_after else 0), len(index.text))
    upper = _paragraph_end(index.text, end, upper)  # never the next paragraph's cue
    if index.text.find("ccording", lower, upper) < 0:
        return None
    tokens = [t for t in index.window(lower, upper) if not t.is_mark]
    found: list[tuple[int, Phrase]] = []
    for i, token in enumerate(tokens[:-2]):
        if token.lower in _OUTER and tokens[i + 1].lower == "to" and _cue_clause(tokens, i):
            phrase = _source_phrase(tokens[i + 2 :])
            if phrase is not None and phrase.kind != "pronoun" and not _not_a_source(phrase):
                found.append((token.start, phrase))
    before = [phrase for pos, phrase in found if pos < start]
    relative = next((t.start for t in tokens if t.start >= end and t.lower in _RELATIVES), upper)
    after = [phrase for pos, phrase in found if end <= pos < min(next_start, relative)]
    return before[-1] if before else (after[0] if after else None)


def _source_phrase(tokens: list[Token]) -> Phrase | None:
    """The source named after "according to": a name, or whose papers they are when the
    name only describes them ("White House-era documents from Diane D. Blair": Blair, not
    a person called "White House-era")."""
    phrase, used = phrase_forward(tokens)
    after = tokens[used : used + 3]
    if phrase is None or phrase.kind != "name" or len(after) < 3:
        return phrase
    if not after[0].is_word or after[0].capital:  # the name is the phrase, not a modifier
        return phrase
    if after[1].lower not in _OWNERS or after[0].lower in _NOT_PAPERS:
        return phrase
    owner = phrase_right(tokens[used + 2 :])
    return owner if owner is not None and owner.kind == "name" else phrase


def _paragraph_end(text: str, start: int, upper: int) -> int:
    """Where the paragraph holding `start` ends, at most `upper`: a blank line, or a line
    break after a sentence's end; a break inside a sentence is a hard wrap ("Sanders said,
    according to\nCNN." in a wire story's fixed-width lines), not a paragraph's end."""
    line_end = text.find("\n", start, upper)
    while line_end >= 0:
        ending = text[start:line_end].rstrip(" \t").lstrip(_CLOSING_MARKS)
        # Only the quote's closing mark before the break: the quote's own end decides
        # (“... the White House,”\nSanders said, according to CNN. goes on).
        last = ending[-1:] or text[start - 1 : start]
        if text.startswith("\n\n", line_end) or last in _SENTENCE_ENDS:
            return line_end
        line_end = text.find("\n", line_end + 1, upper)
    return upper


def _not_a_source(phrase: Phrase) -> bool:
    """ "According to the communiqué, the president stated that “...”": the speaker's own
    statement is the speaker's channel, not another source; nor is a poll or a study, which
    passes on no one's words."""
    head = phrase.words[-1].lower()
    return head in STATEMENTS or head.removesuffix("s") in STATEMENTS or head in _MEASURES


def _sentence_end(starts: list[int], pos: int, limit: int) -> int:
    """Where the sentence holding `pos` ends (the next sentence's start)."""
    following = bisect_right(starts, pos)
    return starts[following] if following < len(starts) else limit


def _cue_clause(tokens: list[Token], i: int) -> bool:
    """ "according to" opening its clause (after a comma, or opening the sentence), not
    inside a phrase: "the deal was, according to X, ..." and "According to X, Y said" count,
    "spending according to plan" does not."""
    return i == 0 or tokens[i - 1].text in ",;:—–(" or tokens[i - 1].lower in {"and", "but"}


def said_by(index: TokenIndex, starts: list[int], phrase: Phrase, quote_start: int) -> bool:
    """Is `phrase`, found before the quote or closing its sentence, surely the one whose
    words the quote are? The subject right before a reporting verb ("Obama said", "the first
    lady had referred to"), alone (not "Mrs. Clinton and former President Bill Clinton
    have worried"), in the quote's clause (not "After Craig Patrick asked about it, the
    Graysons became “agitated”"), and not a sign's or a shirt's words. A wrong name shown
    as "X (via CNN)" misleads more than none."""
    if phrase.words[-1].lower() in DISPLAYS:
        return False
    lower = sentence_start(starts, phrase.pos)
    upper = min(len(index.text), max(quote_start, phrase.pos) + _REACH)
    tokens = [t for t in index.window(lower, upper) if not t.is_mark]
    first = next((i for i, t in enumerate(tokens) if t.start >= phrase.pos), None)
    if first is None:
        return False
    last = _phrase_end(tokens, first, phrase)
    rest = tokens[last + 1 :]
    verb = next((i for i, t in enumerate(rest) if t.lower not in _AUXILIARIES), None)
    if verb is None or rest[verb].lower == "read" or not _reports(rest, verb, quote_start):
        return False  # "Hillary Clinton email chains labeled", "sign read", "the men were"
    if any(t.lower in {"and", "or", "&"} for t in [*tokens[max(0, first - 2) : first], *rest[:1]]):
        return False  # two speakers, or neither: the words are not one person's
    return not _subordinate(tokens[: last + 1], rest[verb:], quote_start)


def _reports(rest: list[Token], verb: int, quote_start: int) -> bool:
    """A reporting verb right after the subject, or its finite verb with a participle that
    reports after a comma: "LaSalle refused to comply, saying officers “would need to kill”
    him"."""
    if is_verb(rest[verb]):
        return True
    if not rest[verb].is_word or rest[verb].capital:
        return False
    clause = [t for t in rest[verb + 1 :] if t.end <= quote_start]
    return any(
        t.lower in PARTICIPLES and clause[i - 1].text == "," for i, t in enumerate(clause) if i
    )


def _phrase_end(tokens: list[Token], first: int, phrase: Phrase) -> int:
    """The index of the phrase's last word among `tokens` (its first at `first`)."""
    head = phrase.words[-1]
    for i in range(first, min(len(tokens), first + len(phrase.words) + 3)):
        if strip_possessive(undot(tokens[i].text)) == head or tokens[i].text == head:
            return i
    return min(len(tokens) - 1, first + len(phrase.words) - 1)


def _subordinate(before: list[Token], after: list[Token], quote_start: int) -> bool:
    """Does the phrase's clause open with "After", "When", "If" ... and end with a comma
    before the quote (the quote being the main clause's)?"""
    comma = max((i for i, t in enumerate(before) if t.text in ",;:"), default=-1)
    opening = before[comma + 1] if comma + 1 < len(before) else None
    if opening is None or opening.lower not in _SUBORDINATORS:
        return False
    return any(t.text == "," and t.end <= quote_start for t in after)
