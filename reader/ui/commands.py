"""Command palette entries: open or compare an article by title, find a quote by its words."""

from __future__ import annotations

import asyncio
import itertools
import sqlite3
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

from reader.ui.messages import ArticleSelected, CompareRequested

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen

__all__ = ["ArticleCommands", "QuoteCommands"]

MAX_HITS = 30
_TITLES_PER_READ = 500
_QUOTE_CHARS = 90


class ArticleCommands(Provider):
    """ "Open: <title>", and "Compare with …: <title>" against the marked or open article."""

    def _state(self) -> tuple[MainScreen | None, str | None]:
        """The main screen, and the article a comparison would start from."""
        from reader.ui.screens.main import MainScreen

        screen = self.screen
        if not isinstance(screen, MainScreen):
            return None, None
        loaded = screen.pane.loaded
        return screen, screen.marked_id or (loaded.article.id if loaded else None)

    async def discover(self) -> Hits:
        from reader.ui.widgets.article_list import ArticleList

        screen, _ = self._state()
        if screen is None:
            return
        for summary in screen.query_one(ArticleList).rows(0, MAX_HITS):  # the list's top
            title = summary.title
            yield DiscoveryHit(
                escape(f"Open: {title}"), partial(self._open, summary.id), help=escape(summary.id)
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        screen, base = self._state()
        if screen is None:
            return
        base_title = screen.title_of(base) if base is not None else ""
        found = 0
        # Titles are read a page at a time, never all at once.
        for offset in itertools.count(0, _TITLES_PER_READ):
            try:
                page = screen.library.summaries_page(offset, _TITLES_PER_READ, "id")
            except sqlite3.Error:
                return
            for summary in page:
                article_id, title = summary.id, summary.title
                score = matcher.match(title)
                if score <= 0:
                    continue
                yield Hit(
                    score,
                    matcher.highlight(escape(f"Open: {title}")),
                    partial(self._open, article_id),
                )
                if base is not None and base != article_id:
                    yield Hit(
                        score * 0.9,
                        matcher.highlight(escape(f"Compare with “{base_title}”: {title}")),
                        partial(self._compare, base, article_id),
                    )
                found += 1
                if found >= MAX_HITS:
                    return
            if len(page) < _TITLES_PER_READ:
                return
            await asyncio.sleep(0)  # let keys and repaints through between pages

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
            if quote.speaker_label:  # "— Bernie Sanders (via CNN)": both names to match
                label += f" — {quote.speaker_label}"
            score = matcher.match(label)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(escape(label)),
                    partial(screen.pane.view.select_quote, index),
                )
