"""MainScreen: search box, article list or hits, reading pane, quote panel and status line."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer

from reader.search import match_spans
from reader.ui.messages import (
    ArticleFailed,
    ArticleLoaded,
    ArticleSelected,
    CompareRequested,
    IndexFailed,
    IndexProgress,
    IndexReady,
    LoadedArticle,
    QuoteActivated,
    SearchCleared,
    SearchCompleted,
)
from reader.ui.render import Document
from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.hit_list import HitList
from reader.ui.widgets.quote_panel import QuotePanel
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["MainScreen"]

EMPTY_READING = (
    "Pick an article and press Enter to read it.\n\n"
    "/ searches as you type   ·   n N walk the hits   ·   ] [ walk the quotes\n"
    "m marks an article; opening another then compares the two side by side\n"
    "? lists every key   ·   ctrl+p opens the command palette"
)


def load(library: Library, article_id: str) -> LoadedArticle:
    """An article and its quotes, read from the library (call inside a worker)."""
    return LoadedArticle(library.article(article_id), tuple(library.quotes(article_id)))


def make_document(loaded: LoadedArticle, terms: frozenset[str]) -> Document:
    """A Document with the search terms located in the body and the raw text."""
    article = loaded.article
    return Document(
        article,
        loaded.quotes,
        tuple(match_spans(article.body, terms)) if terms else (),
        tuple(match_spans(article.raw, terms)) if terms else (),
    )


class MainScreen(Screen[None]):
    """The reader: find an article, read it with its quotes highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "focus_search", "Search", id="search.focus"),
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "step_hit(1)", "Next hit", id="hit.next"),
        Binding("N", "step_hit(-1)", "Prev hit", show=False, id="hit.previous"),
        Binding("right_square_bracket", "step_quote(1)", "Next quote", id="quote.next"),
        Binding(
            "left_square_bracket", "step_quote(-1)", "Prev quote", show=False, id="quote.previous"
        ),
        Binding("ctrl+y", "accept_suggestion", "Did you mean", show=False, id="search.suggestion"),
        Binding("r", "toggle_raw", "Raw", id="article.raw"),
        Binding("m", "mark", "Mark", id="compare.mark"),
        Binding("c", "compare", "Compare", show=False, id="compare.open"),
        Binding("g", "goto_shared", "Same quote elsewhere", show=False, id="quote.elsewhere"),
        Binding("y", "copy_quote", "Copy quote", show=False, id="quote.copy"),
        Binding("o", "open_pager", "Pager", show=False, id="article.pager"),
        Binding("Q", "focus_quotes", "Quote panel", show=False, id="quote.panel"),
    ]

    marked_id: reactive[str | None] = reactive[str | None](None)
    """The article marked with ``m``: opening another one then compares the two."""

    def __init__(self, library: Library, query: str | None = None) -> None:
        super().__init__()
        self.library = library
        self.initial_query = query
        self.loaded: LoadedArticle | None = None
        """The article in the reading pane."""
        self.titles: dict[str, str] = {}

    def compose(self) -> ComposeResult:
        yield SearchBar(self.library, id="search")
        with Horizontal(id="body"):
            with ContentSwitcher(initial="articles", id="lists"):
                yield ArticleList(id="articles")
                yield HitList(id="hits")
            with Vertical(id="reader"):
                yield ArticleView(id="reading", empty_text=EMPTY_READING)
                yield QuotePanel(id="quotes")
        yield StatusBar(id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(StatusBar).corpus = self.library.corpus.name
        self.query_one("#reading", ArticleView).border_title = "Reading"
        self.query_one(QuotePanel).border_title = "Quotes"
        self.query_one(ArticleList).focus()
        self._open_index()
        if self.initial_query:
            self.search_bar.input.value = self.initial_query

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def reading(self) -> ArticleView:
        return self.query_one("#reading", ArticleView)

    # -- workers: each ends by posting a message -----------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _open_index(self) -> None:
        """Show what is indexed, bring the index up to date with progress, show it again."""
        library = self.library
        try:
            stale = library.needs_update()
            if stale and library.count():
                self.post_message(IndexReady(library.summaries(), building=True))
            if stale:
                library.update(progress=self._post_progress)
            self.post_message(IndexReady(library.summaries(), building=False))
        except Exception as error:  # any failure is shown in the status line, never a crash
            self.post_message(IndexFailed(str(error) or type(error).__name__))

    def _post_progress(self, done: int, total: int) -> None:
        self.post_message(IndexProgress(done, total))

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load_article(self, article_id: str, focus_offset: int | None = None) -> None:
        try:
            self.post_message(ArticleLoaded(load(self.library, article_id), focus_offset))
        except Exception as error:
            self.post_message(ArticleFailed(article_id, str(error)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _load_shared(self, group: str, article_id: str) -> None:
        """Open the next article reporting a quote group, at that quote."""
        members = self.library.group_members(group)
        others = [member for member in members if member[0] != article_id]
        if not others:
            self.app.call_from_thread(self.notify, "No other article reports this quote.")
            return
        other_id, quote = others[0]
        self.post_message(ArticleLoaded(load(self.library, other_id), quote.start))

    # -- index and search -----------------------------------------------------------------

    @on(IndexProgress)
    def _index_progress(self, event: IndexProgress) -> None:
        self.query_one(StatusBar).index_state = f"building {event.done:,}/{event.total:,}"

    @on(IndexReady)
    def _index_ready(self, event: IndexReady) -> None:
        status = self.query_one(StatusBar)
        status.article_count = len(event.summaries)
        status.index_state = "updating…" if event.building else "up to date"
        self.titles = {summary.id: summary.title for summary in event.summaries}
        self.query_one(ArticleList).set_summaries(event.summaries)

    @on(IndexFailed)
    def _index_failed(self, event: IndexFailed) -> None:
        self.query_one(StatusBar).index_state = f"error: {event.reason}"
        self.notify(event.reason, title="Index problem", severity="error", timeout=10)

    @on(SearchCompleted)
    def _show_hits(self, event: SearchCompleted) -> None:
        self.query_one(StatusBar).search_ms = event.result.took_ms
        hits = self.query_one(HitList)
        hits.show_hits(event.result.hits)
        self.query_one(ContentSwitcher).current = "hits"
        self._rehighlight(event.result.terms)
        if event.submitted and event.result.hits:
            hits.focus()

    @on(SearchCleared)
    def _search_cleared(self) -> None:
        self.query_one(ContentSwitcher).current = "articles"
        self._rehighlight(frozenset())

    def search_terms(self) -> frozenset[str]:
        """The terms of the search on screen, to highlight in articles."""
        result = self.search_bar.result
        return result.terms if result is not None and self.search_bar.query_text else frozenset()

    def _rehighlight(self, terms: frozenset[str]) -> None:
        """Show the new search terms in the open article."""
        if self.loaded is not None:
            self.reading.document = make_document(self.loaded, terms)
            self.reading.current_hit = None
            self.reading.refresh_text()
            self.reading.update_indicator()

    # -- reading ----------------------------------------------------------------------------

    @on(ArticleSelected)
    def _article_selected(self, event: ArticleSelected) -> None:
        if self.marked_id is not None and self.marked_id != event.article_id:
            self.post_message(CompareRequested(self.marked_id, event.article_id))
        else:
            self._load_article(event.article_id)

    @on(ArticleLoaded)
    async def _article_loaded(self, event: ArticleLoaded) -> None:
        self.loaded = event.loaded
        reading = self.reading
        reading.border_title = event.loaded.article.source or "Reading"
        await reading.show(make_document(event.loaded, self.search_terms()))
        self.query_one(QuotePanel).show_quotes(event.loaded.quotes)
        reading.focus()
        if event.focus_offset is not None:
            starts = [quote.start for quote in event.loaded.quotes]
            if event.focus_offset in starts:
                index = starts.index(event.focus_offset)
                self.call_after_refresh(reading.select_quote, index)
        elif reading.document is not None and reading.document.hit_spans:
            self.call_after_refresh(reading.step_hit, 1)

    @on(ArticleFailed)
    def _article_failed(self, event: ArticleFailed) -> None:
        self.notify(event.reason, title="Cannot open article", severity="error")

    @on(QuoteActivated)
    def _quote_activated(self, event: QuoteActivated) -> None:
        self.reading.select_quote(event.index)

    @on(ArticleView.QuoteFocused, "#reading")
    def _quote_focused(self, event: ArticleView.QuoteFocused) -> None:
        panel = self.query_one(QuotePanel)
        if panel.highlighted != event.index:
            panel.highlighted = event.index

    # -- actions ------------------------------------------------------------------------------

    def action_focus_search(self) -> None:
        """Move to the search box."""
        self.search_bar.input.focus()

    def action_back(self) -> None:
        """Clear the search, or go back from the article to the list."""
        focused = self.focused
        if focused is self.search_bar.input and self.search_bar.query_text:
            self.search_bar.clear()
        elif isinstance(focused, ArticleView | QuotePanel) or focused is self.search_bar.input:
            self._focus_list()
        elif self.search_bar.query_text:
            self.search_bar.clear()
            self.query_one(ArticleList).focus()
        elif self.marked_id is not None:
            self.action_mark()

    def _focus_list(self) -> None:
        current = self.query_one(ContentSwitcher).current
        self.query_one(f"#{current}").focus()

    def action_step_hit(self, step: int) -> None:
        """Walk the search hits in the open article."""
        if not self.reading.step_hit(step):
            self.notify("No search hits in this article.", timeout=2)

    def action_step_quote(self, step: int) -> None:
        """Walk the quotes of the open article."""
        if not self.reading.step_quote(step):
            self.notify("No quotes in this article.", timeout=2)

    def action_accept_suggestion(self) -> None:
        """Search for the "did you mean" suggestion."""
        if not self.search_bar.accept_suggestion():
            self.notify("No suggestion to accept.", timeout=2)

    async def action_toggle_raw(self) -> None:
        """Show the file as it is, with boilerplate, or the cleaned article."""
        await self.reading.set_raw(not self.reading.raw)
        self.reading.update_indicator()

    def _list_article_id(self) -> str | None:
        if self.query_one(ContentSwitcher).current == "hits":
            return self.query_one(HitList).current_id
        return self.query_one(ArticleList).current_id

    def action_mark(self) -> None:
        """Mark the article under the cursor (or unmark): the next one opened is compared."""
        if self.marked_id is not None:
            self.marked_id = None
        else:
            self.marked_id = self._list_article_id()

    def watch_marked_id(self, marked_id: str | None) -> None:
        self.query_one(ArticleList).marked_id = marked_id
        self.query_one(StatusBar).marked = self.titles.get(marked_id or "", marked_id)

    def action_compare(self) -> None:
        """Compare the marked article with the one under the cursor."""
        other = self._list_article_id()
        if self.marked_id is None or other is None or other == self.marked_id:
            self.notify("Mark an article with m, then compare it with another (c or Enter).")
            return
        self.post_message(CompareRequested(self.marked_id, other))

    def _current_quote_index(self) -> int | None:
        if self.reading.current_quote is not None:
            return self.reading.current_quote
        panel = self.query_one(QuotePanel)
        return panel.highlighted if self.focused is panel else None

    def action_goto_shared(self) -> None:
        """Open the same quote in another article that reports it."""
        index = self._current_quote_index()
        if self.loaded is None or index is None:
            self.notify("Pick a quote first (] or the quote panel).")
            return
        group = self.loaded.quotes[index].group
        if group is None:
            self.notify("No other article reports this quote.")
            return
        self._load_shared(group, self.loaded.article.id)

    def action_copy_quote(self) -> None:
        """Copy the current quote with its citation (OSC 52)."""
        index = self._current_quote_index()
        if self.loaded is None or index is None:
            self.notify("Pick a quote first (] or the quote panel).")
            return
        quote, article = self.loaded.quotes[index], self.loaded.article
        parts = [quote.speaker, f"“{article.title}”", article.source, article.date]
        citation = f"“{' '.join(quote.text.split())}” — " + ", ".join(p for p in parts if p)
        self.app.copy_to_clipboard(citation)
        self.notify(citation, title="Copied")

    def action_focus_quotes(self) -> None:
        """Move to the quote panel."""
        self.query_one(QuotePanel).focus()

    def action_open_pager(self) -> None:
        """Open the article's file in $PAGER."""
        if self.loaded is not None:
            self.app.open_in_pager(self.loaded.article.path)  # type: ignore[attr-defined]
