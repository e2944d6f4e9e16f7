"""Command palette entries: open or compare an article by title, find a quote by its words."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

from reader.ui.messages import ArticleSelected, CompareRequested

__all__ = ["ArticleCommands", "QuoteCommands"]

MAX_HITS = 30
_QUOTE_CHARS = 90


class ArticleCommands(Provider):
    """ "Open: <title>", and "Compare with …: <title>" against the marked or open article."""

    def _state(self) -> tuple[dict[str, str], str | None]:
        """Titles by id, and the article a comparison would start from."""
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return {}, None
        loaded = screen.pane.loaded
        return screen.titles, screen.marked_id or (loaded.article.id if loaded else None)

    async def discover(self) -> Hits:
        titles, _ = self._state()
        for article_id, title in list(titles.items())[:MAX_HITS]:
            yield DiscoveryHit(f"Open: {title}", partial(self._open, article_id), help=article_id)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        titles, base = self._state()
        found = 0
        for article_id, title in titles.items():
            score = matcher.match(title)
            if score <= 0:
                continue
            yield Hit(score, matcher.highlight(f"Open: {title}"), partial(self._open, article_id))
            if base is not None and base != article_id:
                yield Hit(
                    score * 0.9,
                    matcher.highlight(f"Compare with “{titles.get(base, base)}”: {title}"),
                    partial(self._compare, base, article_id),
                )
            found += 1
            if found >= MAX_HITS:
                break

    def _open(self, article_id: str) -> None:
        self.screen.post_message(ArticleSelected(article_id))

    def _compare(self, left_id: str, right_id: str) -> None:
        self.screen.post_message(CompareRequested(left_id, right_id))


class QuoteCommands(Provider):
    """ "Quote: <words> — <speaker>" for every quote of the open article; picks scroll to it."""

    async def search(self, query: str) -> Hits:
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen) or screen.pane.loaded is None:
            return
        matcher = self.matcher(query)
        for index, quote in enumerate(screen.pane.loaded.quotes):
            words = " ".join(quote.text.split())
            label = f"Quote: “{words[:_QUOTE_CHARS]}{'…' if len(words) > _QUOTE_CHARS else ''}”"
            if quote.speaker:
                label += f" — {quote.speaker}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score, matcher.highlight(label), partial(screen.pane.view.select_quote, index)
                )
