"""Article text as styled ``rich.text.Text``: quotes, speakers and search hits by offsets.

Nothing here parses markup: every Text is built from the plain article string and styled by
character offsets into exactly that string, so ``[bold]`` or ``[/`` in an article stays literal.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from reader.models import Article, Block, Quote, readable_date

__all__ = [
    "GROUP_STYLES",
    "Document",
    "Styles",
    "block_index",
    "block_texts",
    "header_text",
    "margin_labels",
    "step_ring",
    "word_wrapped_line",
]

GROUP_STYLES = 6
"""How many distinct colours shared quote groups cycle through in compare."""

_CLOSING_MARKS = "”’\"'»›」』"
_TRAILING_PUNCTUATION = ".,;:!?"
_SPACES_BEFORE_MARK = " \t\u00a0\u202f"
"""Spaces some outlets put inside the closing mark ("a technical question ”")."""
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Document:
    """What a pane shows: an article, its quotes, and where the search terms occur in it."""

    article: Article
    quotes: tuple[Quote, ...] = ()
    hit_spans: tuple[Span, ...] = ()
    """Offsets into ``article.body`` of the current search terms."""
    raw_hit_spans: tuple[Span, ...] = ()
    """Offsets into ``article.raw`` of the current search terms."""
    group_colours: Mapping[str, int] = field(default_factory=dict)
    """Quote group -> colour number, for groups shared with the other article in compare."""
    aligned_spans: tuple[tuple[int, int, int], ...] = ()
    """``(start, end, colour)`` in ``article.body`` of sentences aligned with the other
    article in compare: a pair's two sentences share a colour number."""


@dataclass(frozen=True, slots=True)
class Styles:
    """Rich styles for each kind of highlight, resolved from the theme by the widget."""

    speech: Style
    term: Style
    speaker: Style
    hit: Style
    hit_current: Style
    quote_current: Style
    groups: tuple[Style, ...]
    aligned: tuple[Style, ...] = ()


def header_text(
    article: Article, title_style: Style, meta_style: Style, marks: Text | None = None
) -> Text:
    """The title line and a line of outlet, date and byline, then the user's ``marks``
    (``★ ✎ #summit``) when there are some."""
    # Styles go on spans, not Text(style=...), which would be the base style of the whole Text.
    text = Text()
    text.append(article.title, style=title_style)
    shown = (article.source, readable_date(article.date), article.byline)
    meta = " · ".join(part for part in shown if part)
    if meta:
        text.append("\n")
        text.append(meta, style=meta_style)
    if marks is not None and marks.plain.strip():
        text.append("\n")
        text.append_text(marks)
    return text


def block_index(blocks: Sequence[Block], offset: int) -> int:
    """Index of the block holding a body offset (the previous block for the blank between)."""
    starts = [block.start for block in blocks]
    return max(0, bisect_right(starts, offset) - 1)


def _body_text(
    document: Document, styles: Styles, current_hit: int | None, current_quote: int | None
) -> Text:
    text = Text(document.article.body)
    if styles.aligned:
        for start, end, number in document.aligned_spans:
            text.stylize(styles.aligned[number % len(styles.aligned)], start, end)
    for quote in document.quotes:
        colour = document.group_colours.get(quote.group or "")
        if colour is not None and styles.groups:
            style = styles.groups[colour % len(styles.groups)]
        else:
            style = styles.speech if quote.kind == "speech" else styles.term
        text.stylize(style, quote.start, quote.end)
    for start, end in document.hit_spans:
        text.stylize(styles.hit, start, end)
    if current_quote is not None and 0 <= current_quote < len(document.quotes):
        quote = document.quotes[current_quote]
        text.stylize(styles.quote_current, quote.start, quote.end)
    if current_hit is not None and 0 <= current_hit < len(document.hit_spans):
        text.stylize(styles.hit_current, *document.hit_spans[current_hit])
    return text


def _after_closing_mark(body: str, end: int) -> int:
    """Past the quote's closing mark, spaced ("question ”") or not; ``end`` without one."""
    probe = end
    while probe < len(body) and body[probe] in _SPACES_BEFORE_MARK:
        probe += 1
    return probe + 1 if probe < len(body) and body[probe] in _CLOSING_MARKS else end


def _speaker_cuts(document: Document, block: Block) -> list[tuple[int, str]]:
    """``(offset in block, speaker)`` right after each attributed speech quote in the block."""
    body = document.article.body
    cuts: list[tuple[int, str]] = []
    for quote in document.quotes:
        if quote.kind != "speech" or not quote.speaker_label:
            continue
        end = _after_closing_mark(body, quote.end)
        while end < len(body) and body[end] in _TRAILING_PUNCTUATION:
            end += 1  # after the sentence's full stop or comma, not before it
        # The label goes where the quote ends, which may be a later paragraph than its start.
        if block.start < end <= block.end:
            cuts.append((end - block.start, quote.speaker_label))  # "Sanders (via CNN)"
    return cuts


def margin_labels(document: Document, block: Block) -> list[str]:
    """The speakers of the block's attributed quotes, in order, for a margin beside it (a
    speaker quoted twice in a row is named once)."""
    labels: list[str] = []
    for _, speaker in _speaker_cuts(document, block):
        if not labels or labels[-1] != speaker:
            labels.append(speaker)
    return labels


def block_texts(
    document: Document,
    styles: Styles,
    current_hit: int | None = None,
    current_quote: int | None = None,
    inline_speakers: bool = True,
) -> list[Text]:
    """One Text per block of the article, with a speaker label after each attributed quote
    (unless ``inline_speakers`` is False: the speakers then go in a margin)."""
    body_text = _body_text(document, styles, current_hit, current_quote)
    texts: list[Text] = []
    for block in document.article.blocks:
        piece = body_text[block.start : block.end]
        cuts = _speaker_cuts(document, block) if inline_speakers else []
        if cuts:
            parts = piece.divide(offset for offset, _ in cuts)
            piece = Text()
            for part, (_, speaker) in zip(parts, cuts, strict=False):
                piece.append_text(part)
                piece.append(f" ◂ {speaker}", style=styles.speaker)
            if len(parts) > len(cuts):
                piece.append_text(parts[-1])
        texts.append(piece)
    return texts


def step_ring(current: int | None, step: int, count: int) -> int:
    """The next position in a ring of ``count``; from nowhere, the first or the last."""
    if current is None:
        return 0 if step > 0 else count - 1
    return (current + step) % count


def word_wrapped_line(text: str, offset: int, width: int) -> int:
    """Roughly which wrapped line of ``text`` at ``width`` holds ``offset``."""
    line, column = 0, 0
    for word in text[:offset].split(" "):
        if column and column + len(word) + 1 > width:
            line, column = line + 1, len(word)
        else:
            column += len(word) + (1 if column else 0)
    return line
