"""CompareScreen: two articles side by side, paragraphs aligned and scrolling in step, the
sentences both report in one colour per pair; a differences mode; copies told as copies; the
right pane cycles through the other articles of the story."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from reader.compare import compare, side_by_side
from reader.models import plural
from reader.search.snippets import Highlight
from reader.ui import keys
from reader.ui.differences import (
    aligned_spans,
    copy_original,
    differences_text,
    is_copy,
    summary_line,
)
from reader.ui.messages import ArticleFailed, CompareLoaded, SentencesAligned
from reader.ui.render import GROUP_STYLES, Document
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.reader_pane import load
from reader.ui.widgets.story_panel import other_members

if TYPE_CHECKING:
    from reader.index import Library

__all__ = ["CompareScreen", "ComparedView"]


class ComparedView(ArticleView):
    """An ArticleView in compare: it also colours the quote groups both articles report and
    the sentences aligned with the other article (styles only compare needs: every component
    class is styled again whenever its pane is, so the reading pane does without them)."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"article-view--group-{number}" for number in range(GROUP_STYLES)),
        *(f"article-view--aligned-{number}" for number in range(GROUP_STYLES)),
    }


class CompareScreen(Screen[None]):
    """The marked article on the left, the other on the right."""

    BINDINGS: ClassVar[list[BindingType]] = keys.COMPARE

    synchronised: reactive[bool] = reactive(True)
    """Scrolling one pane scrolls the other to the aligned paragraph."""
    differences: reactive[bool] = reactive(False)
    """Showing only what each side has and the other lacks, instead of both articles."""

    def __init__(
        self, library: Library, left_id: str, right_id: str, highlight: Highlight | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.article_ids = (left_id, right_id)
        self.highlight = highlight or Highlight()
        self._loaded: CompareLoaded | None = None
        self._aligned: SentencesAligned | None = None

    def compose(self) -> ComposeResult:
        yield Static("Aligning…", id="compare-summary", markup=False)
        with Horizontal(id="panes"):
            yield ComparedView(id="left", classes="compare-pane")
            yield ComparedView(id="right", classes="compare-pane")
        with Horizontal(id="differences"):
            for side in ("left", "right"):
                with VerticalScroll(id=f"{side}-differences", classes="differences-pane"):
                    yield Static(id=f"{side}-only", markup=False)
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
        try:
            alignment = self.library.align_sentences(left.article, right.article)
        except Exception as error:  # the encoder missing or broken: paragraphs still show
            self.post_message(ArticleFailed(f"{left_id} / {right_id}", f"sentences: {error}"))
            return
        self.post_message(SentencesAligned(left_id, right_id, alignment))

    @on(CompareLoaded)
    async def _show(self, event: CompareLoaded) -> None:
        self._loaded, self._aligned = event, None
        await self._show_panes(event)
        self._summarise(event)
        self.call_after_refresh(self._equalise)

    async def _show_panes(self, event: CompareLoaded) -> None:
        comparison = event.comparison
        spans: tuple[tuple[tuple[int, int, int], ...], ...] = ((), ())
        if self._aligned is not None:
            spans = aligned_spans(self._aligned.alignment, GROUP_STYLES)
        colours = {group: number for number, group in enumerate(comparison.shared_groups)}
        rows = side_by_side(comparison.pairs)
        for pane_id, loaded, indexes, aligned in (
            ("#left", event.left, [row.left for row in rows], spans[0]),
            ("#right", event.right, [row.right for row in rows], spans[1]),
        ):
            article = loaded.article
            hits = tuple(self.highlight.spans(article.body))
            document = Document(article, loaded.quotes, hits, (), colours, aligned)
            pane = self.query_one(pane_id, ArticleView)
            pane.border_title = Text(article.source or article.id)  # never markup
            await pane.show(document, indexes)
            for widget, row in zip(pane.rows()[1:], rows, strict=True):
                # Aligned paragraphs get a rule in the gutter; unmatched neighbours do not.
                widget.set_class(row.paired, "-paired")

    @on(SentencesAligned)
    async def _sentences(self, event: SentencesAligned) -> None:
        loaded = self._loaded
        if loaded is None or (event.left_id, event.right_id) != (
            loaded.left.article.id,
            loaded.right.article.id,
        ):
            return  # for articles no longer on show
        self._aligned = event
        copy = self._copy_of(loaded, event)
        if copy is not None and not self.differences:
            self.differences = True  # a copy: its edits, not a hundred aligned lines
        else:
            self._show_differences()
        left, right = self.query_one("#left", ArticleView), self.query_one("#right", ArticleView)
        top = left.scroll_y
        await self._show_panes(loaded)
        self._summarise(loaded)
        self.call_after_refresh(self._equalise)
        self.call_after_refresh(left.scroll_to, y=top, animate=False)
        self.call_after_refresh(right.scroll_to, y=top, animate=False)

    def _copy_of(self, loaded: CompareLoaded, aligned: SentencesAligned) -> str | None:
        """The title of the original when the two articles are copies of one text."""
        left, right = loaded.left, loaded.right
        original = copy_original(left.article.id, right.article.id, left.story)
        if not is_copy(aligned.alignment, original):
            return None
        if original == right.article.id:
            return right.article.title
        return left.article.title if original in (None, left.article.id) else original

    def _show_differences(self) -> None:
        loaded, aligned = self._loaded, self._aligned
        if loaded is None or aligned is None:
            return
        heading = self.query_one("#left", ArticleView).get_component_rich_style(
            "article-view--title"
        )
        for side, this, other in (
            ("left", loaded.left, loaded.right),
            ("right", loaded.right, loaded.left),
        ):
            text = differences_text(aligned.alignment, side, this, other, heading)
            self.query_one(f"#{side}-only", Static).update(text)

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
        if self._aligned is None:
            sentences = "aligning sentences…"
        else:
            copy = self._copy_of(event, self._aligned)
            sentences = summary_line(self._aligned.alignment, copy)
        shared = len(event.comparison.shared_groups)
        position = self._story_position(event)
        summary = " · ".join(
            part
            for part in (
                sentences,
                plural(shared, "shared quote") if shared else "",
                "differences (d)" if self.differences else "",
                f"story {position} (o)" if position else "",
                f"sync {'on' if self.synchronised else 'off'} (s)",
            )
            if part
        )
        self.query_one("#compare-summary", Static).update(summary)

    def _story_position(self, event: CompareLoaded) -> str:
        """``2/5``: which of the left article's story's other articles is on the right."""
        story = event.left.story
        if story is None:
            return ""
        others = [m.id for m in other_members(story, event.left.article.id)]
        right = event.right.article.id
        return f"{others.index(right) + 1}/{len(others)}" if right in others else ""

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

    def action_toggle_differences(self) -> None:
        """Show only what each side has and the other lacks, or both articles again."""
        self.differences = not self.differences

    def watch_differences(self, differences: bool) -> None:
        self.set_class(differences, "-differences")
        if differences:
            self._show_differences()
            self.query_one("#left-differences").focus()
        else:
            self.query_one("#left", ArticleView).focus()
        if self._loaded is not None:
            self._summarise(self._loaded)

    def action_other_report(self) -> None:
        """Put the next other article of the left article's story on the right."""
        loaded = self._loaded
        story = loaded.left.story if loaded is not None else None
        if loaded is None or story is None:
            self.notify("No other article reports this event.", timeout=2)
            return
        others = [m.id for m in other_members(story, loaded.left.article.id)]
        right = loaded.right.article.id
        following = others[(others.index(right) + 1) % len(others)] if right in others else None
        self.article_ids = (loaded.left.article.id, following or others[0])
        self.differences = False
        self._load(*self.article_ids)

    def action_swap(self) -> None:
        """Put the right article on the left."""
        self.article_ids = (self.article_ids[1], self.article_ids[0])
        self._load(*self.article_ids)
