"""Reading: the user's data about one corpus (read state, stars, tags, notes, history) and
their saved searches, for the CLI and the TUI alike."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.locations import data_dir
from reader.personal import history, marks, notes, saved
from reader.personal.corpus import CorpusLibrary, next_unread
from reader.personal.identity import (
    Catalog,
    RecordKeys,
    corpus_scope,
    ensure_records,
    reconcile,
    record_keys,
)
from reader.personal.records import ArticleState, QuoteNote, SavedSearch, TagCount, Visit
from reader.personal.store import PersonalError, Store, guarded

if TYPE_CHECKING:
    from reader.models import SortKey
    from reader.personal.history import Trail

__all__ = ["CorpusLibrary", "Reading"]


class Reading:
    """The user's data about the articles of one corpus. Safe to share between threads.

    Records follow articles through rebuilds, moves and edits (see ``identity``); every
    write is one short transaction, so the TUI and a CLI call can write at once.
    """

    def __init__(self, store: Store, library: CorpusLibrary) -> None:
        self.store = store
        self.library = library
        self._corpus_id: int | None = None
        self._local = threading.local()  # each thread's last catalog mark seen

    @classmethod
    def open(cls, library: CorpusLibrary, folder: Path | None = None) -> Reading:
        """The user's data for this library's corpus, in ``folder`` (default: the platform's
        data folder, or $READER_DATA_DIR). PersonalError when it cannot be used."""
        folder = data_dir(folder)
        if folder.resolve().is_relative_to(Path(library.corpus).resolve()):
            # Loaded here: opening the user's data is on the first paint's path.
            from reader.articles.text import escape_controls

            raise PersonalError(
                f"the data folder {escape_controls(str(folder))} is inside the corpus, which"
                " is never written: set READER_DATA_DIR to a folder outside it"
            )
        return cls(Store.open(folder), library)

    # -- scope and identity -------------------------------------------------------------------

    @property
    def _catalog(self) -> Catalog:
        catalog: Catalog = self.library.catalog
        return catalog

    def _scope(self, create: bool = False) -> int | None:
        """The corpus's id in the database (None while nothing is stored for it), with its
        records matched to the catalog whenever the catalog has changed."""
        mark = (self.library.rebuilds, self.library.catalog.write_mark())
        if self._corpus_id is None:
            # looking for a corpus that moved here is worth it again only after an update
            adopt = create or getattr(self._local, "adoption_mark", None) != mark
            corpus = Path(self.library.corpus).resolve()
            self._corpus_id = corpus_scope(self.store, corpus, self._catalog, create, adopt)
            if self._corpus_id is None:
                self._local.adoption_mark = mark
                return None
        if getattr(self._local, "mark", None) != mark:
            reconcile(self.store, self._corpus_id, self._catalog)
            self._local.mark = mark
        return self._corpus_id

    @guarded
    def refresh(self) -> int:
        """Match the records to the catalog now (after an index update); how many changed."""
        self._local.mark = None
        corpus_id = self._scope()
        if corpus_id is None:
            return 0
        return reconcile(self.store, corpus_id, self._catalog)

    @contextmanager
    def _records(
        self, article_ids: Iterable[str]
    ) -> Iterator[tuple[sqlite3.Connection, RecordKeys]]:
        """A write transaction and the record keys of these articles, created as needed;
        PersonalError for an id that is neither stored nor in the corpus.

        The corpus and the articles are looked up before the transaction starts, so the
        write lock is held only for the write itself.
        """
        corpus_id = self._scope(create=True)
        assert corpus_id is not None
        wanted = list(dict.fromkeys(article_ids))
        stored = record_keys(self.store.read(), corpus_id, wanted)
        known = self._known([article_id for article_id in wanted if article_id not in stored])
        known.update((article_id, (None, None)) for article_id in stored)  # never deleted
        with self.store.write() as connection:
            yield connection, RecordKeys(corpus_id, ensure_records(connection, corpus_id, known))

    def _known(self, article_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """``{id: (digest, title)}``; PersonalError for ids the corpus does not have."""
        from reader.articles.text import escape_controls
        from reader.index import LibraryError

        digests = self._catalog.digests(article_ids)
        known: dict[str, tuple[str | None, str | None]] = {}
        unknown = []
        for article_id in article_ids:
            summary = self.library.summary(article_id) if article_id in digests else None
            if summary is not None:
                known[article_id] = (digests[article_id], summary.title)
                continue
            try:  # not indexed yet (an index being built): the file says whether it exists
                known[article_id] = (None, self.library.article(article_id).title)
            except LibraryError:
                unknown.append(article_id)
        if unknown:
            more = f" (and {len(unknown) - 1} more)" if len(unknown) > 1 else ""
            raise PersonalError(f"no article with id {escape_controls(unknown[0])!r}{more}")
        return known

    # -- read state and stars -----------------------------------------------------------------

    @guarded
    def mark_read(self, article_ids: Iterable[str], read: bool = True) -> int:
        """Mark these articles read (or unread); how many changed."""
        with self._records(article_ids) as (connection, keys):
            return marks.set_flag(connection, "read", keys.all, read)

    @guarded
    def opened(self, article_id: str) -> None:
        """An article was opened: it is read, and it joins the history."""
        with self._records([article_id]) as (connection, keys):
            marks.set_flag(connection, "read", keys.all, True)
            history.record_visit(connection, keys.corpus_id, keys.of(article_id))

    @guarded
    def toggle_read(self, article_id: str) -> bool:
        """Flip an article's read state; returns whether it is now read."""
        return self._toggle("read", article_id)

    @guarded
    def star(self, article_ids: Iterable[str], starred: bool = True) -> int:
        """Star (or unstar) these articles; how many changed."""
        with self._records(article_ids) as (connection, keys):
            return marks.set_flag(connection, "starred", keys.all, starred)

    @guarded
    def toggle_star(self, article_id: str) -> bool:
        """Flip an article's star; returns whether it is now starred."""
        return self._toggle("starred", article_id)

    def _toggle(self, flag: str, article_id: str) -> bool:
        with self._records([article_id]) as (connection, keys):
            if marks.set_flag(connection, flag, keys.all, True):
                return True
            marks.set_flag(connection, flag, keys.all, False)
            return False

    @guarded
    def read_ids(self) -> set[str]:
        """Ids of the corpus's read articles (every other article is unread)."""
        corpus_id = self._scope()
        return set() if corpus_id is None else marks.ids_with(self.store.read(), corpus_id, "read")

    @guarded
    def starred_ids(self) -> set[str]:
        corpus_id = self._scope()
        if corpus_id is None:
            return set()
        return marks.ids_with(self.store.read(), corpus_id, "starred")

    @guarded
    def next_unread(
        self, after: str | None = None, sort: SortKey = "date", descending: bool = False
    ) -> str | None:
        """The first unread article after ``after`` in the list's order, going round to the
        top; None when every article is read."""
        return next_unread(self.library, self.read_ids(), after, sort, descending)

    # -- tags -------------------------------------------------------------------------------

    @guarded
    def tag(self, article_ids: Iterable[str], tags: Iterable[str]) -> int:
        """Give every article every tag; how many (article, tag) pairs are new."""
        cleaned = [marks.clean_tag(tag)[0] for tag in tags]
        with self._records(article_ids) as (connection, keys):
            return marks.add_tags(connection, keys.all, cleaned)

    @guarded
    def untag(self, article_ids: Iterable[str], tags: Iterable[str]) -> int:
        """Take these tags (any case) off these articles; how many pairs went."""
        with self._records(article_ids) as (connection, keys):
            return marks.remove_tags(connection, keys.all, list(tags))

    @guarded
    def tags(self) -> list[TagCount]:
        """Every tag in the corpus with its number of articles, most used first."""
        corpus_id = self._scope()
        return [] if corpus_id is None else marks.tag_counts(self.store.read(), corpus_id)

    @guarded
    def tagged_ids(self, tag: str) -> set[str]:
        """Ids of articles with this tag (any case; ``name*`` for tags starting so)."""
        corpus_id = self._scope()
        if corpus_id is None:
            return set()
        return marks.tagged_ids(self.store.read(), corpus_id, tag)

    # -- notes ------------------------------------------------------------------------------

    @guarded
    def set_note(self, article_id: str, text: str | None) -> None:
        """Write the article's note (replacing it); None or blank text deletes it."""
        note = notes.clean_note(text)
        with self._records([article_id]) as (connection, keys):
            notes.set_note(connection, keys.of(article_id), note)

    @guarded
    def set_quote_note(
        self, article_id: str, quote_texts: Sequence[str], index: int, text: str | None
    ) -> None:
        """Write the note on quotation ``index`` of the article, whose quotations' texts are
        ``quote_texts`` in order; None or blank text deletes it."""
        from reader.articles.text import escape_controls

        if not 0 <= index < len(quote_texts):
            raise PersonalError(
                f"no quotation {index + 1} in {escape_controls(article_id)!r}"
                f" (it has {len(quote_texts)})"
            )
        note = notes.clean_note(text)
        occurrence = notes.quote_keys(quote_texts)[index][1]
        with self._records([article_id]) as (connection, keys):
            key = keys.of(article_id)
            notes.set_quote_note(connection, key, quote_texts[index], occurrence, note)

    @staticmethod
    def quote_notes_for(state: ArticleState, quote_texts: Sequence[str]) -> dict[int, QuoteNote]:
        """``{quotation index: note}`` for the article's current quotations."""
        return notes.match_quote_notes(state.quote_notes, quote_texts)

    @guarded
    def noted_ids(self) -> set[str]:
        corpus_id = self._scope()
        return set() if corpus_id is None else notes.noted_ids(self.store.read(), corpus_id)

    @guarded
    def note_ids_matching(self, words: str, form: Callable[[str], str] | None = None) -> set[str]:
        """Ids of articles whose notes (quotation notes included) have all these words."""
        corpus_id = self._scope()
        if corpus_id is None:
            return set()
        texts = notes.note_texts(self.store.read(), corpus_id)
        return notes.notes_matching(texts, words, form)

    # -- what the user did with articles ----------------------------------------------------

    @guarded
    def state(self, article_id: str) -> ArticleState:
        return self.states([article_id]).get(article_id, ArticleState(article_id))

    @guarded
    def states(self, article_ids: Iterable[str]) -> dict[str, ArticleState]:
        """The state of each of these articles that has one (others: ``ArticleState(id)``)."""
        corpus_id = self._scope()
        if corpus_id is None:
            return {}
        return marks.states(self.store.read(), corpus_id, article_ids)

    # -- history ----------------------------------------------------------------------------

    @guarded
    def visits(self, limit: int = 50) -> list[Visit]:
        """The last openings in this corpus, newest first."""
        corpus_id = self._scope()
        return [] if corpus_id is None else history.visits(self.store.read(), corpus_id, limit)

    def trail(self) -> Trail:
        """Back/forward navigation for a session, starting from the stored history."""
        from reader.personal.history import Trail

        past = [visit.article_id for visit in reversed(self.visits(history.HISTORY_LENGTH))]
        return Trail(past)

    # -- saved searches (the same for every corpus) -----------------------------------------

    @guarded
    def save_search(self, name: str, query: str) -> SavedSearch | None:
        """Save (or replace) a named query; returns the one it replaced."""
        return saved.add_saved(self.store, name, query)

    @guarded
    def remove_search(self, name: str) -> SavedSearch:
        return saved.remove_saved(self.store, name)

    @guarded
    def saved_search(self, name: str) -> SavedSearch:
        return saved.saved(self.store, name)

    @guarded
    def saved_searches(self) -> list[SavedSearch]:
        return saved.saved_searches(self.store)

    def close(self) -> None:
        self.store.close()
