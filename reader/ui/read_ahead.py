"""ReadAhead: the article list's first screen, read from the index while Textual loads.

Before ``reader`` can draw anything it spends ~150 ms loading Textual and the UI. What the
list's first frame shows (the article count, the first page of titles in the list's first
order, their story labels) is a few SQLite reads: 1-6 ms from 5 to 100,000 articles, nearly
all of it inside SQLite, which lets go of the interpreter meanwhile. A thread started before
the UI loads reads them on the other core; the list takes them instead of reading them on the
first frame's path. Nothing here imports Textual.

Each answer is given once, to the first read that asks for exactly it; every other read (the
next pages, another sort, the list shown again after an update) goes to the library. A read
that fails in the thread is left to the list, which reads again and reports as it always did.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from reader.index import Library
    from reader.summaries import ArticleSummary, SortKey

__all__ = ["FIRST_ORDER", "PAGE_ROWS", "ReadAhead"]

PAGE_ROWS = 100
"""Rows the article list fetches from the catalog at a time."""
FIRST_ORDER: tuple[SortKey, bool] = ("date", True)
"""The list's order when it opens: newest first."""


class ReadAhead:
    """The list's first reads of a library, started now in a thread; the library's own
    reading methods for the list (``ArticlePages``) and ``count``."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._found: dict[str, Any] = {}
        self._thread = threading.Thread(target=self._read, name="reader-read-ahead", daemon=True)
        self._thread.start()

    def _read(self) -> None:
        library, found = self.library, self._found
        try:
            found["count"] = count = library.count()
            if not count:
                return
            found["stories"] = stories = library.has_stories()
            found["page"] = page = library.summaries_page(0, PAGE_ROWS, *FIRST_ORDER)
            ids = [row.id for row in page]
            found["labels"] = (ids, library.story_summaries(ids) if stories else {})
        except Exception:  # a damaged or missing index: the list's own reads report it
            return

    def _take(self, name: str) -> Any:
        """A value read ahead, once (None: not read, or already taken)."""
        self._thread.join()
        return self._found.pop(name, None)

    def count(self) -> int:
        count = self._take("count")
        return self.library.count() if count is None else int(count)

    def has_stories(self) -> bool:
        stories = self._take("stories")
        return self.library.has_stories() if stories is None else bool(stories)

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey, descending: bool
    ) -> list[ArticleSummary]:
        if (offset, limit, (sort, descending)) == (0, PAGE_ROWS, FIRST_ORDER):
            page = self._take("page")
            if page is not None:
                return list(page)
        return self.library.summaries_page(offset, limit, sort, descending)

    def story_summaries(self, article_ids: list[str]) -> dict[str, str]:
        self._thread.join()
        labels = self._found.get("labels")
        if labels is not None and labels[0] == article_ids:
            del self._found["labels"]
            return dict(labels[1])
        return self.library.story_summaries(article_ids)

    def position_of(self, article_id: str, sort: SortKey, descending: bool) -> int | None:
        return self.library.position_of(article_id, sort, descending)
