"""ArticleView: a scrolling pane that shows one article block by block, styled from the theme."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from reader.ui import keys
from reader.ui.render import GROUP_STYLES, Document, Styles, block_index, block_texts, header_text

__all__ = ["ArticleView", "BlockView"]


class BlockView(Static):
    """One paragraph, heading or caption (or a gap in compare); never parses markup."""

    def __init__(self, kind: str, index: int | None) -> None:
        super().__init__(markup=False, classes=f"block -{kind}")
        self.index = index
        """Index of the block in ``article.blocks``; None for a gap."""


class ArticleView(VerticalScroll, can_focus=True):
    """Shows a Document: a header, then one BlockView per block, or the raw file text.

    ``rows`` lays blocks out in a given order with gaps (``None``), for aligned compare.
    """

    BINDINGS: ClassVar[list[BindingType]] = keys.ARTICLE_VIEW
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--speech",
        "article-view--term",
        "article-view--speaker",
        "article-view--hit",
        "article-view--hit-current",
        "article-view--quote-current",
        *(f"article-view--group-{number}" for number in range(GROUP_STYLES)),
    }

    class QuoteFocused(Message):
        """The current quote changed (walking quotes, or picking one in the quote panel)."""

        def __init__(self, view: ArticleView, index: int) -> None:
            super().__init__()
            self.view = view
            self.index = index

        @property
        def control(self) -> ArticleView:
            return self.view

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, empty_text: str = ""
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.empty_text = empty_text
        """What the pane says while no article is open."""
        self.document: Document | None = None
        """The article on show, with its quotes and search-term spans."""
        self.raw = False
        """Showing the file text as it is (True) or the cleaned blocks."""
        self.current_hit: int | None = None
        """Index into ``document.hit_spans`` of the hit walked to with n/N."""
        self.current_quote: int | None = None
        """Index into ``document.quotes`` of the quote walked to or picked."""
        self._rows: list[int | None] = []
        self._blocks: dict[int, BlockView] = {}

    def compose(self) -> ComposeResult:
        yield Static(self.empty_text, classes="empty", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # The component styles follow the new theme only once the CSS is refreshed.
        self.call_after_refresh(self.refresh_text)

    def styles_for_text(self) -> Styles:
        """The highlight styles of the current theme, from ``reader.tcss``."""

        def style(name: str) -> Style:
            return self.get_component_rich_style(f"article-view--{name}")

        return Styles(
            speech=style("speech"),
            term=style("term"),
            speaker=style("speaker"),
            hit=style("hit"),
            hit_current=style("hit-current"),
            quote_current=style("quote-current"),
            groups=tuple(style(f"group-{number}") for number in range(GROUP_STYLES)),
        )

    async def show(
        self, document: Document | None, rows: Sequence[int | None] | None = None
    ) -> None:
        """Replace the pane's content with a document (None empties the pane)."""
        self.document = document
        self.current_hit = None
        self.current_quote = None
        await self.remove_children()
        self._blocks = {}
        if document is None:
            await self.mount(Static(self.empty_text, classes="empty", markup=False))
            return
        blocks = document.article.blocks
        self._rows = list(range(len(blocks))) if rows is None else list(rows)
        widgets: list[Static] = [Static(markup=False, classes="header")]
        if self.raw:
            widgets.append(BlockView("raw", None))
        else:
            for index in self._rows:
                widget = BlockView(blocks[index].kind if index is not None else "gap", index)
                if index is None:
                    widget.update("┈┈ no matching paragraph ┈┈")
                else:
                    self._blocks[index] = widget
                widgets.append(widget)
        await self.mount_all(widgets)
        self.refresh_text()
        self.update_indicator()
        self.scroll_home(animate=False)

    async def set_raw(self, raw: bool) -> None:
        """Show the raw file text (True) or the cleaned blocks (False)."""
        self.raw = raw
        hit, quote = self.current_hit, self.current_quote
        await self.show(self.document, None if raw else self._rows)
        self.current_hit, self.current_quote = hit, quote
        self.refresh_text()

    def refresh_text(self) -> None:
        """Re-render every block with the current highlights and theme."""
        document = self.document
        if document is None or not self.is_mounted:
            return
        styles = self.styles_for_text()
        header = self.query_one(".header", Static)
        header.update(
            header_text(
                document.article,
                self.get_component_rich_style("article-view--title"),
                self.get_component_rich_style("article-view--meta"),
            )
        )
        if self.raw:
            raw = Text(document.article.raw)
            for start, end in document.raw_hit_spans:
                raw.stylize(styles.hit, start, end)
            self.query_one(".-raw", BlockView).update(raw)
            return
        texts = block_texts(document, styles, self.current_hit, self.current_quote)
        for index, widget in self._blocks.items():
            widget.update(texts[index])

    def step_hit(self, step: int) -> bool:
        """Move to the next (step 1) or previous (-1) search hit, wrapping; False if none."""
        if self.document is None or not self.document.hit_spans:
            return False
        self.current_hit = _step(self.current_hit, step, len(self.document.hit_spans))
        self.refresh_text()
        self.scroll_to_offset(self.document.hit_spans[self.current_hit][0])
        self.update_indicator()
        return True

    def step_quote(self, step: int) -> bool:
        """Move to the next (1) or previous (-1) quote, wrapping; False if there are none."""
        if self.document is None or not self.document.quotes:
            return False
        self.select_quote(_step(self.current_quote, step, len(self.document.quotes)))
        return True

    def select_quote(self, index: int) -> None:
        """Make the quote at ``index`` current and scroll to it."""
        if self.document is None or not 0 <= index < len(self.document.quotes):
            return
        self.current_quote = index
        self.refresh_text()
        self.scroll_to_offset(self.document.quotes[index].start)
        self.update_indicator()
        self.post_message(self.QuoteFocused(self, index))

    def update_indicator(self) -> None:
        """Show "hit 3/11 · quote 2/7" in the pane's bottom border."""
        document = self.document
        parts = []
        if document is not None and document.hit_spans:
            position = "-" if self.current_hit is None else str(self.current_hit + 1)
            parts.append(f"hit {position}/{len(document.hit_spans)}")
        if document is not None and document.quotes:
            position = "-" if self.current_quote is None else str(self.current_quote + 1)
            parts.append(f"quote {position}/{len(document.quotes)}")
        if self.raw:
            parts.append("raw")
        self.border_subtitle = " · ".join(parts)

    def scroll_to_offset(self, offset: int, animate: bool = False) -> None:
        """Scroll so that the body offset is in view, about a third of the way down."""
        document = self.document
        if document is None or self.raw or not document.article.blocks:
            return
        index = block_index(document.article.blocks, offset)
        widget = self._blocks.get(index)
        if widget is None:
            return
        block = document.article.blocks[index]
        width = max(1, widget.content_region.width)
        line = _line_of(block.text, offset - block.start, width)
        region = widget.virtual_region
        target = Region(region.x, region.y + line, region.width, 1)
        self.scroll_to(y=max(0, target.y - self.size.height // 3), animate=animate)

    def action_top(self) -> None:
        """Scroll to the top of the article (at once, as a pager does)."""
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Scroll to the end of the article."""
        self.scroll_end(animate=False)

    def rows(self) -> list[Static]:
        """The header and the blocks (or gaps), top to bottom."""
        return [child for child in self.children if isinstance(child, Static)]


def _step(current: int | None, step: int, count: int) -> int:
    """The next position in a ring of ``count``; from nowhere, the first or the last."""
    if current is None:
        return 0 if step > 0 else count - 1
    return (current + step) % count


def _line_of(text: str, offset: int, width: int) -> int:
    """Roughly which wrapped line of ``text`` at ``width`` holds ``offset``."""
    line, column = 0, 0
    for word in text[:offset].split(" "):
        if column and column + len(word) + 1 > width:
            line, column = line + 1, len(word)
        else:
            column += len(word) + (1 if column else 0)
    return line
