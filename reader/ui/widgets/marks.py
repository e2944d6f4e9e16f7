"""How the user's marks show in a list row: unread titles stand out, then star, note and
tags."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

if TYPE_CHECKING:
    from reader.personal import ArticleState

__all__ = ["UNREAD_STYLE", "marked_title", "marks_text", "row_marks", "title_text"]

UNREAD_STYLE = "bold"
"""Unread titles are bold; read ones plain (a dim read title was hard to read on light
themes)."""


def title_text(title: str, state: ArticleState | None) -> Text:
    """The title as a row shows it: bold while the article is unread (no state: unread)."""
    unread = state is None or not state.read
    return Text(title, style=UNREAD_STYLE if unread else "")


def marked_title(title: str, state: ArticleState | None) -> Text:
    """A row's title with the user's marks: ``● ★ ✎ Title #summit`` (text, never markup)."""
    marked = Text.assemble(marks_text(state, tags=False), title_text(title, state))
    if state is not None and state.tags:
        marked.append(" " + " ".join(f"#{tag}" for tag in state.tags), style="dim")
    return marked


def marks_text(state: ArticleState | None, tags: bool = True) -> Text:
    """``● ★ ✎ #summit``: unread, starred, has a note, tags (text, never markup)."""
    marks = Text()
    if state is None or not state.read:
        marks.append("● ", style="bold")
    if state is not None and state.starred:
        marks.append("★ ")
    if state is not None and state.has_note:
        marks.append("✎ ")
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
