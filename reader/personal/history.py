"""The history of opened articles, kept across sessions, and back/forward through it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable

from reader.personal.records import Visit, from_ns
from reader.personal.store import now_ns

__all__ = ["HISTORY_LENGTH", "Trail", "record_visit", "visits"]

HISTORY_LENGTH = 1000
"""Visits kept per corpus; older ones are forgotten."""


def record_visit(connection: sqlite3.Connection, corpus_id: int, key: int) -> None:
    """Add an opening of the record ``key`` (inside a write); opening the article that was
    opened last adds nothing."""
    last = connection.execute(
        "SELECT key FROM visits WHERE corpus = ? ORDER BY seq DESC LIMIT 1", (corpus_id,)
    ).fetchone()
    if last is not None and last[0] == key:
        return
    cursor = connection.execute(
        "INSERT INTO visits (corpus, key, at_ns) VALUES (?, ?, ?)", (corpus_id, key, now_ns())
    )
    if (cursor.lastrowid or 0) % 64 == 0:  # now and then, not on every opening
        connection.execute(
            "DELETE FROM visits WHERE corpus = ? AND seq <= (SELECT seq FROM visits"
            " WHERE corpus = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)",
            (corpus_id, corpus_id, HISTORY_LENGTH),
        )


def visits(connection: sqlite3.Connection, corpus_id: int, limit: int) -> list[Visit]:
    """The last ``limit`` openings in the corpus, newest first."""
    rows = connection.execute(
        "SELECT articles.article_id, articles.title, visits.at_ns FROM visits"
        " JOIN articles USING (key) WHERE visits.corpus = ? ORDER BY visits.seq DESC LIMIT ?",
        (corpus_id, limit),
    )
    return [Visit(article_id, title, from_ns(at)) for article_id, title, at in rows]


class Trail:
    """Back and forward through opened articles, as in a web browser.

    Opening an article (``visit``) after going back drops the articles ahead. Start it with
    the stored history (oldest first) so ``back`` works in a new session too.
    """

    def __init__(self, past: Iterable[str] = ()) -> None:
        self._back: list[str] = []
        self._ahead: list[str] = []
        self.current: str | None = None
        """The article on screen, None before the first opening of this session."""
        for article_id in past:
            if not self._back or self._back[-1] != article_id:
                self._back.append(article_id)

    def visit(self, article_id: str) -> None:
        """An article was opened by any means but back/forward."""
        if article_id == self.current:
            return
        if self.current is not None:
            self._back.append(self.current)
        self.current = article_id
        self._ahead.clear()

    def back(self) -> str | None:
        """The article to show on going back, None when there is none before."""
        while self._back:
            article_id = self._back.pop()
            if article_id != self.current:
                if self.current is not None:
                    self._ahead.append(self.current)
                self.current = article_id
                return article_id
        return None

    def forward(self) -> str | None:
        """The article to show on going forward, None when nothing is ahead."""
        if not self._ahead:
            return None
        if self.current is not None:
            self._back.append(self.current)
        self.current = self._ahead.pop()
        return self.current

    @property
    def can_go_back(self) -> bool:
        return any(article_id != self.current for article_id in self._back)

    @property
    def can_go_forward(self) -> bool:
        return bool(self._ahead)
