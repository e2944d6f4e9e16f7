"""ArticleTable: the virtualised list of every article (title, outlet, date, quote count)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Literal

from rich.text import Text
from textual import on
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.widgets import DataTable
from textual.widgets.data_table import ColumnKey

from reader.catalog import ArticleSummary
from reader.ui.messages import ArticleSelected

__all__ = ["SORT_ORDER", "ArticleTable", "sorted_summaries"]

SortColumn = Literal["date", "title", "source", "quotes"]
SORT_ORDER: tuple[SortColumn, ...] = ("date", "title", "source", "quotes")
_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("title", "Title", 40),
    ("source", "Outlet", 12),
    ("date", "Date", 10),
    ("quotes", "❝", 3),
)


def _sort_value(summary: ArticleSummary, column: SortColumn) -> str | int | None:
    if column == "title":
        return summary.title.casefold()
    if column == "source":
        return summary.source.casefold() if summary.source else None
    if column == "quotes":
        return summary.quote_count
    return summary.date


def sorted_summaries(
    summaries: Sequence[ArticleSummary], column: SortColumn, descending: bool
) -> list[ArticleSummary]:
    """Sorted by a column, ties by id; articles without a value (no date) always last."""
    keyed = [(_sort_value(summary, column), summary) for summary in summaries]
    present = sorted(
        ((value, summary) for value, summary in keyed if value is not None),
        key=lambda pair: (pair[0], pair[1].id),
        reverse=descending,
    )
    missing = sorted((summary for value, summary in keyed if value is None), key=lambda s: s.id)
    return [summary for _, summary in present] + missing


class ArticleTable(DataTable[str | Text]):
    """Every article, one row each, rendered lazily by DataTable (fine for 20k+ rows)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "cycle_sort", "Sort", id="list.sort"),
        Binding("S", "reverse_sort", "Reverse", show=False, id="list.reverse"),
    ]

    sort_column: reactive[SortColumn] = reactive[SortColumn]("date")
    """The column the list is sorted by."""
    descending: reactive[bool] = reactive(True)
    """Newest (or largest, or Z) first."""
    marked_id: reactive[str | None] = reactive[str | None](None)
    """The article marked for comparison, shown with a star."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._summaries: list[ArticleSummary] = []

    def on_mount(self) -> None:
        for key, label, width in _COLUMNS:
            self.add_column(label, key=key, width=width)

    def on_resize(self) -> None:
        """Give the title column whatever width the other columns leave."""
        fixed = sum(width for key, _, width in _COLUMNS if key != "title")
        padding = 2 * self.cell_padding * len(_COLUMNS)
        title_width = max(16, self.scrollable_content_region.width - fixed - padding - 2)
        column = self.columns.get(ColumnKey("title"))
        if column is not None and column.width != title_width:
            column.width = title_width
            # DataTable has no public way to resize a column; these are what add_column resets.
            self._clear_caches()
            self._require_update_dimensions = True
            self.refresh()

    def set_summaries(self, summaries: Sequence[ArticleSummary]) -> None:
        """Show these articles, keeping the cursor on the same article when possible."""
        self._summaries = list(summaries)
        self._fill()

    @property
    def current_id(self) -> str | None:
        """The id of the article under the cursor."""
        if not self.row_count:
            return None
        row_key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        return row_key.value

    def _fill(self) -> None:
        keep = self.current_id
        ordered = sorted_summaries(self._summaries, self.sort_column, self.descending)
        self.clear()
        for summary in ordered:
            quotes = str(summary.quote_count) if summary.quote_count else ""
            row = (self._title(summary), summary.source or "", summary.date or "", quotes)
            self.add_row(*row, key=summary.id)
        if keep is not None and keep in self.rows:
            self.move_cursor(row=self.get_row_index(keep), animate=False)
        self._show_sort_in_header()

    def _show_sort_in_header(self) -> None:
        arrow = " ▼" if self.descending else " ▲"
        for key, label, _ in _COLUMNS:
            column = self.columns.get(ColumnKey(key))
            if column is not None:
                column.label = Text(label + (arrow if key == self.sort_column else ""))
        self.refresh()

    def _title(self, summary: ArticleSummary) -> str | Text:
        if summary.id == self.marked_id:
            return Text.assemble(("★ ", "bold"), summary.title)
        return summary.title

    def watch_marked_id(self, previous: str | None, marked: str | None) -> None:
        by_id = {summary.id: summary for summary in self._summaries}
        for article_id in (previous, marked):
            if article_id in by_id and article_id in self.rows:
                self.update_cell(article_id, "title", self._title(by_id[article_id]))

    def action_cycle_sort(self) -> None:
        """Sort by the next column: date, title, outlet, quote count."""
        position = SORT_ORDER.index(self.sort_column)
        self.sort_column = SORT_ORDER[(position + 1) % len(SORT_ORDER)]
        self.descending = self.sort_column in ("date", "quotes")
        self._fill()

    def action_reverse_sort(self) -> None:
        """Reverse the sort order."""
        self.descending = not self.descending
        self._fill()

    @on(DataTable.HeaderSelected)
    def _sort_by_header(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        for column in SORT_ORDER:
            if column == event.column_key.value:
                if column == self.sort_column:
                    self.descending = not self.descending
                else:
                    self.sort_column = column
                    self.descending = column in ("date", "quotes")
                self._fill()

    @on(DataTable.RowSelected)
    def _open(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(ArticleSelected(event.row_key.value))
