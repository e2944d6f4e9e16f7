"""HitList: ranked search hits with their snippets, matched terms highlighted."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.messages import ArticleSelected

if TYPE_CHECKING:
    from reader.search import SearchHit

__all__ = ["HitList"]


class HitList(OptionList):
    """The hits of the current search; Enter or a click opens one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--title",
        "hit-list--meta",
        "hit-list--match",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: tuple[SearchHit, ...] = ()
        """The hits on show."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        highlighted = self.highlighted
        self.call_after_refresh(self.show_hits, self.hits, highlighted)

    def show_hits(self, hits: tuple[SearchHit, ...], highlighted: int | None = 0) -> None:
        """Replace the list with these hits and highlight the first (or ``highlighted``)."""
        self.hits = hits
        title = self.get_component_rich_style("hit-list--title", partial=True)
        meta = self.get_component_rich_style("hit-list--meta", partial=True)
        # A full style: the translucent highlight is blended with the list's background.
        match = self.get_component_rich_style("hit-list--match")
        options: list[Option | None] = []
        for rank, hit in enumerate(hits, 1):
            # A grid keeps the wrapped title and snippet indented under the rank.
            grid = Table.grid(padding=(0, 1), expand=True)
            grid.add_column(width=3, justify="right", style=meta)
            grid.add_column(ratio=1)
            details = " · ".join(part for part in (hit.source, hit.date) if part)
            grid.add_row(f"{rank}.", Text(hit.title, style=title))
            grid.add_row("", Text(f"{details}  score {hit.score:.1f}".strip(), style=meta))
            snippet = Text(hit.snippet)
            for start, end in hit.snippet_spans:
                snippet.stylize(match, start, end)
            grid.add_row("", snippet)
            if options:
                options.append(None)  # a divider line between hits
            options.append(Option(grid, id=hit.id))
        if not options:
            options.append(Option(Text("No matching articles.", style=meta), disabled=True))
        self.set_options(options)
        self.highlighted = highlighted if hits else None

    @property
    def current_id(self) -> str | None:
        """The id of the highlighted hit."""
        option = self.highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleSelected(event.option.id))
