"""The user's data: read state, stars, tags, notes, history, saved searches."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from reader.index import Library
from reader.locations import data_dir
from reader.personal import PersonalError, Reading, Trail
from reader.personal.notes import match_quote_notes, notes_matching, quote_keys
from reader.personal.store import DATABASE_NAME, SCHEMA_VERSION, Store

FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"
THIRD = "002_3bb99c5d5b88d2c9"


@pytest.fixture
def library(seeds_library: Library) -> Library:
    return seeds_library


@pytest.fixture
def reading(library: Library) -> Iterator[Reading]:
    opened = Reading.open(library)
    yield opened
    opened.close()


def test_data_lives_in_the_data_folder_not_the_cache_or_corpus(
    reading: Reading, library: Library, tmp_path: Path
) -> None:
    reading.mark_read([FIRST])
    assert reading.store.path == data_dir() / DATABASE_NAME
    assert reading.store.path.is_relative_to(tmp_path / "data")  # the conftest isolation
    assert not reading.store.path.is_relative_to(library.index_dir)
    assert not any(path.suffix == ".sqlite3" for path in library.corpus.rglob("*"))


def test_default_data_folder_is_the_platforms(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("READER_DATA_DIR")
    assert data_dir().name == "reader"
    assert "cache" not in str(data_dir()).lower()


def test_data_folder_inside_the_corpus_is_refused(library: Library) -> None:
    with pytest.raises(PersonalError, match="inside the corpus"):
        Reading.open(library, library.corpus / "mine")
    assert not (library.corpus / "mine").exists()


def test_nothing_stored_means_everything_unread(reading: Reading) -> None:
    assert reading.read_ids() == set()
    assert reading.state(FIRST).read is False
    assert reading.next_unread(None, sort="id") == FIRST
    assert not reading.store.read().execute("SELECT * FROM corpora").fetchall()


def test_read_unread_toggle_and_opened(reading: Reading) -> None:
    assert reading.mark_read([FIRST, SECOND]) == 2
    assert reading.mark_read([FIRST]) == 0  # already read
    assert reading.read_ids() == {FIRST, SECOND}
    assert reading.mark_read([SECOND], read=False) == 1
    assert reading.toggle_read(SECOND) is True
    assert reading.toggle_read(SECOND) is False
    reading.opened(THIRD)
    assert reading.state(THIRD).read
    assert [visit.article_id for visit in reading.visits()] == [THIRD]


def test_next_unread_follows_the_list_order_and_wraps(reading: Reading, library: Library) -> None:
    order = [summary.id for summary in library.summaries_page(0, 10, "id", False)]
    reading.mark_read(order[1:3])
    assert reading.next_unread(order[0], sort="id") == order[3]
    assert reading.next_unread(order[4], sort="id") == order[0]  # round to the top
    assert reading.next_unread(order[2], sort="id", descending=True) == order[0]
    reading.mark_read(order)
    assert reading.next_unread(order[0], sort="id") is None


def test_stars(reading: Reading) -> None:
    assert reading.star([FIRST, SECOND]) == 2
    assert reading.toggle_star(FIRST) is False
    assert reading.starred_ids() == {SECOND}
    assert reading.star([SECOND], starred=False) == 1
    assert reading.starred_ids() == set()


def test_tags_several_at_once_on_several_articles(reading: Reading) -> None:
    assert reading.tag([FIRST, SECOND], ["summit", "Geneva"]) == 4
    assert reading.tag([FIRST], ["SUMMIT", "#geneva"]) == 0  # same tags, any case or #
    assert reading.state(FIRST).tags == ("Geneva", "summit")
    assert reading.tagged_ids("summit") == {FIRST, SECOND}
    assert reading.tagged_ids("GENEVA") == {FIRST, SECOND}
    assert reading.tagged_ids("gen*") == {FIRST, SECOND}
    assert reading.untag([FIRST, SECOND], ["summit"]) == 2
    assert [(tag.tag, tag.count) for tag in reading.tags()] == [("Geneva", 2)]


@pytest.mark.parametrize("bad", ["", "two words", 'quo"te', "a:b", "x\x1b[31m", "x" * 65, "(a)"])
def test_tags_the_query_language_could_not_name_are_refused(reading: Reading, bad: str) -> None:
    with pytest.raises(PersonalError):
        reading.tag([FIRST], [bad])
    assert reading.tags() == []


def test_unknown_article_is_a_one_line_error_and_writes_nothing(reading: Reading) -> None:
    with pytest.raises(PersonalError, match=r"no article with id 'nope' \(and 1 more\)"):
        reading.tag([FIRST, "nope", "../etc/passwd"], ["x"])
    assert reading.tags() == []


def test_article_note_set_replace_clear_and_sanitised(reading: Reading) -> None:
    reading.set_note(FIRST, "  Check the \x1b[31mKremlin\x1b[0m readout.\n\nCall back.  ")
    assert reading.state(FIRST).note == "Check the Kremlin readout.\n\nCall back."
    reading.set_note(FIRST, "Replaced")
    assert reading.state(FIRST).note == "Replaced"
    reading.set_note(FIRST, "   ")
    assert reading.state(FIRST).note is None
    assert not reading.state(FIRST).has_note


def test_quote_notes_follow_the_quote_not_its_position_or_speaker(
    reading: Reading, library: Library
) -> None:
    quotes = [quote.text for quote in library.quotes(FIRST)]
    assert len(quotes) >= 2
    reading.set_quote_note(FIRST, quotes, 1, "Verify against the transcript")
    state = reading.state(FIRST)
    assert state.has_note and state.note is None
    # quotation found again with one more quotation before it and different spacing
    shifted = ["A new quotation", *[" ".join(text.upper().split()) for text in quotes]]
    placed = Reading.quote_notes_for(state, shifted)
    assert list(placed) == [2]
    assert placed[2].note == "Verify against the transcript"
    reading.set_quote_note(FIRST, quotes, 1, None)
    assert reading.state(FIRST).quote_notes == ()
    with pytest.raises(PersonalError, match="no quotation 99"):
        reading.set_quote_note(FIRST, quotes, 98, "x")


def test_same_words_quoted_twice_are_told_apart() -> None:
    keys = quote_keys(["Yes.", "No.", "yes."])
    assert keys[0][0] == keys[2][0] and (keys[0][1], keys[2][1]) == (0, 1)


def test_a_quote_note_whose_quotation_grew_is_placed_on_it() -> None:
    from datetime import UTC, datetime

    from reader.personal.notes import quote_hash
    from reader.personal.records import QuoteNote

    note = QuoteNote("no illusions", quote_hash("no illusions"), 0, "n", datetime.now(UTC))
    assert match_quote_notes([note], ["other", "he had no illusions after"]) == {1: note}
    assert match_quote_notes([note], ["unrelated"]) == {}


def test_notes_match_words_by_case_accents_and_prefix() -> None:
    texts = [("a", "Sanctions on the Élysée"), ("b", "nothing here"), ("c", "sanctioned")]
    assert notes_matching(texts, "sanctions") == {"a"}
    assert notes_matching(texts, "SANCTION*") == {"a", "c"}
    assert notes_matching(texts, "elysee sanctions") == {"a"}
    assert notes_matching(texts, "elysee nothing") == set()
    assert notes_matching(texts, "sanction", form=lambda word: word.lower()[:8]) == {"a", "c"}
    assert notes_matching(texts, "***") == set()


def test_note_search_and_has_note_include_quote_notes(reading: Reading, library: Library) -> None:
    reading.set_note(FIRST, "Follow the sanctions angle")
    quotes = [quote.text for quote in library.quotes(SECOND)]
    reading.set_quote_note(SECOND, quotes, 0, "sanctions again")
    assert reading.noted_ids() == {FIRST, SECOND}
    assert reading.note_ids_matching("sanctions") == {FIRST, SECOND}
    assert reading.note_ids_matching("angle") == {FIRST}


def test_states_in_bulk_for_a_page_of_the_list(reading: Reading) -> None:
    reading.mark_read([FIRST])
    reading.star([SECOND])
    states = reading.states([FIRST, SECOND, THIRD])
    assert states[FIRST].read and not states[FIRST].starred
    assert states[SECOND].starred and not states[SECOND].read
    assert THIRD not in states


def test_history_collapses_repeats_and_is_newest_first(reading: Reading) -> None:
    for article_id in (FIRST, FIRST, SECOND, FIRST):
        reading.opened(article_id)
    assert [visit.article_id for visit in reading.visits()] == [FIRST, SECOND, FIRST]
    assert reading.visits()[0].title and reading.visits(limit=1)[0].at.tzinfo is not None


def test_history_is_pruned(reading: Reading, monkeypatch: pytest.MonkeyPatch) -> None:
    from reader.personal import history

    monkeypatch.setattr(history, "HISTORY_LENGTH", 3)
    for _ in range(70):
        reading.opened(FIRST)
        reading.opened(SECOND)
    count = reading.store.read().execute("SELECT count(*) FROM visits").fetchone()[0]
    assert count <= 3 + 64


def test_trail_back_and_forward() -> None:
    trail = Trail(["a", "b"])
    assert trail.can_go_back and not trail.can_go_forward
    trail.visit("c")
    assert trail.back() == "b"
    assert trail.back() == "a"
    assert trail.back() is None
    assert trail.forward() == "b"
    trail.visit("d")  # opening something else drops what was ahead
    assert trail.forward() is None
    assert trail.back() == "b"
    assert trail.current == "b"


def test_trail_from_stored_history_goes_back_across_sessions(reading: Reading) -> None:
    reading.opened(FIRST)
    reading.opened(SECOND)
    trail = reading.trail()
    trail.visit(SECOND)  # the new session opens the last article again
    assert trail.back() == FIRST


def test_saved_searches_are_named_case_insensitively(reading: Reading) -> None:
    assert reading.save_search("Summit", "summit AND putin") is None
    replaced = reading.save_search("summit", "summit  AND   biden")
    assert replaced is not None and replaced.query == "summit AND putin"
    assert [(s.name, s.query) for s in reading.saved_searches()] == [("summit", "summit AND biden")]
    assert reading.saved_search("SUMMIT").query == "summit AND biden"
    reading.remove_search("Summit")
    with pytest.raises(PersonalError, match="none saved yet"):
        reading.saved_search("summit")
    with pytest.raises(PersonalError):
        reading.save_search("bad\x1bname", "x")


def test_saved_searches_are_shared_by_every_corpus(reading: Reading, tmp_path: Path) -> None:
    import shutil

    from tests.conftest import SEEDS

    reading.save_search("oil", "oil prices")
    other_corpus = tmp_path / "other"
    shutil.copytree(SEEDS, other_corpus)
    other = Library.open(other_corpus, tmp_path / "other-index")
    other.update()
    assert [s.name for s in Reading.open(other).saved_searches()] == ["oil"]
    other.close()


def test_a_database_from_a_newer_reader_is_read_not_written(reading: Reading) -> None:
    reading.mark_read([FIRST])
    path = reading.store.path
    reading.close()
    with sqlite3.connect(path) as connection:
        connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    connection.close()
    store = Store(path)
    assert not store.writable
    with pytest.raises(PersonalError, match="newer version"), store.write():
        pass
    store.close()


def test_a_damaged_database_is_a_one_line_error_and_is_kept(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / DATABASE_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(PersonalError, match="move the file aside"):
        Store.open(folder)
    assert (folder / DATABASE_NAME).read_bytes().startswith(b"this is not")


def test_an_unwritable_data_folder_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(PersonalError, match="cannot use your reading data"):
        Store.open(blocker / "sub")


@pytest.mark.parametrize("module", ["reader.personal", "reader.export"])
def test_personal_modules_import_neither_textual_nor_whoosh(module: str) -> None:
    import subprocess
    import sys

    code = (
        f"import sys, {module}; bad = {{'textual', 'whoosh'}} & set(sys.modules);"
        f" assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_data_written_by_another_process_is_seen_at_once(library: Library) -> None:
    tui = Reading.open(library)
    assert tui.read_ids() == set()  # nothing stored for this corpus yet
    cli = Reading.open(library)  # another process: its own connections
    cli.mark_read([FIRST])
    cli.tag([SECOND], ["later"])
    assert tui.read_ids() == {FIRST}
    assert tui.tagged_ids("later") == {SECOND}
