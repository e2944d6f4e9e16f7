"""The Library: a corpus folder and its index, as the CLI, the UI and searches use them."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.index.catalog import Catalog
from reader.index.errors import ArticleNotFound, LibraryError, ProgressCallback
from reader.index.folder import IndexFolder
from reader.index.stores import Stores
from reader.locations import index_dir_for

# The updater, the article reader and the quotation finder are loaded when first used: a
# list's first paint needs only the catalog (``count``, ``summaries_page``).
if TYPE_CHECKING:  # searching is loaded by the first search, not by opening the list
    from whoosh.searching import Searcher

    from reader.index.updater import Updater
    from reader.models import Article, ArticleSummary, Quote, SortKey, Speaker, Story, UpdateReport
    from reader.stories.align import SentenceAlignment

__all__ = [
    "ArticleNotFound",
    "Library",
    "LibraryError",
    "ProgressCallback",
]


class Library:
    """An article corpus and its index. Safe to share between threads."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        self.corpus = corpus
        self._stores = Stores(IndexFolder(index_dir))
        self._updater_made: Updater | None = None
        self._updater_lock = threading.Lock()
        self._on_wait: Callable[[str], None] | None = None

    @classmethod
    def open(cls, corpus: Path, index_dir: Path | None = None) -> Library:
        """Check the corpus folder and locate its index (nothing is built yet)."""
        corpus = Path(corpus).expanduser()
        if not corpus.is_dir():
            problem = "does not exist" if not corpus.exists() else "is not a folder"
            raise LibraryError(f"corpus {corpus} {problem}")
        return cls(corpus.resolve(), index_dir_for(corpus, index_dir))

    # -- the index --------------------------------------------------------------------------

    @property
    def index_dir(self) -> Path:
        """The index folder in use (a temporary one when ours could not be written)."""
        return self._stores.folder.path

    @property
    def rebuilds(self) -> int:
        """How many times this Library has (re)created its index, so readers can tell."""
        return self._stores.rebuilds

    @property
    def _updater(self) -> Updater:
        """Updates of the index, made on first use."""
        with self._updater_lock:
            if self._updater_made is None:
                from reader.index.updater import Updater

                self._updater_made = Updater(self.corpus, self._stores)
                self._updater_made.on_wait = self._on_wait
            return self._updater_made

    @property
    def on_wait(self) -> Callable[[str], None] | None:
        """Told (one line) when an update has to wait for another process's update."""
        return self._on_wait

    @on_wait.setter
    def on_wait(self, listener: Callable[[str], None] | None) -> None:
        self._on_wait = listener
        if self._updater_made is not None:
            self._updater_made.on_wait = listener

    def needs_update(self) -> bool:
        """True when the index is missing or damaged, or a corpus file was added, changed or
        deleted."""
        return self._updater.needs_update()

    def update(
        self, progress: ProgressCallback | None = None, rebuild: bool = False
    ) -> UpdateReport:
        """Bring the index in line with the corpus: index new and changed files, drop deleted
        ones. A missing, outdated, damaged or ``rebuild`` index is built from scratch.

        When the index directory cannot be written (read-only, out of space) the existing
        index is kept, or a temporary one is built; ``UpdateReport.notice`` says which.
        """
        return self._updater.update(progress, rebuild)

    def is_updating(self) -> bool:
        """True while an update holds the index (in this process or another one)."""
        return self._stores.folder.is_locked()

    def mark_damaged(self, reason: str) -> None:
        """Record that a search found the index damaged, so the next update rebuilds it."""
        self._stores.folder.mark_damaged(reason)

    @property
    def ix(self) -> Any:
        """The Whoosh index."""
        return self._stores.ix

    @property
    def catalog(self) -> Catalog:
        return self._stores.catalog

    def searcher(self) -> Searcher:
        """This thread's searcher, refreshed when the index has changed since last use."""
        return self._stores.searcher()

    def count(self) -> int:
        """How many articles are indexed; 0 when the catalog is damaged (update() rebuilds)."""
        return self._stores.count()

    def close(self) -> None:
        """Let go of the stores, this thread's searcher and those of finished threads."""
        self._stores.close()

    # -- reading ----------------------------------------------------------------------------

    def summaries(self, sort: SortKey = "id", descending: bool = False) -> list[ArticleSummary]:
        return self.catalog.summaries(sort, descending)

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey = "date", descending: bool = False
    ) -> list[ArticleSummary]:
        """One page of the article list (see ``reader.index.listing.page``); UIs show a long
        list by pages instead of loading every summary."""
        return self.catalog.summaries_page(offset, limit, sort, descending)

    def position_of(
        self, article_id: str, sort: SortKey = "date", descending: bool = False
    ) -> int | None:
        """Where this article is in ``summaries_page``'s order; None when it is not indexed."""
        return self.catalog.position_of(article_id, sort, descending)

    def summary(self, article_id: str) -> ArticleSummary | None:
        """The list entry of one article; None when it is not indexed."""
        return self.catalog.summary(article_id)

    def article(self, article_id: str) -> Article:
        """The article with this id, read from its file (the corpus is the source of truth)."""
        from reader.articles import ArticleError
        from reader.articles.files import article_by_id, file_of_id
        from reader.articles.text import escape_controls

        summary = self.catalog.summary(article_id)
        # An id the catalog does not hold (yet) is looked for in the corpus: during a
        # rebuild the list on screen still shows articles the new catalog has not reached.
        relative = summary.path if summary else file_of_id(self.corpus, article_id)
        if relative is None:
            raise ArticleNotFound(f"no article with id {escape_controls(article_id)!r}")
        try:
            return article_by_id(self.corpus, relative, article_id)
        except ArticleError as error:
            raise LibraryError(f"{escape_controls(relative)}: {error}") from None

    def quotes(self, article_id: str, article: Article | None = None) -> list[Quote]:
        """The article's quotations with cross-article groups, matching its current text.

        Pass the ``article`` when it is already loaded, to spare reading its file again.
        """
        from reader.quotes import find_quotes

        row = self.catalog.row(article_id)
        current = article if article is not None else self.article(article_id)
        if row is not None and current.body == row.body:
            return list(row.quotes)
        return find_quotes(current.body)

    def group_members(self, group: str) -> list[tuple[str, Quote]]:
        """``(article id, quote)`` of every quote in a cross-article group."""
        return [
            (article, quote)
            for article, quotes in self.catalog.group_quotes(group).items()
            for quote in quotes
            if quote.group == group
        ]

    def speakers(self, article_ids: Iterable[str] | None = None) -> list[Speaker]:
        """Everyone quoted in the archive, or only in these articles (a search's results),
        with their numbers of quotes, articles and outlets; most quoted first. The counts are
        kept per article at update time, so this is one query, not a pass over the quotes."""
        return self.catalog.speakers(article_ids)

    def speaker_quotes(self, name: str) -> dict[str, tuple[Quote, ...]]:
        """``{article id: quotes}`` of the speaker ``speakers()`` calls ``name``."""
        return self.catalog.speaker_quotes(name)

    def skipped(self) -> list[tuple[str, str]]:
        return self.catalog.skipped()

    # -- stories ----------------------------------------------------------------------------

    def stories(self, min_size: int = 2) -> list[Story]:
        """The stories (articles that report one event) of at least ``min_size`` articles,
        the largest first, each with its lead article first."""
        return self._stores.stories.stories(min_size)

    def story_listings(self, min_size: int = 2) -> list[str]:
        """``stories(min_size)`` as the JSON text of each ``Story.to_dict``, read as stored
        (what ``reader stories --json`` prints: a second at 100,000 articles otherwise)."""
        return self._stores.stories.listings(min_size)

    def stories_off(self) -> bool:
        """True when the corpus is too large for stories (``index.stories.stories_limit``):
        it is indexed and searched, without stories."""
        return self._stores.stories.is_off()

    def has_stories(self) -> bool:
        """True when at least two articles report one event."""
        return self._stores.stories.has_stories()

    def story_of(self, article_id: str) -> Story | None:
        """The story of this article; None when no other article reports its event."""
        return self._stores.stories.story_of(article_id)

    def story_summaries(self, article_ids: list[str]) -> dict[str, str]:
        """``{id: "5 outlets · 2 copies"}`` of those of these articles that share a story."""
        return self._stores.stories.summaries(article_ids)

    def align_sentences(self, left: Article, right: Article) -> SentenceAlignment:
        """Two articles aligned sentence by sentence (``reader.stories.align``), with the
        quotation groups both quote; sentence vectors are kept with the index."""
        return self._stores.stories.align(
            (left.id, left.title, left.body),
            (right.id, right.title, right.body),
            _quote_spans(self.quotes(left.id, left)),
            _quote_spans(self.quotes(right.id, right)),
        )


def _quote_spans(quotes: list[Quote]) -> list[tuple[int, int, str]]:
    return [(quote.start, quote.end, quote.group) for quote in quotes if quote.group]
