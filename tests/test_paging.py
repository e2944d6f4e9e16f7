"""Catalog pages: the article list read by offset and limit in each sort order."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.index import Library
from reader.index.catalog import Catalog
from reader.index.rows import FileStat, Row
from reader.models import ArticleSummary, SortKey
from tests.hostile import read_only

SORTS: tuple[SortKey, ...] = ("id", "title", "date", "source", "quotes")


def make_rows(count: int) -> list[Row]:
    """Articles with ties, missing dates and outlets, and titles differing only in case."""
    rows = []
    for number in range(count):
        title = ["alpha", "Alpha", "beta", "Gamma", "delta"][number % 5] + f" {number % 7}"
        rows.append(
            Row(
                id=f"a{number:03d}",
                path=f"a{number:03d}.txt",
                stat=FileStat(1, 1),
                title=title,
                source=None if number % 4 == 0 else ["Reuters", "bbc", "AP"][number % 3],
                date=None if number % 3 == 0 else f"2024-01-{number % 9 + 1:02d}",
                byline=None,
                author=None,
                body="text",
                quotes=(),
            )
        )
    return rows


def expected(rows: list[ArticleSummary], sort: SortKey, descending: bool) -> list[str]:
    """The documented order: key then id in the chosen direction, missing values last by id."""

    def key(summary: ArticleSummary) -> str | int | None:
        if sort == "title":
            return summary.title.lower()
        if sort == "quotes":
            return summary.quote_count
        if sort == "source":
            return summary.source.lower() if summary.source else None
        if sort == "date":
            return summary.date
        return summary.id

    present = [s for s in rows if key(s) is not None]
    missing = sorted((s for s in rows if key(s) is None), key=lambda s: s.id)
    present.sort(key=lambda s: (key(s), s.id), reverse=descending)
    return [s.id for s in present + missing]


@pytest.fixture
def catalog(tmp_path: Path) -> Catalog:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write(make_rows(47))
    return catalog


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("page", [1, 5, 13, 100])
def test_pages_follow_the_sort_order(
    catalog: Catalog, sort: SortKey, descending: bool, page: int
) -> None:
    order = expected(catalog.summaries(), sort, descending)
    read: list[str] = []
    for offset in range(0, len(order) + page, page):
        read += [s.id for s in catalog.summaries_page(offset, page, sort, descending)]
    assert read == order


@pytest.mark.parametrize("sort", SORTS)
@pytest.mark.parametrize("descending", [False, True])
def test_position_of_finds_each_article_where_the_pages_show_it(
    catalog: Catalog, sort: SortKey, descending: bool
) -> None:
    order = expected(catalog.summaries(), sort, descending)
    assert [catalog.position_of(id_, sort, descending) for id_ in order] == list(range(len(order)))
    assert catalog.position_of("no such article", sort, descending) is None


def test_a_page_past_the_end_or_empty_is_empty(catalog: Catalog) -> None:
    assert catalog.summaries_page(47, 10) == []
    assert catalog.summaries_page(500, 10, "source") == []
    assert catalog.summaries_page(0, 0) == []
    assert [s.id for s in catalog.summaries_page(45, 10, "id")] == ["a045", "a046"]


def test_pages_use_the_sort_indexes(catalog: Catalog) -> None:
    connection = sqlite3.connect(catalog.path)
    plan = connection.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles ORDER BY title COLLATE NOCASE DESC, id DESC"
    ).fetchall()
    assert "articles_by_title" in str(plan) and "TEMP B-TREE" not in str(plan)


def test_an_older_read_only_catalog_still_pages(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "catalog.sqlite3"
    Catalog(path).write(make_rows(12))
    connection = sqlite3.connect(path)
    with connection:  # as built before the sort indexes existed
        for name in ("title", "date", "source", "quotes"):
            connection.execute(f"DROP INDEX articles_by_{name}")
    connection.close()
    with read_only(folder):
        catalog = Catalog(path)
        order = expected(catalog.summaries(), "title", False)
        assert [s.id for s in catalog.summaries_page(0, 20, "title")] == order
        assert catalog.position_of(order[5], "title") == 5
        catalog.close()


def test_library_pages(seeds_copy: Path, tmp_path: Path) -> None:
    (seeds_copy / "dated.txt").write_text("Talks\n\nMarch 3, 2021\n\nThe leaders met.\n")
    library = Library.open(seeds_copy, tmp_path / "index")
    library.update()
    newest = library.summaries_page(0, 2, "date", descending=True)
    assert len(newest) == 2 and newest[0].date == "2021-03-03"
    assert library.position_of(newest[1].id, "date", descending=True) == 1
    assert library.summary(newest[0].id) == newest[0]
    assert library.summary("missing") is None
