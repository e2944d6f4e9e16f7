"""How the user's marks show in a list row: unread titles stand out, then star, note and
tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from reader.personal import ArticleState

__all__ = ["UNREAD_STYLE", "marks_text", "row_marks", "title_pieces"]

UNREAD_STYLE = "bold"
"""Unread titles are bold; read ones plain (a dim read title was hard to read on light
themes)."""


def _mark_pieces(state: ArticleState | None) -> list[tuple[str, str]]:
    """``● ★ ✎ ``: unread (no state: unread), starred, has a note, as (text, style) pieces."""
    pieces = [("● ", "bold")] if state is None or not state.read else []
    if state is not None and state.starred:
        pieces.append(("★ ", ""))
    if state is not None and state.has_note:
        pieces.append(("✎ ", ""))
    return pieces


def title_pieces(title: str, state: ArticleState | None) -> list[tuple[str, str]]:
    """A row's title with the user's marks, ``● ★ ✎ Title #summit``, as (text, style)
    pieces: bold while the article is unread (no state: unread). Plain text, never markup."""
    unread = state is None or not state.read
    pieces = [*_mark_pieces(state), (title, UNREAD_STYLE if unread else "")]
    if state is not None and state.tags:
        pieces.append((" " + " ".join(f"#{tag}" for tag in state.tags), "dim"))
    return pieces


def marks_text(state: ArticleState | None, tags: bool = True) -> Text:
    """``● ★ ✎ #summit``: unread, starred, has a note, tags (text, never markup)."""
    marks = Text()
    for text, style in _mark_pieces(state):
        marks.append(text, style=style)
    for tag in state.tags if state is not None and tags else ():
        marks.append(f"#{tag} ", style="dim")
    return marks


def row_marks(screen: object, article_ids: list[str]) -> dict[str, ArticleState]:
    """The marks of these articles from the screen's ``marks_source`` (the main screen's
    user data); none on a screen without one, or before the data is open."""
    source = getattr(screen, "marks_source", None)
    if source is None or not article_ids:
        return {}
    found: dict[str, ArticleState] = source(article_ids)
    return found
