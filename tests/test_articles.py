"""The article model on the real seeds and on hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles.read import ArticleError, iter_corpus, load_article, parse_article
from tests.conftest import SEEDS, corpus_or_skip


def seed(name: str):  # type: ignore[no-untyped-def]
    (path,) = SEEDS.glob(f"{name}_*.txt")
    return load_article(path, SEEDS)


SEED_TITLES = {
    "000": "Putin: There’s hope for resolving outstanding issues with the US",
    "001": "Putin after meeting Biden: ‘It is difficult to say whether the re-run…",
    "002": "For Putin, the meeting with Biden was “constructive”",
    "003": "Putin Hopes to Regularize Damaged Ties with US",
    "004": "Russia. Vladimir Putin’s conversation with Joe Biden. Kremlin statement",
}


@pytest.mark.parametrize(("name", "title"), SEED_TITLES.items())
def test_seed_titles_skip_site_chrome(name: str, title: str) -> None:
    assert seed(name).title == title


def test_ids_are_relative_paths_without_extension() -> None:
    assert seed("000").id == "000_43d420fba78c7d6a"
    assert [p.name for p in iter_corpus(SEEDS)] == sorted(p.name for p in SEEDS.glob("*.txt"))


@pytest.mark.parametrize(
    "debris",
    [
        "\n0\n",
        "\n635\n",
        "- Advertisement -",
        "See also",
        "Must read",
        "Source link",
        "More articles",
        "Latest article",
        "Leave a Reply",
        "Your email address",
        "folder_open",
        "access_time",
        "Add to favorites",
        "Comments",
        "No Script",
        "Please Wait",
        "24.3 C",
        "Denton Watson",
        "Friend of animals",
    ],
)
def test_boilerplate_is_not_in_any_seed_body(debris: str) -> None:
    for name in SEED_TITLES:
        article = seed(name)
        assert debris not in f"\n{article.body}\n", (name, debris)


def test_raw_text_keeps_the_boilerplate() -> None:
    assert "- Advertisement -" in seed("004").raw
    assert "Leave a Reply" in seed("001").raw


def test_headings_and_captions() -> None:
    kinds = {block.text: block.kind for block in seed("002").blocks}
    assert kinds["The Navalny case"] == "heading"
    assert kinds["“Cybersecurity Consultations”"] == "heading"
    assert kinds["No worries in the Arctic?"] == "heading"
    caption = next(text for text, kind in kinds.items() if kind == "caption")
    assert caption.endswith("Alexander Zemlianichenko / POOL / AFP")
    seed4 = {block.text: block.kind for block in seed("004").blocks}
    assert seed4["Main photo source: PAP / EPA / SERGEY GUNEEV / SPUTNIK"] == "caption"
    assert seed4["“The state of cooperation is still unsatisfactory”"] == "heading"
    assert all(block.kind == "text" for block in seed("000").blocks)


def test_metadata_byline_outlet_date_author() -> None:
    al_ahed = seed("003")
    assert al_ahed.byline == "By Staff, Agencies"
    assert al_ahed.author is None  # "Staff, Agencies" is not a person
    assert al_ahed.source == "Al-Ahed"
    assert seed("004").date == "2022-08-15"
    assert "Monday, August 15, 2022" not in seed("004").body
    assert seed("001").author == "Denton Watson"


def test_body_is_blocks_joined_and_offsets_index_it() -> None:
    for name in SEED_TITLES:
        article = seed(name)
        assert article.body == "\n\n".join(block.text for block in article.blocks)
        for block in article.blocks:
            assert article.body[block.start : block.end] == block.text
            assert "\n\n" not in block.text


def test_quote_crossing_paragraphs_keeps_both_paragraphs() -> None:
    paragraphs = seed("000").body.split("\n\n")
    assert paragraphs[0].endswith("with his US counterpart Joe Biden.")
    assert paragraphs[1].startswith("However, there is a glimmer of hope")


def test_hard_wrapped_wire_story_is_joined_into_paragraphs() -> None:
    text = (
        "COCOA REVIEW\n\nSALVADOR, Feb 26 - Showers continued throughout the week in\n"
        "the Bahia cocoa zone, alleviating the drought since early\nJanuary.\n"
        "    The dry period means the temporao will be late this year.\n Reuter\n"
    )
    article = parse_article(text, "x", Path("x.txt"))
    assert article.title == "Cocoa Review"  # a headline in capitals is shown in title case
    assert (article.place, article.date, article.source) == ("SALVADOR", "--02-26", "Reuters")
    assert [block.text for block in article.blocks] == [
        "SALVADOR, Feb 26 - Showers continued throughout the week in the Bahia cocoa zone,"
        " alleviating the drought since early January.",
        "The dry period means the temporao will be late this year.",
    ]


def test_story_without_headline_gets_a_derived_title() -> None:
    first = " ".join(["Words"] * 40) + "."
    article = parse_article(first + "\n\nSecond paragraph.", "x", Path("x.txt"))
    assert article.title.endswith("…")
    assert article.blocks[0].text == first


def test_duplicated_headline_after_chrome() -> None:
    text = (
        "Loading...\nExample News Facebook\n\nBig Headline Here\n\nBig Headline Here\n\nBody text."
    )
    article = parse_article(text, "x", Path("x.txt"))
    assert (article.title, article.source) == ("Big Headline Here", "Example News")
    assert [block.text for block in article.blocks] == ["Body text."]


def test_empty_and_whitespace_files_are_errors(tmp_path: Path) -> None:
    for name, data in {"empty.txt": b"", "blank.txt": b" \n\t\r\n  "}.items():
        (tmp_path / name).write_bytes(data)
        with pytest.raises(ArticleError, match="empty"):
            load_article(tmp_path / name, tmp_path)


def test_binary_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    with pytest.raises(ArticleError, match="PNG"):
        load_article(tmp_path / "image.txt", tmp_path)


def test_bbc_latin1_article_decodes_the_pound_sign() -> None:
    bbc = corpus_or_skip("bbc")
    article = load_article(bbc / "sport" / "199.txt", bbc)
    assert "£15.8m" in article.body
    assert article.encoding == "cp1252"


def test_windows_1251_crlf_article() -> None:
    russian = corpus_or_skip("russian")
    article = load_article(russian / "raw" / "ria-2008-windows-1251.txt", russian)
    assert article.title.startswith("Россия рассчитывает")
    assert "\r" not in article.raw


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_parsing_arbitrary_text_never_raises_anything_but_article_error(text: str) -> None:
    try:
        article = parse_article(text, "x", Path("x.txt"))
    except ArticleError:
        return
    for block in article.blocks:
        assert article.body[block.start : block.end] == block.text
    assert not any(ord(char) < 32 and char != "\n" for char in article.body + article.title)
