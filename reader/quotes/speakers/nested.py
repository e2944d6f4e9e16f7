"""Nested sources: “...,” Sanders said, according to CNN. The words are Sanders', but the
article has them from CNN, and the attribution the reader can check is CNN's (PolNeAR
credits the outer source: the outlet, the pool report, the transcript)."""

from __future__ import annotations

from bisect import bisect_right

from reader.quotes.speakers.phrases import Phrase, phrase_right
from reader.quotes.speakers.tokens import Token, TokenIndex, sentence_start

_OUTER = frozenset({"according"})
# “...” which – according to the Kremlin – started “...”: the next clause's source.
_RELATIVES = frozenset(("which", "who", "whom", "whose"))
_STATEMENTS = frozenset(("statement", "statements", "communique", "communiqué", "release"))
# "According to the latest polls, Sanders said ...": a measure, not someone who passed the
# words on.
_MEASURES = frozenset((
    "poll", "polls", "polling", "survey", "surveys", "data", "figure", "figures", "estimate",
    "estimates", "statistics", "study", "studies", "research", "analysis", "census", "forecast",
    "forecasts", "projections", "calculations", "numbers", "results", "index", "rankings",
    "ratings", "count", "tally",
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
    line_end = index.text.find("\n", end, upper)
    upper = line_end if line_end >= 0 else upper  # never the next paragraph's cue
    if index.text.find("ccording", lower, upper) < 0:
        return None
    tokens = [t for t in index.window(lower, upper) if not t.is_mark]
    found: list[tuple[int, Phrase]] = []
    for i, token in enumerate(tokens[:-2]):
        if token.lower in _OUTER and tokens[i + 1].lower == "to" and _cue_clause(tokens, i):
            phrase = phrase_right(tokens[i + 2 :])
            if phrase is not None and phrase.kind != "pronoun" and not _not_a_source(phrase):
                found.append((token.start, phrase))
    before = [phrase for pos, phrase in found if pos < start]
    relative = next((t.start for t in tokens if t.start >= end and t.lower in _RELATIVES), upper)
    after = [phrase for pos, phrase in found if end <= pos < min(next_start, relative)]
    return before[-1] if before else (after[0] if after else None)


def _not_a_source(phrase: Phrase) -> bool:
    """ "According to the communiqué, the president stated that “...”": the speaker's own
    statement is the speaker's channel, not another source; nor is a poll or a study, which
    passes on no one's words."""
    head = phrase.words[-1].lower()
    return head in _STATEMENTS or head in _MEASURES


def _sentence_end(starts: list[int], pos: int, limit: int) -> int:
    """Where the sentence holding `pos` ends (the next sentence's start)."""
    following = bisect_right(starts, pos)
    return starts[following] if following < len(starts) else limit


def _cue_clause(tokens: list[Token], i: int) -> bool:
    """ "according to" opening its clause (after a comma, or opening the sentence), not
    inside a phrase: "the deal was, according to X, ..." and "According to X, Y said" count,
    "spending according to plan" does not."""
    return i == 0 or tokens[i - 1].text in ",;:—–(" or tokens[i - 1].lower in {"and", "but"}
