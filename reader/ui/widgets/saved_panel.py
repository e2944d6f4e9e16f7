"""The saved searches panel and their command palette entries: each saved query with its
number of unread matches; choosing one asks the screen to run it."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.command import Hit, Hits, Provider
from textual.markup import escape
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

if TYPE_CHECKING:
    from reader.index import Library
    from reader.personal import Reading, SavedSearch

__all__ = ["SavedSearchCommands", "SavedSearchesPanel", "unread_counts"]

Row = tuple["SavedSearch", int | None]
"""A saved search and its unread matches (None: the query no longer runs)."""


def unread_counts(library: Library, reading: Reading) -> list[Row]:
    """Every saved search with how many of its matches are unread (runs each query)."""
    from reader.search import QueryError, search

    rows: list[Row] = []
    for saved in reading.saved_searches():
        try:
            query = f"({saved.query}) AND is:unread"
            unread: int | None = search(library, query, limit=1, personal=reading).total
        except QueryError:
            unread = None
        rows.append((saved, unread))
    return rows


class SavedSearchesPanel(OptionList):
    """Saved searches, ``name  12`` (unread matches); Enter runs the highlighted one."""

    class Chosen(Message):
        """The user chose a saved search to run."""

        def __init__(self, saved: SavedSearch) -> None:
            super().__init__()
            self.saved = saved

    class Counted(Message):
        """The worker counted the unread matches of every saved search."""

        def __init__(self, rows: list[Row]) -> None:
            super().__init__()
            self.rows = rows

    def __init__(self, library: Library, reading: Reading, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.reading = reading
        self._saved: dict[str, SavedSearch] = {}
        self.border_title = "Saved searches"

    def on_mount(self) -> None:
        self.recount()

    def recount(self) -> None:
        """Count again (after saving a search, reading articles or an index update)."""
        self._count()

    @work(thread=True, exclusive=True, exit_on_error=False, group="saved-searches")
    def _count(self) -> None:
        self.post_message(self.Counted(unread_counts(self.library, self.reading)))

    @on(Counted)
    def _show(self, event: Counted) -> None:
        event.stop()
        highlighted = self.highlighted
        self.clear_options()
        self._saved = {}
        for number, (saved, unread) in enumerate(event.rows):
            key = f"saved-{number}"
            self._saved[key] = saved
            count = "?" if unread is None else str(unread)
            label = Text(saved.name)
            label.append(f"  {count}", style="bold" if unread else "dim")
            self.add_option(Option(label, id=key))
        if event.rows:
            self.highlighted = min(highlighted or 0, len(event.rows) - 1)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        saved = self._saved.get(event.option.id or "")
        if saved is not None:
            self.post_message(self.Chosen(saved))


class SavedSearchCommands(Provider):
    """ "Saved search: NAME (N unread)" in the command palette; choosing one runs it."""

    async def search(self, query: str) -> Hits:
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return
        reading = screen.reading_data()
        if reading is None:
            return
        rows = await asyncio.to_thread(unread_counts, screen.library, reading)
        matcher = self.matcher(query)
        for saved, unread in rows:
            count = "query no longer runs" if unread is None else f"{unread:,} unread"
            label = f"Saved search: {saved.name} ({count})"
            score = matcher.match(label) if query else 1.0
            if score > 0:
                run = partial(screen.run_saved, saved.query)
                yield Hit(score, matcher.highlight(escape(label)), run, help=escape(saved.query))
