"""ListPanel: the article list or, while a search is on, its hits, one shown at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import ContentSwitcher

from reader.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from reader.index import Library
    from reader.ui.widgets.hit_list import HitList

__all__ = ["ListPanel"]


class ListPanel(ContentSwitcher):
    """Holds an ``ArticleList`` (``#articles``) and a ``HitList`` (``#hits``).

    The hit list, hidden until a search, mounts after the first frame (``mount_hits``): its
    module, its class and its styles are not needed to show the list.
    """

    _hits: AwaitComplete | None = None
    """The hit list's mounting, once started."""

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def hits(self) -> HitList:
        from reader.ui.widgets.hit_list import HitList

        return self.query_one("#hits", HitList)

    async def mount_hits(self, library: Library) -> None:
        """Mount the hit list, hidden, once: the screen does when its first frame is out, and
        a search finished before that (typed during the start) waits for it."""
        if self._hits is None:
            from reader.ui.widgets.hit_list import HitList

            self._hits = self.add_content(HitList(library, id="hits"))
        await self._hits

    @property
    def showing_hits(self) -> bool:
        return self.current == "hits"

    @property
    def current_id(self) -> str | None:
        """The article under the cursor of the list on show."""
        return self.hits.current_id if self.showing_hits else self.articles.current_id

    def refresh_marks(self, article_ids: list[str] | None = None) -> None:
        """Show the marks again in the list and in the hits (those of ``article_ids``, else
        all), once the hits are there."""
        self.articles.refresh_marks()
        if self.query("#hits"):
            self.hits.refresh_marks(article_ids)

    def show_articles(self) -> None:
        """Show the article list."""
        self.current = "articles"

    def show_hits(self) -> None:
        """Show the hits (fill them with ``hits.show_hits``)."""
        self.current = "hits"

    def focus_current(self) -> None:
        """Focus the list on show."""
        self.screen.set_focus(self.hits if self.showing_hits else self.articles)
