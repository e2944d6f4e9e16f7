"""Stories kept with the index: made at build, updated with each index update (one article
re-placed, not the archive re-clustered), surviving restarts, remade when damaged or missing."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from reader.index import Library
from reader.stories import store
from tests.test_stories import FILLER, LOHAN, REID

EXTRA_REID = (
    "Tara Reid entered Promises in Malibu this week, her publicist Jack Ketsoyan told People,"
    " and the American Pie actress asked for privacy."
)


def _write(folder: Path, name: str, body: str) -> None:
    title = body.split(",")[0]
    (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def write_look_alikes(tmp_path: Path) -> Path:
    """A corpus of two look-alike events (four reports each) and six unrelated articles."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, bodies in (("reid", REID), ("lohan", LOHAN), ("filler", FILLER)):
        for number, body in enumerate(bodies):
            _write(folder, f"{name}{number}", body)
    return folder


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write_look_alikes(tmp_path)


def _built(corpus: Path, index_dir: Path) -> Library:
    library = Library.open(corpus, index_dir)
    library.update()
    return library


def _groups(library: Library) -> set[frozenset[str]]:
    return {frozenset(m.id for m in story.articles) for story in library.stories()}


def _reid(*numbers: int) -> frozenset[str]:
    return frozenset(f"reid{n}" for n in numbers)


LOHANS = frozenset(f"lohan{n}" for n in range(4))


def test_stories_are_made_with_the_index_and_kept(corpus: Path, isolated_dirs: Path) -> None:
    library = _built(corpus, isolated_dirs)
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}
    story = library.story_of("reid2")
    assert story is not None and {m.id for m in story.articles} == _reid(0, 1, 2, 3)
    assert story.articles[0].id == story.id  # the lead article first
    assert story.summary == "4 articles"  # no outlet known: articles, not outlets
    assert library.story_of("filler0") is None
    labels = library.story_summaries(["reid0", "lohan1", "filler3"])
    assert labels == {"reid0": "4 articles", "lohan1": "4 articles"}
    library.close()
    again = Library.open(corpus, isolated_dirs)  # a restart reads them from the file
    assert not again.needs_update()
    assert _groups(again) == {_reid(0, 1, 2, 3), LOHANS}


def test_an_update_replaces_only_what_changed(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _built(corpus, isolated_dirs)
    # From now on the archive must never be clustered again from scratch.
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)
    monkeypatch.setattr(store, "rebuild", _must_not_run)
    _write(corpus, "reid9", EXTRA_REID)
    report = library.update()
    assert report.added == 1
    assert _reid(0, 1, 2, 3, 9) in _groups(library)
    (corpus / "reid1.txt").unlink()
    library.update()
    assert _groups(library) == {_reid(0, 2, 3, 9), LOHANS}
    _write(corpus, "reid9", "A bakery opened on the high street, selling sourdough to queues.")
    library.update()
    assert _groups(library) == {_reid(0, 2, 3), LOHANS}


def test_an_update_extracts_each_text_once(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An added article's and its neighbours' terms are extracted once an update (they were
    twice: to find the neighbours, then to cluster them)."""
    from collections import Counter

    from reader.stories import features, rows

    library = _built(corpus, isolated_dirs)
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)
    extracted: Counter[tuple[str, str]] = Counter()

    def counting(title: str, body: str) -> features.Terms:
        extracted[title, body] += 1
        return features.article_terms(title, body)

    monkeypatch.setattr(rows, "article_terms", counting)
    _write(corpus, "reid9", EXTRA_REID)
    library.update()
    assert _reid(0, 1, 2, 3, 9) in _groups(library)
    assert len(extracted) >= 4 and max(extracted.values()) == 1  # the neighbours, once each


def _must_not_run(*args: object, **kwargs: object) -> None:
    raise AssertionError("the whole archive was clustered again")


def test_a_copy_is_marked_as_one(corpus: Path, isolated_dirs: Path) -> None:
    library = _built(corpus, isolated_dirs)
    shortened = LOHAN[0].rsplit(" ", 3)[0] + "."  # the wire text, its end cut
    _write(corpus, "zcopy", shortened)
    library.update()
    story = library.story_of("zcopy")
    assert story is not None
    copy = story.member("zcopy")
    assert copy is not None and copy.copy_of == "lohan0"
    assert story.summary == "5 articles · 1 copy"
    members = story.to_dict()["articles"]
    assert isinstance(members, list)
    assert {"id": "zcopy", "copy_of": "lohan0"}.items() <= members[-1].items()


@pytest.mark.parametrize("harm", ["delete", "garbage", "pending"])
def test_a_missing_or_damaged_stories_file_is_made_again(
    corpus: Path, isolated_dirs: Path, harm: str
) -> None:
    library = _built(corpus, isolated_dirs)
    library.close()
    path = isolated_dirs / "stories.sqlite3"
    assert path.exists()
    for side in ("-wal", "-shm"):
        Path(f"{path}{side}").unlink(missing_ok=True)
    if harm == "delete":
        path.unlink()
    elif harm == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:  # an update that stopped between the catalog and the stories
        with sqlite3.connect(path) as connection:
            connection.execute("INSERT OR REPLACE INTO story_state VALUES ('pending', '1')")
    reopened = Library.open(corpus, isolated_dirs)
    if harm != "pending":
        assert reopened.stories() == []  # readers see no stories, not an error
    assert reopened.needs_update()
    report = reopened.update()
    assert report.changes == 0 and not report.rebuilt  # the search index is kept
    assert _groups(reopened) == {_reid(0, 1, 2, 3), LOHANS}
    assert not reopened.needs_update()


def test_a_full_rebuild_remakes_the_stories(corpus: Path, isolated_dirs: Path) -> None:
    library = _built(corpus, isolated_dirs)
    before = os.stat(isolated_dirs / "stories.sqlite3").st_ino
    library.update(rebuild=True)
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}
    assert (isolated_dirs / "stories.sqlite3").exists()
    del before


def test_a_build_makes_the_stories_from_the_workers_features(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index workers compute each article's terms and places; a first build clusters
    them without extracting terms again, and gets what the catalog's texts give."""
    from reader.stories import features, rows

    extracted: list[str] = []
    monkeypatch.setattr(rows, "article_terms", lambda title, body: extracted.append(title))
    library = _built(corpus, isolated_dirs)
    assert extracted == []  # every term came with its row
    built = [(s.id, s.articles) for s in library.stories(1)]
    monkeypatch.setattr(rows, "article_terms", features.article_terms)
    library._stores.stories.rebuild()  # from the catalog's texts
    assert [(s.id, s.articles) for s in library.stories(1)] == built
    assert _groups(library) == {_reid(0, 1, 2, 3), LOHANS}


def test_story_features_hold_the_terms_and_places() -> None:
    from reader.stories.features import article_places, article_terms, story_features

    title, body = "Summit in Geneva", "Presidents met in Geneva on Wednesday, 16 June, at 13:00."
    found = story_features(title, body)
    assert found.terms() == article_terms(title, body)
    assert list(found.terms()) == list(article_terms(title, body))  # the same order
    assert list(found.places) == article_places(title, body) == [("geneva",)]
    assert story_features("", "").terms() == {}


def test_a_story_counts_only_known_outlets() -> None:
    from reader.models import Story, StoryMember

    def story(*sources: str | None, copies: int = 0) -> str:
        members = tuple(
            StoryMember(f"a{i}", "t", source, None, "a0" if 0 < i <= copies else None)
            for i, source in enumerate(sources)
        )
        return Story("s", "t", members).summary

    assert story("BBC", "Reuters", "AP") == "3 outlets"
    assert story("BBC", "Reuters", "AP", "AP", copies=1) == "4 articles · 3 outlets · 1 copy"
    assert story(None, None, None) == "3 articles"  # one site's files: not three outlets
    assert story("BBC", None, "BBC") == "3 articles"
    assert story("BBC", None, "AP") == "3 articles · 2 outlets"


def _listed(library: Library, min_size: int = 2) -> list[object]:
    return [json.loads(listing) for listing in library.story_listings(min_size)]


def _made(library: Library, min_size: int = 2) -> list[object]:
    return [story.to_dict() for story in library.stories(min_size)]


def test_stored_listings_are_the_stories_through_updates(
    corpus: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each story's JSON is stored when the story is written (``reader stories --json``
    reads it); it stays what the members say through re-placements, copies and deletes."""
    library = _built(corpus, isolated_dirs)
    assert _listed(library) == _made(library) and len(_made(library)) == 2
    assert _listed(library, 1) == _made(library, 1) and len(_made(library, 1)) == 8
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)  # re-placed, not clustered again
    _write(corpus, "reid9", EXTRA_REID)
    _write(corpus, "zcopy", LOHAN[0].rsplit(" ", 3)[0] + ".")
    library.update()
    (corpus / "reid1.txt").unlink()
    _write(corpus, "lohan2", LOHAN[2].replace("Lohan", "Lindsay Lohan", 1))
    library.update()
    assert _listed(library, 1) == _made(library, 1)
    assert any(story["summary"] == "5 articles · 1 copy" for story in _made(library))
    with sqlite3.connect(isolated_dirs / "stories.sqlite3") as connection:
        postings = {
            (term, article)
            for term, articles in connection.execute("SELECT term, articles FROM story_postings")
            for article in json.loads(articles)
        }
        members = connection.execute("SELECT article, distinctive, minhash FROM story_members")
        chosen = {(t, a) for a, terms, _ in members for t in json.loads(terms)}
        signed = {a for (a,) in connection.execute(
            "SELECT article FROM story_members WHERE minhash IS NOT NULL")}  # fmt: skip
    assert postings == chosen  # only changed postings were rewritten, none lost
    with sqlite3.connect(isolated_dirs / "stories.sqlite3") as connection:
        connection.execute("UPDATE stories SET listing = NULL WHERE size > 1")
    assert _listed(library, 1) == _made(library, 1)  # a missing listing: made from members
    assert {"zcopy", "lohan0"} <= signed and "filler0" not in signed  # possible copies only


def test_a_stories_file_without_listings_gets_them(corpus: Path, isolated_dirs: Path) -> None:
    library = _built(corpus, isolated_dirs)
    library.close()
    path = isolated_dirs / "stories.sqlite3"
    with sqlite3.connect(path) as connection:  # as the code before listings made it
        connection.execute("ALTER TABLE stories DROP COLUMN listing")
        connection.execute("UPDATE story_state SET value = 'older' WHERE key = 'code'")
    again = Library.open(corpus, isolated_dirs)
    assert again.needs_update()
    again.update()
    assert _listed(again) == _made(again) and len(_made(again)) == 2


def test_the_list_labels_say_what_each_story_says(tmp_path: Path) -> None:
    """The list's story column is counted in SQL; it must read as ``Story.summary`` does:
    outlets unknown, repeated or all different, and copies."""
    from reader.index.catalog import Catalog
    from reader.index.stories import StoryIndex

    members = {  # story: [(article, source, copy_of)]
        "s1": [("a1", "BBC", None), ("a2", "CNN", None), ("a3", "NPR", "a1")],
        "s2": [("b1", "BBC", None), ("b2", "BBC", "b1"), ("b3", None, None), ("b4", "", None)],
        "s3": [("c1", None, None), ("c2", None, "c1")],
        "s4": [("d1", "BBC", None)],  # a story of one: no label
    }
    index = StoryIndex(tmp_path / "stories.sqlite3", Catalog(tmp_path / "catalog.sqlite3"))
    with index._writing() as connection:
        for story, found in members.items():
            connection.execute("INSERT INTO stories VALUES (?, ?, 0, '', '')", (story, len(found)))
            connection.executemany(
                "INSERT INTO story_members VALUES (?, ?, ?, 'title', ?, NULL, 1, NULL, '')",
                [(article, story, copy_of, source) for article, source, copy_of in found],
            )
    articles = [article for found in members.values() for article, _, _ in found]
    labels = index.summaries(articles)
    expected = {}
    for article in articles:
        story = index.story_of(article)
        if story is not None:
            expected[article] = story.summary
    assert labels == expected
    assert labels["a1"] == "3 outlets · 1 copy"
    assert labels["b1"] == "4 articles · 1 copy"  # one outlet known (twice): not outlets
    assert labels["c2"] == "2 articles · 1 copy"
    assert "d1" not in labels
