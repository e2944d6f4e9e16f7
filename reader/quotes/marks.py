"""Quotation-mark pairing: turns the marks of a text into inner quote spans, in linear time.

Every mark gets a role from its glyph and its neighbours (an opener is followed by a word and
preceded by space; a closer follows a word or punctuation and precedes space or punctuation),
so one scan handles English “...”, German „...“ and »...«, French « ... », straight quotes and
apostrophes alike. Pairing keeps at most one open mark per family (double, single), so a
thousand stray marks cost a thousand steps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

DOUBLE_MARKS = '"“”„‟«»'
SINGLE_MARKS = "'‘’‚‛‹›"
ALL_MARKS = DOUBLE_MARKS + SINGLE_MARKS
_MARK_RE = re.compile("[" + re.escape(ALL_MARKS) + "]")

_OPEN_PUNCT = "([{/—–-"
_CLOSE_PUNCT = ".,;:!?)]}…"
_SENTENCE_END = ".!?…"
_MAX_MARK_SKIP = 3


class Role(Enum):
    """What a mark does in its context."""

    OPEN = "open"
    CLOSE = "close"
    TOGGLE = "toggle"  # a spaced straight double quote: closes if one is open, else opens
    NONE = "none"  # an apostrophe or a mark that pairs with nothing


_GLYPH_DEFAULT = {
    "“": Role.OPEN,
    "”": Role.CLOSE,
    "„": Role.OPEN,
    "‟": Role.CLOSE,
    "«": Role.OPEN,
    "»": Role.CLOSE,
    '"': Role.TOGGLE,
    "‘": Role.OPEN,
    "’": Role.CLOSE,
    "‚": Role.OPEN,
    "‛": Role.OPEN,
    "‹": Role.OPEN,
    "›": Role.CLOSE,
    "'": Role.NONE,
}


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark with its role; `flanked` is True when the context, not the glyph,
    decided the role."""

    pos: int
    double: bool
    role: Role
    flanked: bool


@dataclass(frozen=True, slots=True)
class Span:
    """Inner span of a paired quotation (marks excluded, surrounding spaces trimmed)."""

    start: int
    end: int


def _char_class(ch: str) -> str:
    """Classify a neighbour: space, word, open punctuation or close punctuation."""
    if not ch or ch.isspace():
        return "space"
    if ch in _CLOSE_PUNCT:
        return "close"
    if ch in _OPEN_PUNCT:
        return "open"
    return "word"


def _neighbour(text: str, pos: int, step: int) -> str:
    """The first non-mark character next to `pos` in direction `step` ("" at the edges)."""
    i = pos + step
    for _ in range(_MAX_MARK_SKIP):
        if not 0 <= i < len(text) or text[i] not in ALL_MARKS:
            break
        i += step
    return text[i] if 0 <= i < len(text) else ""


def mark_role(text: str, pos: int) -> tuple[Role, bool]:
    """Decide the role of the mark at `pos`; the flag says whether context decided it."""
    glyph = text[pos]
    before = _char_class(_neighbour(text, pos, -1))
    after_ch = _neighbour(text, pos, 1)
    after = _char_class(after_ch)
    can_open = (before in ("space", "open") and after in ("word", "open")) or after_ch == "…"
    can_close = before in ("word", "close") and after in ("space", "close", "open")
    if can_open and before != "word":
        return _single_open_check(text, pos, glyph), True
    if can_close:
        return Role.CLOSE, True
    if glyph in SINGLE_MARKS:
        return (
            Role.NONE
            if glyph == "'" or (before == after and glyph not in "‹›")
            else _GLYPH_DEFAULT[glyph]
        ), False
    if before == "space" and after == "close":
        return Role.CLOSE, False  # “ stranded before a full stop closes nothing it could open
    return _GLYPH_DEFAULT[glyph], False


def _single_open_check(text: str, pos: int, glyph: str) -> Role:
    """Openers that are really elisions: ’90s, 'em; everything else opens."""
    if glyph in DOUBLE_MARKS:
        return Role.OPEN
    tail = text[pos + 1 : pos + 4]
    if tail[:2].isdigit() or tail.lower().startswith(("em ", "n ", "n'", "n’", "til", "cause")):
        return Role.NONE
    return Role.OPEN


def paragraph_marks(text: str, start: int, end: int) -> list[Mark]:
    """All marks of text[start:end] with their roles (apostrophes dropped)."""
    para = text[start:end]
    marks: list[Mark] = []
    skip_to = -1
    for match in _MARK_RE.finditer(para):
        pos = match.start()
        if pos < skip_to:
            continue
        if para.startswith("''", pos):
            skip_to = _doubled_apostrophes(para, pos, start, marks)
            continue
        role, flanked = mark_role(para, pos)
        if role is not Role.NONE:
            marks.append(Mark(start + pos, match.group() in DOUBLE_MARKS, role, flanked))
    return marks


def _doubled_apostrophes(para: str, pos: int, start: int, marks: list[Mark]) -> int:
    """''...'' (two apostrophes, the double mark of some wire and archive copy): one double
    mark; a third apostrophe is a single mark inside it ('''Hi,' she said.'' / ...word.''').
    Returns where the run ends."""
    run = 2 + (para[pos + 2 : pos + 3] == "'")
    role, flanked = mark_role(para, pos)
    if role is Role.NONE:
        role = Role.TOGGLE
    closing = role is Role.CLOSE
    if run == 3 and closing:  # ...word.''' : the single closes first
        marks.append(Mark(start + pos, False, Role.CLOSE, flanked))
        marks.append(Mark(start + pos + 1, True, role, flanked))
    elif run == 3:  # '''Hi: the double opens, then the single
        marks.append(Mark(start + pos + 1, True, role, flanked))
        marks.append(Mark(start + pos + 2, False, Role.OPEN, flanked))
    else:  # an opener's span starts after both apostrophes, a closer's ends before both
        marks.append(Mark(start + pos + (0 if closing else 1), True, role, flanked))
    return pos + run


def _trim(text: str, start: int, end: int) -> Span | None:
    """Strip whitespace inside the marks; None when nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end) if end > start else None


def _ends_sentence(text: str, pos: int, lower: int) -> int:
    """If a sentence ends just before `pos` (ignoring spaces), the offset past its last
    character, else -1."""
    i = pos - 1
    while i > lower and text[i].isspace():
        i -= 1
    return i + 1 if i > lower and (text[i] in _SENTENCE_END or text[i] in '”’"') else -1


class _Pairer:
    """Pairs marks paragraph by paragraph, carrying one open double quote across a break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[Span] = []

    def emit(self, start: int, end: int) -> None:
        span = _trim(self.text, start, end)
        if span is not None:
            self.spans.append(span)

    def resolve_carry(self, carry: Mark, para_start: int, marks: list[Mark]) -> list[Mark]:
        """Continue or close a quote left open by the previous paragraph; returns the marks
        still to pair."""
        first = next((m for m in marks if m.double), None)
        if first is None:
            return marks
        starts_paragraph = not self.text[para_start : first.pos].strip()
        if starts_paragraph and first.role in (Role.OPEN, Role.TOGGLE):
            self.emit(carry.pos + 1, para_start)  # English style: the next paragraph reopens
            return marks
        if first.role in (Role.CLOSE, Role.TOGGLE):
            self.emit(carry.pos + 1, first.pos)  # one quote over a paragraph break
            return [m for m in marks if m is not first]
        return marks

    def pair(self, marks: list[Mark]) -> Mark | None:
        """Pair the marks of one paragraph; returns a double opener left open, if any.

        A clear opener inside an open quote of its own family nests (at most two deep), as in
        “today’s “Straw vote” is not ...”; a closer closes the innermost open quote.
        """
        stack: list[Mark] = []
        nesting: set[int] = set()  # openers that held a closed quote of their own family
        for mark in marks:
            role = mark.role
            if role is Role.TOGGLE:
                role = Role.CLOSE if any(m.double for m in stack) else Role.OPEN
            same = [i for i, m in enumerate(stack) if m.double == mark.double]
            if role is Role.OPEN:
                if same and not self._nests(stack[same[-1]], mark, len(same)):
                    self.reopen(stack[same[0]], mark)
                    del stack[same[0] :]
                stack.append(mark)
            elif same:
                self.emit(stack[same[-1]].pos + 1, mark.pos)
                del stack[same[-1] :]
                if len(same) > 1:
                    nesting.add(stack[same[-2]].pos)
        return next((m for m in stack if m.double and m.flanked and m.pos not in nesting), None)

    def _nests(self, outer: Mark, inner: Mark, depth: int) -> bool:
        """May `inner` open a quote inside `outer` of the same family?"""
        if depth >= 2 or not (outer.flanked and inner.flanked):
            return False
        return _ends_sentence(self.text, inner.pos, outer.pos + 1) < 0

    def reopen(self, old: Mark, new: Mark) -> None:
        """An opener while one is open: after a finished sentence it continues the same
        speaker's quote (paragraphs run together), otherwise the older mark was stray."""
        if not (old.double and old.flanked):
            return
        cut = _ends_sentence(self.text, new.pos, old.pos + 1)
        if cut > 0:
            self.emit(old.pos + 1, cut)


def paragraph_bounds(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of `text.split("\\n\\n")`."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for para in text.split("\n\n"):
        bounds.append((start, start + len(para)))
        start += len(para) + 2
    return bounds


def pair_quotes(text: str) -> list[Span]:
    """Inner spans of all paired quotations in `text`, sorted by start."""
    pairer = _Pairer(text)
    carry: Mark | None = None
    for start, end in paragraph_bounds(text):
        marks = paragraph_marks(text, start, end)
        if carry is not None:
            marks = pairer.resolve_carry(carry, start, marks)
        carry = pairer.pair(marks)
    return sorted(pairer.spans, key=lambda s: (s.start, -s.end))
