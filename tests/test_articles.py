"""The article model on the real seeds and on hand-written pages."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.articles.read import ArticleError, iter_corpus, load_article, parse_article
from reader.models import BlockKind
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
    assert seed("004").date is None  # its header date is the top bar's "today" (weather line)
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


def test_dateline_gives_place_date_and_agency_when_the_file_has_none() -> None:
    text = (
        "IMF SEES U.S. GROWTH SLOWING IN 1987\n\n"
        "WASHINGTON, March 3 - The International Monetary Fund said U.S. growth would slow,\n"
        "the IMF said in its report on the world economy issued today.\n Reuter\n"
    )
    article = parse_article(text, "x", Path("x.txt"))
    assert article.title == "IMF Sees U.S. Growth Slowing in 1987"  # acronyms from the text
    assert (article.place, article.date, article.source) == ("WASHINGTON", "--03-03", "Reuters")
    web = parse_article(
        "Headline\n\nHAYWARD, Calif. (AP) — A man was stabbed on a train on Tuesday, police said.",
        "y",
        Path("y.txt"),
    )
    assert (web.place, web.source, web.date) == ("HAYWARD, Calif.", "AP", None)


@pytest.mark.parametrize(
    ("lead", "found"),
    [
        ("NEW YORK, FEB 26 - Diamond Shamrock Corp said", ("NEW YORK", "--02-26")),
        ("Toronto, Feb 26 - Standard Trustco said", ("Toronto", "--02-26")),
        ("RICHMOND, Va. Feb 26 - Qtly div eight cts", ("RICHMOND, Va.", "--02-26")),
        ("Scarborough, Ontario, Feb 26 - Shr 45 cts", ("Scarborough, Ontario", "--02-26")),
        ("FARMINGTON, Conn., FEb 26 - Qtly div", ("FARMINGTON, Conn.", "--02-26")),
        ("Monday, Feb 26 - the day began", None),  # a weekday, not a place
        ("On Monday, May 3 - the talks resumed", None),  # a weekday phrase, not a place
        ("Late Friday, Feb 27 - the board met", None),
        ("Last Tuesday Night, May 3 - he left", None),
        ("MONDAY, FEB 26 - markets fell", None),
        ("Port Moresby, May 3 - the talks", ("Port Moresby", "--05-03")),
        ("The Company, March 3 - said", None),
        ("Apple (AP) - said", None),  # a title-case place needs a date
    ],
)
def test_datelines_in_capitals_title_case_or_without_a_comma(
    lead: str, found: tuple[str, str] | None
) -> None:
    from reader.articles.metadata import parse_dateline

    parsed = parse_dateline(lead)
    assert (parsed[:2] if parsed else None) == found


def test_a_dateline_on_a_wire_tables_first_line_or_after_a_repeat_note() -> None:
    table = "COBANCO INC YEAR NET\n\nSANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs\n"
    table += "    Net 807,000 vs 2,858,000\n    Assets 510.2 mln vs 479.7 mln\n Reuter\n"
    assert parse_article(table, "x", Path("x.txt")).date == "--02-26"
    repeat = (
        "USDA LIFTS CROSS-COMPLIANCE FOR OATS\n    REPEAT FROM LATE FRIDAY\n"
        "    WASHINGTON, Feb 27 - The USDA said it is lifting the\n"
        "limited cross-compliance requirement for 1987 crop oats.\n Reuter\n"
    )
    assert parse_article(repeat, "x", Path("x.txt")).date == "--02-27"


def test_capitals_headlines_keep_symbols_and_numbers_read_as_numbers() -> None:
    from reader.articles.metadata import title_case

    cased = title_case("DIAMOND SHAMROCK (DIA) CUTS 4TH QTR PRICES FOR 747S AND 3M", "text")
    assert cased == "Diamond Shamrock (DIA) Cuts 4th Qtr Prices for 747s and 3M"
    wire = "TOKYO BROKERS SEE EARLY GAINS\n\nTOKYO, Oct 20 - Brokers in Tokyo said the IMF...\n"
    assert parse_article(wire, "x", Path("x.txt")).title == "Tokyo Brokers See Early Gains"


def test_header_date_is_not_the_articles_date_when_the_text_says_otherwise() -> None:
    lead = "The two leaders met by video link on December 7, 2021, the Kremlin said in a statement."
    page = f"Monday, August 15, 2022\n\nLeaders talk\n\n{lead}\n\nMore text follows here."
    assert parse_article(page, "x", Path("x.txt")).date == "2021-12-07"
    quiet = page.replace(" on December 7, 2021,", "")
    assert parse_article(quiet, "x", Path("x.txt")).date == "2022-08-15"  # nothing says otherwise


def test_a_top_bar_date_beside_a_weather_reading_is_never_the_articles_date() -> None:
    lead = "Ministers met in the capital to discuss the budget, officials said on Tuesday."
    for weather in ("24.3 C", "Oslo 12°C", "72°F Sunny"):
        for bar in (f"{weather}\nSaturday, 3 May 2014", f"Saturday, 3 May 2014\n{weather}"):
            page = f"{bar}\n\nBudget talks go on\n\n{lead}\n\nMore text follows here."
            assert parse_article(page, "x", Path("x.txt")).date is None, bar
            dated = page.replace("on Tuesday", "on 29 April 2014")
            assert parse_article(dated, "x", Path("x.txt")).date == "2014-04-29"
    far = f"Saturday, 3 May 2014\nWorld\nBusiness\n24.3 C\n\nBudget talks go on\n\n{lead}"
    assert parse_article(far, "x", Path("x.txt")).date == "2014-05-03"  # not beside it


MENU = "\n".join(["Home", "World", "Business", "Sport", "Opinion", "Culture", "Science"])


def _whole_page(top: str) -> str:
    """A saved page: the title, a top part, menus, the headline again, the story, links."""
    tail = f"Related stories\n\n{MENU}\n\n{MENU}"
    return f"Budget talks go on\n\n{top}\n\n{MENU}\n\nBudget talks go on\n\n{PROSE}\n\n{tail}"


@pytest.mark.parametrize("bar", ["Sign In Subscribe", "Log in | Register", "English Edition"])
def test_a_date_beside_a_top_bars_account_links_is_the_day_the_page_was_seen(bar: str) -> None:
    page = _whole_page(f"Wed, Nov 20, 2019\n{bar}\nSearch")
    assert parse_article(page, "x", Path("x.txt")).date is None
    share = page.replace(bar, "Share")  # a story's share buttons: its own date line
    assert parse_article(share, "x", Path("x.txt")).date == "2019-11-20"


def test_other_stories_dates_above_the_headline_are_not_the_page_date() -> None:
    listed = "\n\n".join(f"Story {n} headline here\n\nJane Roe\n11/1{n}/19 9:00AM" for n in (2, 3))
    assert parse_article(_whole_page(listed), "x", Path("x.txt")).date is None
    one = listed.replace("11/13/19", "11/12/19")  # one date, twice: the page's
    assert parse_article(_whole_page(one), "x", Path("x.txt")).date == "2019-11-12"


def test_dates_of_stories_listed_between_the_headline_and_the_story_are_not_its_date() -> None:
    stories = ("Sedan makes a debut in Los Angeles", "A hatchback is unveiled at the show")
    related = f"{stories[0]}\n\nNovember 16, 2016\n\n{stories[1]}\n\nDecember 18, 2015"
    page = _whole_page("Sign in").replace(PROSE, f"By Jane Roe\n\n{related}\n\n{PROSE}")
    article = parse_article(page, "x", Path("x.txt"))
    assert (article.date, article.byline) == (None, "By Jane Roe")


def test_a_lead_date_after_the_page_date_is_a_plan_not_the_reports_date() -> None:
    lead = "The council will vote on 3 June 2014 on the plan, officials said on Tuesday."
    for bar, stated in (
        ("24.3 C\nSaturday, 3 May 2014", None),
        ("Saturday, 3 May 2014", "2014-05-03"),
    ):
        page = f"{bar}\n\nBudget talks go on\n\n{lead}\n\nMore text follows here."
        assert parse_article(page, "x", Path("x.txt")).date == stated


PROSE = "\n\n".join(
    [
        "The town council voted on Tuesday night to approve the new housing plan after a"
        " debate that lasted more than four hours.",
        "Supporters said the plan would bring hundreds of affordable homes to the east side of"
        " town, where rents have risen sharply.",
        "Opponents argued that the roads and schools in the area could not cope with so many"
        " new residents at once, and asked for a delay.",
    ]
)


def test_the_date_line_under_the_headline_beats_the_header_date() -> None:
    menu = "\n".join(["Home", "World", "Business", "Sport", "Opinion", "Culture", "Sign in"])
    page = (
        f"Town votes on housing plan - Example Times\n\n{menu}\n\nNovember 20, 2019\n\n"
        f"{menu}\n\nTown votes on housing plan\n\nBy Jane Roe\n\n"
        f"Nov. 19, 2019 8:03 am ET\n\n{PROSE}\n\nRelated stories\n\n{menu}\n\n{menu}"
    )
    article = parse_article(page, "x", Path("x.txt"))
    assert (article.title, article.date) == ("Town votes on housing plan", "2019-11-19")
    assert article.body.startswith("The town council voted")
    # an author box between the headline and the date line: still the article's date line
    boxed = "November 20, 2019\n\nTown votes\n\n" + "\n\n".join(
        ["By Jane Roe", "Biography Jane Roe", "@janeroe", "jane.roe@example.com"]
    )
    article = parse_article(f"{boxed}\n\nNov. 19, 2019 8:03 am ET\n\n{PROSE}", "x", Path("x"))
    assert article.date == "2019-11-19"
    assert "8:03 am" not in article.body
    late = f"{boxed}\n\n{PROSE}\n\nNov. 19, 2019 8:03 am ET\n\nThe end of the story."
    assert parse_article(late, "x", Path("x")).date == "2019-11-20"  # after prose: not a lead


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("Nov. 19, 2019 8:03 am ET", "2019-11-19"),
        ("Updated: Nov 20 2019, 3:24pm IST", "2019-11-20"),
        ("Published 10:42 AM EST, Tue March 5, 2019", "2019-03-05"),
        ("March 3, 2019 at 5:12 p.m.", "2019-03-03"),
        ("04/08/2008 12:08", "2008-08-04"),  # a 24-hour clock: day first
        ("Updated 4/11/2007 1:26 PM", "2007-04-11"),  # a 12-hour clock: American, month first
        ("04.08.2008 1:00 pm", "2008-08-04"),  # dots are day first whatever the clock
        ("updated: 3:26 pm IST", None),
        ("12/25/2008", "2008-12-25"),  # only month first gives a month
        ("25/12/2008", "2008-12-25"),  # only day first does
        ("3/2/87", "1987-03-02"),  # American: month first; two-digit years as strptime's %y
        ("Posted 1/2/03", "2003-01-02"),
        ("13/13/2008", None),
        ("3/2/1987x", None),
        ("May 5, 2020 at the summit", None),
    ],
)
def test_date_lines_with_a_time_or_a_label(line: str, stated: str | None) -> None:
    from reader.articles.dates import parse_date

    found = parse_date(line)
    assert (found.isoformat() if found else None) == stated


def test_slashed_dates_read_day_first_only_for_outlets_that_write_them_so() -> None:
    from reader.articles.assemble import article_from_blocks
    from reader.articles.dates import parse_date
    from reader.articles.metadata import Draft

    assert parse_date("3/2/87", day_first=True) == parse_date("2/3/87")
    assert parse_date("12/25/2008", day_first=True) == parse_date("12/25/2008")  # unambiguous
    assert parse_date("4/11/2007 1:26 PM", day_first=True).month == 4  # a 12-hour clock
    for url, language, day_first in [
        ("https://www.express.co.uk/news/1", None, True),
        ("https://www.spiegel.de/a", "de", True),
        ("https://www.nytimes.com/2019/a", "en", False),
        ("https://example.io/post", None, False),
        (None, "en-GB", False),
        (None, "fr", True),
    ]:
        assert Draft(url=url, language=language).day_first is day_first, url
    blocks: list[tuple[BlockKind, str]] = [("text", "3/2/2019"), ("text", PROSE)]
    dated = {
        url: article_from_blocks(blocks, id="x", path=Path("x"), raw="", title="T", url=url).date
        for url in ("https://www.express.co.uk/a", "https://www.latimes.com/a")
    }
    assert dated == {
        "https://www.express.co.uk/a": "2019-02-03",
        "https://www.latimes.com/a": "2019-03-02",
    }


def test_a_wire_tables_dateline_row_is_not_a_heading() -> None:
    rows = ("Net 807,000 vs 2,858,000", "Assets 510.2 mln vs 479.7 mln", "Loans 299.2 mln vs 3")
    table = "\n".join(f"    {row}" for row in rows)
    wire = f"COBANCO INC YEAR NET\n\nSANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs\n{table}"
    blocks = parse_article(wire + "\n Reuter\n", "x", Path("x.txt")).blocks
    assert [block.kind for block in blocks] == ["text", "table"]


def test_wire_tables_and_figure_lists_keep_their_lines_and_columns() -> None:
    text = (
        "COMPANY YEAR NET\n\n"
        "SANTA CRUZ, Calif., Feb 26 - Shr 34 cts vs 1.19 dlrs\n"
        "    Net 807,000 vs 2,858,000\n"
        "    Assets 510.2 mln vs 479.7 mln\n"
        "    Note: the year includes an extraordinary gain from a tax carry\n"
        "forward of 132,000 dlrs, or five cts per shr.\n\n"
        "         Natl   Loan           Release   Call\n"
        " Wheat   2.55   2.40       IV     4.65     --\n"
        "                            V     4.65     --\n"
    )
    blocks = parse_article(text, "x", Path("x.txt")).blocks
    assert [block.kind for block in blocks] == ["text", "table", "text", "table"]
    assert blocks[1].text == "Net 807,000 vs 2,858,000\nAssets 510.2 mln vs 479.7 mln"
    assert blocks[2].text.endswith("carry forward of 132,000 dlrs, or five cts per shr.")
    columns = blocks[3].text.split("\n")
    assert columns[1].index("4.65") == columns[2].index("4.65")  # still aligned


def test_reuters_stories_with_tables_are_not_split_line_by_line() -> None:
    reuters = corpus_or_skip("reuters21578") / "text"
    for name in ("00005.txt", "00011.txt"):
        article = load_article(reuters / name, reuters)
        assert sum(block.kind == "table" for block in article.blocks) >= 1
        assert len(article.blocks) <= 6, [block.text[:40] for block in article.blocks]
        assert article.date == "--02-26"  # the dateline on the table's first line


MENU = "\n".join(["Home", "World", "Business", "Sport", "Subscribe", "Sign in", "Search"] * 3)
FOOTER = "\n".join(
    ["Related stories", "Another headline about something", "A third headline here"]
    + ["Privacy policy", "Terms of use", "Contact us", "© 2019 Example Media", "Follow us"] * 2
)
LEAD = (
    "The council voted on Monday to close the old bridge to traffic from next year, after"
    " engineers found that its supports had weakened faster than expected."
)


def test_whole_page_text_keeps_the_article_and_drops_the_site() -> None:
    body = "\n\n".join([LEAD, "Repairs will cost about 12 million euros, the council said.", LEAD])
    page = (
        f"Bridge to close next year - Example News\n{MENU}\nBridge to close next year\n"
        f"By Ann Smith\nMarch 2, 2019\n{body}\nShare this article\n{FOOTER}\n"
    )
    article = parse_article(page, "x", Path("x.txt"))
    assert article.title == "Bridge to close next year"
    assert (article.byline, article.date) == ("By Ann Smith", "2019-03-02")
    assert article.body == body
    assert "Home" in article.raw and "Privacy policy" in article.raw


@pytest.mark.parametrize("sign_off", ["Reuter", "REUTER", "reuter", "REUTER\r"])
def test_a_wire_signs_off_in_any_case(sign_off: str) -> None:
    wire = f"OIL OUTPUT CUT\n\nKUALA LUMPUR, Oct 20 - Malaysia cut its output.\n {sign_off}\n"
    assert parse_article(wire, "x", Path("x.txt")).source == "Reuters"
    assert parse_article(wire.replace(sign_off, "SIGNED"), "x", Path("x.txt")).source is None
