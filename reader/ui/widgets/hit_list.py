"""HitList: ranked search hits with their snippets, matched terms highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.ui.messages import ArticleSelected
from reader.ui.widgets.pager_keys import PagedOptionList

if TYPE_CHECKING:
    from reader.models import SearchHit

__all__ = ["HitList"]

_RANK_WIDTH = 3
_FIRST_HITS = 12
"""Hits in the first frame of results: more than a tall terminal shows."""


class _HitPrompt:
    """One hit: its rank right-aligned in a narrow gutter, then title, details and snippet,
    each wrapped beside it (what a two-column ``Table.grid`` draws, at a seventh of the cost:
    the list measures and renders every hit when the results arrive)."""

    def __init__(self, rank: str, rank_style: Style, parts: Sequence[Text]) -> None:
        self.rank = rank
        self.rank_style = rank_style
        self.parts = parts
        self._rendered: tuple[int, list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - _RANK_WIDTH - 1)
        if self._rendered is None or self._rendered[0] != width:
            rank = Segment(self.rank.rjust(_RANK_WIDTH) + " ", self.rank_style)
            gutter = Segment(" " * (_RANK_WIDTH + 1))
            part_options = options.update_width(width)
            segments: list[Segment] = []
            for part in self.parts:
                text = part.plain
                if not part.spans and text.isprintable() and cell_len(text) <= width:
                    style = part.style
                    if not isinstance(style, Style):
                        style = console.get_style(style, default=Style.null())
                    lines = [[Segment(text, style)]]  # a title or a detail line: no wrapping
                else:
                    lines = console.render_lines(part, part_options, pad=False)
                for line in lines:
                    segments.append(gutter if segments else rank)
                    segments.extend(line)
                    segments.append(Segment.line())
            self._rendered = (width, segments)
        yield from self._rendered[1]


class HitList(PagedOptionList):
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
        self._generation = 0

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
            details = " · ".join(part for part in (hit.source, hit.date) if part)
            snippet = Text(hit.snippet)
            for start, end in hit.snippet_spans:
                snippet.stylize(match, start, end)
            parts = (
                Text(hit.title, style=title),
                Text(f"{details}  score {hit.score:.1f}".strip(), style=meta),
                snippet,
            )
            if options:
                options.append(None)  # a divider line between hits
            options.append(Option(_HitPrompt(f"{rank}.", meta, parts), id=hit.id))
        if not options:
            options.append(Option(Text("No matching articles.", style=meta), disabled=True))
        # The hits that fit on screen are measured and painted first; the rest (measuring a
        # hit means wrapping its text) are added right after that frame.
        shown = 2 * max(_FIRST_HITS, (highlighted or 0) + 1)  # hits and their dividers
        self._generation += 1
        self.set_options(options[:shown])
        self.highlighted = highlighted if hits else None
        if len(options) > shown:
            self.call_after_refresh(self._add_rest, self._generation, options[shown:])

    def _add_rest(self, generation: int, rest: list[Option | None]) -> None:
        if generation == self._generation:  # not replaced by newer hits meanwhile
            self.add_options(rest)

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
