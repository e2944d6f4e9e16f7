"""Command palette entries: open or compare an article by title."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.messages import ArticleSelected, CompareRequested

__all__ = ["ArticleCommands"]

MAX_HITS = 30


class ArticleCommands(Provider):
    """ "Open: <title>" and, with an article marked, "Compare with marked: <title>"."""

    def _titles(self) -> dict[str, str]:
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        return screen.titles if isinstance(screen, MainScreen) else {}

    def _marked(self) -> str | None:
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        return screen.marked_id if isinstance(screen, MainScreen) else None

    async def discover(self) -> Hits:
        for article_id, title in list(self._titles().items())[:MAX_HITS]:
            yield DiscoveryHit(f"Open: {title}", partial(self._open, article_id), help=article_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        marked = self._marked()
        found = 0
        for article_id, title in self._titles().items():
            score = matcher.match(title)
            if score <= 0:
                continue
            yield Hit(score, matcher.highlight(f"Open: {title}"), partial(self._open, article_id))
            if marked is not None and marked != article_id:
                yield Hit(
                    score * 0.9,
                    matcher.highlight(f"Compare with marked: {title}"),
                    partial(self._compare, marked, article_id),
                )
            found += 1
            if found >= MAX_HITS:
                break

    def _open(self, article_id: str) -> None:
        self.screen.post_message(ArticleSelected(article_id))

    def _compare(self, left_id: str, right_id: str) -> None:
        self.screen.post_message(CompareRequested(left_id, right_id))
