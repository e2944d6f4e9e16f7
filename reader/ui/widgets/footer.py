"""ReaderFooter: Textual's Footer, without the growth of its key bindings."""

from __future__ import annotations

from textual.widgets import Footer

__all__ = ["ReaderFooter"]


class ReaderFooter(Footer):
    """The key bar at the bottom of a screen.

    Textual's Footer composes its keys again whenever the bindings change (each focus change)
    and data-binds every new key to its ``compact`` reactive; the removed keys stay in that
    reactive's watcher list, with their styles and caches, until ``compact`` changes. Over a
    session that is thousands of dead widgets that every full garbage collection walks.
    """

    async def recompose(self) -> None:
        await super().recompose()
        # Setting the reactive runs its watchers, which drops those of removed keys.
        self.mutate_reactive(Footer.compact)
