"""FacetScreen: how many hits each outlet, month, speaker (or tag) has; picking one filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.results_state import shown_facet_value
from reader.ui.widgets.pager_keys import PagedOptionList

__all__ = ["FacetChoice", "FacetScreen"]

FacetChoice = tuple[str, str | None]
"""A facet and the value to filter to (None: any value, the filter dropped)."""
_SHOWN_VALUES = 30
"""Values listed per facet, most frequent first."""
_SEPARATOR = "\x00"


class FacetScreen(ModalScreen[FacetChoice | None]):
    """A modal list of facet values with counts; Enter filters, Esc closes."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f,q", "dismiss(None)", "Close", id="facets.close"),
    ]

    def __init__(
        self,
        counts: Mapping[str, Sequence[tuple[str, int]]],
        labels: Mapping[str, str],
        chosen: Mapping[str, str],
        partial: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__()
        self.counts = counts
        self.labels = labels
        self.chosen = chosen
        self.partial = partial

    def compose(self) -> ComposeResult:
        options = PagedOptionList(*self._options(), id="facet-list")
        options.border_title = "Filter the hits"
        options.border_subtitle = "Enter filters · Esc closes"
        yield options

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for facet, values in self.counts.items():
            label = self.labels.get(facet, facet.title())
            if not values and facet not in self.chosen:
                continue
            heading = Text(label, style="bold underline")
            if facet in self.partial:
                heading.append("  (counted in the best matches only)", style="dim")
            if options:
                options.append(None)
            options.append(Option(heading, disabled=True))
            if facet in self.chosen:
                any_value = Text(f"  any {label.lower()}", style="italic")
                options.append(Option(any_value, id=f"{facet}{_SEPARATOR}"))
            for value, count in values[:_SHOWN_VALUES]:
                chosen = "● " if self.chosen.get(facet) == value else ""
                text = Text(f"  {chosen}{shown_facet_value(facet, value)}")
                text.append(f"  {count:,}", style="dim")
                options.append(Option(text, id=f"{facet}{_SEPARATOR}{value}"))
            if len(values) > _SHOWN_VALUES:
                more = Text(f"  … {len(values) - _SHOWN_VALUES:,} more", style="dim")
                options.append(Option(more, disabled=True))
        if not options:
            nothing = Text("Nothing to filter by in these hits.", style="dim")
            options.append(Option(nothing, disabled=True))
        return options

    def on_mount(self) -> None:
        facet_list = self.query_one(PagedOptionList)
        facet_list.focus()
        facet_list.action_first()  # the first value, past its heading

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            facet, _, value = event.option.id.partition(_SEPARATOR)
            self.dismiss((facet, value or None))
