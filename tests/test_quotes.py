"""Quotation detection on hand-written edge cases: every mark style, apostrophes, nesting,
unbalanced marks, paragraph breaks, and properties that hold for any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.models import Quote
from reader.quotes import find_quotes
from reader.quotes.marks import ALL_MARKS, pair_quotes


def texts(body: str) -> list[str]:
    return [q.text for q in find_quotes(body)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("He said “we will win” today.", ["we will win"]),
        ('He said "we will win" today.', ["we will win"]),
        ("He said ‘we will win’ today.", ["we will win"]),
        ("Il a dit « nous allons gagner » hier.", ["nous allons gagner"]),
        ("Il a dit «nous allons gagner» hier.", ["nous allons gagner"]),
        ("Il a dit ‹ oui › hier.", ["oui"]),
        ("Er sagte „wir werden gewinnen“ gestern.", ["wir werden gewinnen"]),
        ("Er sagte ‚ja‘ gestern.", ["ja"]),
        ("Er sagte »wir werden gewinnen« gestern.", ["wir werden gewinnen"]),
        ("He said “ we will win ” today.", ["we will win"]),
        ('He said “we will win." Then left.', ["we will win."]),
        ("“Go,” he said, “now.”", ["Go,", "now."]),
    ],
)
def test_every_mark_style(body: str, expected: list[str]) -> None:
    assert texts(body) == expected


@pytest.mark.parametrize(
    "body",
    [
        "Putin’s aides said that’s fine and it isn’t over.",
        "The presidents’ meeting ended in the ’90s style.",
        "Rock 'n' roll isn't dead, it's the 'em and 'til of it.",
        "Jesus' disciples and the boss' office.",
    ],
)
def test_apostrophes_are_not_quotes(body: str) -> None:
    assert texts(body) == []


def test_single_quotes_around_apostrophes() -> None:
    assert texts("She said ‘Putin’s aides don’t care’ on Monday.") == ["Putin’s aides don’t care"]


def test_nesting_keeps_inner_and_outer() -> None:
    body = "“I had my hands up, sort of, ‘Don’t hit me, please,’” he said."
    assert texts(body) == [
        "I had my hands up, sort of, ‘Don’t hit me, please,’",
        "Don’t hit me, please,",
    ]


def test_same_family_nesting() -> None:
    body = "They stated, “today’s “Straw vote” is not a step towards integration.”"
    assert texts(body) == ["today’s “Straw vote” is not a step towards integration.", "Straw vote"]


def test_offsets_and_paragraphs() -> None:
    body = "Title\n\nFirst paragraph.\n\nShe said “yes, we will” and left."
    (quote,) = find_quotes(body)
    assert body[quote.start : quote.end] == quote.text == "yes, we will"
    assert quote.paragraph == 2


def test_quote_closing_in_the_next_paragraph() -> None:
    body = "He said “it opens here.\n\nAnd it closes here.” Then nothing."
    assert texts(body) == ["it opens here.\n\nAnd it closes here."]
    assert find_quotes(body)[0].paragraph == 0


def test_english_multi_paragraph_quote_is_one_piece_per_paragraph() -> None:
    body = '"First paragraph of the speech.\n\n"Second paragraph of it," she said.'
    assert texts(body) == ["First paragraph of the speech.", "Second paragraph of it,"]
    assert [q.speaker for q in find_quotes("Ann Lee spoke.\n\n" + body)] == ["Ann Lee"] * 2


def test_run_together_paragraphs_split_at_the_reopening_mark() -> None:
    body = 'Ms Hewitt said: "We doubled it. "We will extend it to 2007."'
    assert texts(body) == ["We doubled it.", "We will extend it to 2007."]


def test_stray_opener_never_crosses_into_the_next_paragraph() -> None:
    body = (
        "It would hurt relations. And with me “.\n\nReturn of ambassadors\n\nAmbassadors “return”."
    )
    assert texts(body) == ["return"]


def test_unclosed_opener_stays_inside_its_paragraph() -> None:
    body = "He said “this never closes.\n\nNext paragraph has no marks at all."
    assert texts(body) == []


@pytest.mark.parametrize("body", ["“", "”", '"', "'", "«", "a “", "“ a", "”“", '""', "“”"])
def test_lone_and_empty_marks(body: str) -> None:
    assert find_quotes(body) == []


def test_whole_heading_quote() -> None:
    body = "Intro text here.\n\n“Cybersecurity Consultations”\n\nMore text."
    (quote,) = find_quotes(body)
    assert (quote.text, quote.paragraph, quote.kind) == ("Cybersecurity Consultations", 1, "term")


def test_kinds() -> None:
    body = (
        "They met in the “City of Peace”. Trump called it “a total disaster” on Monday. "
        "The tweet came from “@AP”. “We will keep fighting for every vote,” she said."
    )
    kinds = {q.text: q.kind for q in find_quotes(body)}
    assert kinds == {
        "City of Peace": "term",
        "a total disaster": "speech",
        "@AP": "term",
        "We will keep fighting for every vote,": "speech",
    }


def test_ten_thousand_unmatched_marks() -> None:
    # Timing is measured in benchmarks/QUOTES.md; a quadratic pairing would stall this test.
    for mark in ("“", '"', "‘", "«", "„", "”"):
        body = ("word " + mark) * 10_000
        quotes = find_quotes(body)
        assert all(body[q.start : q.end] == q.text for q in quotes)
        assert all("\n\n" not in q.text for q in quotes)


def test_long_sentence_without_full_stops() -> None:
    body = "Ann Lee, Bob Roe, " * 5_000 + "they said “we are many” today."
    assert texts(body) == ["we are many"]


def test_mark_at_end_of_file() -> None:
    assert find_quotes("The end “") == []
    assert texts("He said “done”") == ["done"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list(ALL_MARKS + "ab .,\n’")), max_size=200))
def test_never_raises_and_spans_are_exact(body: str) -> None:
    quotes = find_quotes(body)
    _check(body, quotes)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_unicode_text(body: str) -> None:
    _check(body, find_quotes(body))


def _check(body: str, quotes: list[Quote]) -> None:
    starts = [0]
    for para in body.split("\n\n")[:-1]:
        starts.append(starts[-1] + len(para) + 2)
    assert quotes == sorted(quotes, key=lambda q: (q.start, -q.end))
    for quote in quotes:
        assert 0 <= quote.start < quote.end <= len(body)
        assert body[quote.start : quote.end] == quote.text
        assert quote.text == quote.text.strip()
        assert starts[quote.paragraph] <= quote.start
        assert quote.paragraph + 1 == len(starts) or quote.start < starts[quote.paragraph + 1]
        assert quote.kind in ("speech", "term")
        assert quote.speaker is None or quote.kind == "speech"
    assert len(pair_quotes(body)) == len(quotes)


def test_quote_modules_never_import_textual() -> None:
    import subprocess
    import sys

    code = (
        "import sys, reader.quotes.find, reader.quotes.groups, reader.quotes.speakers.attribute; "
        "assert 'textual' not in sys.modules and 'whoosh' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
