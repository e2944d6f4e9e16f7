"""CompareScreen: two articles side by side, paragraphs aligned, scrolling kept in step."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from reader.compare import compare, side_by_side
from reader.search.snippets import Highlight
from reader.ui import keys
from reader.ui.messages import ArticleFailed, CompareLoaded
from reader.ui.render import Document
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.reader_pane import load

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["CompareScreen"]


class CompareScreen(Screen[None]):
    """The marked article on the left, the other on the right."""

    BINDINGS: ClassVar[list[BindingType]] = keys.COMPARE

    synchronised: reactive[bool] = reactive(True)
    """Scrolling one pane scrolls the other to the aligned paragraph."""

    def __init__(
        self, library: Library, left_id: str, right_id: str, highlight: Highlight | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.article_ids = (left_id, right_id)
        self.highlight = highlight or Highlight()
        self._loaded: CompareLoaded | None = None

    def compose(self) -> ComposeResult:
        yield Static("Aligning…", id="compare-summary", markup=False)
        with Horizontal(id="panes"):
            yield ArticleView(id="left", classes="compare-pane")
            yield ArticleView(id="right", classes="compare-pane")
        yield ReaderFooter()

    def on_mount(self) -> None:
        left, right = self.query_one("#left", ArticleView), self.query_one("#right", ArticleView)
        self.watch(left, "scroll_y", lambda: self._follow(left, right), init=False)
        self.watch(right, "scroll_y", lambda: self._follow(right, left), init=False)
        left.focus()
        self._load(*self.article_ids)

    @work(thread=True, exclusive=True, exit_on_error=False, group="compare")
    def _load(self, left_id: str, right_id: str) -> None:
        try:
            left, right = load(self.library, left_id), load(self.library, right_id)
        except Exception as error:
            self.post_message(ArticleFailed(f"{left_id} / {right_id}", str(error)))
            return
        comparison = compare(left.article, right.article, left.quotes, right.quotes)
        self.post_message(CompareLoaded(left, right, comparison))

    @on(CompareLoaded)
    async def _show(self, event: CompareLoaded) -> None:
        comparison = event.comparison
        colours = {group: number for number, group in enumerate(comparison.shared_groups)}
        rows = side_by_side(comparison.pairs)
        for pane_id, loaded, indexes in (
            ("#left", event.left, [row.left for row in rows]),
            ("#right", event.right, [row.right for row in rows]),
        ):
            article = loaded.article
            spans = tuple(self.highlight.spans(article.body))
            document = Document(article, loaded.quotes, spans, (), colours)
            pane = self.query_one(pane_id, ArticleView)
            pane.border_title = Text(article.source or article.id)  # never markup
            await pane.show(document, indexes)
            for widget, row in zip(pane.rows()[1:], rows, strict=True):
                # Aligned paragraphs get a rule in the gutter; unmatched neighbours do not.
                widget.set_class(row.paired, "-paired")
        self._loaded = event
        self._summarise(event)
        self.call_after_refresh(self._equalise)

    def on_resize(self) -> None:
        for row in self._all_rows():
            row.styles.min_height = None
        self.call_after_refresh(self._equalise)

    def _all_rows(self) -> list[Static]:
        return [
            *self.query_one("#left", ArticleView).rows(),
            *self.query_one("#right", ArticleView).rows(),
        ]

    def _equalise(self) -> None:
        """Give each aligned pair of rows the same height, so the panes line up exactly."""
        left = self.query_one("#left", ArticleView).rows()
        right = self.query_one("#right", ArticleView).rows()
        for left_row, right_row in zip(left, right, strict=False):
            height = max(left_row.outer_size.height, right_row.outer_size.height)
            left_row.styles.min_height = height
            right_row.styles.min_height = height

    def _summarise(self, event: CompareLoaded) -> None:
        comparison = event.comparison
        left_count = len(event.left.article.blocks)
        right_count = len(event.right.article.blocks)
        shared = len(comparison.shared_groups)
        summary = (
            f"{_plural(comparison.matched, 'aligned paragraph')}"
            f" ({left_count} left, {right_count} right)"
            f" · {_plural(shared, 'shared quote')}"
            f" · sync scroll {'on' if self.synchronised else 'off'} (s)"
        )
        self.query_one("#compare-summary", Static).update(summary)

    @on(ArticleFailed)
    def _failed(self, event: ArticleFailed) -> None:
        self.query_one("#compare-summary", Static).update(f"Cannot compare: {event.reason}")
        self.notify(event.reason, title="Cannot compare", severity="error")

    def _follow(self, leader: ArticleView, follower: ArticleView) -> None:
        """Keep the follower at the leader's position: aligned rows have equal heights."""
        if self.synchronised and follower.scroll_y != leader.scroll_y:
            follower.scroll_to(y=leader.scroll_y, animate=False)

    def _focused_pane(self) -> ArticleView:
        focused = self.focused
        return focused if isinstance(focused, ArticleView) else self.query_one("#left", ArticleView)

    def action_toggle_sync(self) -> None:
        """Turn synchronised scrolling on or off."""
        self.synchronised = not self.synchronised

    def watch_synchronised(self, synchronised: bool) -> None:
        if self._loaded is not None:
            self._summarise(self._loaded)
        if synchronised:
            leader = self._focused_pane()
            follower = self.query_one("#right" if leader.id == "left" else "#left", ArticleView)
            self._follow(leader, follower)

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


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"
