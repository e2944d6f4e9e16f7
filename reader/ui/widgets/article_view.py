"""ArticleView: a scrolling pane that shows one article block by block, styled from the theme."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Static

from reader.ui.widgets.marks import marks_text, row_marks
from reader.ui.widgets.pager_keys import PagedScroll

if TYPE_CHECKING:
    from rich.console import RenderableType

    from reader.ui.render import Document, Span, Styles

# The drawing of articles (reader.ui.render, reader.ui.raw, rich's tables) loads with the first
# article shown: the first paint shows only the pane's help text.

__all__ = ["ArticleView", "BlockView"]


SPEAKER_MARGIN = 16
"""Columns of the speakers' margin (names longer than this end in an ellipsis)."""


class BlockView(Static):
    """One paragraph, heading or caption (or a gap in compare); never parses markup."""

    def __init__(self, kind: str, index: int | None) -> None:
        super().__init__(markup=False, classes=f"block -{kind}")
        self.index = index
        """Index of the block in ``article.blocks``; None for a gap."""


class ArticleView(PagedScroll, can_focus=True):
    """Shows a Document: a header, then one BlockView per block, or the raw file text.

    ``rows`` lays blocks out in a given order with gaps (``None``), for aligned compare.
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-view--title",
        "article-view--meta",
        "article-view--speech",
        "article-view--term",
        "article-view--speaker",
        "article-view--hit",
        "article-view--hit-current",
        "article-view--quote-current",
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
        self._clean_scroll_y = 0.0
        """Where the cleaned view was scrolled when the raw view was opened."""
        self._quote_at_raw: int | None = None
        """The quote walked to when the raw view was opened."""
        self.speakers_in_margin = False
        """Speakers in a margin beside each paragraph (True) or after each quote."""
        self._raw_quotes: dict[int, Span | None] = {}
        """Where each quote walked to in the raw view is in the raw text (None: not found)."""

    def compose(self) -> ComposeResult:
        yield Static(self.empty_text, classes="empty", markup=False)

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        # The component styles follow the new theme only once the CSS is refreshed.
        self.call_after_refresh(self.refresh_text)
        self.call_after_refresh(self.refresh_header)

    def styles_for_text(self) -> Styles:
        """The highlight styles of the current theme, from ``reader.tcss``."""
        from reader.ui.render import GROUP_STYLES, Styles

        def style(name: str) -> Style:
            return self.get_component_rich_style(f"article-view--{name}")

        def compared(name: str) -> Style:  # only a ComparedView has these
            return self.get_component_rich_style(f"article-view--{name}", default=Style())

        return Styles(
            speech=style("speech"),
            term=style("term"),
            speaker=style("speaker"),
            hit=style("hit"),
            hit_current=style("hit-current"),
            quote_current=style("quote-current"),
            groups=tuple(compared(f"group-{number}") for number in range(GROUP_STYLES)),
            aligned=tuple(compared(f"aligned-{number}") for number in range(GROUP_STYLES)),
        )

    async def show(
        self, document: Document | None, rows: Sequence[int | None] | None = None
    ) -> None:
        """Replace the pane's content with a document (None empties the pane)."""
        if document is not self.document:
            self._raw_quotes = {}
        self.document = document
        self.current_hit = None
        self.current_quote = None
        await self.remove_children()
        self._blocks = {}
        if document is None:
            await self.mount(Static(self.empty_text, classes="empty", markup=False))
            return
        blocks = document.article.blocks
        if not self.raw or rows is not None:  # the raw view keeps the cleaned view's rows
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
        self.refresh_header()
        self.refresh_text()
        self.update_indicator()
        self.scroll_home(animate=False)

    async def set_raw(self, raw: bool) -> None:
        """Show the raw file text (True) or the cleaned blocks (False), keeping the place:
        the raw view opens at the quote walked to or the paragraph at the top, and the
        cleaned view comes back where it was."""
        if raw == self.raw or self.document is None:
            return
        anchor = self._raw_anchor() if raw else None
        if raw:
            self._clean_scroll_y, self._quote_at_raw = self.scroll_y, self.current_quote
        self.raw = raw
        quote = self.current_quote
        await self.show(self.document, None if raw else self._rows)
        self.current_quote = quote  # hits are counted in the text on show: they start over
        self.refresh_text()
        self.update_indicator()
        if anchor is not None:
            self.call_after_refresh(self._scroll_raw_to, anchor, 0)
        elif not raw and quote is not None and quote != self._quote_at_raw:
            self.call_after_refresh(self.select_quote, quote)  # walked to in the raw view
        elif not raw:
            self.call_after_refresh(self.scroll_to, y=self._clean_scroll_y, animate=False)

    def _raw_anchor(self) -> int | None:
        """The raw-text offset of what the reader is looking at in the cleaned view."""
        document = self.document
        if document is None:
            return None
        if self.current_quote is not None:
            span = self._raw_quote(self.current_quote)
            if span is not None:
                return span[0]
        top = next(
            (index for index, widget in self._blocks.items()
             if widget.virtual_region.bottom > self.scroll_y),
            None,
        )  # fmt: skip
        if top is None:
            return None
        from reader.ui.raw import locate

        found = locate(document.article.raw, document.article.blocks[top].text)
        return found[0] if found is not None else None

    def _raw_quote(self, index: int) -> Span | None:
        if index not in self._raw_quotes and self.document is not None:
            from reader.ui.raw import locate

            quote = self.document.quotes[index]
            self._raw_quotes[index] = locate(self.document.article.raw, quote.text)
        return self._raw_quotes.get(index)

    def _scroll_raw_to(self, offset: int, from_top: int | None = None) -> None:
        """Scroll the raw view to a raw-text offset (a third of the way down by default)."""
        widgets = self.query(".-raw")
        if self.document is None or not widgets:
            return
        widget = widgets.first()
        from reader.ui.raw import wrapped_line

        line = wrapped_line(self.document.article.raw, offset, widget.content_region.width)
        above = self.size.height // 3 if from_top is None else from_top
        self.scroll_to(y=max(0, widget.virtual_region.y + line - above), animate=False)

    def _hit_spans(self) -> tuple[Span, ...]:
        """The search hits in the text on show: the cleaned body's, or the raw text's."""
        if self.document is None:
            return ()
        return self.document.raw_hit_spans if self.raw else self.document.hit_spans

    def refresh_text(self) -> None:
        """Re-render every block with the current highlights and theme (the header, which
        reads the user's marks, is drawn on show, on a theme change and on a mark's change,
        not at every step through hits and quotes)."""
        document = self.document
        if document is None or not self.is_mounted:
            return
        from reader.ui.raw import raw_text
        from reader.ui.render import block_texts

        styles = self.styles_for_text()
        if self.raw:
            hit = self._hit_spans()[self.current_hit] if self.current_hit is not None else None
            quote = self._raw_quote(self.current_quote) if self.current_quote is not None else None
            text = raw_text(
                document, styles.hit, styles.hit_current, styles.quote_current, (hit, quote)
            )
            self.query_one(".-raw", BlockView).update(text)
            return
        inline = not self.speakers_in_margin
        texts = block_texts(document, styles, self.current_hit, self.current_quote, inline)
        for index, widget in self._blocks.items():
            widget.update(texts[index] if inline else self._with_margin(index, texts[index]))

    def refresh_header(self) -> None:
        """Draw the title, outlet, date and byline again, with the user's marks (a star, a
        note, tags; "●" when marked unread) as they are now."""
        document = self.document
        if document is None or not self.is_mounted:
            return
        from reader.ui.render import header_text

        article_id = document.article.id
        state = row_marks(self.screen, [article_id]).get(article_id)
        self.query_one(".header", Static).update(
            header_text(
                document.article,
                self.get_component_rich_style("article-view--title"),
                self.get_component_rich_style("article-view--meta"),
                None if state is None else marks_text(state),
            )
        )

    def _with_margin(self, index: int, text: Text) -> RenderableType:
        """The block beside a margin naming the speakers of its quotes."""
        assert self.document is not None
        from rich.table import Table

        from reader.ui.render import margin_labels

        labels = margin_labels(self.document, self.document.article.blocks[index])
        margin = Text(
            "\n".join(labels),
            style=self.get_component_rich_style("article-view--speaker"),
            justify="right",
            overflow="ellipsis",
        )
        grid = Table.grid(padding=(0, 1), expand=True)
        grid.add_column(width=SPEAKER_MARGIN, no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(margin, text)
        return grid

    def toggle_speaker_margin(self) -> None:
        """Show the speakers in a margin beside the paragraphs, or inline after the quotes."""
        self.speakers_in_margin = not self.speakers_in_margin
        self.refresh_text()

    def step_hit(self, step: int) -> bool:
        """Move to the next (step 1) or previous (-1) search hit, wrapping; False if none."""
        spans = self._hit_spans()
        if not spans:
            return False
        from reader.ui.render import step_ring

        self.current_hit = step_ring(self.current_hit, step, len(spans))
        self.refresh_text()
        self.scroll_to_offset(spans[self.current_hit][0])
        self.update_indicator()
        return True

    def step_quote(self, step: int) -> bool:
        """Move to the next (1) or previous (-1) quote, wrapping; False if there are none."""
        if self.document is None or not self.document.quotes:
            return False
        from reader.ui.render import step_ring

        self.select_quote(step_ring(self.current_quote, step, len(self.document.quotes)))
        return True

    def select_quote(self, index: int) -> None:
        """Make the quote at ``index`` current and scroll to it."""
        if self.document is None or not 0 <= index < len(self.document.quotes):
            return
        self.current_quote = index
        self.refresh_text()
        if not self.raw:
            self.scroll_to_offset(self.document.quotes[index].start)
        elif (span := self._raw_quote(index)) is not None:
            self._scroll_raw_to(span[0])
        else:
            self.notify("This quote reads differently in the file: r shows it in the article.")
        self.update_indicator()
        self.post_message(self.QuoteFocused(self, index))

    def update_indicator(self) -> None:
        """Show "hit 3/11 · quote 2/7" in the pane's bottom border."""
        document = self.document
        parts = []
        if hits := self._hit_spans():
            position = "-" if self.current_hit is None else str(self.current_hit + 1)
            parts.append(f"hit {position}/{len(hits)}")
        if document is not None and document.quotes:
            position = "-" if self.current_quote is None else str(self.current_quote + 1)
            parts.append(f"quote {position}/{len(document.quotes)}")
        if self.raw:
            parts.append("raw")
        self.border_subtitle = " · ".join(parts)

    def scroll_to_offset(self, offset: int, animate: bool = False) -> None:
        """Scroll so that the offset (into the text on show) is a third of the way down."""
        document = self.document
        if self.raw:
            self._scroll_raw_to(offset)
            return
        if document is None or not document.article.blocks:
            return
        from reader.ui.render import block_index, word_wrapped_line

        index = block_index(document.article.blocks, offset)
        widget = self._blocks.get(index)
        if widget is None:
            return
        block = document.article.blocks[index]
        margin = SPEAKER_MARGIN + 1 if self.speakers_in_margin and not self.raw else 0
        width = max(1, widget.content_region.width - margin)
        line = word_wrapped_line(block.text, offset - block.start, width)
        region = widget.virtual_region
        target = Region(region.x, region.y + line, region.width, 1)
        self.scroll_to(y=max(0, target.y - self.size.height // 3), animate=animate)

    def rows(self) -> list[Static]:
        """The header and the blocks (or gaps), top to bottom."""
        return [child for child in self.children if isinstance(child, Static)]
