"""Files of many articles in the index: one article per entry with id ``<file id>/<key>``,
appended entries read alone, changed and vanished entries followed, bad entries listed."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reader.cli import cli
from reader.index import Library
from reader.index import entryfiles as entryfiles_module
from reader.search.searching import search

TEXT = (
    "The council met on {day} to discuss the new budget for the city's schools and roads."
    ' "We will not cut the libraries," the mayor said after the vote.'
)


def _record(key: str, day: str = "Monday", **extra: str) -> str:
    fields = {"id": key, "title": f"Budget vote {key}", "text": TEXT.format(day=day)}
    fields.update(extra)
    return json.dumps(fields) + "\n"


def _item(guid: str, title: str, day: str = "Monday") -> str:
    body = TEXT.format(day=day).replace('"', "&quot;")
    return (
        f"<item><guid>{guid}</guid><title>{title}</title>"
        f"<link>https://example.com/{guid}</link><description>{body}</description></item>"
    )


def _feed(*items: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
        "<language>en-GB</language>" + "".join(items) + "</channel></rss>"
    )


def _warc(*numbers: int) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for number in numbers:
        page = (
            f"<html lang='en'><head><title>Capture {number}</title></head><body><article>"
            f"<h1>Capture {number}</h1><p>{TEXT.format(day='Friday')}</p>"
            f"<p>{TEXT.format(day='Saturday')}</p></article></body></html>"
        ).encode()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                f"https://example.com/page/{number}",
                "response",
                payload=io.BytesIO(page),
                http_headers=http,
            )
        )
    return buffer.getvalue()


@pytest.fixture
def cleaned(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The keys of the entries cleaned by updates (unchanged entries are not cleaned)."""
    keys: list[str] = []
    real = entryfiles_module.article_or_skip

    def counting(entry: Any, file_id: str, path: Path) -> Any:
        keys.append(f"{file_id}/{entry.key}")
        return real(entry, file_id, path)

    monkeypatch.setattr(entryfiles_module, "article_or_skip", counting)
    return keys


def _library(corpus: Path, tmp_path: Path) -> Library:
    return Library.open(corpus, tmp_path / "index")


def _ids(library: Library) -> list[str]:
    return [summary.id for summary in library.summaries()]


def test_each_entry_is_an_article_with_a_stable_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "wire").mkdir(parents=True)
    (corpus / "wire" / "news.jsonl").write_text(_record("a1") + _record("a2", url="https://x/2"))
    (corpus / "feed.rss").write_text(_feed(_item("g1", "Storm"), _item("g2", "Rates")))
    (corpus / "crawl.warc.gz").write_bytes(_warc(1))
    cell = TEXT.format(day="Thursday").replace('"', '""')
    (corpus / "sheet.csv").write_text(f'headline,body\nCSV story,"{cell}"\n')
    (corpus / "plain.txt").write_text("Plain headline\n\n" + TEXT.format(day="Sunday") + "\n")
    library = _library(corpus, tmp_path)
    report = library.update()
    ids = _ids(library)
    assert report.added == len(ids) == 7
    assert {"wire/news/a1", "wire/news/a2", "feed/g1", "feed/g2", "sheet/1", "plain"} < set(ids)
    capture = next(i for i in ids if i.startswith("crawl/"))
    for article_id in ids:  # every id opens, quotations included
        article = library.article(article_id)
        assert article.id == article_id
        assert [q.speaker for q in library.quotes(article_id, article)]
    assert library.article(capture).url == "https://example.com/page/1"
    feed_entry = library.article("feed/g2")
    assert (feed_entry.format, feed_entry.language, feed_entry.source) == (
        "rss",
        "en-GB",
        "Example News",
    )
    hits = search(library, "libraries")
    assert {hit.id for hit in hits.hits} == set(ids)
    library.update(rebuild=True)
    assert _ids(library) == ids  # keys are stable across re-reads


def test_appended_entries_are_the_only_ones_read(tmp_path: Path, cleaned: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = corpus / "news.jsonl"
    records.write_text(_record("a1") + _record("a2"))
    archive = corpus / "crawl.warc.gz"
    archive.write_bytes(_warc(1))
    library = _library(corpus, tmp_path)
    library.update()
    first = set(_ids(library))
    cleaned.clear()
    with records.open("a") as handle:
        handle.write(_record("a3"))
    with archive.open("ab") as handle:
        handle.write(_warc(2))
    report = library.update()
    new = set(_ids(library)) - first
    assert report.added == 2 and set(cleaned) == new and "news/a3" in new
    assert first < set(_ids(library))


def test_a_changed_feed_cleans_only_changed_entries_and_drops_vanished_ones(
    tmp_path: Path, cleaned: list[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    feed = corpus / "feed.rss"
    feed.write_text(_feed(_item("g1", "One"), _item("g2", "Two"), _item("g3", "Three")))
    library = _library(corpus, tmp_path)
    library.update()
    cleaned.clear()
    # g0 is new at the top, g2 changed, g3 gone
    feed.write_text(_feed(_item("g0", "Zero"), _item("g1", "One"), _item("g2", "Two", "Friday")))
    report = library.update()
    assert sorted(cleaned) == ["feed/g0", "feed/g2"]
    assert (report.added, report.changed, report.deleted) == (1, 1, 1)
    assert _ids(library) == ["feed/g0", "feed/g1", "feed/g2"]
    assert "Friday" in library.article("feed/g2").body
    assert not search(library, "Three").hits


def test_a_rewritten_file_reindexes_and_a_deleted_one_leaves_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = corpus / "news.jsonl"
    records.write_text(_record("a1") + _record("a2") + "[1, 2]\n")
    library = _library(corpus, tmp_path)
    library.update()
    assert library.skipped() == [("news.jsonl", "line 3: not a JSON object (a list)")]
    records.write_text(_record("b1", day="Tuesday"))
    library.update()
    assert _ids(library) == ["news/b1"] and library.skipped() == []
    records.unlink()
    report = library.update()
    assert report.deleted == 1 and _ids(library) == [] and library.skipped() == []
    assert not library.needs_update()


def test_a_file_without_any_article_is_one_skipped_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    lines = "".join(json.dumps({"label": "Attribution", "n": n}) + "\n" for n in range(50))
    (corpus / "annotations.jsonl").write_text(lines)
    library = _library(corpus, tmp_path)
    report = library.update()
    ((path, reason),) = report.skipped
    assert path == "annotations.jsonl" and reason.startswith("no article in 50 entries")
    assert library.skipped() == list(report.skipped)
    assert not library.needs_update()  # remembered: not read again until it changes


def test_cli_lists_skipped_entries_and_shows_an_entry(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.jsonl").write_text(
        _record("a1", url="https://example.com/a1", language="en") + '"text"\n{"title": "x"}\n'
    )
    (corpus / "broken.rss").write_text("<rss><channel><item><title>no end")
    options = ["--corpus", str(corpus), "--index-dir", str(tmp_path / "index")]
    runner = CliRunner()
    result = runner.invoke(cli, ["index", *options, "--skipped"])
    assert result.exit_code == 0, result.output
    listed = result.stdout.splitlines()
    assert listed[0].startswith("broken.rss\t")
    assert listed[1:] == [
        "news.jsonl\tline 2: not a JSON object (a str)",
        "news.jsonl\tline 3: no text (no text, body, content or article field)",
    ]
    assert "1 file and 2 entries skipped" in result.stderr
    shown = runner.invoke(cli, ["show", "news/a1", *options, "--json"])
    record = json.loads(shown.stdout)
    assert (record["id"], record["url"], record["format"], record["language"]) == (
        "news/a1",
        "https://example.com/a1",
        "jsonl",
        "en",
    )
    raw = runner.invoke(cli, ["show", "news/a1", *options, "--raw"])
    assert "url: https://example.com/a1" in raw.stdout  # the record as it is
    quotes = runner.invoke(cli, ["quotes", "news/a1", *options])
    assert "libraries" in quotes.stdout


def _capture_warc(records: list[tuple[str, str, str, bytes]]) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, status, content_type, payload in records:
        headers = [("Content-Type", content_type), ("Location", "https://example.com/x")]
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                uri, "response", payload=io.BytesIO(payload), http_headers=http
            )
        )
    return buffer.getvalue()


def _bad_corpus(corpus: Path) -> None:
    corpus.mkdir()
    paragraph = TEXT.format(day="Monday")
    (corpus / "broken.html").write_text(f"<html><body><div><p>{paragraph}<p><b>unclosed <i>")
    # declares windows-1251, is UTF-8
    (corpus / "liar.html").write_bytes(
        f'<html><head><meta charset="windows-1251"></head><body><article><p>Café news. {paragraph}'
        "</p></article></body></html>".encode()
    )
    (corpus / "broken.rss").write_text("<rss><channel><item><title>Cut off")
    (corpus / "lines.jsonl").write_text(_record("ok") + "[1]\n" + '{"title": "no text"}\n{oops\n')
    huge = "x" * (10 * 1024 * 1024)
    (corpus / "huge.csv").write_text(f"title,text\nBig,{huge}\nSmall,{paragraph}\n")
    whole = _warc(1, 2)
    (corpus / "cut.warc.gz").write_bytes(whole[: len(whole) - 300])
    images = [
        (f"https://example.com/{n}.png", "200 OK", "image/png", b"\x89PNG" + bytes(50))
        for n in range(3)
    ] + [("https://example.com/old", "302 Found", "text/html", b"")]
    (corpus / "images.warc.gz").write_bytes(_capture_warc(images))


def test_bad_input_is_skipped_line_by_line_and_the_rest_indexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _bad_corpus(corpus)
    before = {path: path.read_bytes() for path in corpus.iterdir()}
    library = _library(corpus, tmp_path)
    report = library.update()
    ids = set(_ids(library))
    assert {"broken", "liar", "lines/ok", "huge/2"} <= ids
    assert "Café news." in library.article("liar").body
    assert sum(i.startswith("cut/") for i in ids) == 1  # the whole record before the cut
    listed = library.skipped()
    assert listed == sorted(report.skipped, key=lambda pair: pair[0])
    assert all("\n" not in path + reason for path, reason in listed)
    by_file: dict[str, list[str]] = {}
    for path, reason in listed:
        by_file.setdefault(path, []).append(reason)
    assert set(by_file) == {
        "broken.rss",
        "lines.jsonl",
        "huge.csv",
        "cut.warc.gz",
        "images.warc.gz",
    }
    assert len(by_file["lines.jsonl"]) == 3
    assert by_file["huge.csv"] == ["record 1: not a CSV record (a field is larger than 8 MB)"]
    assert "truncated" in by_file["cut.warc.gz"][0]
    (images,) = by_file["images.warc.gz"]  # no page at all: the file, once
    assert images.startswith("no article in 4 entries") and "image/png" in images
    assert {path: path.read_bytes() for path in corpus.iterdir()} == before
    again = library.update()
    assert again.skipped == () and library.skipped() == listed  # reported once, still listed


@pytest.mark.slow
def test_a_feed_of_ten_thousand_entries_then_one_more(tmp_path: Path, cleaned: list[str]) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    items = [_item(f"g{n}", f"Story {n}", day=f"day {n}") for n in range(10_000)]
    feed = corpus / "big.rss"
    feed.write_text(_feed(*items))
    library = _library(corpus, tmp_path)
    assert library.update().added == 10_000
    cleaned.clear()
    feed.write_text(_feed(_item("new", "Newest"), *items))
    report = library.update()
    assert (report.added, report.changed, report.deleted) == (1, 0, 0)
    assert cleaned == ["big/new"] and library.count() == 10_001


def test_an_entry_opened_again_after_its_file_changed_is_read_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    records = corpus / "news.jsonl"
    records.write_text(_record("a1", day="Monday"))
    library = _library(corpus, tmp_path)
    library.update()
    assert "Monday" in library.article("news/a1").body
    records.write_text(_record("a1", day="Wednesday"))
    assert "Wednesday" in library.article("news/a1").body  # before any update, from the file


def test_the_reader_counts_skipped_entries_by_file() -> None:
    from reader.models import UpdateReport
    from reader.ui.loading import update_notice

    entries = (("a.jsonl", "line 2: x"), ("a.jsonl", "line 5: y"), ("b.png.txt", "binary"))
    assert update_notice(UpdateReport(0, 0, 0, 0, entries)) == (
        "3 entries or files in 2 files were skipped"
        " (reader index --skipped lists them with the reason)"
    )
    assert "1 file was skipped" in (update_notice(UpdateReport(0, 0, 0, 0, entries[2:])) or "")
    one_file = update_notice(UpdateReport(0, 0, 0, 0, entries[:2])) or ""
    assert one_file.startswith("2 entries or files in 1 file were skipped")


def test_two_files_never_share_an_id(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "feed").mkdir(parents=True)
    (corpus / "a.md").write_text("# From Markdown\n\n" + TEXT.format(day="Monday") + "\n")
    (corpus / "a.txt").write_text("From text\n\n" + TEXT.format(day="Tuesday") + "\n")
    (corpus / "feed" / "x.txt").write_text("Plain x\n\n" + TEXT.format(day="Friday") + "\n")
    (corpus / "feed.jsonl").write_text(_record("x") + _record("y"))
    library = _library(corpus, tmp_path)
    report = library.update()
    assert _ids(library) == ["a", "feed/x", "feed/y"]
    assert library.count() == len(search(library, "libraries").hits) == 3  # stores agree
    assert library.article("feed/x").title == "Plain x"
    assert sorted(report.skipped) == [
        ("a.txt", "same id as a.md (rename one of them)"),
        ("feed.jsonl", "feed/x: same id as feed/x.txt (rename one of them)"),
    ]
    (corpus / "a.md").unlink()
    (corpus / "feed" / "x.txt").unlink()
    library.update()  # the holders are gone: the others take their ids
    assert library.article("a").title == "From text"
    assert library.article("feed/x").title == "Budget vote x"
    assert library.skipped() == [] and not library.needs_update()
