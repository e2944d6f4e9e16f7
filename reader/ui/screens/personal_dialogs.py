"""Dialogs for the user's own data: tags for one or several articles, a note (on an article
or a quotation), a saved search's name. No app state is touched here: each dialog returns
what the user asked for and the caller writes it with ``Reading``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static, TextArea

from reader.personal import PersonalError
from reader.personal.marks import clean_tag, fold

__all__ = ["NameDialog", "NoteDialog", "TagChange", "TagDialog"]


@dataclass(frozen=True, slots=True)
class TagChange:
    """What the tag dialog asks for: tags to add and tags to remove (as typed)."""

    added: tuple[str, ...]
    removed: tuple[str, ...]


def parse_tag_words(text: str) -> TagChange:
    """``summit geneva -draft``: add summit and geneva, remove draft; PersonalError for a word
    that cannot be a tag."""
    added: list[str] = []
    removed: list[str] = []
    for word in text.split():
        target = removed if word.startswith("-") else added
        target.append(clean_tag(word.removeprefix("-"))[0])
    return TagChange(tuple(added), tuple(removed))


class _LastWordSuggester(Suggester):
    """Completes the word being typed from the tags already in use."""

    def __init__(self, known: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.known = sorted(known, key=fold)

    async def get_suggestion(self, value: str) -> str | None:
        head, _, last = value.rpartition(" ")
        sign = "-" if last.startswith("-") else ""
        typed = fold(last.removeprefix("-"))
        if not typed:
            return None
        for tag in self.known:
            if fold(tag).startswith(typed) and fold(tag) != typed:
                return f"{head} {sign}{tag}".lstrip() if head else f"{sign}{tag}"
        return None


class TagDialog(ModalScreen[TagChange | None]):
    """Tag one or several articles: words add tags, ``-word`` removes one; Enter applies,
    Escape cancels. Tab accepts the suggested completion."""

    DEFAULT_CSS = """
    TagDialog { align: center middle; }
    TagDialog > Vertical { width: 70; height: auto; border: round $accent; padding: 0 1; }
    TagDialog #tag-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="tags.cancel"),
    ]

    def __init__(
        self,
        article_count: int,
        current: Sequence[str],
        known: Sequence[str],
        about: str | None = None,
    ) -> None:
        super().__init__()
        self.article_count = article_count
        # the title of the one article tagged: the list's cursor and the article on screen
        # may differ, so the dialog says which it is
        self.about = about
        self.current = tuple(current)
        self.known = tuple(known)

    def compose(self) -> ComposeResult:
        noun = "article" if self.article_count == 1 else f"{self.article_count} articles"
        with Vertical() as box:
            box.border_title = f"Tags for {noun}"
            box.border_subtitle = "Enter applies · Esc cancels"
            if self.about:
                yield Static(Text(" ".join(self.about.split()), style="bold"), id="tag-about")
            shown = " ".join(f"#{tag}" for tag in self.current) or "no tags yet"
            yield Static(Text(shown), id="tag-current")
            yield Input(
                placeholder="summit geneva -draft",
                suggester=_LastWordSuggester(self.known),
                id="tag-input",
            )
            yield Static("", id="tag-error")

    @on(Input.Submitted, "#tag-input")
    def _apply(self, event: Input.Submitted) -> None:
        try:
            change = parse_tag_words(event.value)
        except PersonalError as error:
            self.query_one("#tag-error", Static).update(Text(str(error)))
            return
        self.dismiss(change if change.added or change.removed else None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NoteDialog(ModalScreen[str | None]):
    """Write a note: Ctrl+S saves (an empty note deletes it), Escape cancels (None)."""

    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    NoteDialog > Vertical { width: 80; height: 20; border: round $accent; padding: 0 1; }
    NoteDialog #note-about { color: $text-muted; height: auto; max-height: 3; }
    NoteDialog TextArea { height: 1fr; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    def __init__(self, about: str, text: str | None) -> None:
        """``about``: what the note is on (an article's title, or a quotation's text)."""
        super().__init__()
        self.about = about
        self.text = text or ""

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Note"
            box.border_subtitle = "Ctrl+S saves · Esc cancels · empty deletes"
            yield Static(Text(" ".join(self.about.split())), id="note-about")
            yield TextArea(self.text, id="note-text", soft_wrap=True)

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NameDialog(ModalScreen[str | None]):
    """Name a search to save it: Enter saves, Escape cancels (None)."""

    DEFAULT_CSS = """
    NameDialog { align: center middle; }
    NameDialog > Vertical { width: 70; height: auto; border: round $accent; padding: 0 1; }
    NameDialog #name-query { color: $text-muted; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="name.cancel"),
    ]

    def __init__(self, query: str) -> None:
        super().__init__()
        self.query_text = query

    def compose(self) -> ComposeResult:
        with Vertical() as box:
            box.border_title = "Save the search as"
            box.border_subtitle = "Enter saves · Esc cancels"
            yield Static(Text(self.query_text), id="name-query")
            yield Input(value=" ".join(self.query_text.split())[:40], id="name-input")

    @on(Input.Submitted, "#name-input")
    def _save(self, event: Input.Submitted) -> None:
        name = " ".join(event.value.split())
        self.dismiss(name or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
