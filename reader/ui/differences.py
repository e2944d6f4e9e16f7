"""What the compare screen shows of a sentence alignment: the colour of each aligned sentence,
the summary line, copies told as copies, and the differences of one side from the other
(statements, quotes, speakers and numbers only it has), as plain ``rich.text.Text``."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from reader.articles.text import one_line
from reader.models import plural

if TYPE_CHECKING:
    from reader.models import Quote, Story
    from reader.stories.align import SentenceAlignment, Span
    from reader.ui.messages import LoadedArticle

__all__ = [
    "COPY_SHARE",
    "aligned_spans",
    "copy_original",
    "differences_text",
    "edits",
    "is_copy",
    "numbers",
    "summary_line",
]

COPY_SHARE = 0.8
"""Without a story saying so, two articles whose sentences are this share word-for-word the
same (``copy`` pairs) are copies of one text."""
_NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*(?:\s?%| per ?cent)?")


def aligned_spans(
    alignment: SentenceAlignment, colours: int
) -> tuple[tuple[tuple[int, int, int], ...], tuple[tuple[int, int, int], ...]]:
    """``(start, end, colour)`` of the body sentences of each side that the other reports
    too; the two sentences of a pair share a colour, neighbouring pairs differ."""
    left: list[tuple[int, int, int]] = []
    right: list[tuple[int, int, int]] = []
    shown = [pair for pair in alignment.pairs if pair.kind != "related"]
    for number, pair in enumerate(sorted(shown, key=lambda p: (p.left, p.right))):
        colour = number % max(colours, 1)
        for spans, index, target in (
            (alignment.left, pair.left, left),
            (alignment.right, pair.right, right),
        ):
            span = spans[index]
            if span.field == "body":
                target.append((span.start, span.end, colour))
    return tuple(left), tuple(right)


def copy_original(left_id: str, right_id: str, story: Story | None) -> str | None:
    """The original of the two when one is a copy of the other (or both copies of one
    text) by the story's copies; None when they are each an outlet's own report."""
    if story is None:
        return None
    left, right = story.member(left_id), story.member(right_id)
    if left is None or right is None:
        return None
    left_root, right_root = left.copy_of or left.id, right.copy_of or right.id
    return left_root if left_root == right_root else None


def edits(alignment: SentenceAlignment) -> int:
    """Sentences of either side that are not word for word in the other."""
    copied_left = {pair.left for pair in alignment.pairs if pair.kind == "copy"}
    copied_right = {pair.right for pair in alignment.pairs if pair.kind == "copy"}
    return (len(alignment.left) - len(copied_left)) + (len(alignment.right) - len(copied_right))


def is_copy(alignment: SentenceAlignment, original: str | None) -> bool:
    """The story says so, or nearly every sentence is the same on both sides."""
    if original is not None:
        return True
    sentences = max(len(alignment.left), len(alignment.right), 1)
    copied = len({pair.left for pair in alignment.pairs if pair.kind == "copy"})
    return copied / sentences >= COPY_SHARE


def summary_line(alignment: SentenceAlignment, copy_of: str | None) -> str:
    """``N statements in both · M only left · K only right``, or ``copy of X, N small edits``."""
    if copy_of is not None:
        changed = edits(alignment)
        return f"copy of {copy_of}, {plural(changed, 'small edit')}"
    return alignment.summary()


def numbers(text: str) -> set[str]:
    """The figures in a text, as written (``5.6``, ``90``, ``12%``)."""
    return {match.group().replace(" ", "") for match in _NUMBER_RE.finditer(text)}


def _quote_line(quote: Quote) -> str:
    speaker = f" — {quote.speaker_label}" if quote.speaker_label else ""
    return f"“{one_line(quote.text)}”{speaker}"


def differences_text(
    alignment: SentenceAlignment,
    side: str,
    this: LoadedArticle,
    other: LoadedArticle,
    heading: Style | str = "bold",
) -> Text:
    """What ``this`` article (``side``: "left" or "right") reports and ``other`` does not."""
    spans: Sequence[Span] = alignment.left if side == "left" else alignment.right
    only = alignment.only_left if side == "left" else alignment.only_right
    other_groups = {quote.group for quote in other.quotes if quote.group}
    # the source credited and who said it: Sanders via CNN is quoted on both sides too
    other_speakers = {name for quote in other.quotes for name in quote.said_by}
    quotes = [
        quote
        for quote in this.quotes
        if quote.kind == "speech" and (quote.group is None or quote.group not in other_groups)
    ]
    speakers = sorted({name for q in this.quotes for name in q.said_by} - other_speakers)
    figures = sorted(numbers(this.article.body) - numbers(other.article.body))
    sections = [
        (f"Statements only here ({len(only)})", [one_line(spans[i].text) for i in only]),
        (f"Quotes only here ({len(quotes)})", [_quote_line(quote) for quote in quotes]),
        (f"Speakers only here ({len(speakers)})", [one_line(name) for name in speakers]),
        (f"Numbers only here ({len(figures)})", [", ".join(figures)] if figures else []),
    ]
    text = Text()
    text.append(one_line(this.article.source or this.article.id), style=heading)
    for title, lines in sections:
        text.append(f"\n\n{title}", style=heading)
        for line in lines:
            text.append(f"\n• {line}")  # article text: appended as plain text, never markup
    return text
