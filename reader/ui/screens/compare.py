"""CompareScreen: two articles side by side, paragraphs aligned, scrolling kept in step."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Static

from reader.compare import compare
from reader.search import match_spans
from reader.ui.messages import ArticleFailed, CompareLoaded, LoadedArticle
from reader.ui.render import Document
from reader.ui.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["CompareScreen"]


class CompareScreen(Screen[None]):
    """The marked article on the left, the other on the right."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="compare.back"),
        Binding("s", "toggle_sync", "Sync scroll", id="compare.sync"),
        Binding("n", "step_hit(1)", "Next hit", id="compare.hit.next"),
        Binding("N", "step_hit(-1)", "Prev hit", show=False, id="compare.hit.previous"),
        Binding("right_square_bracket", "step_quote(1)", "Next quote", id="compare.quote.next"),
        Binding(
            "left_square_bracket",
            "step_quote(-1)",
            "Prev quote",
            show=False,
            id="compare.quote.previous",
        ),
        Binding("x", "swap", "Swap sides", show=False, id="compare.swap"),
    ]

    synchronised: reactive[bool] = reactive(True)
    """Scrolling one pane scrolls the other to the aligned paragraph."""

    def __init__(
        self, library: Library, left_id: str, right_id: str, terms: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.library = library
        self.article_ids = (left_id, right_id)
        self.terms = terms
        self._syncing = False

    def compose(self) -> ComposeResult:
        yield Static("Aligning…", id="compare-summary", markup=False)
        with Horizontal(id="panes"):
            yield ArticleView(id="left", classes="compare-pane")
            yield ArticleView(id="right", classes="compare-pane")
        yield Footer()

    def on_mount(self) -> None:
        left, right = self.query_one("#left", ArticleView), self.query_one("#right", ArticleView)
        self.watch(left, "scroll_y", lambda: self._follow(left, right), init=False)
        self.watch(right, "scroll_y", lambda: self._follow(right, left), init=False)
        left.focus()
        self._load(*self.article_ids)

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def _load(self, left_id: str, right_id: str) -> None:
        try:
            left = LoadedArticle(self.library.article(left_id), tuple(self.library.quotes(left_id)))
            right = LoadedArticle(
                self.library.article(right_id), tuple(self.library.quotes(right_id))
            )
        except Exception as error:
            self.post_message(ArticleFailed(f"{left_id} / {right_id}", str(error)))
            return
        comparison = compare(left.article, right.article, left.quotes, right.quotes)
        self.post_message(CompareLoaded(left, right, comparison))

    @on(CompareLoaded)
    async def _show(self, event: CompareLoaded) -> None:
        comparison = event.comparison
        colours = {group: number for number, group in enumerate(comparison.shared_groups)}
        for pane_id, loaded, rows in (
            ("#left", event.left, [pair.left for pair in comparison.pairs]),
            ("#right", event.right, [pair.right for pair in comparison.pairs]),
        ):
            article = loaded.article
            spans = tuple(match_spans(article.body, self.terms)) if self.terms else ()
            document = Document(article, loaded.quotes, spans, (), colours)
            pane = self.query_one(pane_id, ArticleView)
            pane.border_title = article.source or article.id
            await pane.show(document, rows)
        self._summarise(event)

    def _summarise(self, event: CompareLoaded) -> None:
        comparison = event.comparison
        left_count = len(event.left.article.blocks)
        right_count = len(event.right.article.blocks)
        shared = len(comparison.shared_groups)
        summary = (
            f"{comparison.matched} aligned paragraphs ({left_count} left, {right_count} right)"
            f" · {shared} shared quote{'s' if shared != 1 else ''}"
            f" · sync scroll {'on' if self.synchronised else 'off'}"
        )
        self.query_one("#compare-summary", Static).update(summary)

    @on(ArticleFailed)
    def _failed(self, event: ArticleFailed) -> None:
        self.query_one("#compare-summary", Static).update(f"Cannot compare: {event.reason}")
        self.notify(event.reason, title="Cannot compare", severity="error")

    def _follow(self, leader: ArticleView, follower: ArticleView) -> None:
        """Scroll the follower to the row aligned with the leader's top row."""
        if not self.synchronised or self._syncing:
            return
        self._syncing = True
        try:
            follower.scroll_to_row(*leader.top_row())
        finally:
            self.call_after_refresh(self._end_sync)

    def _end_sync(self) -> None:
        self._syncing = False

    def _focused_pane(self) -> ArticleView:
        focused = self.focused
        return focused if isinstance(focused, ArticleView) else self.query_one("#left", ArticleView)

    def action_toggle_sync(self) -> None:
        """Turn synchronised scrolling on or off."""
        self.synchronised = not self.synchronised
        self.notify(f"Synchronised scrolling {'on' if self.synchronised else 'off'}", timeout=2)

    def action_step_hit(self, step: int) -> None:
        """Walk the search hits in the focused pane."""
        if not self._focused_pane().step_hit(step):
            self.notify("No search hits in this article.", timeout=2)

    def action_step_quote(self, step: int) -> None:
        """Walk the quotes in the focused pane."""
        if not self._focused_pane().step_quote(step):
            self.notify("No quotes in this article.", timeout=2)

    def action_swap(self) -> None:
        """Put the right article on the left."""
        self.article_ids = (self.article_ids[1], self.article_ids[0])
        self._load(*self.article_ids)
