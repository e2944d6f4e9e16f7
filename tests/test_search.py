"""The query language, snippets, highlighting and suggestions."""

from __future__ import annotations

import random
import re
from pathlib import Path
from typing import Any

import pytest

from reader.index import Library
from reader.search import SEARCH_SECONDS, QueryError, parse_query, search
from reader.search.snippets import match_spans


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    from tests.conftest import SEEDS

    library = Library.open(SEEDS, tmp_path_factory.mktemp("index"))
    library.update()
    return library


def ids(library: Library, query: str) -> set[str]:
    return {hit.id for hit in search(library, query, limit=50).hits}


ALL = {
    "000_43d420fba78c7d6a",
    "001_c2f849579deec72a",
    "002_3bb99c5d5b88d2c9",
    "003_0c9558334fc0134d",
    "004_de3854ecbe4435ec",
}


def test_and_is_the_default_and_or_not_work(library: Library) -> None:
    assert ids(library, "navalny arctic") == {"002_3bb99c5d5b88d2c9"}
    assert ids(library, "arctic OR peskov") == {
        "002_3bb99c5d5b88d2c9",
        "003_0c9558334fc0134d",
        "004_de3854ecbe4435ec",
    }
    assert "002_3bb99c5d5b88d2c9" not in ids(library, "navalny NOT arctic")


def test_phrases_fields_wildcards_fuzzy(library: Library) -> None:
    assert ids(library, '"glimmer of hope"') == {"000_43d420fba78c7d6a", "001_c2f849579deec72a"}
    assert ids(library, "title:regularize") == {"003_0c9558334fc0134d"}
    assert ids(library, "source:al-ahed") == {"003_0c9558334fc0134d"}
    assert "002_3bb99c5d5b88d2c9" in ids(library, "cyberattack*")
    assert ids(library, "navalni~") >= {"000_43d420fba78c7d6a", "002_3bb99c5d5b88d2c9"}


def test_date_field(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "page.txt").write_text("Talks\n\nMarch 3, 2021\n\nThe leaders met in Geneva.\n")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    assert ids(library, "date:2021*") == {"page"}
    assert ids(library, "date:2021-03-03") == {"page"}


def test_stemming_and_accent_folding(library: Library) -> None:
    # "Alexeï" in 002 and "Alexei" in 000/001 are one word for search.
    assert ids(library, "alexei") == {
        "000_43d420fba78c7d6a",
        "001_c2f849579deec72a",
        "002_3bb99c5d5b88d2c9",
    }
    assert ids(library, "alexeï") == ids(library, "alexei")
    assert "003_0c9558334fc0134d" in ids(library, "expectation")  # "expectations"


def test_hits_have_ranked_snippets_with_marked_terms(library: Library) -> None:
    result = search(library, "glimmer hope", limit=5)
    assert result.total == 2
    assert [hit.score for hit in result.hits] == sorted(
        (hit.score for hit in result.hits), reverse=True
    )
    for hit in result.hits:
        marked = {hit.snippet[s:e].lower() for s, e in hit.snippet_spans}
        assert {"glimmer", "hope"} <= marked
        assert "\n" not in hit.snippet
    assert result.took_ms > 0


def test_suggestion_for_a_misspelling(library: Library) -> None:
    result = search(library, "sanctons")
    assert result.total == 0
    assert result.suggestion == "sanctions"
    assert search(library, "sanctions").suggestion is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ('"glimmer of', "unbalanced quote"),
        ("(putin OR biden", "missing ')'"),
        ("putin)", "no matching '('"),
        ("author:putin", "unknown field 'author'"),
        ("x" * 2000, "too long"),
        ("the", "no searchable words"),
    ],
)
def test_malformed_queries_raise_a_clear_error(library: Library, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=re.escape(message)):
        search(library, query)


def test_huge_fuzzy_distance_is_capped() -> None:
    parsed = parse_query("putin~9")
    assert all(leaf.maxdist <= 2 for leaf in parsed.leaves())


def test_match_spans_finds_inflected_and_accented_forms() -> None:
    text = "Alexeï Navalny's sanctions; SANCTION sanctioned."
    spans = match_spans(text, frozenset({"alexei", "sanction"}))
    assert [text[s:e] for s, e in spans] == ["Alexeï", "sanctions", "SANCTION", "sanctioned"]


def test_searching_an_unbuilt_index_path_is_not_needed(tmp_path: Path) -> None:
    # needs_update on a fresh folder is True and does not create a broken index
    from tests.conftest import SEEDS

    library = Library.open(SEEDS, tmp_path / "fresh")
    assert library.needs_update()


def test_speaker_field_folds_transliterations(library: Library) -> None:
    assert ids(library, "speaker:poutine") == ids(library, "speaker:putin")
    assert len(ids(library, "speaker:putin")) >= 4
    assert ids(library, 'quote:"glimmer of hope"') == {
        "000_43d420fba78c7d6a",
        "001_c2f849579deec72a",
    }


def test_snippet_reads_paragraph_breaks_as_one_space() -> None:
    from reader.search.snippets import snippet

    body = "First paragraph about Biden.\n\nBiden spoke again.\nThen Biden left."
    text, spans = snippet(body, frozenset({"biden"}))
    assert "\n" not in text and "  " not in text
    assert [text[s:e] for s, e in spans] == ["Biden", "Biden", "Biden"]
    # three newlines in a row: the spans still land on the word
    text, spans = snippet("Intro.\n\n\nOil rose.\n\n\n\nOil fell.", frozenset({"oil"}))
    assert [text[s:e] for s, e in spans] == ["Oil", "Oil"]


def test_highlighting_forms_match_what_the_index_stores() -> None:
    """``index_form`` re-implements the body analyzer for highlighting; they must agree."""
    from reader.engine.schema import BODY_ANALYZER
    from reader.search.snippets import index_form
    from tests.conftest import SEEDS

    token = re.compile(r"\w+(?:\.?\w+)*")  # the tokenizer both use
    words = {word for path in SEEDS.glob("*.txt") for word in token.findall(path.read_text())}
    words |= {"Alexeï", "Poutine", "SANCTIONS", "cybersecurity", "négociations", "Zürich"}
    checked = 0
    for word in words:
        indexed = [token.text for token in BODY_ANALYZER(word)]
        if len(indexed) == 1:  # one word, not a stop word
            assert index_form(word) == indexed[0], word
            checked += 1
    assert checked > 500


# --- the ranking fast path against Whoosh's collector ---------------------------------------

_WORDS = [
    "oil", "price", "market", "bank", "rate", "trade", "minister", "talks", "share", "profit",
    "export", "wheat", "gold", "deal", "court", "election", "union", "strike", "dollar", "yen",
]  # fmt: skip
_SYLLABLES = ("ka", "lo", "mi", "ne", "su", "ta", "ri", "po")
_FILLERS = [a + b + c for a in _SYLLABLES for b in _SYLLABLES[:5] for c in "dgm"]
# The query words at every sixth rank of a Zipf-like vocabulary: from very common to rare.
_VOCABULARY = [
    word
    for rank, filler in enumerate(_FILLERS)
    for word in ([_WORDS[rank // 5]] if rank % 5 == 0 and rank < 5 * len(_WORDS) else []) + [filler]
]
_FREQUENCIES = [1 / (rank + 1) for rank in range(len(_VOCABULARY))]


def _article(rng: random.Random, number: int) -> str:
    """A title, a blank line and paragraphs of words (many shared words, repeated phrases and
    equal scores), sometimes with a quotation."""

    def words(count: int) -> str:
        return " ".join(rng.choices(_VOCABULARY, _FREQUENCIES, k=count))

    paragraphs = []
    for _ in range(rng.randint(1, 4)):
        paragraph = words(rng.randint(3, 40))
        if rng.random() < 0.2:
            paragraph += " “oil price talks,” said Jane Smith."
        paragraphs.append(paragraph + ".")
    return f"{words(rng.randint(1, 4)).capitalize()} {number}\n\n" + "\n\n".join(paragraphs) + "\n"


_DIFF_QUERIES = [
    "oil", "price", "zzz", "oil price", "oil OR price", "oil AND NOT price", "oil NOT price",
    "oil ANDNOT price", '"oil price"', '"price oil"', '"oil price talks"', '"oil oil"',
    "title:oil", "title:oil OR body:bank", "(oil OR gold) AND (bank OR rate)", "ba*", "pr*",
    "exprt~", "tlks~2", "oil^3 bank", "(oil bank)^2", "quote:oil", "speaker:smith",
    "oil ANDMAYBE bank", "NOT oil", "body:*", '"oil price"~3', "oil AND (NOT bank OR rate)",
    "b?nk", "[a TO c]", "oil -price", "market AND NOT (rate OR talks) AND share",
    "oil oil", "oil OR oil", "title:oil^0.5 bank",
]  # fmt: skip


def _compare_with_collector(searcher: Any, queries: list[str], limit: int) -> int:
    """Assert that the fast path and Whoosh's collector agree; return how many queries the
    fast path answered (the others it handed to the collector)."""
    from reader.engine.ranking import rank
    from reader.search import searching as search_module
    from reader.search.queries import bound_expansions

    answered = 0
    for text in queries:
        try:
            parsed = bound_expansions(parse_query(text), searcher.reader(), lambda: None)
        except QueryError:
            continue
        ranked = rank(searcher, parsed, limit, lambda: None, verify=True)
        results = search_module._search_in_time(searcher, parsed, limit, SEARCH_SECONDS)
        if ranked is None:
            continue
        answered += 1
        assert ranked.total == len(results), text
        assert [docnum for _, docnum in ranked.top] == [hit.docnum for hit in results], text
        assert [score for score, _ in ranked.top] == [hit.score for hit in results], text
        unverified = rank(searcher, parsed, limit, lambda: None)
        assert unverified is not None
        assert [doc for _, doc in unverified.top] == [doc for _, doc in ranked.top], text
    return answered


def test_fast_ranking_matches_the_collector(tmp_path: Path) -> None:
    rng = random.Random(60)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(60):
        (corpus / f"a{number:05}.txt").write_text(_article(rng, number), encoding="utf-8")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    assert _compare_with_collector(library.searcher(), _DIFF_QUERIES, 20) >= 25
    # a second segment, and deleted articles in the first
    for number in range(0, 60, 7):
        (corpus / f"a{number:05}.txt").unlink()
    for number in range(60, 72):
        (corpus / f"a{number:05}.txt").write_text(_article(rng, number), encoding="utf-8")
    library.update()
    searcher = library.searcher()
    assert searcher.reader().has_deletions() or len(searcher.leaf_searchers()) > 1
    assert _compare_with_collector(searcher, _DIFF_QUERIES, 20) >= 25
    assert _compare_with_collector(searcher, _DIFF_QUERIES, 1) >= 25


# Query shapes whose evaluation depends on a segment's size: Whoosh's Or is array-based (and
# unscored for wildcard and fuzzy expansions) up to 5,000 articles in the segment, and long
# posting lists span many blocks.
_LARGE_SEGMENT_QUERIES = [
    "oil", "oil price", '"oil price"', "oil AND NOT price", "(oil OR gold) AND (bank OR rate)",
    "title:oil OR body:bank", "ba*", "pr*", "b?nk", "exprt~", "tlks~2", "speaker:smith",
]  # fmt: skip


def _whoosh_documents(rng: random.Random, numbers: range) -> list[dict[str, str]]:
    """Generated articles as Whoosh documents (the catalog and quotation finding skipped)."""
    documents = []
    for number in numbers:
        title, _, body = _article(rng, number).partition("\n\n")
        said = "said Jane Smith" in body
        documents.append(
            {"id": f"a{number}", "path": f"a{number}.txt", "title": title, "body": body,
             "quote": "oil price talks" if said else "", "speaker": "jane smith" if said else ""}
        )  # fmt: skip
    return documents


@pytest.mark.slow
def test_fast_ranking_matches_the_collector_past_5000_articles(tmp_path: Path) -> None:
    """One segment of more than 5,000 articles: Library.update splits a build that large
    between writer processes (smaller segments), so the index is written by one writer."""
    from whoosh import index as whoosh_index

    from reader.engine.files import open_index, open_writer
    from reader.engine.schema import make_schema

    rng = random.Random(6000)
    whoosh_index.create_in(str(tmp_path), make_schema())
    ix = open_index(tmp_path)
    writer = open_writer(ix)
    for document in _whoosh_documents(rng, range(5100)):
        writer.add_document(**document)
    writer.commit()
    with ix.searcher() as searcher:
        assert max(sub.doc_count_all() for sub, _ in searcher.leaf_searchers()) > 5000
        queries = _LARGE_SEGMENT_QUERIES
        assert _compare_with_collector(searcher, queries, 20) == len(queries)
        # past 5,000 articles an expansion is scored (up to it, every match scores 1)
        assert searcher.search(parse_query("pr*"), limit=1)[0].score != 1.0
    writer = open_writer(ix)  # deleted articles in the large segment, and a second one
    for number in range(0, 5100, 7):
        writer.delete_by_term("id", f"a{number}")
    for document in _whoosh_documents(rng, range(5100, 5400)):
        writer.add_document(**document)
    writer.commit()
    with ix.searcher() as searcher:
        assert searcher.reader().has_deletions()
        assert _compare_with_collector(searcher, queries, 20) == len(queries)
        assert _compare_with_collector(searcher, queries, 1) == len(queries)


def test_fast_ranking_matches_the_collector_on_the_seeds(library: Library) -> None:
    words = ["putin", "biden", "summit", "navalny", "kremlin", "arctic", "said", "russia"]
    queries = [*words, *(f"{a} OR {b}" for a in words for b in words[:3])]
    queries += [f'"{a} {b}"' for a in words for b in words] + ["vladimir putin", "pu*", "bidn~"]
    dates = list(library.searcher().reader().lexicon("date"))
    queries += [f"date:{dates[0].decode()}", f"date:{dates[-1].decode()} OR putin"]
    assert _compare_with_collector(library.searcher(), queries, 5) == len(queries)


def test_an_empty_index_finds_nothing(tmp_path: Path) -> None:
    (tmp_path / "corpus").mkdir()
    library = Library.open(tmp_path / "corpus", tmp_path / "index")
    library.update()
    for text in ("putin", '"vladimir putin"', "put*", "putin NOT biden"):
        result = search(library, text)
        assert (result.total, result.hits) == (0, ()), text


def test_fast_ranking_matches_the_collector_on_built_queries(library: Library) -> None:
    """Query shapes the parser does not produce: boosted single-child groups, a negation
    first."""
    from whoosh import query

    from reader.engine.ranking import rank
    from reader.search import searching as search_module

    putin, biden = query.Term("body", "putin"), query.Term("body", "biden")
    shapes = [
        query.And([putin], boost=3.0),
        query.Or([putin], boost=3.0),
        query.And([putin, biden], boost=2.0),
        query.And([query.Not(biden), putin], boost=2.0),
        query.Or([query.And([putin]), query.Or([biden], boost=0.5)]),
    ]
    searcher = library.searcher()
    for shape in shapes:
        ranked = rank(searcher, shape, 10, lambda: None, verify=True)
        results = search_module._search_in_time(searcher, shape, 10, SEARCH_SECONDS)
        assert ranked is not None, shape
        assert ranked.total == len(results), shape
        assert [doc for _, doc in ranked.top] == [hit.docnum for hit in results], shape
