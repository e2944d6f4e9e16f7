"""The Whoosh boundary: the fast paths against Whoosh's own, their version switch and fallback,
internals that move, and damage told from bugs."""

from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from whoosh.codec.whoosh3 import W3PerDocReader, W3Segment
from whoosh.collectors import TopCollector
from whoosh.filedb.compound import CompoundStorage

from reader.engine import fast_paths, ranking
from reader.engine.analysis import FoldedStemAnalyzer
from reader.engine.damage import confirm_damage
from reader.engine.files import IndexDamage, documents_in
from reader.engine.schema import DEFAULT_FIELDS, QUERY_FIELDS, WORD_FIELDS, make_schema
from reader.index import Library
from reader.search import QueryError, parse_query, search
from reader.search.queries import bound_expansions
from tests.conftest import SEEDS
from tests.test_search import _article

OFF = {fast_paths.FAST_PATHS_ENV: "0"}

_QUERIES = [
    "oil", "price", "zzz", "oil price", "oil OR price", "oil AND NOT price", "oil NOT price",
    '"oil price"', '"oil price talks"', "title:oil", "title:oil OR body:bank", "ba*", "pr*",
    "exprt~", "tlks~2", "b?nk", "oil^3 bank", "quote:oil", "speaker:smith", "NOT oil", "body:*",
    "oil ANDMAYBE bank", '"oil price"~3', "[a TO c]", "markt", "sanctons", "*ice",
]  # fmt: skip
_SEED_QUERIES = [
    "putin", "biden summit", "putin OR biden", '"vladimir putin"', "sanct*", "navalni~",
    "title:putin", "speaker:poutine", "putin NOT biden", "alexeï", "kremlim", "date:2022*",
    '"glimmer of hope"', "quote:hope",
]  # fmt: skip


def _generated_corpus(folder: Path, count: int) -> Path:
    rng = random.Random(count)
    folder.mkdir()
    for number in range(count):
        (folder / f"a{number:04}.txt").write_text(_article(rng, number), encoding="utf-8")
    return folder


def _answers(library: Library, queries: list[str]) -> list[Any]:
    """What a user sees of each search: totals, hits in order with scores to 6 decimals,
    snippets and their marks, the suggestion (or the error's message)."""
    answers: list[Any] = []
    for text in queries:
        try:
            result = search(library, text, limit=10)
        except QueryError as error:
            answers.append(str(error))
            continue
        hits = [(h.id, round(h.score, 6), h.snippet, h.snippet_spans) for h in result.hits]
        answers.append((result.total, hits, result.suggestion, sorted(result.terms)))
    return answers


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list[str]]]:
    base = tmp_path_factory.mktemp("engine")
    generated = _generated_corpus(base / "generated", 300)
    return {"generated": (generated, _QUERIES), "seeds": (SEEDS, _SEED_QUERIES)}


def _open(corpus: Path, index_dir: Path) -> Library:
    library = Library.open(corpus, index_dir)
    library.update()
    return library


@pytest.fixture
def ranking_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many times the fast ranking ran."""
    calls: list[int] = []
    real = ranking.rank

    def counted(*arguments: Any, **keywords: Any) -> Any:
        calls.append(1)
        return real(*arguments, **keywords)

    monkeypatch.setattr(ranking, "rank", counted)
    return calls


@pytest.mark.parametrize("name", ["generated", "seeds"])
def test_with_the_fast_paths_off_searches_answer_the_same(
    corpora: dict[str, tuple[Path, list[str]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    ranking_calls: list[int],
    name: str,
) -> None:
    """Fast paths on; then off for searching the same index; then off for building too
    (Whoosh's own posting encoding): the same totals, hits, order, scores and snippets."""
    corpus, queries = corpora[name]
    fast = _answers(_open(corpus, tmp_path / "fast"), queries)
    assert ranking_calls, "the fast ranking never ran"
    ranking_calls.clear()
    monkeypatch.setenv(fast_paths.FAST_PATHS_ENV, "0")
    assert _answers(_open(corpus, tmp_path / "fast"), queries) == fast
    assert _answers(_open(corpus, tmp_path / "whoosh"), queries) == fast
    assert not ranking_calls
    assert sum(1 for answer in fast if isinstance(answer, tuple) and answer[0]) >= 10


def _broken_rank(*_: Any, **__: Any) -> None:
    raise KeyError("a bug in the fast ranking")


@pytest.mark.parametrize("name", ["generated", "seeds"])
def test_a_failing_fast_path_falls_back_to_whoosh_for_the_same_answers(
    corpora: dict[str, tuple[Path, list[str]]],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    name: str,
) -> None:
    corpus, queries = corpora[name]
    library = _open(corpus, tmp_path / "index")
    expected = _answers(library, queries)
    monkeypatch.setattr(ranking, "rank", _broken_rank)
    with caplog.at_level(logging.WARNING, logger="reader.engine"):
        assert _answers(library, queries) == expected
    fallbacks = [r for r in caplog.records if "ranking from posting lists failed" in r.message]
    assert fallbacks and all(record.exc_info for record in fallbacks)
    assert not library.needs_update()  # not taken for damage


class _MovedColumn:
    """A column reader after Whoosh renamed its private parts: the public API is unchanged."""

    def __init__(self, column: Any) -> None:
        self._moved = column

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._moved, name)

    def __getitem__(self, docnum: int) -> Any:
        return self._moved[docnum]

    def __len__(self) -> int:
        return len(self._moved)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._moved)


def test_a_failing_one_pass_analysis_falls_back_to_whoosh_s_indexing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    expected = _answers(_open(SEEDS, tmp_path / "fast"), _SEED_QUERIES)

    def broken(self: Any, value: str) -> None:
        raise ValueError("a bug in the one-pass analysis")

    monkeypatch.setattr(FoldedStemAnalyzer, "postings", broken)
    with caplog.at_level(logging.WARNING, logger="reader.engine"):
        assert _answers(_open(SEEDS, tmp_path / "whoosh"), _SEED_QUERIES) == expected
    assert any("indexing a text field in one pass" in r.message for r in caplog.records)


def test_an_internal_that_moved_under_perdoc_is_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    library = _open(SEEDS, tmp_path / "index")
    expected = _answers(library, _SEED_QUERIES)
    library.close()
    real = W3PerDocReader.column_reader
    monkeypatch.setattr(W3PerDocReader, "column_reader", lambda *args: _MovedColumn(real(*args)))
    library = Library.open(SEEDS, tmp_path / "index")
    assert not library.needs_update()
    with caplog.at_level(logging.WARNING, logger="reader.engine"):
        assert _answers(library, _SEED_QUERIES) == expected  # by Whoosh's collector
    assert any("ranking from posting lists failed" in r.message for r in caplog.records)
    assert not library.needs_update() and not (library.index_dir / "damaged").exists()


def test_a_renamed_compound_directory_is_not_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh renaming ``CompoundStorage._dir`` (its own methods follow) changes nothing."""
    library = _open(SEEDS, tmp_path / "index")
    expected = _answers(library, _SEED_QUERIES)
    library.close()
    real_init = CompoundStorage.__init__

    def renamed(self: Any, *args: Any, **kwargs: Any) -> None:
        real_init(self, *args, **kwargs)
        self._entries = self.__dict__.pop("_dir")

    monkeypatch.setattr(CompoundStorage, "__init__", renamed)
    monkeypatch.setattr(CompoundStorage, "range", lambda self, name: (
        self._entries[name]["offset"], self._entries[name]["length"]))  # fmt: skip
    monkeypatch.setattr(CompoundStorage, "list", lambda self: list(self._entries))
    monkeypatch.setattr(CompoundStorage, "file_exists", lambda self, name: name in self._entries)
    monkeypatch.setattr(
        CompoundStorage, "file_length", lambda self, name: self._entries[name]["length"]
    )
    assert documents_in(tmp_path / "index" / "whoosh") == 5
    library = Library.open(SEEDS, tmp_path / "index")
    assert not library.needs_update()
    assert _answers(library, _SEED_QUERIES) == expected


def test_an_untested_whoosh_version_turns_the_fast_paths_off(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, ranking_calls: list[int]
) -> None:
    library = _open(SEEDS, tmp_path / "index")
    expected = _answers(library, _SEED_QUERIES)
    library.close()
    ranking_calls.clear()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(fast_paths, "installed_whoosh", lambda: "3.99.0")
        fast_paths._version_is_tested.cache_clear()
        with caplog.at_level(logging.WARNING, logger="reader.engine"):
            assert not fast_paths.fast_paths_enabled()
            assert _answers(Library.open(SEEDS, tmp_path / "index"), _SEED_QUERIES) == expected
    fast_paths._version_is_tested.cache_clear()
    assert not ranking_calls
    versions = [r for r in caplog.records if "3.99.0 is installed" in r.message]
    assert len(versions) == 1  # checked once
    assert fast_paths.fast_paths_enabled()


def test_the_switch_is_read_each_time(monkeypatch: pytest.MonkeyPatch) -> None:
    assert fast_paths.fast_paths_enabled()
    for value in ("0", "off", "False", " no "):
        monkeypatch.setenv(fast_paths.FAST_PATHS_ENV, value)
        assert not fast_paths.fast_paths_enabled(), value
    monkeypatch.setenv(fast_paths.FAST_PATHS_ENV, "1")
    assert fast_paths.fast_paths_enabled()


def test_a_bug_in_whoosh_s_own_path_is_reported_not_taken_for_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    library = _open(SEEDS, tmp_path / "index")
    monkeypatch.setenv(fast_paths.FAST_PATHS_ENV, "0")

    def broken(self: Any, *_: Any) -> None:
        raise TypeError("a bug")

    monkeypatch.setattr(TopCollector, "collect", broken)
    with caplog.at_level(logging.WARNING), pytest.raises(QueryError, match="search failed"):
        search(library, "putin")
    assert any(record.exc_info for record in caplog.records)
    assert not library.needs_update() and not (library.index_dir / "damaged").exists()


def test_a_healthy_index_is_never_confirmed_damaged(tmp_path: Path) -> None:
    """What the confirmation reads raises nothing on a sound index, for every query shape,
    expanded or not (else a bug anywhere would rebuild the index on every start)."""
    library = _open(SEEDS, tmp_path / "index")
    reader = library.searcher().reader()
    assert confirm_damage(lambda: library.ix, None) is None
    for text in [*_SEED_QUERIES, *_QUERIES]:
        try:
            parsed = parse_query(text)
        except QueryError:
            continue
        assert confirm_damage(lambda: library.ix, parsed) is None, text
        expanded = bound_expansions(parsed, reader, lambda: None)
        assert confirm_damage(lambda: library.ix, expanded) is None, text


def test_documents_in_reports_damage_and_lets_bugs_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    library = _open(SEEDS, tmp_path / "index")
    library.close()
    folder = tmp_path / "index" / "whoosh"
    assert documents_in(folder) == 5
    segment = next(folder.glob("*.seg"))
    data = segment.read_bytes()
    segment.write_bytes(data[: len(data) // 2])
    with pytest.raises(IndexDamage, match=r"^segment .*\.seg"):
        documents_in(folder)
    segment.write_bytes(data)
    toc = next(folder.glob("*.toc"))
    toc_bytes = toc.read_bytes()
    toc.write_bytes(b"garbage" * 10)
    with pytest.raises(IndexDamage, match="table of contents"):
        documents_in(folder)
    toc.write_bytes(toc_bytes)

    def bug(self: Any) -> bool:
        raise RuntimeError("a bug")

    monkeypatch.setattr(W3Segment, "is_compound", bug)
    with pytest.raises(RuntimeError, match="a bug"):
        documents_in(folder)
    with pytest.raises(RuntimeError, match="a bug"):  # never "damaged, rebuilding"
        Library.open(SEEDS, tmp_path / "index").needs_update()


def test_each_writer_session_offers_the_spelling_words_again(tmp_path: Path) -> None:
    """Two indexes built one after the other in one process both learn every spelling."""
    for name in ("first", "second"):
        library = _open(SEEDS, tmp_path / name)
        assert search(library, "sanctons").suggestion == "sanctions", name
    schema = library.ix.schema
    assert all(getattr(schema[name], "session", None) is None for name in schema.names())


def test_the_field_lists_match_the_schema() -> None:
    schema = make_schema()
    names = schema.names()
    spelling = {schema[n].spelling_fieldname(n) for n in names if schema[n].separate_spelling()}
    indexed = {name for name in names if schema[name].indexed} - spelling - {"id"}
    assert set(QUERY_FIELDS) == indexed
    assert set(DEFAULT_FIELDS) <= set(QUERY_FIELDS) and set(QUERY_FIELDS) >= WORD_FIELDS
    assert all(schema[name].scorable for name in WORD_FIELDS)


_FAILING_SEARCH = """
import sys
from pathlib import Path
from reader.engine import ranking
def broken(*_, **__):
    raise KeyError("a bug in the fast ranking")
ranking.rank = broken
{run}
"""


def test_a_fallback_prints_nothing_from_the_library_and_one_line_from_the_cli(
    tmp_path: Path,
) -> None:
    library = _open(SEEDS, tmp_path / "index")
    library.close()
    library_run = (
        "from reader.index import Library\nfrom reader.search import search\n"
        f"library = Library.open(Path({str(SEEDS)!r}), Path({str(tmp_path / 'index')!r}))\n"
        "print(search(library, 'putin').total)\n"
    )
    cli_run = (
        "from reader.cli import main\n"
        f"sys.argv = ['reader', 'search', 'putin', '--corpus', {str(SEEDS)!r},"
        f" '--index-dir', {str(tmp_path / 'index')!r}]\n"
        "main()\n"
    )
    env = {key: value for key, value in os.environ.items() if key != fast_paths.FAST_PATHS_ENV}
    outputs = []
    for run in (library_run, cli_run):
        done = subprocess.run(
            [sys.executable, "-c", _FAILING_SEARCH.format(run=run)],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        outputs.append(done)
    assert outputs[0].stdout.strip() == "5" and outputs[0].stderr == ""
    lines = outputs[1].stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("reader: warning: ranking from posting lists")
    assert outputs[1].stdout.startswith("5 hits for putin")


_BY_NAME = frozenset({"getattr", "setattr", "hasattr", "delattr"})


def _private_names_used(source: str) -> set[str]:
    """Private (single-underscore) names a module reads as attributes or imports from
    Whoosh, less those it defines itself (its own ``self._x``, functions, constants)."""
    import ast

    tree = ast.parse(source)
    used: set[str] = set()
    own: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("whoosh"):
            used.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Attribute):
            (own if isinstance(node.ctx, ast.Store) else used).add(node.attr)
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in _BY_NAME:
            name = node.args[1] if len(node.args) > 1 else None
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                used.add(name.value)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            own.add(node.name)
        elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            own.add(node.id)
        elif isinstance(node, ast.alias):
            own.add(node.asname or node.name.split(".")[0])
    private = {name for name in used if name.startswith("_") and not name.startswith("__")}
    return private - own


def _whoosh_private_names() -> set[str]:
    """Every private name Whoosh's own source defines or assigns."""
    import ast

    import whoosh

    names: set[str] = set()
    for path in Path(whoosh.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_only_the_engine_uses_whoosh_private_names() -> None:
    reader_root = Path(__file__).resolve().parent.parent / "reader"
    whoosh_private = _whoosh_private_names()
    assert {"_segments", "_dir", "_perdoc", "_btexts", "_find_prefix"} <= whoosh_private
    offenders = {}
    for path in reader_root.rglob("*.py"):
        if "engine" in path.relative_to(reader_root).parts:
            continue
        source = path.read_text(encoding="utf-8")
        if "whoosh" not in source:
            continue
        names = _private_names_used(source) & whoosh_private
        if names:
            offenders[str(path.relative_to(reader_root))] = sorted(names)
    assert not offenders
    engine_source = (reader_root / "engine" / "postings.py").read_text(encoding="utf-8")
    assert {"_perdoc", "_terms", "_postfile"} <= _private_names_used(engine_source)
