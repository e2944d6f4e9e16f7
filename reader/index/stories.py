"""The stories of an index (``reader.stories``): their own SQLite file beside the catalog,
updated with every index update, and made again from the catalog when it is missing,
damaged, made by other stories code, or behind the catalog (an update that stopped half-way).

The file holds ``reader.stories.store``'s tables, the stored sentence vectors of compare
(``reader.stories.embeddings``) and one table of its own state. Reading stories needs no
numpy: the clustering code is imported by updates and compares only.
"""

from __future__ import annotations

import functools
import os
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from reader.index.catalog import Catalog
from reader.index.folder import file_identity
from reader.index.stories_ahead import TABLES, StoriesAhead, make_tables, row_text, write_all
from reader.sqlite import select_in
from reader.summaries import story_summary

if TYPE_CHECKING:
    from reader.index.rows import Row
    from reader.models import Story, StoryMember
    from reader.stories.align import SentenceAlignment
    from reader.stories.store import StoryText

__all__ = ["StoryChange", "StoryIndex", "stories_limit"]

# From this many changed articles on (or a tenth of the catalog) the stories are clustered
# again from scratch: one pass over the corpus beats re-placing each article in turn.
_FULL_REBUILD = 2000
# The code whose output the file holds, under reader/: stories made by other code are made
# again. The models and summaries write each story's stored listing (``reader stories
# --json`` prints it as stored).
_STORY_CODE = (
    "stories/clustering.py",
    "stories/copies.py",
    "stories/days.py",
    "stories/features.py",
    "stories/fresh.py",
    "stories/graph.py",
    "stories/joining.py",
    "stories/pair_products.py",
    "stories/rows.py",
    "stories/sparse_rows.py",
    "stories/store.py",
    "stories/whole.py",
    "models.py",
    "summaries.py",
)


_DEFAULT_LIMIT = 100_000


def stories_limit() -> int:
    """$READER_STORIES_MAX, or 100,000: above this many articles no stories are made.

    Measured (``benchmarks/stories_eval/scale.py``): 100,000 articles (BBC and Reuters
    copied four times: 24,000 distinct texts) peaked at 1.0 GB, 20,000 distinct articles at
    0.65 GB (before the pairs were kept as arrays, thinned and clustered part by part: 3.1 GB,
    and 100,000 ran out of 23 GB). A corpus larger than measured is indexed and searched
    without stories rather than risking the machine's memory; the variable raises the limit.
    """
    try:
        limit = int(os.environ.get("READER_STORIES_MAX", ""))
    except ValueError:
        return _DEFAULT_LIMIT
    return limit if limit >= 0 else _DEFAULT_LIMIT


class StoryChange(NamedTuple):
    """What one index update changes: the new rows and the old text of replaced ones.

    A named tuple, not a frozen dataclass: this module loads on the first paint's path, and a
    frozen dataclass costs ~0.5 ms to create (a named tuple ~0.08).
    """

    added: tuple[Row, ...]
    removed: Mapping[str, tuple[str, str | None, str | None, str]]
    """``{id: (title, source, date, body)}`` of deleted and changed articles, as they were."""
    rebuild: bool
    """The stories were not in line with the catalog before this update: make them again."""


@functools.cache
def _code_version() -> str:
    """A digest of the stories code (read as files: importing it would load numpy), once a
    process."""
    folder = Path(__file__).resolve().parents[1]
    import hashlib  # not on the first paint's path (its OpenSSL binding: ~2 ms)

    digest = hashlib.blake2b(digest_size=12)
    for name in _STORY_CODE:
        try:
            digest.update((folder / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()


class StoryIndex:
    """The stories file of one index folder; one connection per thread."""

    def __init__(self, path: Path, catalog: Catalog, ahead_path: Path | None = None) -> None:
        self.path = path
        self.catalog = catalog
        self._local = threading.local()
        self.ahead_path = ahead_path
        """Where a first build's stories are made beside it (``stories_ahead``; None: in
        this process, after the index write)."""
        self._ahead: StoriesAhead | None = None
        """A first build's stories being made in a child process (``stories_ahead``)."""

    # -- connections ---------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        """This thread's connection, opened again when the file has been replaced."""
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        identity = file_identity(self.path)
        if connection is not None and identity != self._local.identity:
            connection.close()
            connection = None
        if connection is None:
            connection = sqlite3.connect(self.path, timeout=30)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection = connection
            self._local.identity = file_identity(self.path)
        return connection

    @contextmanager
    def _reading(self) -> Iterator[sqlite3.Connection | None]:
        """This thread's connection, or None when there is no readable stories file (the
        next update makes it): readers then see no stories instead of an error."""
        if not self.path.exists():
            yield None
            return
        try:
            yield self._connection()
        except sqlite3.DatabaseError:
            yield None

    def close(self) -> None:
        self.cancel()
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is not None:
            connection.close()
            self._local.connection = None

    # -- keeping up with the catalog -----------------------------------------------------

    def problem(self) -> str | None:
        """Why the stories must be made again from the catalog, None when they are current."""
        if not self.path.exists():
            return "no stories yet"
        try:
            connection = self._connection()
            state = dict(connection.execute("SELECT key, value FROM story_state"))
            if state.get("off"):
                return None if self.too_many() else "stories were off for a larger corpus"
            if state.get("pending"):
                return "an update stopped before the stories were updated"
            if state.get("code") != _code_version():
                return "made by other stories code"
            members = connection.execute("SELECT count(*) FROM story_members").fetchone()[0]
        except sqlite3.DatabaseError as error:
            return f"unreadable ({error})"
        if members != self.catalog.count():
            return f"{members} articles in stories but {self.catalog.count()} in the catalog"
        return None

    def prepare(self, added: Sequence[Row], replaced_ids: Iterable[str]) -> StoryChange:
        """Before the catalog is written: the old text of the articles about to change, and
        a mark saying the stories are behind until ``apply`` has run."""
        if self.too_many() and self.is_off():
            # No stories for this corpus: nothing to mark, and the stories code (numpy,
            # datasketch: about 0.6 s to import) stays unloaded on this update's path.
            return StoryChange(tuple(added), {}, rebuild=False)
        replaced = self.catalog.hit_details(replaced_ids)
        rebuild = self.problem() is not None
        try:
            with self._writing() as connection:
                connection.execute("INSERT OR REPLACE INTO story_state VALUES ('pending', '1')")
        except sqlite3.DatabaseError:
            pass  # a damaged file: ``apply`` makes a new one
        change = StoryChange(tuple(added), replaced, rebuild)
        first_build = not replaced and self.catalog.count() == 0 and self.kept_for(len(added))
        if first_build and self.ahead_path is not None:
            # every story made again from these rows, beside the index write
            self._ahead = StoriesAhead.start(change.added, self.ahead_path)
        return change

    def cancel(self) -> None:
        """Stop the stories of a first build being made beside it (the update failed)."""
        ahead, self._ahead = self._ahead, None
        if ahead is not None:
            ahead.cancel()

    def too_many(self) -> bool:
        """True when the corpus has more articles than stories are made for."""
        return not self.kept_for(self.catalog.count())

    @staticmethod
    def kept_for(articles: int) -> bool:
        """True when a corpus of this many articles has stories (an update then has the
        index workers compute each article's story features, ``Row.story``)."""
        return articles <= stories_limit()

    def is_off(self) -> bool:
        """True when no stories are kept because the corpus is over the limit."""
        with self._reading() as connection:
            if connection is None:
                return self.too_many()
            try:
                found = connection.execute("SELECT 1 FROM story_state WHERE key = 'off'")
                return found.fetchone() is not None
            except sqlite3.OperationalError:
                return self.too_many()

    def _switch_off(self) -> None:
        """No stories for this corpus (over the limit): empty tables, marked off."""
        with self._writing() as connection:
            for table in TABLES:
                connection.execute(f"DELETE FROM {table}")
            connection.execute("INSERT OR REPLACE INTO story_state VALUES ('off', '1')")
            _finish(connection)

    def apply(self, change: StoryChange) -> None:
        """After the catalog is written: re-place the changed articles, or make every story
        again when the file is unusable or much has changed."""
        ahead, self._ahead = self._ahead, None
        try:
            self._apply(change, ahead)
        finally:
            if ahead is not None:  # its child stopped and its file removed, whatever happened
                ahead.cancel()

    def _apply(self, change: StoryChange, ahead: StoriesAhead | None) -> None:
        if self.too_many():
            if change.rebuild or not self.is_off():
                self._switch_off()
            return
        from reader.stories import store  # numpy and datasketch: only when stories are kept

        added_ids = {row.id for row in change.added}
        changes = len(added_ids | change.removed.keys())
        if (
            change.rebuild
            or self.is_off()  # back under the limit: made from scratch
            or changes >= _FULL_REBUILD
            or changes * 10 >= max(self.catalog.count(), 1)
        ):
            # A first build holds every article, with its features: no second read
            whole = not change.removed and len(added_ids) == self.catalog.count()
            ours = ahead if whole and ahead is not None and ahead.rows is change.added else None
            if ours is not None and self._copy_ahead(ours):  # made beside the index write
                return
            self.rebuild(change.added if whole else None)
            return
        added = {row.id: row_text(row) for row in change.added}
        removed = {
            article: _story_text(article, *fields) for article, fields in change.removed.items()
        }
        with self._writing() as connection:
            store.update(connection, added, removed, self._texts)
            _finish(connection)

    def rebuild(self, rows: Sequence[Row] | None = None) -> None:
        """Make every story again from the catalog (a new file when this one is damaged);
        ``rows``: every article of the catalog, as an update just wrote them (read from
        the catalog when None)."""
        try:
            self._rebuild_in_place(rows)
        except sqlite3.DatabaseError:
            self.close()
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)
            self._rebuild_in_place(rows)

    def _copy_ahead(self, ahead: StoriesAhead) -> bool:
        """The stories a child made beside the build, copied in and marked current; False
        when it failed or the file is damaged (the caller makes them itself)."""
        try:
            connection = self._connection()
            make_tables(connection)
            return ahead.copy_into(connection, _finish)
        except sqlite3.DatabaseError:
            return False

    def _rebuild_in_place(self, rows: Sequence[Row] | None) -> None:
        if self.too_many():
            self._switch_off()
            return
        from reader.stories import store

        with self._writing() as connection:
            if rows is not None:
                write_all(connection, rows)
            else:
                connection.execute("DELETE FROM story_state WHERE key = 'off'")
                if self.catalog.count():  # in the catalog's order (by id)
                    store.rebuild(connection, self._all_texts(), self._texts)
                else:  # an empty corpus: no stories (the clustering needs one article)
                    for table in ("story_members", "story_postings", "story_df", "stories"):
                        connection.execute(f"DELETE FROM {table}")
            _finish(connection)

    @contextmanager
    def _writing(self) -> Iterator[sqlite3.Connection]:
        """One transaction on this thread's connection, the tables made when missing."""
        connection = self._connection()
        make_tables(connection)
        with connection:
            yield connection

    def _texts(self, article_ids: Iterable[str]) -> dict[str, StoryText]:
        """The catalog's text of these articles (``store.TextSource``)."""
        found = self.catalog.hit_details(article_ids)
        return {
            article: _story_text(article, title, source, date, body)
            for article, (title, source, date, body) in found.items()
        }

    def _all_texts(self) -> Iterator[StoryText]:
        for article, title, source, date, body in self.catalog.article_texts():
            yield _story_text(article, title, source, date, body)

    # -- reading -------------------------------------------------------------------------

    def stories(self, min_size: int = 2) -> list[Story]:
        """Every story of at least ``min_size`` articles, the largest first: one query
        answered from the stories' index and a covering index of their members (100,000
        articles: 0.14 s, against 0.4 s reading the member rows with their MinHash)."""
        from reader.models import (  # reader.models loads after the list's first paint
            Story,
            StoryMember,
        )

        with self._reading() as connection:
            if connection is None:
                return []
            rows = connection.execute(
                "SELECT s.id, s.title, m.article, m.title, m.source, m.date, m.copy_of"
                " FROM stories s JOIN story_members m ON m.story = s.id WHERE s.size >= ?"
                " ORDER BY s.size DESC, s.id",
                (max(min_size, 1),),
            )
            heads: list[tuple[str, str]] = []
            members: list[list[StoryMember]] = []
            for story, title, article, member_title, source, date, copy_of in rows:
                if not heads or heads[-1][0] != story:
                    heads.append((story, title or ""))
                    members.append([])
                members[-1].append(StoryMember(article, member_title or "", source, date, copy_of))
        return [
            Story.of(story, title, found)
            for (story, title), found in zip(heads, members, strict=True)
        ]

    def listings(self, min_size: int = 2) -> list[str]:
        """Every story of at least ``min_size`` articles as the JSON of ``Story.to_dict``,
        the largest first: stored with each story when it is written, so listing 100,000
        articles' stories reads one text a story instead of making 100,000 members."""
        with self._reading() as connection:
            if connection is None:
                return []
            rows = connection.execute(
                "SELECT listing FROM stories WHERE size >= ? ORDER BY size DESC, id",
                (max(min_size, 1),),
            )
            found = [listing for (listing,) in rows]
        if None in found:  # written without one (should not be): made from the members
            import json  # not on the first paint's path

            found = [json.dumps(s.to_dict(), ensure_ascii=False) for s in self.stories(min_size)]
        return found

    def has_stories(self) -> bool:
        """True when some articles share a story (the article list then shows a column)."""
        with self._reading() as connection:
            if connection is None:
                return False
            try:
                found = connection.execute("SELECT 1 FROM stories WHERE size > 1 LIMIT 1")
                return found.fetchone() is not None
            except sqlite3.OperationalError:
                return False

    def story_of(self, article_id: str) -> Story | None:
        """The story this article is in, None when no other article reports its event."""
        from reader.models import Story  # reader.models loads after the list's first paint

        with self._reading() as connection:
            if connection is None:
                return None
            found = connection.execute(
                "SELECT s.id, s.title, s.size FROM story_members m JOIN stories s"
                " ON s.id = m.story WHERE m.article = ?",
                (article_id,),
            ).fetchone()
            if found is None or found[2] < 2:
                return None
            members = _members(connection, [found[0]])
        return Story(found[0], found[1] or "", tuple(members.get(found[0], ())))

    def summaries(self, article_ids: Iterable[str]) -> dict[str, str]:
        """``{id: "5 outlets · 2 copies"}`` for those of these articles that share a story
        (what the article list shows beside each one)."""
        with self._reading() as connection:
            if connection is None:
                return {}
            story_of = dict(
                select_in(
                    connection,
                    "SELECT m.article, m.story FROM story_members m JOIN stories s"
                    " ON s.id = m.story AND s.size > 1 WHERE m.article IN",
                    article_ids,
                )
            )
            counts = select_in(
                connection,
                "SELECT story, COUNT(*), COUNT(DISTINCT NULLIF(source, '')), COUNT(copy_of)"
                " FROM story_members WHERE story IN",
                set(story_of.values()),
                " GROUP BY story",
            )  # what ``Story.summary`` counts, without reading every member
            labels = {story: story_summary(*numbers) for story, *numbers in counts}
        return {article: labels[story] for article, story in story_of.items() if story in labels}

    def align(
        self,
        left: tuple[str, str, str],
        right: tuple[str, str, str],
        left_quotes: Iterable[tuple[int, int, str]] = (),
        right_quotes: Iterable[tuple[int, int, str]] = (),
    ) -> SentenceAlignment:
        """Two articles ``(id, title, body)`` aligned sentence by sentence, their sentence
        vectors read from the file or stored in it (kept in memory when it cannot be written)."""
        from reader.stories import embeddings

        try:
            connection = self._connection()
            connection.executescript(embeddings.SCHEMA)
            return embeddings.compare_texts(connection, left, right, left_quotes, right_quotes)
        except sqlite3.DatabaseError:  # a read-only or damaged folder: compute, keep nothing
            memory = sqlite3.connect(":memory:")
            memory.executescript(embeddings.SCHEMA)
            try:
                return embeddings.compare_texts(memory, left, right, left_quotes, right_quotes)
            finally:
                memory.close()


def _finish(connection: sqlite3.Connection) -> None:
    """Record that the stories are in line with the catalog, made by this code."""
    connection.execute("DELETE FROM story_state WHERE key = 'pending'")
    connection.execute("INSERT OR REPLACE INTO story_state VALUES ('code', ?)", (_code_version(),))


def _members(
    connection: sqlite3.Connection, stories: Iterable[str]
) -> dict[str, list[StoryMember]]:
    """The members of these stories, each story's lead first, then by date."""
    from reader.models import Story, StoryMember  # reader.models loads after the list's first paint

    rows = select_in(
        connection,
        "SELECT story, article, title, source, date, copy_of FROM story_members WHERE story IN",
        stories,
    )
    found: dict[str, list[StoryMember]] = {}
    for story, article, title, source, date, copy_of in rows:
        member = StoryMember(article, title or "", source, date, copy_of)
        found.setdefault(story, []).append(member)
    return {story: list(Story.of(story, "", members).articles) for story, members in found.items()}


def _story_text(
    article: str, title: str | None, source: str | None, date: str | None, body: str | None
) -> StoryText:
    from reader.stories.store import StoryText

    return StoryText(article, title or "", body or "", date, source)
