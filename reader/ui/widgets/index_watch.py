"""IndexWatch: opens the index behind the main screen and shows what it is doing.

Never displayed: it runs the index worker (``reader.ui.loading``), and on its messages sets
the status line's index state, fills the list, says when results may be incomplete, and
gives the search box examples from the corpus.
"""

from __future__ import annotations

import functools
import gc
import threading
import time
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.timer import Timer
from textual.widget import Widget

from reader.summaries import plural
from reader.ui.loading import PAINT_WAIT_S, open_index, start_up_over
from reader.ui.messages import (
    ExamplesFound,
    IndexChecked,
    IndexFailed,
    IndexProgress,
    IndexReady,
    IndexWaiting,
    ListShown,
)
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.index import Library
    from reader.ui.read_ahead import ReadAhead
    from reader.ui.widgets.article_list import ArticlePages

__all__ = ["IndexWatch"]


class IndexWatch(Widget):
    """The index's life on the main screen: opened, checked, updated, failed."""

    DEFAULT_CSS: ClassVar[str] = "IndexWatch { display: none; }"

    def __init__(self, library: Library, read_ahead: ReadAhead | None = None) -> None:
        super().__init__()
        self.library = library
        self.pages: ArticlePages = read_ahead or library
        """Where the list reads: the library, or first what was read ahead of the UI."""
        self.list_painted = threading.Event()
        """Set once the list has painted what the index holds (the worker waits for it)."""
        self._writing: Timer | None = None
        """Ticks the clock in the status line while the index is written."""

    def start(self) -> None:
        """Show what is indexed, then check the corpus and update the index behind the list
        (called once the screen is mounted, so the list is there to fill)."""
        # The collector is off during start-up (``reader.__main__.main``), and threads take
        # turns more often (``FRAME_SWITCH_S``): back to normal with the list, or after this
        # long whatever happens (a first build, a failure).
        self.set_timer(PAINT_WAIT_S, start_up_over)
        # The worker's thread starts after the first frame: starting a thread waits for it
        # to be scheduled, and with a list to show the worker would only wait for the paint.
        self.call_after_refresh(self._run_worker, self._show_indexed())

    def _run_worker(self, shown: int | None) -> None:
        self.run_worker(
            functools.partial(
                open_index, self.library, self.post_message, self.list_painted, shown
            ),
            thread=True,
            exclusive=True,
            exit_on_error=False,
            group="index",
        )

    def _show_indexed(self) -> int | None:
        """Put what the index holds in the list before the first frame (a count and the
        rows on screen: a few SQLite reads, the same at 5 and at 100,000 articles), so that
        the first paint has the titles; the count shown, None when the worker should look."""
        try:
            count = self.pages.count()
        except Exception:  # the worker tries again and says what is wrong
            return None
        if count:
            self._ready(IndexReady(count, building=True))
        return count

    @property
    def _status(self) -> StatusBar:
        return self.screen.query_one(StatusBar)

    @property
    def _search_bar(self) -> SearchBar:
        return self.screen.query_one(SearchBar)

    @property
    def _articles(self) -> ArticleList:
        return self.screen.query_one(ArticleList)

    @on(IndexProgress)
    def _progress(self, event: IndexProgress) -> None:
        status = self._status
        self._search_bar.index_building = True
        self._articles.placeholder = "Building the index: the list fills when it is ready…"
        if event.done < event.total:
            status.index_state = f"building {event.done:,}/{event.total:,}"
        elif self._writing is None:
            # Whoosh writes the index with no count of its own: a clock shows it is at work.
            started = time.monotonic()
            articles = plural(event.total, "article")

            def tick() -> None:
                seconds = time.monotonic() - started
                status.index_state = f"building: writing {articles}… {seconds:.0f} s"

            tick()
            self._writing = self.set_interval(1.0, tick)

    @on(IndexWaiting)
    def _waiting(self) -> None:
        """Another process (``reader index --rebuild``) holds the index: say so, not hang."""
        self._status.index_state = "waiting for another update"
        self._articles.placeholder = (
            "Another reader process is updating the index: the list fills when it is done…"
        )

    def _stop_writing_clock(self) -> None:
        if self._writing is not None:
            self._writing.stop()
            self._writing = None

    @on(ExamplesFound)
    def _examples_found(self, event: ExamplesFound) -> None:
        self._search_bar.show_examples(event.examples)

    @on(IndexChecked)
    def _checked(self) -> None:
        """The list on screen already matches the corpus."""
        self._status.index_state = "up to date"
        self._search_bar.index_building = False

    @on(IndexReady)
    def _ready(self, event: IndexReady) -> None:
        self._stop_writing_clock()
        status, search_bar, articles = self._status, self._search_bar, self._articles
        status.article_count = event.count
        status.index_state = "checking for changes…" if event.building else "up to date"
        articles.show(self.pages, event.count)
        self.call_after_refresh(self._list_shown)
        articles.placeholder = (
            f"No articles: {self.library.corpus} has no readable .txt or .md files."
        )
        if event.notice:
            self.notify(event.notice, title="Index", severity="warning", timeout=10)
        # Only an update (IndexProgress) makes results partial, not the check for changes.
        was_building = search_bar.index_building
        if not event.building:
            search_bar.index_building = False
        if was_building and not event.building and search_bar.query_text:
            search_bar.run_search(submitted=False)  # the results were from a partial index

    def _list_shown(self) -> None:
        """The list is on screen: the index worker may go on; what start-up loaded stays."""
        if not self.list_painted.is_set():
            # What start-up made (modules, styles, widgets) lives as long as the app: out of
            # the collector's sight, full collections then only walk what was made since.
            gc.collect()
            gc.freeze()
            start_up_over()
            self.post_message(ListShown())
        self.list_painted.set()

    @on(IndexFailed)
    def _failed(self, event: IndexFailed) -> None:
        self._stop_writing_clock()
        self._search_bar.index_building = False
        self._status.index_state = f"error: {event.reason}"
        self._articles.placeholder = f"The index could not be opened: {event.reason}"
        self.notify(event.reason, title="Index problem", severity="error", timeout=10)
