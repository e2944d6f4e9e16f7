"""``speaker:NAME`` searches: their hits' snippets are that speaker's quotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.index import Library
from reader.search import search
from reader.search.results import Match, hits_for
from reader.search.snippets import Highlight
from tests.conftest import write_articles

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    library = Library.open(SEEDS, tmp_path_factory.mktemp("index"))
    library.update()
    return library


def _putin_quotes(library: Library, article_id: str) -> set[str]:
    return {
        " ".join(q.text.split())
        for q in library.quotes(article_id)
        if q.speaker == "Vladimir Putin" and q.kind == "speech"
    }


def test_a_speaker_search_shows_their_quotation_not_their_name(library: Library) -> None:
    result = search(library, "speaker:poutine")  # any spelling of the speaker
    assert result.total >= 4 and result.speakers == frozenset({("putin",)})
    for hit in result.hits:
        assert hit.snippet.startswith("“") and hit.snippet.endswith("”")
        inner = hit.snippet[1:-1].rstrip("…")
        assert any(text.startswith(inner) for text in _putin_quotes(library, hit.id))


def test_the_other_words_pick_the_quotation_and_are_highlighted(library: Library) -> None:
    result = search(library, "speaker:putin AND hope")
    first = result.hits[0]
    assert "glimmer of hope" in first.snippet
    assert [first.snippet[a:b] for a, b in first.snippet_spans] == ["hope"]


def test_pages_read_later_show_the_same_snippets(library: Library) -> None:
    result = search(library, 'speaker:"vladimir putin"', limit=2)
    matches = [Match(hit.id, hit.score, hit.source, hit.date) for hit in result.hits]
    highlight = Highlight(result.terms, result.phrases, result.speakers)
    again = hits_for(library, matches, highlight)
    assert [h.snippet for h in again] == [h.snippet for h in result.hits]


def test_without_a_speaker_term_snippets_are_the_body_s(library: Library) -> None:
    result = search(library, "putin NOT speaker:peskov")
    assert result.speakers == frozenset()
    assert any("Putin" in hit.snippet for hit in result.hits)


def test_a_speaker_search_finds_every_name_of_the_speaker(tmp_path: Path) -> None:
    bodies = {
        "a": "“We will cut taxes,” the Liberal Democrats said.",
        "b": "“Schools come first,” said the Lib Dems.",
        "c": "“We will win,” said the Conservatives.",
        "d": "“The plan is sound,” said Tony Blair.\n\n“Not so,” said Cherie Blair.",
    }
    corpus = write_articles(tmp_path / "corpus", bodies)
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    for typed in ('speaker:"lib dems"', 'speaker:"liberal democrats"'):
        result = search(library, typed)
        assert {hit.id: hit.snippet for hit in result.hits} == {
            "a": "“We will cut taxes,”",
            "b": "“Schools come first,”",
        }, typed
    assert {hit.id for hit in search(library, 'NOT speaker:"lib dems"').hits} == {"c", "d"}
    assert [hit.snippet for hit in search(library, 'speaker:"cherie blair"').hits] == [
        "“Not so,”"
    ]  # Tony Blair's name shares the surname, not the speaker
