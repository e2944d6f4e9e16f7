"""ReaderPane: the reading pane and the quote panel of the open article, kept in step."""

from __future__ import annotations

import asyncio
import os
import subprocess
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from reader.summaries import readable_date
from reader.ui.messages import ArticleFailed, ArticleLoaded, LoadedArticle, QuoteActivated

if TYPE_CHECKING:
    from textual.widget import Widget

    from reader.index import Library
    from reader.search.snippets import Highlight
    from reader.ui.render import Document
    from reader.ui.widgets.article_view import ArticleView
    from reader.ui.widgets.quote_panel import QuotePanel
    from reader.ui.widgets.story_panel import StoryPanel

# reader.search (and Whoosh's query modules) load after the first paint, with the first search.

__all__ = ["EMPTY_READING", "ReaderPane", "load", "make_document"]

EMPTY_READING = """\
Pick an article and press Enter to read it.

  /        search as you type
  n  N     walk the search hits
  ]  [     walk the quotes
  m        mark, then open another: side-by-side compare
  ?        every key
  ctrl+p   command palette"""


def load(library: Library, article_id: str) -> LoadedArticle:
    """An article, its quotes and its story, read from the library (call inside a worker)."""
    article = library.article(article_id)
    quotes = tuple(library.quotes(article_id, article))
    return LoadedArticle(article, quotes, library.story_of(article_id))


def make_document(loaded: LoadedArticle, highlight: Highlight | None) -> Document:
    """A Document with the search's words and phrases located in the body and the raw text."""
    from reader.ui.render import Document  # with the first article (see ArticleView)

    article = loaded.article
    if not highlight:
        return Document(article, loaded.quotes)
    return Document(
        article,
        loaded.quotes,
        tuple(highlight.spans(article.body)),
        tuple(highlight.spans(article.raw)),
    )


class ReaderPane(Vertical):
    """Loads articles in a worker and shows them with their quotes."""

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        # No article yet, so no quotes: the reading pane takes the whole column.
        super().__init__(id=id, classes="-no-quotes")
        self.library = library
        self.loaded: LoadedArticle | None = None
        """The article on show."""
        self.highlight: Highlight | None = None
        """What the search on screen highlights in it (None: no search)."""
        self._made: asyncio.Event | None = None
        """Set once the article view and the panels replace the placeholder (``make_view``)."""

    def compose(self) -> ComposeResult:
        # The first frame shows the empty pane as a plain Static that looks the same; the
        # article view and the story and quote panels replace it just after (``make_view``):
        # an ArticleView, its help text and its eight component styles cost ~5 ms of CPU
        # before the first frame, a plain Static almost nothing.
        placeholder = Static(EMPTY_READING, id="reading-placeholder", markup=False)
        placeholder.border_title = "Reading"
        yield placeholder

    async def make_view(self) -> None:
        """Mount the article view and the story and quote panels in place of the first
        frame's placeholder, once: the screen does when its first frame is out, and an
        article shown before that (a key typed during the start) waits for them."""
        if self._made is not None:
            await self._made.wait()
            return
        self._made = asyncio.Event()
        from reader.ui.widgets.article_view import ArticleView
        from reader.ui.widgets.quote_panel import QuotePanel
        from reader.ui.widgets.story_panel import StoryPanel

        view = ArticleView(id="reading", empty_text=EMPTY_READING)
        view.border_title = "Reading"
        view.display = False  # until it is styled and composed: then in one step (no flicker)
        panel = QuotePanel(id="quotes")
        panel.border_title = "Quotes"
        await self.mount(view, StoryPanel(id="coverage"), panel)
        placeholder = self.query_one("#reading-placeholder")
        placeholder.display, view.display = False, True
        await placeholder.remove()
        self._made.set()

    @property
    def ready(self) -> bool:
        """Whether the article view and the panels are mounted (just after the first frame)."""
        return self._made is not None and self._made.is_set()

    @property
    def view(self) -> ArticleView:
        from reader.ui.widgets.article_view import ArticleView  # loaded after the first frame

        return self.query_one("#reading", ArticleView)

    @property
    def panel(self) -> QuotePanel:
        from reader.ui.widgets.quote_panel import QuotePanel

        return self.query_one("#quotes", QuotePanel)

    @property
    def coverage(self) -> StoryPanel:
        from reader.ui.widgets.story_panel import StoryPanel

        return self.query_one("#coverage", StoryPanel)

    def holds_quote_panel(self, widget: Widget) -> bool:
        """Whether ``widget`` is the quote panel (without loading its class, which the first
        paint does not need)."""
        return widget.parent is self and widget.id == "quotes"

    # -- loading ------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def open_article(self, article_id: str, focus_offset: int | None = None) -> None:
        """Load an article (and scroll to a body offset, if given)."""
        try:
            self.post_message(ArticleLoaded(load(self.library, article_id), focus_offset))
        except Exception as error:
            self.post_message(ArticleFailed(article_id, str(error)))

    @work(thread=True, exclusive=True, exit_on_error=False, group="article")
    def _open_shared(self, group: str, article_id: str) -> None:
        """Open the next article reporting a quote group, at that quote (cycling through them)."""
        try:
            members = self.library.group_members(group)
            if not any(member_id != article_id for member_id, _ in members):
                self.post_message(ArticleFailed(article_id, "no other article reports this quote"))
                return
            # The article after this one, round the group, so pressing again visits them all.
            ids = list(dict.fromkeys(member_id for member_id, _ in members))
            position = ids.index(article_id) if article_id in ids else -1
            other_id = ids[(position + 1) % len(ids)]
            quote = next(quote for member_id, quote in members if member_id == other_id)
            self.post_message(ArticleLoaded(load(self.library, other_id), quote.start))
        except Exception as error:
            self.post_message(ArticleFailed(article_id, str(error)))

    @on(ArticleLoaded)
    async def _show(self, event: ArticleLoaded) -> None:
        await self.make_view()
        self.loaded = event.loaded
        view = self.view
        view.border_title = Text(event.loaded.article.source or "Reading")  # never markup
        await view.show(make_document(event.loaded, self.highlight))
        self.panel.show_quotes(event.loaded.quotes)
        self.coverage.show_story(event.loaded.article.id, event.loaded.story)
        self.set_class(not event.loaded.quotes, "-no-quotes")
        view.focus()
        starts = [quote.start for quote in event.loaded.quotes]
        if event.focus_offset is not None and event.focus_offset in starts:
            self.call_after_refresh(view.select_quote, starts.index(event.focus_offset))
        elif view.document is not None and view.document.hit_spans:
            self.call_after_refresh(view.step_hit, 1)

    @on(ArticleFailed)
    def _failed(self, event: ArticleFailed) -> None:
        self.notify(event.reason, title="Cannot open", severity="error")

    def set_highlight(self, highlight: Highlight | None) -> None:
        """Highlight a new search's words and phrases in the open article."""
        self.highlight = highlight
        if self.loaded is not None:
            view = self.view
            view.document = make_document(self.loaded, highlight)
            view.current_hit = None
            view.refresh_text()
            view.update_indicator()

    # -- quotes -------------------------------------------------------------------------------

    @on(QuoteActivated)
    def _quote_activated(self, event: QuoteActivated) -> None:
        self.view.select_quote(event.index)

    def on_article_view_quote_focused(self, event: ArticleView.QuoteFocused) -> None:
        # (By name, not ``@on(ArticleView.QuoteFocused)``: the class loads after the first frame.)
        if self.panel.highlighted != event.index:
            self.panel.highlighted = event.index

    def current_quote(self) -> int | None:
        """The quote walked to in the text, or highlighted in the focused quote panel."""
        if self.loaded is None:
            return None
        if self.view.current_quote is not None:
            return self.view.current_quote
        focused = self.screen.focused
        if focused is None or not self.holds_quote_panel(focused):
            return None
        return self.panel.highlighted

    def goto_shared(self) -> None:
        """Open the current quote in another article that reports it (cycling through them)."""
        index = self.current_quote()
        if self.loaded is None or index is None:
            self.notify("Pick a quote first (] or the quote panel).")
            return
        group = self.loaded.quotes[index].group
        if group is None:
            self.notify("No other article reports this quote.")
            return
        self._open_shared(group, self.loaded.article.id)

    def step_hit(self, step: int) -> None:
        """Walk the search hits in the article (1: next, -1: previous)."""
        if self.loaded is None or not self.view.step_hit(step):
            self.notify("No search hits in this article.", timeout=2)

    def step_quote(self, step: int) -> None:
        """Walk the quotes of the article (1: next, -1: previous)."""
        if self.loaded is None or not self.view.step_quote(step):
            self.notify("No quotes in this article.", timeout=2)

    async def toggle_raw(self) -> None:
        """Show the file as it is, with boilerplate, or the cleaned article."""
        if not self.ready:  # a key typed during the start
            return
        await self.view.set_raw(not self.view.raw)
        self.view.update_indicator()

    def citation(self) -> str | None:
        """The current quote with speaker, title, outlet and date, for the clipboard."""
        index = self.current_quote()
        if self.loaded is None or index is None:
            return None
        quote, article = self.loaded.quotes[index], self.loaded.article
        parts = [
            quote.speaker_label,
            f"“{article.title}”",
            article.source,
            readable_date(article.date),
        ]
        return f"“{' '.join(quote.text.split())}” — " + ", ".join(p for p in parts if p)

    def copy_quote(self) -> None:
        """Copy the current quote with its citation to the clipboard (OSC 52)."""
        citation = self.citation()
        if citation is None:
            self.notify("Pick a quote first (] or the quote panel).")
            return
        self.app.copy_to_clipboard(citation)
        self.notify(citation, title="Copied")

    def open_in_pager(self) -> None:
        """Open the article's file in $PAGER (less by default), suspending the app meanwhile."""
        if self.loaded is None:
            return
        import shlex

        path = self.loaded.article.path
        command = [*shlex.split(os.environ.get("PAGER") or "less"), str(path)]
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except Exception as error:  # no pager, or a terminal that cannot suspend
            self.notify(str(error), title="Cannot open the pager", severity="error")
