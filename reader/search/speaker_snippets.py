"""``speaker:NAME`` hits: the quotation of that speaker as the snippet, not the name as a word."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from whoosh import query

from reader.engine.analysis import SPEAKER_ANALYZER
from reader.models import Quote
from reader.quotes.speakers.names import speaker_key
from reader.search.snippets import SNIPPET_CHARS, Highlight, snippet

if TYPE_CHECKING:
    from reader.index import Library

__all__ = [
    "SpeakerNames",
    "hit_snippets",
    "quote_snippet",
    "speaker_names",
    "with_speaker_aliases",
]

SpeakerNames = frozenset[tuple[str, ...]]
"""The speakers a query asks for, each as its name's indexed words (``("vladimir", "putin")``)."""


def speaker_names(parsed: query.Query) -> SpeakerNames:
    """The ``speaker:`` terms and phrases of a parsed query (none under a NOT)."""
    return frozenset(words for leaf in _leaves(parsed) if (words := _typed_words(leaf)))


def with_speaker_aliases(library: Library, parsed: query.Query) -> query.Query:
    """``parsed`` with each ``speaker:`` name that stands for a speaker widened to all the
    speaker's names: ``speaker:"lib dems"`` also finds "the Liberal Democrats", and
    ``speaker:"vladimir putin"`` "Putin" where that surname alone is his."""
    if not any(_typed_words(leaf) for leaf in parsed.leaves()):
        return parsed
    from reader.quotes.speakers.identity import typed_identities

    def widened(node: query.Query) -> query.Query:
        words = _typed_words(node)
        if not words:
            return node
        names = library.catalog.same_speakers(typed_identities(words))
        spelled = {tuple(_tokens(name)) for name in names} - {tuple(words), ()}
        if not spelled:
            return node
        others = [_speaker_query(tokens) for tokens in sorted(spelled)]
        return query.Or([node, *others])

    return parsed.accept(widened)


def _typed_words(leaf: Any) -> tuple[str, ...]:
    """The words of a ``speaker:`` term or phrase (none for anything else)."""
    if getattr(leaf, "fieldname", None) != "speaker":
        return ()
    if isinstance(leaf, query.Phrase):
        return tuple(str(word) for word in leaf.words)
    if isinstance(leaf, query.Term):
        return (str(leaf.text),)
    return ()


def _tokens(name: str) -> list[str]:
    return [token.text for token in SPEAKER_ANALYZER(name)]


def _speaker_query(tokens: tuple[str, ...]) -> query.Query:
    if len(tokens) == 1:
        return query.Term("speaker", tokens[0])
    return query.Phrase("speaker", list(tokens))


def _leaves(node: query.Query) -> list[Any]:
    if isinstance(node, query.Not):
        return []
    if node.is_leaf():
        return [node]
    return [leaf for child in node.children() for leaf in _leaves(child)]


def quote_snippet(
    quotes: Sequence[Quote], names: SpeakerNames, highlight: Highlight
) -> tuple[str, list[tuple[int, int]]] | None:
    """The quotation by one of ``names`` that holds most of the search's words, as a snippet
    in quotation marks with those words' spans; None when the article has none."""
    best: tuple[int, str, list[tuple[int, int]]] | None = None
    for quote in quotes:
        if quote.kind != "speech" or not quote.speaker:
            continue
        if not any(_said_by(quote, name) for name in names):
            continue
        text = " ".join(quote.text.split())
        if len(text) > SNIPPET_CHARS:
            text = text[: SNIPPET_CHARS - 1].rsplit(" ", 1)[0] + "…"
        spans = [(start + 1, end + 1) for start, end in highlight.spans(text)]
        if best is None or len(spans) > best[0]:
            best = (len(spans), f"“{text}”", spans)
    return None if best is None else (best[1], best[2])


def _said_by(quote: Quote, name: tuple[str, ...]) -> bool:
    """Is the quote by the speaker of these indexed words, as the source credited or as
    the one who said it (“...,” Sanders said, according to CNN is by both)?"""
    words = set(name)
    return any(words <= {*_tokens(s), *_tokens(speaker_key(s))} for s in quote.said_by)


def hit_snippets(
    library: Library, bodies: Mapping[str, str], highlight: Highlight
) -> dict[str, tuple[str, list[tuple[int, int]]]]:
    """``{id: (snippet, spans)}`` of these hits' bodies: the speaker's quotation when the
    search asks for a speaker who is quoted there, else the densest matches of the body."""
    quotes = library.catalog.quotes_of(bodies) if highlight.speakers else {}
    snippets = {}
    for article_id, body in bodies.items():
        found = quote_snippet(quotes.get(article_id, ()), highlight.speakers, highlight)
        snippets[article_id] = found or snippet(body, highlight.terms, highlight.phrases)
    return snippets
