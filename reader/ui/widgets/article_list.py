"""ArticleList: every article (title, outlet, date, quote count), rendered line by line.

A Line API widget that reads the catalog by pages: it knows how many articles there are and
fetches only the rows it shows (a few pages, kept in a small cache) in the chosen sort order,
so start-up, memory and scrolling stay the same at 5 articles and at 100,000.
"""

from __future__ import annotations

import sqlite3
from collections import OrderedDict
from typing import TYPE_CHECKING, ClassVar, Literal, Protocol

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.summaries import readable_date
from reader.ui import keys
from reader.ui.messages import ArticleSelected
from reader.ui.read_ahead import PAGE_ROWS
from reader.ui.widgets.marks import row_marks, title_pieces
from reader.ui.widgets.rows import GAP, NO_STYLE, Cell, plain_cell, row_segments

if TYPE_CHECKING:
    from reader.models import ArticleSummary
    from reader.personal import ArticleState

__all__ = ["PAGE_ROWS", "SORT_ORDER", "ArticleList", "ArticlePages"]

SortColumn = Literal["date", "title", "source", "quotes"]
Column = Literal["date", "title", "source", "quotes", "story"]
SORT_ORDER: tuple[SortColumn, ...] = ("date", "title", "source", "quotes")
# The first columns go first when the list is narrow.
_FIXED_COLUMNS: tuple[tuple[Column, str, int], ...] = (
    ("source", "Outlet", 14),
    ("story", "Story", 20),
    ("date", "Date", 10),
    ("quotes", "❝", 4),
)
_MIN_TITLE_WIDTH = 20
_CACHED_PAGES = 8
"""Pages kept: a screen and the margin around it, never the corpus."""


class ArticlePages(Protocol):
    """Where the list reads its rows: ``Library`` (see ``Catalog.summaries_page``), or a
    ``ReadAhead`` of it."""

    def summaries_page(
        self, offset: int, limit: int, sort: SortColumn, descending: bool
    ) -> list[ArticleSummary]: ...

    def position_of(self, article_id: str, sort: SortColumn, descending: bool) -> int | None: ...

    def story_summaries(self, article_ids: list[str]) -> dict[str, str]: ...

    def has_stories(self) -> bool: ...

    def count(self) -> int: ...


class ArticleList(ScrollView, can_focus=True):
    """A header line and one line per article; Enter or a click on the cursor row opens it."""

    BINDINGS: ClassVar[list[BindingType]] = keys.ARTICLE_LIST
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--cursor",
        "article-list--muted",
    }

    cursor: reactive[int] = reactive(0)
    """Index of the highlighted row, in display order."""
    sort_column: reactive[SortColumn] = reactive[SortColumn]("date")
    """The column the list is sorted by (first: ``read_ahead.FIRST_ORDER``)."""
    descending: reactive[bool] = reactive(True)
    """Newest (or largest, or Z) first."""
    marked_id: reactive[str | None] = reactive[str | None](None)
    """The article marked for comparison, shown with a diamond."""
    placeholder: reactive[str] = reactive("Opening the index…")
    """What the list says while it has no rows."""
    _row_style: Style | None = None
    """The widget's own style under every row, read once per change of styles: working it
    out walks the ancestors, and the list asks for it for each row it draws."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._source: ArticlePages | None = None
        self._count = 0
        self._pages: OrderedDict[int, list[ArticleSummary]] = OrderedDict()
        """Fetched pages by number, least recently used first."""
        self._marks: dict[str, ArticleState] = {}
        """The user's marks of the rows fetched (read, star, tags, note)."""
        self._with_stories = False
        """Some articles share a story: the list has a story column."""
        self._stories: dict[str, str] = {}
        """``"5 outlets · 2 copies"`` of the fetched rows that share a story with others."""
        self._fitted: tuple[tuple[int, bool], list[tuple[Column, str, int]]] | None = None
        """The columns of the last width drawn, and what they were worked out for."""

    # -- data ---------------------------------------------------------------------------------

    def show(self, source: ArticlePages, count: int) -> None:
        """Show the ``count`` articles of ``source``, keeping the cursor on the same article
        when it is still there."""
        keep = self.current_id
        self._source = source
        self._count = count
        try:
            self._with_stories = source.has_stories()
        except sqlite3.Error:
            self._with_stories = False
        self._reorder(keep)

    @property
    def row_count(self) -> int:
        return self._count

    @property
    def current_id(self) -> str | None:
        """The id of the article under the cursor."""
        summary = self.row(self.cursor)
        return summary.id if summary is not None else None

    def row(self, index: int) -> ArticleSummary | None:
        """The article at this position of the list (its page is read if need be)."""
        if not 0 <= index < self._count:
            return None
        rows = self._page(index // PAGE_ROWS)
        offset = index % PAGE_ROWS
        return rows[offset] if offset < len(rows) else None

    def rows(self, start: int, count: int) -> list[ArticleSummary]:
        """Up to ``count`` articles from position ``start``, in list order."""
        found = (self.row(index) for index in range(start, min(start + count, self._count)))
        return [summary for summary in found if summary is not None]

    def _page(self, number: int) -> list[ArticleSummary]:
        rows = self._pages.get(number)
        if rows is not None:
            self._pages.move_to_end(number)
            return rows
        rows = []
        if self._source is not None:
            try:
                rows = self._source.summaries_page(
                    number * PAGE_ROWS, PAGE_ROWS, self.sort_column, self.descending
                )
                self._stories.update(self._source.story_summaries([row.id for row in rows]))
            except sqlite3.Error:
                rows = []  # being rebuilt: the next IndexReady shows the list again
        self._pages[number] = rows
        self._marks.update(row_marks(self.screen, [row.id for row in rows]))
        while len(self._pages) > _CACHED_PAGES:
            for row in self._pages.popitem(last=False)[1]:
                self._stories.pop(row.id, None)
        return rows

    def refresh_marks(self) -> None:
        """Read the user's marks of the rows again (after a change) and redraw."""
        shown = [row.id for page in self._pages.values() for row in page]
        self._marks = row_marks(self.screen, shown)
        self.refresh()

    def move_to(self, article_id: str) -> None:
        """Put the cursor on this article."""
        if self._source is not None:
            try:
                position = self._source.position_of(article_id, self.sort_column, self.descending)
            except sqlite3.Error:
                position = None
            if position is not None:
                self.cursor = self._clamp(position)

    def _reorder(self, keep: str | None) -> None:
        """Read the list again in the current order, the cursor on ``keep`` if present."""
        self._pages.clear()
        self._stories.clear()
        self.virtual_size = Size(self.size.width, self._count + 1)
        position: int | None = None
        if keep is not None and self._source is not None:
            try:
                position = self._source.position_of(keep, self.sort_column, self.descending)
            except sqlite3.Error:
                position = None
        self.cursor = self._clamp(position if position is not None else 0)
        self._scroll_to_cursor()
        self.refresh()

    # -- rendering ----------------------------------------------------------------------------

    def _columns(self, width: int | None = None) -> list[tuple[Column, str, int]]:
        """The columns that fit in ``width`` (the list's), with their widths: outlet, story,
        then date, go first when narrow. Worked out once per width (every row asks)."""
        if width is None:
            width = self.scrollable_content_region.width
        key = (width, self._with_stories)
        if self._fitted is None or self._fitted[0] != key:
            self._fitted = (key, self._fit_columns(width))
        return self._fitted[1]

    def _fit_columns(self, width: int) -> list[tuple[Column, str, int]]:
        fixed = [c for c in _FIXED_COLUMNS if self._with_stories or c[0] != "story"]
        while len(fixed) > 1:
            title_width = width - sum(w + GAP for _, _, w in fixed) - GAP
            if title_width >= _MIN_TITLE_WIDTH:
                break
            fixed.pop(0)
        title_width = max(10, width - sum(w + GAP for _, _, w in fixed) - GAP)
        return [("title", "Title", title_width), *fixed]

    def _line(self, cells: dict[Column, Cell], style: Style, line_width: int) -> Strip:
        """One row of ``cells``, each cut to its column, on ``style``: the segments that rich's
        ``Text`` would make of it (truncated with an ellipsis, padded), made directly: a
        screenful of rows is drawn at every scroll, and at the first paint."""
        row = [(cells[key], width) for key, _, width in self._columns(line_width)]
        return Strip(row_segments(row, style)).crop_extend(0, line_width, style)

    def _header(self, width: int) -> Strip:
        arrow = " ▼" if self.descending else " ▲"
        cells: dict[Column, Cell] = {
            key: ([(label + (arrow if key == self.sort_column else ""), NO_STYLE)], NO_STYLE)
            for key, label, _ in self._columns(width)
        }
        return self._line(cells, self.get_component_rich_style("article-list--header"), width)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if y == 0:
            return self._header(width)
        index = int(self.scroll_y) + y - 1
        base = self._base_style()
        summary = self.row(index)
        if summary is None:
            if not self._count and y >= 2:
                return self._placeholder_line(y - 2, base)
            return Strip.blank(width, base)
        muted = self.get_component_rich_style("article-list--muted", partial=True)
        title = title_pieces(summary.title, self._marks.get(summary.id))
        if summary.id == self.marked_id:
            title.insert(0, ("◆ ", "bold"))
        story, date = self._stories.get(summary.id), readable_date(summary.date)
        cells: dict[Column, Cell] = {
            "title": ([(text, Style.parse(style)) for text, style in title], NO_STYLE),
            "story": plain_cell(story, muted),
            "source": plain_cell(summary.source, muted),
            "date": plain_cell(date, muted),
            "quotes": plain_cell(str(summary.quote_count).rjust(3), muted),
        }
        if index == self.cursor:
            cursor_style = self.get_component_rich_style("article-list--cursor")
            return self._line(cells, base + cursor_style, width)
        return self._line(cells, base, width)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._row_style = None

    def _base_style(self) -> Style:
        if self._row_style is None:
            self._row_style = self.rich_style
        return self._row_style

    def _placeholder_line(self, line: int, base: Style) -> Strip:
        """One line of the placeholder, wrapped to the width of the list."""
        width = self.scrollable_content_region.width
        style = base + self.get_component_rich_style("article-list--muted")
        lines = Text(self.placeholder).wrap(self.app.console, max(1, width - 2 * GAP))
        if line >= len(lines):
            return Strip.blank(width, base)
        segments = [Segment(" " * GAP), *lines[line].render(self.app.console)]
        return Strip(list(Segment.apply_style(segments, style))).crop_extend(0, width, style)

    def watch_cursor(self) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self.refresh()

    def watch_marked_id(self) -> None:
        self.refresh()

    def watch_placeholder(self) -> None:
        self.refresh()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, self._count + 1)
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        if self.cursor < self.scroll_y:
            self.scroll_to(y=self.cursor, animate=False, force=True)
        elif self.cursor >= self.scroll_y + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, force=True)

    # -- input --------------------------------------------------------------------------------

    def _clamp(self, row: int) -> int:
        return max(0, min(row, self._count - 1))

    def action_move(self, step: int) -> None:
        self.cursor = self._clamp(self.cursor + step)

    def action_page(self, step: int) -> None:
        page = max(1, self.scrollable_content_region.height - 2)
        self.cursor = self._clamp(self.cursor + step * page)

    def action_half_page(self, step: int) -> None:
        half = max(1, (self.scrollable_content_region.height - 1) // 2)
        self.cursor = self._clamp(self.cursor + step * half)

    def action_jump(self, row: int) -> None:
        self.cursor = self._clamp(row if row >= 0 else self._count + row)

    def action_open(self) -> None:
        """Open the article under the cursor."""
        if self.current_id is not None:
            self.post_message(ArticleSelected(self.current_id))

    def action_cycle_sort(self) -> None:
        """Sort by the next column: date, title, outlet, quote count."""
        position = SORT_ORDER.index(self.sort_column)
        self._sort_by(SORT_ORDER[(position + 1) % len(SORT_ORDER)])

    def action_reverse_sort(self) -> None:
        """Reverse the sort order."""
        keep = self.current_id
        self.descending = not self.descending
        self._reorder(keep)

    def _sort_by(self, column: SortColumn) -> None:
        keep = self.current_id
        if column == self.sort_column:
            self.descending = not self.descending
        else:
            self.sort_column = column
            self.descending = column in ("date", "quotes")
        self._reorder(keep)

    def _column_at(self, x: int) -> SortColumn | None:
        """The sortable column at ``x`` of the header (None: the story column)."""
        edge = GAP
        columns = self._columns()
        found = columns[-1][0]
        for column, _, width in columns:
            edge += width + GAP
            if x < edge:
                found = column
                break
        return None if found == "story" else found

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self._sort_by(column)
            return
        row = int(self.scroll_y) + offset.y - 1
        if row >= self._count:
            return
        if row == self.cursor or event.chain > 1:
            self.cursor = row
            self.action_open()
        else:
            self.cursor = row
