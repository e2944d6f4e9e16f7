"""QuotePanel: the open article's quotations with their speakers, shared ones marked."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.messages import QuoteActivated
from reader.ui.widgets.pager_keys import PagedOptionList

if TYPE_CHECKING:
    from reader.models import Quote

__all__ = ["QuotePanel"]

_MAX_QUOTE_CHARS = 160


class QuotePanel(PagedOptionList):
    """Every quote of the open article; selecting one scrolls the reading pane to it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quote-panel--speaker",
        "quote-panel--term",
        "quote-panel--shared",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.quotes: tuple[Quote, ...] = ()
        """The quotes on show."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        highlighted = self.highlighted
        self.call_after_refresh(self._show_again, highlighted)

    def _show_again(self, highlighted: int | None) -> None:
        self.show_quotes(self.quotes)
        self.highlighted = highlighted

    def show_quotes(self, quotes: Sequence[Quote]) -> None:
        """List these quotes, in reading order."""
        self.quotes = tuple(quotes)
        speaker_style = self.get_component_rich_style("quote-panel--speaker", partial=True)
        term_style = self.get_component_rich_style("quote-panel--term", partial=True)
        shared_style = self.get_component_rich_style("quote-panel--shared", partial=True)
        options: list[Option] = []
        for index, quote in enumerate(quotes):
            text = " ".join(quote.text.split())
            if len(text) > _MAX_QUOTE_CHARS:
                text = text[: _MAX_QUOTE_CHARS - 1] + "…"
            prompt = Text()
            prompt.append("⇄ " if quote.group else "  ", style=shared_style)
            prompt.append(f"“{text}”", style=term_style if quote.kind == "term" else "")
            if quote.speaker_label:
                prompt.append(f" — {quote.speaker_label}", style=speaker_style)
            options.append(Option(prompt, id=str(index)))
        self.set_options(options)
        self.border_title = f"Quotes ({len(quotes)})" if quotes else "Quotes"

    @on(OptionList.OptionSelected)
    def _activate(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(QuoteActivated(event.option_index))
