"""The reader's less/vim keys (j k, space b, ctrl+d ctrl+u, g G) for scrolling panes and
option lists."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import OptionList

from reader.ui import keys

__all__ = ["PagedOptionList", "PagedScroll"]


class PagedOptionList(OptionList):
    """An OptionList with the reader's less/vim keys: j k, space b, ctrl+d ctrl+u, g G."""

    BINDINGS: ClassVar[list[BindingType]] = keys.OPTION_LIST

    def action_half_page(self, step: int) -> None:
        """Move the highlight about half a screen down (1) or up (-1)."""
        if not self.option_count:
            return
        lines_per_option = max(1, self.virtual_size.height // self.option_count)
        moves = max(1, self.scrollable_content_region.height // 2 // lines_per_option)
        current = self.highlighted if self.highlighted is not None else 0
        self.highlighted = max(0, min(self.option_count - 1, current + step * moves))


class PagedScroll(VerticalScroll):
    """A scrolling pane that moves as a pager does: at once, by lines, pages or half pages."""

    BINDINGS: ClassVar[list[BindingType]] = keys.ARTICLE_VIEW

    def _scroll_by(self, lines: int) -> None:
        self.scroll_relative(y=lines, animate=False)

    def action_line(self, step: int) -> None:
        """Scroll a line down (1) or up (-1)."""
        self._scroll_by(step)

    def action_page(self, step: int) -> None:
        """Scroll a screen down (1) or up (-1), keeping two lines of context."""
        self._scroll_by(step * max(1, self.scrollable_content_region.height - 2))

    def action_half_page(self, step: int) -> None:
        """Scroll half a screen down (1) or up (-1)."""
        self._scroll_by(step * max(1, self.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        """Scroll to the top."""
        self.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Scroll to the end."""
        self.scroll_end(animate=False)
