"""Every format read into Articles: pages, feeds, JSON Lines, CSV and web archives, with
fixtures written here, and the bad input each format meets (skipped with a reason)."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from reader.articles import (
    Position,
    Skipped,
    article_from_bytes,
    load_entry,
    read_articles,
)
from reader.articles.formats import file_format, read_file
from reader.articles.formats.html import declared_charset, decode_html
from reader.models import Article

PARAGRAPH = (
    "The minister said on Tuesday that the talks had been “constructive” and that both sides"
    " would meet again next month to settle the remaining questions about the agreement."
)
PAGE = f"""<!DOCTYPE html>
<html lang="en-GB"><head><meta charset="windows-1252">
<title>Talks resume in Geneva - The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta name="author" content="Jane Doe">
<meta property="article:published_time" content="2021-12-07T10:00:00Z">
<link rel="canonical" href="https://example.com/news/talks-resume">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
<article><h1>Talks resume in Geneva</h1>
<p>{PARAGRAPH}</p>
<h2>What comes next</h2>
<p>{PARAGRAPH.replace("Tuesday", "Wednesday")} Prices rose by 5% and cost £15.</p>
<blockquote><p>We are ready to talk about everything, and we will keep talking until the
questions are settled, said the delegation in a statement to the press.</p></blockquote>
<figure><img src="/photo.jpg"><figcaption>The delegations in Geneva (Reuters)</figcaption>
</figure>
<p>{PARAGRAPH.replace("Tuesday", "Thursday")}</p>
</article>
<footer><p>Copyright 2021 The Daily Example. All rights reserved.</p></footer>
</body></html>"""


def _write(folder: Path, name: str, data: bytes | str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _articles(path: Path, root: Path) -> tuple[list[Article], list[Skipped]]:
    found = list(read_articles(path, root))
    return [a for a in found if isinstance(a, Article)], [
        s for s in found if isinstance(s, Skipped)
    ]


# -- web pages ------------------------------------------------------------------------------


def test_page_body_structure_and_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path, "talks.html", PAGE.encode("cp1252"))
    article = article_from_bytes(path.read_bytes(), path, tmp_path)
    assert article.title == "Talks resume in Geneva"
    assert (article.source, article.date, article.author) == (
        "The Daily Example",
        "2021-12-07",
        "Jane Doe",
    )
    assert article.url == "https://example.com/news/talks-resume"
    assert (article.format, article.language, article.encoding) == ("html", "en-GB", "cp1252")
    kinds = [block.kind for block in article.blocks]
    assert kinds == ["text", "heading", "text", "quote", "caption", "text"]
    assert "“constructive”" in article.body and "£15" in article.body  # marks and charset kept
    assert "Home" not in article.body and "Copyright" not in article.body
    assert "Copyright" in article.raw  # the raw view is the page's visible text


def test_declared_charset_wins_over_guessing_and_valid_utf8_over_a_wrong_label() -> None:
    cyrillic = "<html><head><meta charset='koi8-r'></head><body><p>Привет, мир</p></body></html>"
    assert declared_charset(cyrillic.encode("koi8_r")) == "koi8-r"
    assert decode_html(cyrillic.encode("koi8_r"))[0] == cyrillic
    # labelled windows-1252, saved as UTF-8 (a common mistake): the bytes tell
    labelled = "<html><head><meta charset='windows-1252'></head><body>café</body></html>"
    assert decode_html(labelled.encode("utf-8")) == (labelled, "utf-8")
    # labelled UTF-8, written in windows-1252: the label cannot decode it, detection does
    wrong = (
        "<html><head><meta charset='utf-8'></head><body>Le café coûte 5 € à Zürich</body></html>"
    )
    assert decode_html(wrong.encode("cp1252"))[0] == wrong


@pytest.mark.parametrize(
    "markup",
    [
        "<html><body><p>unclosed <div><p>" + PARAGRAPH + "<table><tr><td>cell",
        "<p>" + PARAGRAPH + "</p></div></span></body></html></html>",
        "<<<>>><html><body>" + PARAGRAPH + "<!-- never closed",
    ],
)
def test_malformed_html_still_gives_the_text(tmp_path: Path, markup: str) -> None:
    path = _write(tmp_path, "broken.html", markup)
    article = article_from_bytes(path.read_bytes(), path, tmp_path)
    assert "constructive" in article.body


def test_page_without_text_is_an_error_not_a_crash(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.html", "<html><body><script>var x = 1;</script></body></html>")
    (entry,) = read_articles(path, tmp_path)
    assert isinstance(entry, Skipped)
    assert entry.reason


# -- feeds ----------------------------------------------------------------------------------

RSS = f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Example Wire</title><language>en</language>
<item><title>First story</title><link>https://example.com/1</link><guid>urn:story:1</guid>
<pubDate>Tue, 07 Dec 2021 10:00:00 GMT</pubDate><author>desk@example.com (Desk)</author>
<content:encoded><![CDATA[<p>{PARAGRAPH}</p><h2>More</h2>
<p>Second paragraph: “a quote,” he said.</p>]]>
</content:encoded><description>Short summary</description></item>
<item><title>Second story</title><link>https://example.com/2</link>
<description>{PARAGRAPH}</description></item>
<item><title>Only a title</title><link>https://example.com/3</link></item>
</channel></rss>"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Example</title>
<entry><id>tag:example.com,2021:1</id><title>Atom story</title>
<link href="https://example.com/atom/1"/><updated>2021-12-08T09:00:00Z</updated>
<content type="html">&lt;p&gt;{PARAGRAPH}&lt;/p&gt;</content></entry></feed>"""


def test_rss_entries_are_articles_with_keys(tmp_path: Path) -> None:
    path = _write(tmp_path, "feeds/wire.rss", RSS)
    articles, skipped = _articles(path, tmp_path)
    assert [a.id for a in articles] == [
        "feeds/wire/urn:story:1",
        "feeds/wire/https://example.com/2",
    ]
    first = articles[0]
    assert (first.title, first.source, first.date, first.format) == (
        "First story",
        "Example Wire",
        "2021-12-07",
        "rss",
    )
    assert first.url == "https://example.com/1" and first.language == "en"
    assert [b.kind for b in first.blocks] == ["text", "heading", "text"]  # full content wins
    assert articles[1].body == PARAGRAPH  # the summary when there is no content
    assert [(s.where, s.reason) for s in skipped] == [
        ("entry 3 (Only a title)", "no text (only a title)")
    ]
    assert load_entry(path, tmp_path, "https://example.com/2").title == "Second story"


def test_atom_feed_and_xml_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path, "atom.xml", ATOM)
    (article,) = _articles(path, tmp_path)[0]
    assert (article.format, article.title, article.date) == ("atom", "Atom story", "2021-12-08")
    assert article.id == "atom/tag:example.com,2021:1"


def test_xml_that_is_not_a_feed_and_a_feed_that_is_not_well_formed(tmp_path: Path) -> None:
    sitemap = _write(tmp_path, "sitemap.xml", "<urlset><url><loc>x</loc></url></urlset>")
    assert [s.reason for s in _articles(sitemap, tmp_path)[1]] == [
        "not a feed (an XML file of another kind)"
    ]
    broken = _write(tmp_path, "broken.rss", RSS[: RSS.index("<item><title>Second")] + "<item><tit")
    articles, skipped = _articles(broken, tmp_path)
    assert [a.title for a in articles] == ["First story"]  # what could be read is kept
    assert [(s.where, s.reason) for s in skipped] == [("entry 2", "no title and no text")]
    garbage = _write(tmp_path, "garbage.rss", b"\x00\x01 not xml at all <<<")
    assert len(_articles(garbage, tmp_path)[1]) == 1


@pytest.mark.slow
def test_a_feed_with_ten_thousand_entries(tmp_path: Path) -> None:
    items = "".join(
        f"<item><title>Story {n}</title><guid>g{n}</guid><description>&lt;p&gt;{PARAGRAPH}"
        f" Number {n}.&lt;/p&gt;</description></item>"
        for n in range(10_000)
    )
    path = _write(tmp_path, "big.rss", f"<rss><channel><title>Big</title>{items}</channel></rss>")
    articles, skipped = _articles(path, tmp_path)
    assert len(articles) == 10_000 and not skipped
    assert articles[-1].body.endswith("Number 9999.")


# -- JSON Lines and CSV ---------------------------------------------------------------------


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_fields_keys_and_bad_lines(tmp_path: Path) -> None:
    text = _jsonl(
        {"id": "a1", "headline": "One", "body": PARAGRAPH, "published": "2021-12-07",
         "publisher": "Wire", "link": "https://example.com/1", "authors": ["A B", "C D"]},
        {"title": "Two", "content": f"<p>{PARAGRAPH}</p><p>Second.</p>", "url": "https://e.com/2"},
        {"title": "Three", "text": PARAGRAPH},
        [1, 2, 3],
        {"title": "No text"},
        "{not json",
        "",
    )  # fmt: skip
    path = _write(tmp_path, "export.jsonl", text)
    articles, skipped = _articles(path, tmp_path)
    assert [a.id for a in articles] == ["export/a1", "export/https://e.com/2", "export/3"]
    one = articles[0]
    assert (one.title, one.date, one.source, one.author, one.format) == (
        "One", "2021-12-07", "Wire", "A B, C D", "jsonl",
    )  # fmt: skip
    assert one.url == "https://example.com/1" and "headline: One" in one.raw
    assert [b.text for b in articles[1].blocks] == [PARAGRAPH, "Second."]
    assert [s.where for s in skipped] == ["line 4", "line 5", "line 6"]
    assert skipped[0].reason == "not a JSON object (a list)"
    assert skipped[1].reason.startswith("no text")
    assert skipped[2].reason.startswith("not valid JSON")


def test_appended_jsonl_is_read_from_where_it_was(tmp_path: Path) -> None:
    path = _write(tmp_path, "log.ndjson", _jsonl({"title": "One", "text": PARAGRAPH}))
    reading = read_file(path)
    assert [e.key for e in reading if not isinstance(e, Skipped)] == ["1"]
    with path.open("a", encoding="utf-8") as handle:
        handle.write(_jsonl({"title": "Two", "text": PARAGRAPH}))
    again = read_file(path, after=reading.position)
    assert [e.key for e in again if not isinstance(e, Skipped)] == ["2"]  # only the new one
    assert again.resumed and again.position.count == 2
    path.write_text(_jsonl({"title": "New", "text": PARAGRAPH}), encoding="utf-8")  # rewritten
    rewritten = read_file(path, after=again.position)
    assert [e.title for e in rewritten if not isinstance(e, Skipped)] == ["New"]
    assert not rewritten.resumed


def test_csv_by_header_names_with_a_ten_megabyte_field(tmp_path: Path) -> None:
    huge = "x" * (10 * 1024 * 1024)
    text = (
        "Title,Date,Source,URL,Text\n"
        f'First,2021-12-07,Wire,https://e.com/1,"{PARAGRAPH}\n\nSecond paragraph."\n'
        f"Huge,2021-12-07,Wire,https://e.com/2,{huge}\n"
        f"Third,2021-12-08,Wire,https://e.com/3,{PARAGRAPH}\n"
    )
    path = _write(tmp_path, "sheet.csv", text)
    articles, skipped = _articles(path, tmp_path)
    assert [a.title for a in articles] == ["First", "Third"]
    assert [b.text for b in articles[0].blocks] == [PARAGRAPH, "Second paragraph."]
    assert [(s.where, s.reason) for s in skipped] == [
        ("record 2", "not a CSV record (a field is larger than 8 MB)")
    ]


def test_csv_without_a_text_column(tmp_path: Path) -> None:
    path = _write(tmp_path, "numbers.csv", "a,b\n1,2\n")
    assert [s.reason for s in _articles(path, tmp_path)[1]] == [
        "no text column (text, body, content or article) in the header"
    ]


# -- web archives ---------------------------------------------------------------------------


def _warc(records: list[tuple[str, str, str, bytes]], compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compress)
    for uri, status, content_type, payload in records:
        headers = [("Content-Type", content_type)]
        if status.startswith("3"):
            headers.append(("Location", "https://example.com/elsewhere"))
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=http
        )
        writer.write_record(record)
        request = writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
        )
        writer.write_record(request)
    return buffer.getvalue()


def _capture(n: int) -> tuple[str, str, str, bytes]:
    page = PAGE.replace("Talks resume in Geneva", f"Talks resume, day {n}").encode("cp1252")
    return (f"https://example.com/{n}", "200 OK", "text/html; charset=windows-1252", page)


@pytest.mark.parametrize("compress", [True, False])
def test_warc_pages_with_images_redirects_and_errors(tmp_path: Path, compress: bool) -> None:
    records = [
        _capture(1),
        ("https://example.com/logo.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(99)),
        ("https://example.com/old", "301 Moved Permanently", "text/html", b""),
        ("https://example.com/gone", "404 Not Found", "text/html", b"<p>not here</p>"),
        _capture(2),
    ]
    name = "crawl.warc.gz" if compress else "crawl.warc"
    path = _write(tmp_path, name, _warc(records, compress))
    assert file_format(path.name) == "warc"
    articles, skipped = _articles(path, tmp_path)
    assert [a.title for a in articles] == ["Talks resume, day 1", "Talks resume, day 2"]
    assert articles[0].id.startswith("crawl/") and articles[0].format == "warc"
    assert articles[0].url == "https://example.com/news/talks-resume"  # the page's canonical
    assert [s.reason.split(" (")[0] for s in skipped] == [
        "not a web page",
        "redirect",
        "HTTP status 404",
    ]
    assert all("example.com" in s.where for s in skipped)


def test_truncated_warc_gz_keeps_the_whole_records(tmp_path: Path) -> None:
    data = _warc([_capture(1), _capture(2)], compress=True)
    path = _write(tmp_path, "cut.warc.gz", data[: len(data) - 400])
    articles, skipped = _articles(path, tmp_path)
    assert [a.title for a in articles] == ["Talks resume, day 1"]
    assert len(skipped) == 1 and "truncated" in skipped[0].reason
    garbage = _write(tmp_path, "noise.warc.gz", gzip.compress(b"this is not a WARC file at all"))
    assert [type(e) for e in read_articles(garbage, tmp_path)] == [Skipped]


def test_appended_warc_reads_only_new_records(tmp_path: Path) -> None:
    path = _write(tmp_path, "grow.warc.gz", _warc([_capture(1)], compress=True))
    first = read_file(path)
    assert len([e for e in first if not isinstance(e, Skipped)]) == 1
    with path.open("ab") as handle:
        handle.write(_warc([_capture(2)], compress=True))
    again = read_file(path, after=first.position)
    assert [e.url for e in again if not isinstance(e, Skipped)] == ["https://example.com/2"]
    assert again.resumed and isinstance(again.position, Position)


def test_a_skip_is_one_line_naming_file_entry_and_reason(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.jsonl", '"just a string"\n')
    (skipped,) = read_articles(path, tmp_path)
    assert isinstance(skipped, Skipped)
    assert skipped.line("bad.jsonl") == "bad.jsonl: line 1: not a JSON object (a str)"
    whole_file = Skipped("", "binary file (PNG image)")
    assert whole_file.line("x.html") == "x.html: binary file (PNG image)"
