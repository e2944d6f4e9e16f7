"""Where one speaker's turn goes on and where a quote stands alone: “...,” Bozell notes. /
“...,” he adds is Bozell again; a line that is only a quote in single marks is a heading."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from reader.quotes.speakers.mentions import ArticleNames

_SINGLE_MARKS = "'‘’‚‛"
_UTTERANCE_ENDS = frozenset(",.?!")
_HEADING_WORDS = 6
"""At most this many words make a line in single marks a heading ('A fight for every job.')."""


def heading_quote(body: str, start: int, end: int) -> bool:
    """A line that is nothing but a quote in single marks: a pull-quote heading over the
    next section ('Totally pro-Israel.'), whose words come from later in the article."""
    if body[start - 1 : start] not in _SINGLE_MARKS:
        return False
    line_start = body.rfind("\n", 0, start) + 1
    line_end = body.find("\n", end)
    before = body[line_start:start].strip()
    after = body[end : line_end if line_end >= 0 else len(body)].strip()
    if len(before) != 1 or before not in _SINGLE_MARKS or body[start] in _SINGLE_MARKS:
        return False  # ''...'' (two apostrophes, the New York Times' double mark) is speech
    if not (after[:1] in _SINGLE_MARKS and not after.strip(_SINGLE_MARKS + ".")):
        return False
    if body[:line_start].rstrip().endswith(":"):
        return False  # He told reporters:\n\n'We are heartbroken.' (British marks)
    # A heading is short, or a pull-quote whose words the article gives later; a paragraph
    # of speech in British single marks ('He was a kind boy who loved ...') is neither.
    words = body[start:end].strip().rstrip(".,!?")
    later = body.find(words, line_end if line_end >= 0 else end) >= 0
    return len(words.split()) <= _HEADING_WORDS or (len(words) >= 4 and later)


@dataclass(frozen=True, slots=True)
class Turn:
    """An article's text, sentences and names, to tell whether "he" or "she" right after a
    quote is that quote's speaker (not merely the last subject named)."""

    body: str
    masked: str
    starts: list[int]
    names: ArticleNames

    def goes_on(self, previous_end: int, cue: int, speaker: str) -> bool:
        """Does the pronoun cue at `cue` continue the turn of the quote ending at
        `previous_end`? Not across a paragraph between, a sentence between, a new sentence
        after a quoted term ("said the plans “stink”. He also said"), or another person
        named between."""
        between = bisect_right(self.starts, cue) - bisect_right(self.starts, previous_end)
        ended = self.body[previous_end - 1 : previous_end] in _UTTERANCE_ENDS
        if between > 1 or (between and not ended):
            return False  # "The Australian has suffered ... “...,” he said": someone else
        if self.masked.count("\n\n", previous_end, cue) > 1:
            return False
        return not self.names.other_subject(previous_end, cue, speaker, anywhere=True)
