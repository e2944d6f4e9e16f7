"""A row of a list drawn as segments: cells of styled pieces, each cut to its column.

What rich's ``Text`` makes of a row (``truncate`` with an ellipsis, padding, ``render``),
made directly: the article list draws a screenful of rows at every scroll and in the first
paint, where building, truncating and rendering ``Text`` objects took most of the time.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len, set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style

__all__ = ["GAP", "NO_STYLE", "Cell", "Piece", "plain_cell", "row_segments"]

GAP = 1
"""Spaces before, between and after the cells."""
NO_STYLE = Style()

Piece = tuple[str, Style]
Cell = tuple[Sequence[Piece], Style]
"""A cell of a row: its text in pieces, each with its style, and the style of the spaces that
pad it to its column."""


def row_segments(row: Sequence[tuple[Cell, int]], style: Style) -> list[Segment]:
    """The segments of a row of cells, each in its width, a gap before and after each."""
    gap = Segment(" " * GAP, style)
    segments = [gap]
    for (pieces, pad), width in row:
        segments.extend(Segment(text, style + piece) for text, piece in _cut(pieces, pad, width))
        segments.append(gap)
    return segments


def plain_cell(text: str | None, muted: Style) -> Cell:
    """A cell of one text, or a muted dash when there is none."""
    return ([(text, NO_STYLE)], NO_STYLE) if text else ([("—", muted)], muted)


def _cut(pieces: Sequence[Piece], pad: Style, width: int) -> list[Piece]:
    """A cell's pieces in ``width`` cells, as ``Text.truncate(width, overflow="ellipsis",
    pad=True)`` leaves them: longer, they are cut and end in "…" (in the style of the piece
    cut); shorter, spaces in ``pad`` follow. Control codes are dropped, as ``Text`` does."""
    pieces = [(clean, style) for text, style in pieces if (clean := strip_control_codes(text))]
    plain = "".join(text for text, _ in pieces)
    length = cell_len(plain)
    if length <= width:
        return [*pieces, (" " * (width - length), pad)] if length < width else pieces
    cut = set_cell_size(plain, width - 1) + "…"
    found: list[Piece] = []
    start = 0
    for text, style in pieces:
        if start >= len(cut):
            break
        found.append((cut[start : start + len(text)], style))
        start += len(text)
    if start < len(cut):
        found.append((cut[start:], pad))
    return found
