"""SpeakersScreen: everyone quoted in the archive or in the search's results, as a table
(name, kind, role, quotes, articles, outlets), sortable and filtered as you type."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from reader.articles.text import escape_controls
from reader.ui import keys
from reader.ui.widgets.footer import ReaderFooter

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import Speaker

__all__ = ["SORTS", "QuoteTarget", "SpeakersScreen", "matches", "read_failure"]

log = logging.getLogger(__name__)

QuoteTarget = tuple[str, int]
"""An article id and the body offset of the quote to open it at."""
SORTS: tuple[tuple[str, str], ...] = (
    ("quotes", "Quotes"),
    ("articles", "Articles"),
    ("outlets", "Outlets"),
    ("name", "Name"),
    ("kind", "Kind"),
)
"""Orders the table cycles through (the attribute and the column it sorts by)."""
SHOWN_ROWS = 500
"""Rows in the table at once: the filter narrows a longer list."""


def read_failure(library: Library, rebuilds: int, error: Exception) -> str:
    """What to show when reading the speakers failed: an index being rebuilt (an older
    version's catalog lacks the newer columns until then) is no bug; anything else says
    what went wrong instead of leaving "Reading the speakers…" on screen."""
    if library.rebuilds != rebuilds or library.is_updating():
        return "The index is being rebuilt: open this again in a moment."
    log.warning("reading the speakers failed", exc_info=error)
    reason = f"{type(error).__name__}: {error}".splitlines()[0][:160]
    return f"The speakers could not be read ({reason})."


def guarded_read(
    library: Library, read: Callable[[], Message], failed: Callable[[str], Message]
) -> Message:
    """``read()``'s message, or ``failed(why)``'s when reading raised (see read_failure)."""
    rebuilds = library.rebuilds
    try:
        return read()
    except Exception as error:  # a worker's exception would only be logged
        return failed(read_failure(library, rebuilds, error))


def matches(speaker: Speaker, words: Sequence[str]) -> bool:
    """True when every filter word is in the speaker's name, aliases, roles or kind."""
    haystack = " ".join((speaker.name, *speaker.aliases, *speaker.roles, speaker.kind))
    folded = haystack.casefold()
    return all(word in folded for word in words)


class SpeakersScreen(Screen[QuoteTarget | None]):
    """The speakers table; Enter opens a speaker's statements, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = keys.SPEAKERS

    class Loaded(Message):
        """The speakers were read (by a worker)."""

        def __init__(self, speakers: list[Speaker]) -> None:
            super().__init__()
            self.speakers = speakers

    class Failed(Message):
        """The speakers could not be read (why, for the line under the table)."""

        def __init__(self, why: str) -> None:
            super().__init__()
            self.why = why

    def __init__(self, library: Library, article_ids: Sequence[str] | None = None) -> None:
        super().__init__()
        self.library = library
        self.article_ids = article_ids
        """The search's results the table is about; None for the whole archive."""
        self.speakers: list[Speaker] = []
        self.shown: list[Speaker] = []
        self.info = ""
        """The table's state under it (how many, the order, the keys)."""
        self.sort_index = 0
        self.descending = True

    def compose(self) -> ComposeResult:
        yield Input(placeholder="Filter speakers (name, role, kind)", id="speakers-filter")
        table: DataTable[Text | str] = DataTable(id="speakers-table", cursor_type="row")
        table.add_column("Name", key="name")
        table.add_column("Kind", key="kind")
        for key in ("quotes", "articles", "outlets"):
            table.add_column(key.title(), key=key)
        # Roles can be long: last, so the counts stay on screen in an 80-column terminal.
        table.add_column("Role", key="role")
        yield table
        yield Static(id="speakers-info")
        yield ReaderFooter()

    def on_mount(self) -> None:
        scope = "the archive" if self.article_ids is None else "the search results"
        self.query_one(DataTable).border_title = Text(f"Speakers in {scope}")
        self.query_one(Static).update(Text("Reading the speakers…"))
        self.query_one(DataTable).focus()
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False, group="speakers")
    def _read(self) -> None:
        self.post_message(
            guarded_read(
                self.library,
                lambda: self.Loaded(self.library.speakers(self.article_ids)),
                self.Failed,
            )
        )

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.speakers = event.speakers
        self._refill()

    @on(Failed)
    def _failed(self, event: Failed) -> None:
        self.info = event.why
        self.query_one(Static).update(Text(event.why))

    @on(Input.Changed, "#speakers-filter")
    def _filter_changed(self) -> None:
        self._refill()

    def _refill(self) -> None:
        words = self.query_one(Input).value.casefold().split()
        found = [s for s in self.speakers if matches(s, words)]
        attribute = SORTS[self.sort_index][0]
        if attribute in ("name", "kind"):
            found.sort(key=lambda s: s.name.casefold())
            found.sort(key=lambda s: getattr(s, attribute).casefold(), reverse=self.descending)
        else:
            found.sort(key=lambda s: getattr(s, attribute), reverse=self.descending)
        self.shown = found[:SHOWN_ROWS]
        table = self.query_one(DataTable)
        table.clear()
        for index, speaker in enumerate(self.shown):
            table.add_row(*_cells(speaker), key=str(index))
        self._describe(len(found))

    def _describe(self, matching: int) -> None:
        order = f"by {SORTS[self.sort_index][1].lower()}{'' if self.descending else ', reversed'}"
        if not self.speakers:
            info = "Nobody is quoted here."
        elif matching > len(self.shown):
            info = f"{len(self.shown):,} of {matching:,} speakers shown, {order}; type to narrow"
        else:
            info = f"{matching:,} of {len(self.speakers):,} speakers, {order}"
        self.info = f"{info} · Enter: statements · s: sort · /: filter"
        self._show_aliases(self.query_one(DataTable).cursor_row)

    @on(DataTable.RowHighlighted)
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_aliases(event.cursor_row)

    def _show_aliases(self, row: int) -> None:
        """The other names of the highlighted speaker ahead of the table's state: one
        speaker per person and organisation, whatever names the articles gave them."""
        line = Text(self.info)
        if 0 <= row < len(self.shown) and self.shown[row].aliases:
            aliases = escape_controls(", ".join(self.shown[row].aliases))
            line = Text.assemble(("also quoted as ", "italic"), aliases, " · ", self.info)
        self.query_one(Static).update(line)

    def action_cycle_sort(self) -> None:
        """Sort by the next column (quotes, articles, outlets, name, kind)."""
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.descending = SORTS[self.sort_index][0] not in ("name", "kind")
        self._refill()

    def action_reverse_sort(self) -> None:
        """Reverse the order."""
        self.descending = not self.descending
        self._refill()

    @on(DataTable.HeaderSelected)
    def _header(self, event: DataTable.HeaderSelected) -> None:
        column = str(event.column_key.value)
        wanted = [attribute for attribute, _ in SORTS].index(column) if column != "role" else None
        if wanted is None:
            return
        if wanted == self.sort_index:
            self.action_reverse_sort()
        else:
            self.sort_index = wanted - 1
            self.action_cycle_sort()

    def action_focus_filter(self) -> None:
        """Type to filter the speakers."""
        self.set_focus(self.query_one(Input))

    def action_back(self) -> None:
        """Leave the filter, or go back to the reader."""
        field = self.query_one(Input)
        if self.focused is field:
            self.set_focus(self.query_one(DataTable))
        else:
            self.dismiss(None)

    @on(Input.Submitted, "#speakers-filter")
    def _filter_done(self) -> None:
        self.set_focus(self.query_one(DataTable))

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        from reader.ui.screens.speaker import SpeakerScreen

        speaker = self.shown[int(str(event.row_key.value))]
        self.app.push_screen(SpeakerScreen(self.library, speaker), self._chosen)

    def _chosen(self, target: QuoteTarget | None) -> None:
        if target is not None:
            self.dismiss(target)


def _cells(speaker: Speaker) -> tuple[Text, ...]:
    role = ", ".join(speaker.roles[:2])
    return (
        Text(escape_controls(speaker.name), style="bold"),
        Text(speaker.kind or "–", style="dim" if not speaker.kind else ""),
        Text(_quotes_cell(speaker), justify="right"),
        *(Text(f"{n:,}", justify="right") for n in (speaker.articles, speaker.outlets)),
        Text(escape_controls(role), overflow="ellipsis", no_wrap=True),
    )


def _quotes_cell(speaker: Speaker) -> str:
    """The speaker's quotes, with how many of them came through another source: "3 (1 via)"
    for Sanders quoted once according to CNN (the quote counts for CNN too)."""
    if not speaker.via:
        return f"{speaker.quotes:,}"
    return f"{speaker.quotes:,} ({speaker.via:,} via)"
