"""Hostile articles: indexing never crashes or stops early, skips are reported once with a
reason, the rest is searchable, and nothing the CLI prints carries markup or escape codes."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.articles import ArticleError, article_from_bytes
from reader.articles.text import BinaryFileError, decode_bytes, sanitize
from reader.cli import cli
from reader.index import Library, LibraryError, changes
from reader.models import UpdateReport
from reader.search import search
from tests.hostile import (
    MARKUP,
    TERMINAL_ATTACKS,
    Case,
    build_hostile_corpus,
    marker,
    unsafe_characters,
)

HostileSetup = tuple[Path, Path, list[Case], UpdateReport]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> HostileSetup:
    """The hostile corpus, indexed once for the whole module."""
    base = tmp_path_factory.mktemp("hostile")
    corpus, index_dir = base / "corpus", base / "index"
    cases = build_hostile_corpus(corpus)
    report = Library.open(corpus, index_dir).update()
    return corpus, index_dir, cases, report


def _library(setup: HostileSetup) -> Library:
    return Library.open(setup[0], setup[1])


def _run(setup: HostileSetup, *args: str) -> Result:
    corpus, index_dir = setup[0], setup[1]
    return CliRunner().invoke(
        cli, [*args, "--corpus", str(corpus), "--index-dir", str(index_dir)], catch_exceptions=True
    )


def _assert_clean(result: Result) -> None:
    """No traceback, no stray exception, nothing unsafe on stdout or stderr."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output + result.stderr
    assert unsafe_characters(result.output) == [], result.output[:300]
    assert unsafe_characters(result.stderr) == [], result.stderr[:300]


def test_every_hostile_file_is_indexed_skipped_once_or_left_out(hostile: HostileSetup) -> None:
    _, _, cases, report = hostile
    library = _library(hostile)
    indexed = {summary.path for summary in library.summaries()}
    skipped_counts = Counter(path for path, _ in report.skipped)
    reasons = dict(report.skipped)
    for case in cases:
        if case.expect == "indexed":
            assert case.name in indexed, case.description
            assert case.name not in skipped_counts, case.description
        elif case.expect == "skipped":
            assert skipped_counts[case.name] == 1, case.description
            assert case.reason.lower() in reasons[case.name].lower(), reasons[case.name]
            assert "\n" not in reasons[case.name]
        else:
            assert case.name not in indexed and case.name not in reasons, case.description
    expected = {case.name for case in cases if case.expect != "unlisted"}
    assert indexed | set(reasons) == expected  # nothing extra (no walk through the link loop)
    assert sorted(library.skipped()) == sorted(report.skipped)


def test_the_rest_is_searchable_by_a_word_unique_to_each_article(hostile: HostileSetup) -> None:
    library = _library(hostile)
    by_path = {summary.path: summary.id for summary in library.summaries()}
    for case in hostile[2]:
        if case.marker is not None:
            hits = search(library, case.marker).hits
            assert [hit.id for hit in hits] == [by_path[case.name]], case.description


def test_a_second_update_repeats_no_skip_and_changes_nothing(hostile: HostileSetup) -> None:
    library = _library(hostile)
    assert not library.needs_update()
    report = library.update()
    assert (report.changes, report.skipped) == (0, ())


def test_displayed_text_has_no_control_characters(hostile: HostileSetup) -> None:
    library = _library(hostile)
    for summary in library.summaries():
        article = library.article(summary.id)
        for text in (summary.id, summary.title, article.title, article.body, article.raw):
            assert unsafe_characters(text) == [], (summary.path, text[:200])
        for block in article.blocks:
            assert unsafe_characters(block.text) == []


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--json"),
        ("list", "--sort", "title"),
        ("search", "zorblax*"),
        ("search", "zorblax* OR council", "--json"),
        ("quotes",),
        ("quotes", "--json"),
        ("quotes", "--speaker", "[bold]"),
        ("search", "title:escapes"),
        ("index",),
    ],
)
def test_list_search_index_print_nothing_unsafe(
    hostile: HostileSetup, args: tuple[str, ...]
) -> None:
    result = _run(hostile, *args)
    _assert_clean(result)
    assert result.exit_code == 0


@pytest.mark.slow
def test_show_prints_every_article_literally_and_safely(hostile: HostileSetup) -> None:
    library = _library(hostile)
    shows = {case.name: case.shows for case in hostile[2] if case.shows}
    for summary in library.summaries():
        for flags in ((), ("--raw",), ("--json",)):
            result = _run(hostile, "show", summary.id, *flags)
            _assert_clean(result)
            assert result.exit_code == 0, result.output
            if summary.path in shows and not flags:
                assert shows[summary.path] in result.output


@pytest.mark.slow
def test_compare_prints_hostile_articles_safely(hostile: HostileSetup) -> None:
    library = _library(hostile)
    by_path = {summary.path: summary.id for summary in library.summaries()}
    pairs = [("ansi.txt", "markup.txt"), ("controls.txt", "scripts.txt"),
             ("quotes-nested.txt", "quotes-unmatched.txt"),
             ("evil\x1b]0;PWNED-NAME\x07\x1b[2J.txt", "cp1251.txt")]  # fmt: skip
    for left, right in pairs:
        for flags in ((), ("--json",)):
            result = _run(hostile, "compare", by_path[left], by_path[right], *flags)
            _assert_clean(result)
            assert result.exit_code == 0, result.output


def test_markup_appears_literally(hostile: HostileSetup) -> None:
    library = _library(hostile)
    markup_id = next(s.id for s in library.summaries() if s.path == "markup.txt")
    shown = _run(hostile, "show", markup_id).output
    for fragment in MARKUP:
        assert fragment in shown
    assert "[bold]Markup[/bold] [@click=app.quit]title[/]" in shown
    found = _run(hostile, "search", marker(12)).output
    assert "[@click=app.quit]title[/]" in found


def test_escape_sequences_leave_their_text_but_never_their_codes(hostile: HostileSetup) -> None:
    library = _library(hostile)
    ansi = library.article(next(s.id for s in library.summaries() if s.path == "ansi.txt"))
    assert "click me" in ansi.body and "PWNED" not in ansi.body
    assert "UFdORUQtQ0xJUEJPQVJE" not in ansi.raw  # the OSC 52 clipboard payload is dropped


def test_decoded_legacy_encodings(hostile: HostileSetup) -> None:
    library = _library(hostile)
    by_path = {summary.path: summary for summary in library.summaries()}
    assert by_path["latin1.txt"].title == "Café société"
    assert by_path["cp1251.txt"].title == "Новости: Москва"
    assert "naïve résumé" in library.article(by_path["utf16-bom.txt"].id).body


def _only_indexed(corpus: Path, names: list[str]) -> None:
    for name in names:
        (corpus / name).write_text(f"Title {name}\n\nSome text {marker(len(name))}.\n")


def test_unreadable_file_is_skipped_with_a_reason(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _only_indexed(corpus, ["ok.txt", "locked.txt"])
    locked = corpus / "locked.txt"
    if os.geteuid() == 0:
        # root reads through chmod 000, so simulate the permission error the kernel would give
        real_read = Path.read_bytes

        def read_bytes(self: Path) -> bytes:
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return real_read(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    locked.chmod(0)
    try:
        report = Library.open(corpus, isolated_dirs).update()
    finally:
        locked.chmod(0o644)
    assert report.skipped == (("locked.txt", "unreadable (Permission denied)"),)
    assert report.added == 1


def test_files_vanishing_or_changing_while_indexing(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _only_indexed(corpus, ["a.txt", "gone.txt", "changed.txt", "late.txt"])
    real_prepare_all: Callable[..., Any] = changes.prepare_all

    def racing_prepare_all(root: Path, relatives: list[str], *args: Any) -> Any:
        # between the scan and the read: one file vanishes, one is rewritten, one appears
        (root / "gone.txt").unlink()
        (root / "changed.txt").write_text("Rewritten\n\nNow about a quokkafied walrus.\n")
        (root / "new-during.txt").write_text("Born late\n\nA platypusian event.\n")
        return real_prepare_all(root, relatives, *args)

    monkeypatch.setattr(changes, "prepare_all", racing_prepare_all)
    library = Library.open(corpus, isolated_dirs)
    report = library.update()
    assert [path for path, _ in report.skipped] == ["gone.txt"]
    assert "unreadable" in report.skipped[0][1]
    assert {hit.id for hit in search(library, "quokkafied").hits} == {"changed"}
    monkeypatch.setattr(changes, "prepare_all", real_prepare_all)
    assert library.needs_update()  # the new file is picked up next time
    report = library.update()
    assert (report.added, report.skipped) == (1, ())
    assert library.skipped() == []
    assert {s.path for s in library.summaries()} == {
        "a.txt",
        "changed.txt",
        "late.txt",
        "new-during.txt",
    }
    assert not library.needs_update()


def test_file_changed_right_after_it_was_read_is_reread_next_time(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _only_indexed(corpus, ["a.txt"])
    real_read = Path.read_bytes

    def read_then_change(self: Path) -> bytes:
        data = real_read(self)
        if self.name == "a.txt" and b"wombatish" not in data:
            self.write_text("Changed\n\nA wombatish story.\n")
            os.utime(self, ns=(10**18, 10**18))
        return data

    monkeypatch.setattr(Path, "read_bytes", read_then_change)
    library = Library.open(corpus, isolated_dirs)
    library.update()
    monkeypatch.setattr(Path, "read_bytes", real_read)
    assert library.needs_update()
    library.update()
    assert [hit.id for hit in search(library, "wombatish").hits] == ["a"]


def test_file_name_that_is_not_utf8_is_skipped_and_the_rest_indexed(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _only_indexed(corpus, ["ok.txt"])
    bad = Path(os.fsdecode(bytes(corpus) + b"/bad\xffname.txt"))
    try:
        bad.write_text("Bad name\n\nText.\n")
    except (OSError, UnicodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    library = Library.open(corpus, isolated_dirs)
    report = library.update()
    assert report.added == 1
    assert len(report.skipped) == 1 and "name" in report.skipped[0][1]
    assert not library.needs_update()
    assert library.update().skipped == ()
    _assert_clean(CliRunner().invoke(cli, ["list", "--corpus", str(corpus)]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(codec=None), max_size=300))
def test_sanitize_never_lets_a_control_character_through(text: str) -> None:
    assert unsafe_characters(sanitize(text)) == []


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*TERMINAL_ATTACKS, *MARKUP, "\r\n", "\n\n", "“", "«", '"']),
            st.text(max_size=20),
            st.binary(max_size=20).map(lambda data: data.decode("latin-1")),
        ),
        max_size=20,
    )
)
def test_any_article_text_parses_or_gives_a_one_line_reason(parts: list[str]) -> None:
    data = "".join(parts).encode("utf-8", "surrogatepass")
    try:
        article = article_from_bytes(data, Path("/c/x.txt"), Path("/c"))
    except ArticleError as error:
        assert "\n" not in str(error)
        return
    for text in (article.title, article.body, article.raw):
        assert unsafe_characters(text) == []


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_called_binary(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
    except BinaryFileError:
        return
    assert isinstance(text, str) and encoding


def test_error_about_a_hostile_file_name_is_printed_safely(
    tmp_path: Path, isolated_dirs: Path
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = "gone\x1b]0;PWNED\x07.txt"
    _only_indexed(corpus, ["ok.txt", name])
    library = Library.open(corpus, isolated_dirs)
    library.update()
    (corpus / name).write_bytes(b"\x89PNG\r\n\x1a\n")  # no longer an article
    gone_id = next(s.id for s in library.summaries() if s.path == name)
    with pytest.raises(LibraryError) as raised:
        library.article(gone_id)
    assert "PNG" in str(raised.value) and unsafe_characters(str(raised.value)) == []
    result = CliRunner().invoke(cli, ["show", gone_id, "--corpus", str(corpus)])
    assert result.exit_code == 1
    assert "PNG" in result.stderr  # reported as skipped, and dropped from the index
    _assert_clean(result)
    assert [s.path for s in library.summaries()] == ["ok.txt"]
    assert search(library, "gone").total == 0


def test_raising_the_size_limit_indexes_files_skipped_as_too_large(
    tmp_path: Path, isolated_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "big.txt").write_text("Big\n\n" + "A sizeable walrusian report. " * 100)
    _only_indexed(corpus, ["small.txt"])
    # the setting is read when files are read, not frozen when reader is imported
    monkeypatch.setenv("READER_MAX_ARTICLE_BYTES", "1000")
    report = Library.open(corpus, isolated_dirs).update()
    assert [path for path, _ in report.skipped] == ["big.txt"]
    assert "READER_MAX_ARTICLE_BYTES" in report.skipped[0][1]
    assert "the limit is 1,000 bytes" in report.skipped[0][1]
    monkeypatch.setenv("READER_MAX_ARTICLE_BYTES", "10000")  # as the message suggests
    library = Library.open(corpus, isolated_dirs)
    assert library.needs_update()
    assert library.update().skipped == ()
    assert [hit.id for hit in search(library, "walrusian").hits] == ["big"]


@pytest.mark.parametrize(("value", "limit"), [("abc", 8 << 20), ("-5", 8 << 20), ("2000", 2000)])
def test_a_bad_size_limit_setting_falls_back_to_the_default(
    monkeypatch: pytest.MonkeyPatch, value: str, limit: int
) -> None:
    from reader.articles.read import max_article_bytes

    monkeypatch.setenv("READER_MAX_ARTICLE_BYTES", value)
    assert max_article_bytes() == limit
