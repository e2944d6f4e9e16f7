"""SearchBar: the query box, searched as you type in a thread worker, and its info line."""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.timer import Timer
from textual.widgets import Input, Static
from textual.worker import get_current_worker

from reader.summaries import plural
from reader.ui.messages import ResultsExpanded, SearchCleared, SearchCompleted, SearchFailed

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import SearchResult

__all__ = ["DEBOUNCE_SECONDS", "SEARCH_LIMIT", "SearchBar"]

DEBOUNCE_SECONDS = 0.15
GC_HOLD_SECONDS = 2.0
"""Longest the garbage collector is held off while a search runs and its hits are drawn."""
SEARCH_LIMIT = 50
"""Hits in the first answer; the hit list reads the others as they are reached."""
PLACEHOLDER = 'Search  (/)   e.g.  word   one AND other   "a phrase"   speaker:name'
"""The hint until examples from the corpus are found (``show_examples``)."""


class SearchBar(Vertical):
    """Runs searches; only results for the text currently in the box reach the screen."""

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.result: SearchResult | None = None
        """The result shown now, if any."""
        self._timer: Timer | None = None
        self._in_flight: str | None = None
        """The query a worker is running now: typing that same text again need not search."""
        self.index_building = False
        """Set while the index is being built: results may be incomplete."""
        self._gc_hold: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input")
        yield Static("", id="search-info", markup=False)

    def show_examples(self, examples: tuple[str, ...]) -> None:
        """Make the hint queries that find something in this corpus."""
        self.input.placeholder = "Search  (/)   e.g.  " + "   ".join(examples)

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def query_text(self) -> str:
        """The query as it stands in the box."""
        return self.input.value.strip()

    def clear(self) -> None:
        """Empty the box (which returns the screen to the article list)."""
        self.input.value = ""

    def accept_suggestion(self) -> bool:
        """Replace the query with the "did you mean" suggestion; False if there is none."""
        if self.result is None or not self.result.suggestion:
            return False
        self.input.value = self.result.suggestion
        self.run_search(submitted=False)
        return True

    def run_search(self, submitted: bool) -> None:
        """Search now for the text in the box."""
        if self._timer is not None:
            self._timer.stop()
        if self.query_text:
            self._in_flight = self.query_text
            self._hold_gc()
            self._search(self.query_text, submitted)

    def _hold_gc(self) -> None:
        """Keep the cyclic garbage collector from pausing the search and the paint of its hits.

        A full collection of the TUI's heap takes tens of milliseconds and a search allocates
        enough to set one off; it runs once the hits are on screen (``release_gc``), or after
        ``GC_HOLD_SECONDS`` at the latest.
        """
        if self._gc_hold is None and gc.isenabled():
            gc.disable()
            self._gc_hold = self.set_timer(GC_HOLD_SECONDS, self._gc_hold_expired)

    def on_unmount(self) -> None:
        self._gc_hold_expired()  # never leave the collector off behind the app

    def release_gc(self) -> None:
        """The search's answer is on screen (or abandoned): collect garbage again, unless
        another search is still running."""
        if self._in_flight is None:
            self._gc_hold_expired()

    def _gc_hold_expired(self) -> None:
        if self._gc_hold is not None:
            self._gc_hold.stop()
            self._gc_hold = None
            gc.enable()

    @on(Input.Changed, "#search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        if not self.query_text:
            self.workers.cancel_group(self, "search")
            self._in_flight = None
            self.release_gc()
            self.result = None
            self.remove_class("-error")
            self._info(Text(""))
            self.post_message(SearchCleared())
            return
        shown = self.result.query.strip() if self.result is not None else None
        if self.result is not None and self.query_text == shown:
            self._show_info(self.result)  # back to the query on screen (after a half-typed one)
        elif self.query_text != self._in_flight:  # else its answer is coming
            self._timer = self.set_timer(DEBOUNCE_SECONDS, lambda: self.run_search(submitted=False))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.run_search(submitted=True)

    @work(thread=True, exclusive=True, exit_on_error=False, group="search")
    def _search(self, query: str, submitted: bool) -> None:
        """Run one query in a thread (Whoosh searchers are per thread) and report back."""
        # Imported here, not at start-up: the index worker loads it after the first paint.
        from reader.search import QueryError, search

        try:
            result = search(self.library, query, limit=SEARCH_LIMIT)
        except QueryError as error:
            self.post_message(SearchFailed(query, str(error), submitted))
        except Exception as error:  # an index problem: say so inline rather than fail silently
            reason = f"search failed ({type(error).__name__}: {error})"
            self.post_message(SearchFailed(query, reason, submitted=True))
        else:
            self.post_message(SearchCompleted(result, submitted))
            if result.total > len(result.hits):
                self._expand(query)

    def _expand(self, query: str) -> None:
        """Read every match (in this worker's thread), unless a newer search started."""
        from reader.search import QueryError
        from reader.search.results import expand

        if get_current_worker().is_cancelled:
            return
        try:
            results = expand(self.library, query)
        except QueryError:
            return  # the first page stays; the index changed under the search
        if not get_current_worker().is_cancelled:
            self.post_message(ResultsExpanded(results))

    @on(SearchCompleted)
    def _completed(self, event: SearchCompleted) -> None:
        self._landed(event.result.query)
        if event.result.query.strip() != self.query_text:
            event.stop()  # stale: the user has typed on since
            return
        self.result = event.result
        self._show_info(event.result)

    def _show_info(self, result: SearchResult) -> None:
        """The hit count, a "did you mean", and a warning while the index is being built."""
        self.remove_class("-error")
        info = Text(plural(result.total, "hit"), style="bold")
        if result.suggestion:
            info.append("   did you mean  ")
            info.append(result.suggestion, style="bold underline")
            info.append("  ?  ctrl+y accepts")
        if self.index_building:
            info.append("   (the index is still being built: results may be incomplete)")
        self._info(info)

    @on(SearchFailed)
    def _failed(self, event: SearchFailed) -> None:
        self._landed(event.query)
        if event.query.strip() != self.query_text:
            event.stop()
            return
        from reader.articles.text import escape_controls  # not on the first paint's path

        reason = escape_controls(event.reason)
        self.call_after_refresh(self.release_gc)
        if not event.submitted and self.result is not None:
            # Half-typed ("press conf): the last results stay until the query reads again.
            event.stop()
            self.remove_class("-error")
            self._info(Text(f"… {reason}   (showing the results for {self.result.query})"))
            return
        self.result = None
        self.add_class("-error")
        self._info(Text(f"⚠ {reason}"))

    def _landed(self, query: str) -> None:
        if query == self._in_flight:
            self._in_flight = None

    def _info(self, text: Text) -> None:
        self.query_one("#search-info", Static).update(text)
