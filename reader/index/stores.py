"""The two stores of an index folder, the Whoosh index and the SQLite catalog: opened on
first use, checked for damage, and created anew together."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader import __version__
from reader.index.catalog import CATALOG_VERSION, Catalog
from reader.index.folder import IndexFolder, file_identity
from reader.index.searchers import Searchers
from reader.index.stories import StoryIndex

# Whoosh, the engine and the article reader are loaded by the methods that use them: the
# list's first paint reads only the catalog (``count``, ``catalog``).

if TYPE_CHECKING:
    from whoosh.searching import Searcher

__all__ = ["Stores"]


class Stores:
    """The Whoosh index and the catalog of one index folder. Safe to share between threads;
    the folder may be swapped for another (a temporary one when ours cannot be written)."""

    def __init__(self, folder: IndexFolder) -> None:
        self.folder = folder
        self._ix: Any = None
        self._catalog: Catalog | None = None
        self._stories: StoryIndex | None = None
        self._open_lock = threading.Lock()
        self._searchers = Searchers()
        self.rebuilds = 0
        """How many times these stores were created anew, so readers can tell."""

    @property
    def ix(self) -> Any:
        """The Whoosh index."""
        with self._open_lock:
            if self._ix is None:
                from reader.engine.files import open_index

                self._ix = open_index(self.folder.whoosh)
            return self._ix

    @property
    def catalog(self) -> Catalog:
        with self._open_lock:
            if self._catalog is None:
                self.folder.path.mkdir(parents=True, exist_ok=True)
                self._catalog = Catalog(self.folder.catalog)
            return self._catalog

    @property
    def stories(self) -> StoryIndex:
        """The stories, kept in their own file beside the catalog."""
        catalog = self.catalog
        with self._open_lock:
            if self._stories is None or self._stories.catalog is not catalog:
                self._stories = StoryIndex(self.folder.stories, catalog, self.folder.stories_ahead)
            return self._stories

    def searcher(self) -> Searcher:
        """This thread's searcher of the Whoosh index, up to date."""
        # A rebuild, here or by another process (which rewrites the meta file), replaces the
        # files; Whoosh's generation numbers start again, so up_to_date() cannot tell.
        generation = (self.rebuilds, file_identity(self.folder.meta))
        return self._searchers.get(lambda: self.ix.searcher(), generation)

    def is_current(self) -> bool:
        """True when both stores exist and were made by this version's formats and settings."""
        from reader.articles.read import max_article_bytes
        from reader.engine import schema
        from reader.index.damage import whoosh_exists

        meta = self.folder.read_meta()
        return (
            meta is not None
            and meta.get("schema") == schema.SCHEMA_VERSION
            and meta.get("catalog") == CATALOG_VERSION
            and meta.get("max_article_bytes", max_article_bytes()) == max_article_bytes()
            and whoosh_exists(self.folder.whoosh)
            and self.folder.catalog.exists()
        )

    def damage(self) -> str | None:
        """Why the stores on disk cannot be read, or None when they open and agree.

        A cheap check (no full scan): both stores open and hold the same number of articles,
        and no search has found a damaged file since the last build.
        """
        from reader.index.damage import DAMAGE_ERRORS, describe, whoosh_documents

        note = self.folder.damage_note()
        if note is not None:
            return note
        try:
            documents = whoosh_documents(self.folder.whoosh)
            articles = self.catalog.count()
        except DAMAGE_ERRORS as error:
            self.close()
            return describe(error)
        if documents != articles:
            return f"{documents} articles searchable but {articles} in the catalog"
        return None

    def create(self, corpus: Path) -> None:
        """Make empty stores, replacing ours (never foreign files: see ``IndexFolder.clear``).

        Other threads may be searching: nothing can open the catalog while its files are
        replaced, and their searchers of the old files are retired (see ``searcher``).
        """
        from whoosh import index as whoosh_index

        from reader.articles.read import max_article_bytes
        from reader.engine.schema import SCHEMA_VERSION, make_schema

        self.close()
        with self._open_lock:
            self._ix = self._catalog = self._stories = None
            self.folder.clear()
            self.rebuilds += 1
            self.folder.whoosh.mkdir(parents=True, exist_ok=True)
            whoosh_index.create_in(self.folder.whoosh, make_schema())
            self._catalog = Catalog(self.folder.catalog)
        # A new size limit rebuilds: files skipped as too large get another chance.
        meta = {"schema": SCHEMA_VERSION, "version": __version__, "corpus": str(corpus)}
        meta |= {"catalog": CATALOG_VERSION, "max_article_bytes": max_article_bytes()}
        self.folder.write_meta(meta)

    def move_to(self, folder: IndexFolder) -> None:
        """Use the stores in another folder from now on."""
        self.close()
        self.folder = folder

    def count(self) -> int:
        """How many articles are indexed; 0 when the catalog is damaged (an update rebuilds)."""
        try:
            return self.catalog.count()
        except sqlite3.DatabaseError:
            return 0

    def close(self) -> None:
        """Let go of the stores, this thread's searcher and those of finished threads."""
        self._searchers.close()
        if self._stories is not None:
            self._stories.close()
            self._stories = None
        if self._catalog is not None:
            self._catalog.close()
            self._catalog = None
        self._ix = None
