"""Highlighting a search in text: words by their index form, phrases as one span each."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.index import Library
from reader.search import search
from reader.search.snippets import Highlight, match_spans, snippet
from reader.ui.app import make_app
from tests.pilot import main_screen, settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def indexed_words(text: str) -> list[str]:
    """What the body analyzer indexes of ``text`` (stop words dropped, stemmed)."""
    # Imported late: reader.engine.schema imported first runs into a cycle with reader.index.
    from reader.engine.schema import BODY_ANALYZER

    return [token.text for token in BODY_ANALYZER(text)]


def test_a_phrase_is_one_span_and_its_words_alone_are_not_highlighted() -> None:
    text = "A free press matters. At the press conference, the press\n\nconference ended."
    spans = match_spans(text, frozenset(), frozenset({("press", "confer")}))
    assert [text[start:end] for start, end in spans] == [
        "press conference",
        "press\n\nconference",
    ]


def test_stop_words_inside_a_phrase_are_skipped_as_the_index_skips_them() -> None:
    text = "There is a glimmer of hope, and a glimmer, hope; not a glimmer of real hope."
    spans = match_spans(text, frozenset(), frozenset({("glimmer", "hope")}))
    assert [text[start:end] for start, end in spans] == ["glimmer of hope", "glimmer, hope"]


def test_words_and_phrases_together_do_not_overlap() -> None:
    text = "Putin held a press conference; the press asked Putin."
    highlight = Highlight(frozenset({"putin", "press"}), frozenset({("press", "confer")}))
    found = [text[start:end] for start, end in highlight.spans(text)]
    assert found == ["Putin", "press conference", "press", "Putin"]


_WORDS = ["press", "conference", "of", "the", "free", "hope", "glimmer", "a", "Press", "é"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=30), st.sampled_from([", ", " ", "\n\n"]))
def test_every_phrase_span_is_what_the_index_calls_the_phrase(
    words: list[str], separator: str
) -> None:
    text = separator.join(words)
    phrase = ("press", "confer")
    for start, end in match_spans(text, frozenset(), frozenset({phrase})):
        assert tuple(indexed_words(text[start:end])) == phrase
    # and every place where the index sees the phrase is found
    indexed = indexed_words(text)
    expected = sum(1 for a, b in itertools.pairwise(indexed) if (a, b) == phrase)
    assert len(match_spans(text, frozenset(), frozenset({phrase}))) == expected


def test_snippets_highlight_the_phrase_only() -> None:
    body = "A free press is vital.\n\nAfter the press conference in Geneva, talks went on."
    text, spans = snippet(body, frozenset(), frozenset({("press", "confer")}))
    assert [text[start:end] for start, end in spans] == ["press conference"]


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(SEEDS, tmp_path_factory.mktemp("index"))
    library.update()
    return library


@pytest.mark.parametrize("query", ['"press conference"', '"glimmer of hope"'])
def test_search_results_mark_the_phrase_not_its_words(library: Library, query: str) -> None:
    result = search(library, query)
    assert result.hits and not result.terms and len(result.phrases) == 1
    for hit in result.hits:
        assert hit.snippet_spans
        for start, end in hit.snippet_spans:
            assert tuple(indexed_words(hit.snippet[start:end])) == next(iter(result.phrases))


def test_a_phrase_with_slop_highlights_its_words(library: Library) -> None:
    result = search(library, '"press conference"~3')
    assert {"press", "confer"} <= result.terms and not result.phrases


@synchronous
@pytest.mark.slow
async def test_the_reading_pane_walks_a_phrase_as_one_hit() -> None:
    app = make_app(Library.open(SEEDS))
    async with app.run_test(size=(140, 45)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *'"press conference"', "enter", "enter")
        screen = main_screen(pilot)
        await wait_until(pilot, lambda: screen.pane.loaded is not None)
        view = screen.reading
        assert view.document is not None and view.document.hit_spans
        body = view.document.article.body
        for start, end in view.document.hit_spans:
            assert indexed_words(body[start:end]) == ["press", "confer"]
        assert view.current_hit == 0  # opening a hit goes to the first one
        await pilot.press("n")
        expected = 1 % len(view.document.hit_spans)
        assert view.current_hit == expected
