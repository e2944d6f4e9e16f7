"""How the user's marks show in a list row: unread titles stand out, then star, note and
tags. Draft for the front end to take (the list widgets are theirs)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from reader.personal import ArticleState

__all__ = ["UNREAD_STYLE", "marks_text", "title_text"]

UNREAD_STYLE = "bold"
"""Unread titles are bold; read ones plain (a dim read title was hard to read on light
themes)."""


def title_text(title: str, state: ArticleState | None) -> Text:
    """The title as a row shows it: bold while the article is unread (no state: unread)."""
    unread = state is None or not state.read
    return Text(title, style=UNREAD_STYLE if unread else "")


def marks_text(state: ArticleState | None) -> Text:
    """``● ★ ✎ #summit``: unread, starred, has a note, tags (text, never markup)."""
    marks = Text()
    if state is None or not state.read:
        marks.append("● ", style="bold")
    if state is not None and state.starred:
        marks.append("★ ")
    if state is not None and state.has_note:
        marks.append("✎ ")
    for tag in state.tags if state is not None else ():
        marks.append(f"#{tag} ", style="dim")
    return marks
