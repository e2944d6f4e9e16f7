"""ListPanel: the article list or, while a search is on, its hits, one shown at a time."""

from __future__ import annotations

from textual.widgets import ContentSwitcher

from reader.ui.widgets.article_list import ArticleList
from reader.ui.widgets.hit_list import HitList

__all__ = ["ListPanel"]


class ListPanel(ContentSwitcher):
    """Holds an ``ArticleList`` (``#articles``) and a ``HitList`` (``#hits``)."""

    @property
    def articles(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def hits(self) -> HitList:
        return self.query_one(HitList)

    @property
    def showing_hits(self) -> bool:
        return self.current == "hits"

    @property
    def current_id(self) -> str | None:
        """The article under the cursor of the list on show."""
        return self.hits.current_id if self.showing_hits else self.articles.current_id

    def show_articles(self) -> None:
        """Show the article list."""
        self.current = "articles"

    def show_hits(self) -> None:
        """Show the hits (fill them with ``hits.show_hits``)."""
        self.current = "hits"

    def focus_current(self) -> None:
        """Focus the list on show."""
        self.screen.set_focus(self.hits if self.showing_hits else self.articles)
