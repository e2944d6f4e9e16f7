"""StatusBar: corpus, article count, index state and the time the last search took."""

from __future__ import annotations

from rich.text import Text
from textual.reactive import reactive
from textual.widgets import Static

from reader.summaries import plural

__all__ = ["StatusBar"]


class StatusBar(Static):
    """One line at the bottom of the main screen."""

    corpus: reactive[str] = reactive("")
    """The corpus folder."""
    article_count: reactive[int] = reactive(0)
    """How many articles the index holds."""
    index_state: reactive[str] = reactive("opening index…")
    """"up to date", "building 120/2000", or an error."""
    search_ms: reactive[float | None] = reactive[float | None](None)
    """How long the last search took."""
    marked: reactive[str | None] = reactive[str | None](None)
    """Title of the article marked for comparison."""

    def render(self) -> Text:
        parts = [
            ("corpus ", self.corpus),
            ("", plural(self.article_count, "article")),
            ("index ", self.index_state),
        ]
        if self.search_ms is not None:
            parts.append(("search ", f"{self.search_ms:.0f} ms"))
        if self.marked:
            parts.append(("marked ★ ", self.marked))
        text = Text(no_wrap=True, overflow="ellipsis")
        for position, (label, value) in enumerate(parts):
            if position:
                text.append("  │  ", style="dim")
            text.append(label, style="dim")
            text.append(value)
        return text
