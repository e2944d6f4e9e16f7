"""MainScreen: search box, article list or hits, reading pane, quote panel and status line."""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.geometry import Size
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget

from reader.ui import keys
from reader.ui.messages import (
    ArticleSelected,
    CompareRequested,
    ResultsExpanded,
    SearchCleared,
    SearchCompleted,
)
from reader.ui.screens.personal_actions import PersonalActions
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.index_watch import IndexWatch
from reader.ui.widgets.list_panel import ListPanel
from reader.ui.widgets.reader_pane import ReaderPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.index import Library
    from reader.search.snippets import Highlight
    from reader.ui.read_ahead import ReadAhead
    from reader.ui.widgets.article_view import ArticleView

__all__ = ["NARROW_COLUMNS", "SHORT_ROWS", "MainScreen"]

NARROW_COLUMNS = 100
"""Narrower than this, the list and the article take turns instead of sharing the width."""
SHORT_ROWS = 32
"""Shorter than this, the search box is one line and the quote panel opens only with Q."""


class MainScreen(PersonalActions, Screen[None]):
    """The reader: find an article, read it with its quotes highlighted, and keep what the
    reader does with it (``PersonalActions``)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.MAIN, *keys.PERSONAL]
    AUTO_FOCUS = "#articles"
    """The list has the focus from the first frame (Textual's default, the first focusable
    widget, is the search box: the focus then moved after the first frame, drawn again)."""

    marked_id: reactive[str | None] = reactive[str | None](None)
    """The article marked with ``m``: opening another one then compares the two."""

    def __init__(
        self, library: Library, query: str | None = None, read_ahead: ReadAhead | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self._read_ahead = read_ahead
        self._submits = 0
        """Enter presses in the search box not yet acted on."""
        self._resumed = False

    def compose(self) -> ComposeResult:
        self._fit(self.app.size)  # the first frame's layout is the terminal's, not a wide one
        yield SearchBar(self.library, id="search")
        with Horizontal(id="body"):
            with ListPanel(initial="articles", id="lists"):
                yield ArticleList(id="articles").data_bind(MainScreen.marked_id)
            yield ReaderPane(self.library, id="reader")
        yield StatusBar(id="status")
        # The key bar's row: its keys come a frame after the first anyway (Textual's footer
        # waits for the screen's bindings), so the footer itself mounts after the first
        # frame, into this row (see _after_first_frame).
        yield Widget(id="footer-row")
        yield IndexWatch(self.library, self._read_ahead)

    def on_mount(self) -> None:
        self.call_after_refresh(self._after_first_frame)
        self.query_one(StatusBar).corpus = self.library.corpus.name
        self.query_one(IndexWatch).start()
        if self.initial_query:
            self.search_bar.input.value = self.initial_query

    async def _after_first_frame(self) -> None:
        """Mount what the first frame does not show, or shows as a placeholder: the footer,
        the article view and its story and quote panels (see ``ReaderPane.make_view``) and the
        hit list (hidden until a search). Their modules load here too."""
        from reader.ui.widgets.footer import ReaderFooter

        await self.query_one("#footer-row").mount(ReaderFooter())
        await self.pane.make_view()
        self.refresh_bindings()  # the footer shows the keys when told they are there
        await self.lists.mount_hits(self.library)

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        # Textual styles every widget as it mounts, then again when the screen is first
        # shown: that second pass (a third of the styling before the first frame) finds
        # nothing changed. Later resumes (back from compare, help...) restyle as usual.
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def pane(self) -> ReaderPane:
        return self.query_one(ReaderPane)

    @property
    def lists(self) -> ListPanel:
        return self.query_one(ListPanel)

    @property
    def reading(self) -> ArticleView:
        return self.pane.view

    @on(SearchCompleted)
    async def _show_hits(self, event: SearchCompleted) -> None:
        self.query_one(StatusBar).search_ms = event.result.took_ms
        await self.lists.mount_hits(self.library)  # a search typed during the start
        hits = self.lists.hits
        hits.show_result(event.result)
        self.lists.show_hits()
        self.pane.set_highlight(self.search_highlight())
        if event.submitted and event.result.hits:
            hits.focus()
        self.call_after_refresh(self.search_bar.release_gc)  # the hits are on screen

    @on(ResultsExpanded)
    def _results_expanded(self, event: ResultsExpanded) -> None:
        self.lists.hits.expanded(event.results)

    @on(SearchCleared)
    def _search_cleared(self) -> None:
        self.lists.show_articles()
        self.pane.set_highlight(None)

    def search_highlight(self) -> Highlight | None:
        """The words and phrases of the search on screen, to highlight in articles."""
        result = self.search_bar.result
        if result is None or not self.search_bar.query_text:
            return None
        from reader.search.snippets import Highlight  # loaded by the search already

        return Highlight(result.terms, result.phrases)

    @on(ArticleSelected)
    def _article_selected(self, event: ArticleSelected) -> None:
        if self.marked_id is not None and self.marked_id != event.article_id:
            self._compare_with_mark(event.article_id)
        else:
            self.pane.open_article(event.article_id)

    # -- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.search_bar.input
        if action == "submit_search":
            # Only while typing; elsewhere Enter opens the article or hit under the cursor.
            return typing
        if action == "focus_search":
            # A priority binding (so "/x" typed fast keeps its x), except while typing a "/".
            return not typing
        return True

    def action_submit_search(self) -> None:
        """Enter in the search box: go to the first hit, searching first if need be.

        A priority binding, so it runs as the key arrives, while letters typed just before it
        (a fast typist, a paste, a slow machine) may still wait in the box's queue: the search
        is submitted from that queue, after them. Enter pressed again meanwhile opens the
        first hit.
        """
        self._submits += 1
        if self._submits == 1:
            self.search_bar.input.call_later(self._submit_search)

    def _submit_search(self) -> None:
        presses, self._submits = self._submits, 0
        bar = self.search_bar
        current = bar.result is not None and bar.result.query.strip() == bar.query_text
        if current and bar.result is not None and bar.result.hits:
            hits = self.lists.hits
            self.set_focus(hits)
            if presses > 1:
                hits.action_select()
        else:
            bar.run_search(submitted=True)

    def action_focus_search(self) -> None:
        """Move to the search box."""
        # set_focus, not focus(): it takes effect before the next key is forwarded.
        self.set_focus(self.search_bar.input)

    def action_back(self) -> None:
        """Forget the mark; clear the search, or go back from the article to the list."""
        if self.has_class("-reading"):
            self.remove_class("-reading")  # out of reading mode, still on the article
            return
        if self.marked_id is not None:
            # A mark left behind would turn a later Enter into a compare nobody asked for.
            self.marked_id = None
            self.notify("Unmarked.", timeout=2)
        focused = self.focused
        if focused is self.search_bar.input and self.search_bar.query_text:
            self.search_bar.clear()
        elif focused is self.search_bar.input or (
            focused is not None and self.pane in focused.ancestors_with_self
        ):  # in the search box, or anywhere in the reading pane (the article, its panels)
            self.lists.focus_current()
        elif self.search_bar.query_text:
            self.search_bar.clear()
            self.set_focus(self.lists.articles)

    def action_reading_mode(self) -> None:
        """The article alone, full screen at a readable width; again (or Esc) to leave."""
        if not self.pane.ready:  # a key typed during the start
            return
        if self.has_class("-reading"):
            self.remove_class("-reading")
            return
        if self.pane.loaded is None:
            current = self.lists.current_id
            if current is None:
                self.notify("Pick an article to read first.", timeout=2)
                return
            self.pane.open_article(current)
        self.add_class("-reading")
        self.set_focus(self.reading)

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size)

    def _fit(self, size: Size) -> None:
        """Small terminals give the room to the pane with the focus (see reader.tcss)."""
        self.set_class(size.width < NARROW_COLUMNS, "-narrow")
        self.set_class(size.height < SHORT_ROWS, "-short")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        focused = event.widget
        self.set_class(self.pane in focused.ancestors_with_self, "-in-reader")
        self.set_class(self.pane.holds_quote_panel(focused), "-in-quotes")

    def action_step_hit(self, step: int) -> None:
        """Walk the search hits in the open article."""
        self.pane.step_hit(step)

    def action_step_quote(self, step: int) -> None:
        """Walk the quotes of the open article."""
        self.pane.step_quote(step)

    def action_accept_suggestion(self) -> None:
        """Search for the "did you mean" suggestion."""
        if not self.search_bar.accept_suggestion():
            self.notify("No suggestion to accept.", timeout=2)

    async def action_toggle_raw(self) -> None:
        """Show the file as it is, with boilerplate, or the cleaned article."""
        await self.pane.toggle_raw()

    def _target_id(self) -> str | None:
        """The article ``m`` and ``c`` act on: the one being read while the reading pane has
        the focus (it may have come from ``e`` or the palette), else the one under the
        cursor of the list."""
        loaded = self.pane.loaded
        if loaded is not None and self.pane.has_focus_within:
            return loaded.article.id
        return self.lists.current_id

    def action_mark(self) -> None:
        """Mark the article (again: unmark): the next one opened is compared with it."""
        current = self._target_id()
        self.marked_id = None if current == self.marked_id else current
        if self.marked_id is not None:
            title = self.title_of(self.marked_id)
            self.notify(f"Open another article to compare it with “{title}”.", title="Marked")

    def watch_marked_id(self, marked_id: str | None) -> None:
        self.query_one(StatusBar).marked = None if marked_id is None else self.title_of(marked_id)

    def title_of(self, article_id: str) -> str:
        """The title of an indexed article (its id if it cannot be read)."""
        try:
            summary = self.library.summary(article_id)
        except sqlite3.Error:
            summary = None
        return summary.title if summary is not None else article_id

    def action_compare(self) -> None:
        """Compare the marked article with the one being read or under the cursor."""
        other = self._target_id()
        if self.marked_id is None:
            self.notify("Mark an article with m, then compare it with another (c or Enter).")
        elif other is None or other == self.marked_id:
            title = self.title_of(self.marked_id)
            self.notify(f"“{title}” is marked: pick another article, then c or Enter.")
        else:
            self._compare_with_mark(other)

    def _compare_with_mark(self, other: str) -> None:
        """Compare the marked article with another; the mark is used up (m marks again)."""
        if self.marked_id is not None:
            self.post_message(CompareRequested(self.marked_id, other))
            self.marked_id = None

    def action_compare_coverage(self) -> None:
        """Compare the article with another outlet's report of its story (o cycles there)."""
        article_id = self._target_id()
        loaded = self.pane.loaded
        if loaded is not None and loaded.article.id == article_id:
            story = loaded.story
        else:
            story = self.library.story_of(article_id) if article_id is not None else None
        from reader.ui.widgets.story_panel import other_members

        others = other_members(story, article_id) if story and article_id else []
        if not others or article_id is None:
            self.notify("No other article in the corpus reports this event.")
            return
        self.post_message(CompareRequested(article_id, others[0].id))

    def action_goto_shared(self) -> None:
        """Open the same quote in another article that reports it."""
        self.pane.goto_shared()

    def action_copy_quote(self) -> None:
        """Copy the current quote with its citation (OSC 52)."""
        self.pane.copy_quote()

    def action_toggle_speaker_margin(self) -> None:
        """Speakers in a margin beside the paragraphs, or inline after each quote."""
        if self.pane.ready:  # (not a key typed during the start)
            self.reading.toggle_speaker_margin()

    def action_speakers(self) -> None:
        """Everyone quoted in the archive, or in the search's results when there is one."""
        from reader.ui.screens.speakers import SpeakersScreen

        ids = self.result_ids() if self.lists.showing_hits else None  # every hit, filters applied
        self.app.push_screen(SpeakersScreen(self.library, ids), self._open_quote)

    def _open_quote(self, target: tuple[str, int] | None) -> None:
        if target is not None:
            article_id, start = target
            self.pane.open_article(article_id, focus_offset=start)
            self.set_focus(self.reading)

    def action_focus_quotes(self) -> None:
        """Move to the quote panel."""
        if not self.pane.ready:  # a key typed during the start: no article, no quotes
            return
        self.add_class("-in-quotes")  # shown on a short terminal before it takes the focus
        self.call_after_refresh(self.set_focus, self.pane.panel)

    def action_open_pager(self) -> None:
        """Open the article's file in $PAGER (less by default), suspending the app meanwhile."""
        self.pane.open_in_pager()
