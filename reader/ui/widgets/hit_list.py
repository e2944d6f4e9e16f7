"""HitList: ranked search hits with their snippets, matched terms highlighted."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.search import SearchHit
from reader.ui.messages import ArticleSelected

__all__ = ["HitList"]


class HitList(OptionList):
    """The hits of the current search; Enter or a click opens one."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--title",
        "hit-list--meta",
        "hit-list--match",
    }

    def show_hits(self, hits: tuple[SearchHit, ...]) -> None:
        """Replace the list with these hits and highlight the first."""
        title = self.get_component_rich_style("hit-list--title", partial=True)
        meta = self.get_component_rich_style("hit-list--meta", partial=True)
        match = self.get_component_rich_style("hit-list--match", partial=True)
        options: list[Option] = []
        for rank, hit in enumerate(hits, 1):
            prompt = Text(f"{rank:>2}. ", style=meta)
            prompt.append(hit.title, style=title)
            details = " · ".join(part for part in (hit.source, hit.date) if part)
            prompt.append(f"\n    {details}  score {hit.score:.1f}\n", style=meta)
            snippet = Text(hit.snippet)
            for start, end in hit.snippet_spans:
                snippet.stylize(match, start, end)
            prompt.append("    ")
            prompt.append_text(snippet)
            options.append(Option(prompt, id=hit.id))
        self.set_options(options)
        self.highlighted = 0 if options else None

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
