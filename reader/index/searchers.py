"""Each thread's Whoosh searcher, reused across a thread's searches and by the next thread
once its owner has finished."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # searching is loaded by the first search, not by opening the list
    from whoosh.searching import Searcher

__all__ = ["Searchers"]


class Searchers:
    """Searchers by thread. UIs search in a new worker thread each time; a searcher left by
    a finished thread is reused (opening one costs more than most queries), never one a live
    thread may use."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_thread: dict[int, tuple[threading.Thread, Searcher, Hashable]] = {}
        """Each thread's searcher and the index generation it was opened on, by thread id."""

    def get(self, open_searcher: Callable[[], Searcher], generation: Hashable) -> Searcher:
        """This thread's searcher, refreshed when the index has changed since its last use.

        ``generation`` names the index files: a searcher of another generation (files a
        rebuild has since replaced) is never refreshed but replaced by ``open_searcher()``.
        """
        thread = threading.current_thread()
        with self._lock:
            owned = self._by_thread.get(thread.ident or 0)
            if owned is None or owned[0] is not thread:
                owned = self._take_orphan()
        if owned is None or owned[2] != generation:
            searcher = open_searcher()
        elif not owned[1].up_to_date():
            try:
                searcher = owned[1].refresh()
            except TypeError:  # Whoosh cannot refresh a searcher of an empty (new) index
                searcher = open_searcher()
        else:
            searcher = owned[1]
        with self._lock:
            self._by_thread[thread.ident or 0] = (thread, searcher, generation)
        return searcher

    def close(self) -> None:
        """Close this thread's searcher and those of finished threads."""
        with self._lock:
            owned = self._by_thread.pop(threading.get_ident(), None)
            orphan = self._take_orphan()
        for held in (owned, orphan):
            if held is not None:
                held[1].close()

    def _take_orphan(self) -> tuple[threading.Thread, Searcher, Hashable] | None:
        """Remove the searchers of finished threads; return one of them (call under lock)."""
        orphan = None
        for key, held in list(self._by_thread.items()):
            if held[0].is_alive():
                continue
            del self._by_thread[key]
            if orphan is None:
                orphan = held
            else:
                held[1].close()
        return orphan
