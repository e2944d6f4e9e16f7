"""The article list's rows, drawn as segments directly, are what rich's ``Text`` made of them:
the same characters in the same styles, cell by cell (titles of every script, emoji, control
codes, any width)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from reader.ui.widgets.marks import title_pieces
from reader.ui.widgets.rows import NO_STYLE, Cell, plain_cell, row_segments

MUTED = Style(color="grey50")
BASES = [NO_STYLE, Style(bgcolor="blue"), Style(color="red", bgcolor="black", bold=True)]
STYLES = [NO_STYLE, Style(bold=True), Style(dim=True), MUTED, Style(italic=True, color="green")]

# Scripts and the characters that change a string's width in cells: wide CJK, emoji, combining
# accents, zero-width joiners, tabs, newlines and the control codes rich drops.
ALPHABET = st.sampled_from(
    [*"aZ 9-…—#", "中", "文", "😀", "\u0301", "\u200d", "é", "\t", "\n", "\r", "\x07", "\x1b"]
)
TEXTS = st.text(ALPHABET, max_size=30)


def text_row(row: Sequence[tuple[Cell, int]], style: Style, console: Console) -> list[Segment]:
    """The row as the list drew it with rich's ``Text`` (the reference)."""
    line = Text(" ", no_wrap=True)
    for (pieces, pad), width in row:
        cell = Text(style=pad)
        for text, piece in pieces:
            cell.append(text, piece)
        cell.truncate(width, overflow="ellipsis", pad=True)
        line.append_text(cell)
        line.append(" ")
    return list(Segment.apply_style(line.render(console), style))


def runs(segments: list[Segment]) -> list[tuple[str, Style]]:
    """Text and style runs, however the segments split them (no style and the null style
    draw the same: rich applies a null base style by leaving segments as they are)."""
    return [(seg.text, seg.style or NO_STYLE) for seg in Strip(segments).simplify()]


@st.composite
def cells(draw: st.DrawFn) -> Cell:
    """A cell as the list makes them: pieces whose styles include the padding's."""
    pad = draw(st.sampled_from([NO_STYLE, MUTED]))
    pieces = draw(st.lists(st.tuples(TEXTS, st.sampled_from(STYLES)), max_size=4))
    return [(text, pad + style) for text, style in pieces], pad


@settings(max_examples=400, deadline=None)
@given(
    row=st.lists(st.tuples(cells(), st.integers(1, 24)), min_size=1, max_size=5),
    style=st.sampled_from(BASES),
)
def test_rows_are_what_text_makes_of_them(row: list[tuple[Cell, int]], style: Style) -> None:
    console = Console(width=200)
    assert runs(row_segments(row, style)) == runs(text_row(row, style, console))


def test_an_unread_title_cut_ends_in_an_ellipsis_in_its_style() -> None:
    title = [(text, Style.parse(style)) for text, style in title_pieces("Ceasefire talks", None)]
    segments = row_segments([((title, NO_STYLE), 10), (plain_cell(None, MUTED), 4)], NO_STYLE)
    assert runs(segments) == [
        (" ", NO_STYLE),
        ("● Ceasefi…", Style(bold=True)),
        (" ", NO_STYLE),
        ("—   ", MUTED),
        (" ", NO_STYLE),
    ]
