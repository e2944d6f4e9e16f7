"""The Library: a corpus folder and its index, read by searches, the CLI and the UI (the
building and updating half is ``reader.index.updates``)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from reader.articles import ArticleError, load_article
from reader.articles.text import escape_controls
from reader.articles.walk import ARTICLE_SUFFIXES
from reader.index.updates import _META, Indexing, LibraryError, ProgressCallback
from reader.locations import index_dir_for
from reader.models import Article, ArticleSummary, Quote, SortKey, UpdateReport
from reader.quotes import find_quotes

if TYPE_CHECKING:  # searching is loaded by the first search, not by opening the list
    from whoosh.searching import Searcher

__all__ = [
    "ArticleNotFound",
    "ArticleSummary",
    "Library",
    "LibraryError",
    "ProgressCallback",
    "UpdateReport",
]


class ArticleNotFound(LibraryError):
    """No article with that id in the index."""


class Library(Indexing):
    """An article corpus and its index. Safe to share between threads."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        super().__init__(corpus, index_dir)
        self._searchers: dict[int, tuple[threading.Thread, Searcher, _Rebuilds]] = {}
        """Each thread's searcher by thread id, with the rebuilds its files are of; a finished
        thread's is handed to the next."""

    @classmethod
    def open(cls, corpus: Path, index_dir: Path | None = None) -> Library:
        """Check the corpus folder and locate its index (nothing is built yet)."""
        corpus = Path(corpus).expanduser()
        if not corpus.is_dir():
            problem = "does not exist" if not corpus.exists() else "is not a folder"
            raise LibraryError(f"corpus {corpus} {problem}")
        return cls(corpus.resolve(), index_dir_for(corpus, index_dir))

    # -- reading ----------------------------------------------------------------------------

    def searcher(self) -> Searcher:
        """This thread's searcher, refreshed when the index has changed since last use.

        UIs search in a new worker thread each time; a searcher left by a finished thread is
        reused (opening one costs more than most queries), never one a live thread may use.
        """
        thread = threading.current_thread()
        with self._open_lock:
            owned = self._searchers.get(thread.ident or 0)
            kept = owned[1:] if owned is not None and owned[0] is thread else None
            if kept is None:
                kept = self._take_orphan()
        # A rebuild, here or by another process (which rewrites the meta file), replaces the
        # files; Whoosh's generation numbers start again, so up_to_date() cannot tell.
        rebuilds = (self.rebuilds, _identity(self.index_dir / _META))
        if kept is None or kept[1] != rebuilds:
            # none yet, or one of files that a rebuild has since replaced: never refreshed
            searcher = self.ix.searcher()
        elif not kept[0].up_to_date():
            try:
                searcher = kept[0].refresh()
            except TypeError:  # Whoosh cannot refresh a searcher of an empty (new) index
                searcher = self.ix.searcher()
        else:
            searcher = kept[0]
        with self._open_lock:
            self._searchers[thread.ident or 0] = (thread, searcher, rebuilds)
        return searcher

    def _take_orphan(self) -> tuple[Searcher, _Rebuilds] | None:
        """Remove the searchers of finished threads; return one of them (call under lock)."""
        orphan: tuple[Searcher, _Rebuilds] | None = None
        for key, (owner, searcher, rebuilds) in list(self._searchers.items()):
            if owner.is_alive():
                continue
            del self._searchers[key]
            if orphan is None:
                orphan = (searcher, rebuilds)
            else:
                searcher.close()
        return orphan

    def summaries(self, sort: SortKey = "id", descending: bool = False) -> list[ArticleSummary]:
        return self.catalog.summaries(sort, descending)

    def summaries_page(
        self, offset: int, limit: int, sort: SortKey = "date", descending: bool = False
    ) -> list[ArticleSummary]:
        """One page of the article list (see ``Catalog.summaries_page``); UIs show a long
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
        summary = self.catalog.summary(article_id)
        relative = summary.path if summary else self._path_of_unindexed(article_id)
        if relative is None:
            raise ArticleNotFound(f"no article with id {escape_controls(article_id)!r}")
        try:
            return load_article(self.corpus / relative, self.corpus)
        except ArticleError as error:
            raise LibraryError(f"{escape_controls(relative)}: {error}") from None

    def _path_of_unindexed(self, article_id: str) -> str | None:
        """The file of an id the catalog does not hold (yet): during a rebuild the list on
        screen still shows articles the new catalog has not reached."""
        for suffix in sorted(ARTICLE_SUFFIXES):
            candidate = self.corpus / f"{article_id}{suffix}"
            inside = candidate.resolve().is_relative_to(self.corpus)
            if inside and candidate.is_file():
                return f"{article_id}{suffix}"
        return None

    def quotes(self, article_id: str, article: Article | None = None) -> list[Quote]:
        """The article's quotations with cross-article groups, matching its current text.

        Pass the ``article`` when it is already loaded, to spare reading its file again.
        """
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

    def skipped(self) -> list[tuple[str, str]]:
        return self.catalog.skipped()

    def close(self) -> None:
        thread = threading.current_thread()
        with self._open_lock:
            owned = self._searchers.pop(thread.ident or 0, None)
            orphan = self._take_orphan()
        for searcher in (owned[1] if owned else None, orphan[0] if orphan else None):
            if searcher is not None:
                searcher.close()
        super().close()


# What a searcher's files are of: this Library's rebuild count and the meta file's identity.
_Rebuilds = tuple[int, tuple[int, int] | None]


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns
