"""What the user's data needs of a corpus's library, and walking its list for the next
unread article."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from reader.models import Article, ArticleSummary, SortKey

__all__ = ["CorpusLibrary", "next_unread"]

_PAGE = 500  # articles per page when walking the list for the next unread one


class CorpusLibrary(Protocol):
    """What Reading needs of ``reader.index.Library``."""

    corpus: Path

    @property
    def rebuilds(self) -> int: ...  # how many times the index was rebuilt

    @property
    def catalog(self) -> Any: ...  # identity.Catalog with write_mark()

    def summary(self, article_id: str) -> ArticleSummary | None: ...

    def article(self, article_id: str) -> Article: ...

    def position_of(self, article_id: str, sort: SortKey, descending: bool) -> int | None: ...

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey, descending: bool
    ) -> list[ArticleSummary]: ...


def next_unread(
    library: CorpusLibrary,
    read: set[str],
    after: str | None,
    sort: SortKey,
    descending: bool,
) -> str | None:
    """The first article not in ``read`` after ``after`` in the list's order, going round
    to the top; None when every article is read."""
    start = 0
    if after is not None:
        position = library.position_of(after, sort, descending)
        start = 0 if position is None else position + 1
    for offset, stop in ((start, None), (0, start)):
        while stop is None or offset < stop:
            page = library.summaries_page(offset, _PAGE, sort, descending)
            for summary in page[: None if stop is None else stop - offset]:
                if summary.id not in read:
                    return summary.id
            if len(page) < _PAGE:
                break
            offset += _PAGE
    return None
