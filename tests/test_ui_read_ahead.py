"""ReadAhead: the list's first reads, made in a thread while the UI loads, give the library's
own answers, each once; every other read, and any read the thread could not make, goes to
the library."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

from reader.index import Library
from reader.ui.read_ahead import FIRST_ORDER, PAGE_ROWS, ReadAhead
from reader.ui.widgets.article_list import ArticleList


class Spy:
    """A library that records which thread asks it what, and answers from a real one."""

    def __init__(self, library: Library, fail: bool = False) -> None:
        self.library = library
        self.fail = fail
        self.calls: list[tuple[str, bool]] = []

    def __getattr__(self, name: str) -> Any:
        method = getattr(self.library, name)

        def call(*args: Any) -> Any:
            in_main = threading.current_thread() is threading.main_thread()
            self.calls.append((name, in_main))
            if self.fail and not in_main:
                raise sqlite3.OperationalError("database is locked")
            return method(*args)

        return call

    def main_calls(self) -> list[str]:
        return [name for name, in_main in self.calls if in_main]


def test_the_first_screen_is_read_in_the_thread_once(seeds_library: Library) -> None:
    spy = Spy(seeds_library)
    ahead = ReadAhead(spy)  # type: ignore[arg-type]
    page = ahead.summaries_page(0, PAGE_ROWS, *FIRST_ORDER)
    assert ahead.count() == seeds_library.count() == len(page) > 0
    assert ahead.has_stories() == seeds_library.has_stories()
    assert page == seeds_library.summaries_page(0, PAGE_ROWS, *FIRST_ORDER)
    ids = [row.id for row in page]
    assert ahead.story_summaries(ids) == seeds_library.story_summaries(ids)
    assert spy.main_calls() == []  # all of it came from the thread
    # Asked again (the list shown again after an update), the library answers.
    ahead.count(), ahead.summaries_page(0, PAGE_ROWS, *FIRST_ORDER), ahead.story_summaries(ids)
    assert spy.main_calls() == ["count", "summaries_page", "story_summaries"]


def test_other_reads_go_to_the_library(seeds_library: Library) -> None:
    spy = Spy(seeds_library)
    ahead = ReadAhead(spy)  # type: ignore[arg-type]
    title_order = ahead.summaries_page(0, PAGE_ROWS, "title", False)
    assert title_order == seeds_library.summaries_page(0, PAGE_ROWS, "title", False)
    assert ahead.story_summaries(["not-the-first-page"]) == {}
    assert spy.main_calls() == ["summaries_page", "story_summaries"]


def test_a_read_that_fails_in_the_thread_is_made_again_by_the_list(
    seeds_library: Library,
) -> None:
    spy = Spy(seeds_library, fail=True)
    ahead = ReadAhead(spy)  # type: ignore[arg-type]
    assert ahead.count() == seeds_library.count()
    assert ahead.summaries_page(0, PAGE_ROWS, *FIRST_ORDER)
    assert spy.main_calls() == ["count", "summaries_page"]


def test_an_empty_index_reads_only_the_count_ahead(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    library = Library.open(tmp_path / "empty", tmp_path / "index")
    library.update()
    spy = Spy(library)
    ahead = ReadAhead(spy)  # type: ignore[arg-type]
    assert ahead.count() == 0
    assert ahead.has_stories() is False
    assert spy.main_calls() == ["has_stories"]


def test_the_list_opens_in_the_order_read_ahead() -> None:
    articles = ArticleList()
    assert (articles.sort_column, articles.descending) == FIRST_ORDER
