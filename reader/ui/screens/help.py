"""HelpScreen: every key of the reader, generated from the bindings themselves."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

__all__ = ["HelpScreen", "HelpSection"]

HelpSection = tuple[str, Sequence[BindingType]]
"""A heading and the bindings listed under it."""


class HelpScreen(ModalScreen[None]):
    """A modal list of keys; any of Escape, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(self, sections: Iterable[HelpSection]) -> None:
        super().__init__()
        self.sections = list(sections)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "Esc closes"
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        for heading, bindings in self.sections:
            table.add_row(Text(""), Text(""))
            table.add_row(Text(""), Text(heading, style="bold underline"))
            keys: dict[str, list[str]] = {}
            for binding in Binding.make_bindings(bindings):
                if binding.description:
                    keys.setdefault(binding.tooltip or binding.description, []).append(
                        self.app.get_key_display(binding)
                    )
            for description, displays in keys.items():
                table.add_row(Text(" ".join(displays)), Text(description))
        return table
