"""The query language's words for the user's data: is:unread, is:starred, tag:, note:,
has:note, combined with everything else; the ranking fast path agrees with Whoosh."""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

import pytest

from reader.engine.article_sets import ArticleSet, docnums
from reader.index import Library
from reader.personal import Reading
from reader.search import QueryError, parse_query, search
from reader.search.personal import has_personal_terms, resolve_personal
from reader.search.searching import SEARCH_SECONDS

FIRST = "000_43d420fba78c7d6a"
SECOND = "001_c2f849579deec72a"
THIRD = "002_3bb99c5d5b88d2c9"
FOURTH = "003_0c9558334fc0134d"
FIFTH = "004_de3854ecbe4435ec"
ALL = {FIRST, SECOND, THIRD, FOURTH, FIFTH}


@pytest.fixture
def library(seeds_library: Library) -> Library:
    return seeds_library


@pytest.fixture
def reading(library: Library) -> Reading:
    reading = Reading.open(library)
    reading.tag([FIRST, THIRD], ["summit"])
    reading.tag([FIFTH], ["kremlin-call"])
    reading.mark_read([FIRST, SECOND])
    reading.star([FOURTH])
    reading.set_note(THIRD, "Sanctions: ask the embassy")
    quotes = [quote.text for quote in library.quotes(FIFTH)]
    reading.set_quote_note(FIFTH, quotes, 0, "the Élysée line")
    return reading


def ids(library: Library, text: str, reading: Reading | None = None) -> set[str]:
    return {hit.id for hit in search(library, text, limit=50, personal=reading).hits}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("is:unread", {THIRD, FOURTH, FIFTH}),
        ("is:read", {FIRST, SECOND}),
        ("is:starred", {FOURTH}),
        ("tag:summit", {FIRST, THIRD}),
        ("tag:SUMMIT", {FIRST, THIRD}),
        ("tag:kremlin-call", {FIFTH}),
        ("tag:sum*", {FIRST, THIRD}),
        ("tag:nothing", set()),
        ("has:tag", {FIRST, THIRD, FIFTH}),
        ("has:note", {THIRD, FIFTH}),
        ("note:sanction", {THIRD}),  # stemmed as the body is
        ("note:elysee", {FIFTH}),  # a quotation's note, accents folded
        ("note:emb*", {THIRD}),
        ('note:"ask embassy"', {THIRD}),
        ("tag:summit AND speaker:putin", {FIRST, THIRD}),
        ("tag:summit AND is:unread", {THIRD}),
        ("tag:summit OR is:starred", {FIRST, THIRD, FOURTH}),
        ("NOT is:read", {THIRD, FOURTH, FIFTH}),
        ("putin NOT tag:summit", {SECOND, FOURTH, FIFTH}),
        ("(tag:summit OR has:note) AND is:unread", {THIRD, FIFTH}),
    ],
)
def test_personal_terms_select_articles(
    library: Library, reading: Reading, text: str, expected: set[str]
) -> None:
    assert ids(library, text, reading) == expected


def test_personal_terms_combine_with_text_ranking(library: Library, reading: Reading) -> None:
    plain = search(library, "putin biden", limit=10)
    narrowed = search(library, "putin biden AND is:unread", limit=10, personal=reading)
    expected = [hit.id for hit in plain.hits if hit.id not in {FIRST, SECOND}]
    assert [hit.id for hit in narrowed.hits] == expected  # same order, read ones left out
    assert narrowed.terms == plain.terms  # highlighting is the words' only


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("is:purple", "use is:unread, is:read or is:starred"),
        ("has:colour", "use has:note or has:tag"),
        ("tag:s?m", "takes a plain word"),
        ("tag:summt~", "takes a plain word"),
        ("mood:happy", "unknown field 'mood'"),
    ],
)
def test_meaningless_personal_terms_are_clear_errors(
    library: Library, reading: Reading, text: str, message: str
) -> None:
    with pytest.raises(QueryError, match=message):
        search(library, text, personal=reading)


def test_the_users_data_is_used_without_being_passed(library: Library) -> None:
    Reading.open(library).tag([SECOND], ["later"])
    assert ids(library, "tag:later") == {SECOND}
    assert ids(library, "is:unread") == ALL  # nothing read yet


def test_plain_queries_do_not_touch_the_users_data(library: Library) -> None:
    parsed = parse_query("putin AND summit")
    assert not has_personal_terms(parsed)
    assert ids(library, "putin") and not Path(__import__("os").environ["READER_DATA_DIR"]).exists()


class _Sets:
    """The user's data as plain sets (what Reading answers), for ranking comparisons."""

    def __init__(self, rng: random.Random, article_ids: list[str]) -> None:
        self.read = set(rng.sample(article_ids, len(article_ids) // 3))
        self.starred = set(rng.sample(article_ids, 5))
        self.tagged = set(rng.sample(article_ids, len(article_ids) // 10))

    def read_ids(self) -> set[str]:
        return self.read

    def starred_ids(self) -> set[str]:
        return self.starred

    def noted_ids(self) -> set[str]:
        return self.starred

    def tagged_ids(self, tag: str) -> set[str]:
        return self.tagged

    def note_ids_matching(self, words: str, form: Callable[[str], str] | None = None) -> set[str]:
        return self.starred


_QUERIES = [
    "is:unread", "NOT is:unread", "is:read", "tag:x", "oil AND is:unread", "oil OR tag:x",
    "oil NOT is:read", "(oil OR gold) AND tag:x", "tag:x AND NOT is:read", "is:starred OR bank",
    '"oil price" AND is:unread', "pr* AND is:unread", "oil^3 OR tag:x^2", "has:note",
]  # fmt: skip


def _article(rng: random.Random, number: int) -> str:
    words = ["oil", "price", "gold", "bank", "rate", "talks"] + [f"w{n}" for n in range(40)]
    body = " ".join(rng.choices(words, k=rng.randint(5, 60)))
    return f"Story {number}\n\n{body}.\n"


def test_fast_ranking_of_article_sets_matches_the_collector(tmp_path: Path) -> None:
    from reader.engine.ranking import rank
    from reader.search import searching as search_module

    rng = random.Random(13)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(400):
        (corpus / f"a{number:04}.txt").write_text(_article(rng, number))
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    for number in range(0, 400, 9):  # deletions in the first segment, and a second one
        (corpus / f"a{number:04}.txt").unlink()
    for number in range(400, 480):
        (corpus / f"a{number:04}.txt").write_text(_article(rng, number))
    library.update()
    searcher = library.searcher()
    assert searcher.reader().has_deletions() or len(searcher.leaf_searchers()) > 1
    sets = _Sets(rng, [summary.id for summary in library.summaries()] + ["gone"])
    for text in _QUERIES:
        parsed = resolve_personal(parse_query(text), sets)
        for limit in (1, 20, 1000):
            ranked = rank(searcher, parsed, limit, lambda: None, verify=True)
            results = search_module._search_in_time(searcher, parsed, limit, SEARCH_SECONDS)
            if text.startswith("NOT"):
                assert ranked is None  # a query that only excludes goes to Whoosh
                continue
            assert ranked is not None, text
            assert ranked.total == len(results), text
            assert [doc for _, doc in ranked.top] == [hit.docnum for hit in results], text
            assert [score for score, _ in ranked.top] == [hit.score for hit in results], text
    library.close()


def test_docnums_by_lookup_and_by_whole_list_agree(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(200):
        (corpus / f"a{number:03}.txt").write_text(f"Story {number}\n\nText {number}.\n")
    library = Library.open(corpus, tmp_path / "index")
    library.update()
    (corpus / "a005.txt").write_text("Story five\n\nEdited.\n")  # a deleted older copy
    (corpus / "a006.txt").unlink()
    library.update()
    wanted = ["a005", "a006", "a007", "missing"]
    for sub, _ in library.searcher().leaf_searchers():
        reader = sub.reader()
        one_by_one = sorted(docnums(reader, wanted))
        everything = [f"a{n:03}" for n in range(200)]
        assert sorted(docnums(reader, everything + wanted))  # reads the whole list once
        assert sorted(docnums(reader, wanted)) == one_by_one  # now from the cached list
        stored = {reader.stored_fields(doc)["id"] for doc in one_by_one}
        assert stored <= {"a005", "a007"} and not any(reader.is_deleted(d) for d in one_by_one)
    found = ArticleSet(wanted).docs(library.searcher())
    assert {library.searcher().stored_fields(doc)["id"] for doc in found} == {"a005", "a007"}
    library.close()


def test_matching_ids_are_every_match_best_first(library: Library, reading: Reading) -> None:
    from reader.search import matching_ids

    ranked = [hit.id for hit in search(library, "putin", limit=50).hits]
    assert matching_ids(library, "putin") == ranked
    assert matching_ids(library, "is:unread", personal=reading) == sorted(
        ALL - {FIRST, SECOND}
    )  # equal scores: index order
    with pytest.raises(QueryError):
        matching_ids(library, '"unbalanced')
