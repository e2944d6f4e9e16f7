"""Quotations in an article body: spans, kind (speech or term) and speaker."""

from __future__ import annotations

import re

from reader.models import Quote, QuoteKind
from reader.quotes.german import german_kind
from reader.quotes.marks import Span, pair_quotes
from reader.quotes.speakers.attribute import Attribution, attribute_speakers, looks_german
from reader.quotes.speakers.tokens import mask_quotes

_WORD_RE = re.compile(r"[^\W_]+(?:[’'\-][^\W_]+)*")
_CLAUSE_RE = re.compile(r"[.!?;:,]\s+\S|[.!?]$|\s[—–]\s")
_PREPOSITION_RE = re.compile(
    r"(?:\b(?:on|in|of|from|at|to|with|told|tells|telling|titled|entitled|named|called|dubbed"
    r"|nicknamed|book|books|autobiography|memoir|novel|film|movie|documentary|album|song|show"
    r"|series|column|essay|play|poem)|[’']s)\W{1,3}$"
)  # "told “Fox and Friends,”", "his book, “The Art of the Deal”": a title, not speech
_SMALL_WORDS = {"a", "an", "and", "the", "of", "in", "on", "for", "to", "with", "at", "by", "or"}


def find_quotes(body: str) -> list[Quote]:
    """All quotations in an article body, in order, with kind and speaker.

    Never raises; linear time in the length of the body (paragraphs are `body.split("\\n\\n")`).
    """
    spans = pair_quotes(body)
    bounds = [(s.start, s.end) for s in spans]
    german = bool(spans) and looks_german(mask_quotes(body, bounds))  # speakers and kinds
    try:
        attributions = attribute_speakers(body, bounds, german)
    except Exception:  # speakers are heuristics: never lose an article's quotes over them
        attributions = [Attribution(None, False)] * len(spans)
    paragraph_starts = _paragraph_starts(body)
    quotes: list[Quote] = []
    paragraph = 0
    outer_end = -1  # end of the last speech quote: a quote inside it is a term of its text
    for span, attribution in zip(spans, attributions, strict=True):
        while (
            paragraph + 1 < len(paragraph_starts) and paragraph_starts[paragraph + 1] <= span.start
        ):
            paragraph += 1
        nested = span.end <= outer_end
        kind = "term" if nested else quote_kind(body, span, attribution)
        if german and not nested:
            kind = german_kind(body, span, kind)
        if kind == "speech":
            outer_end = max(outer_end, span.end)
        quotes.append(_quote(body, span, paragraph, kind, attribution))
    return quotes


def _quote(body: str, span: Span, paragraph: int, kind: QuoteKind, said: Attribution) -> Quote:
    """The record of one quotation: a speaker only for speech."""
    text = body[span.start : span.end]
    if not (kind == "speech" and said.speaker):
        return Quote(text, span.start, span.end, paragraph, kind, None)
    return Quote(
        text,
        span.start,
        span.end,
        paragraph,
        kind,
        said.speaker,
        speaker_kind=said.kind,
        speaker_roles=said.roles,
        inner_speaker=said.inner,
    )


def _paragraph_starts(body: str) -> list[int]:
    starts = [0]
    for para in body.split("\n\n")[:-1]:
        starts.append(starts[-1] + len(para) + 2)
    return starts


def quote_kind(body: str, span: Span, attribution: Attribution) -> QuoteKind:
    """Speech for someone's words; term for scare quotes, titles, nicknames and ids.

    Long or clause-shaped quotes are speech; titles and a few words are speech only when a
    reporting cue ties them to a speaker (“Really,” she added; described it as “constructive”).
    """
    text = body[span.start : span.end]
    words = _WORD_RE.findall(text)
    if not words or body[span.start - 2 : span.start - 1] == "=":
        return "term"  # no words, or a markup attribute value (tweet ids and authors)
    if len(words) <= 4 and _attributive(body, span):
        return "term"  # a federal “supermax” prison, the “top secret” level
    if _looks_like_title(words):
        after_preposition = _PREPOSITION_RE.search(body, max(0, span.start - 18), span.start)
        return "speech" if attribution.adjacent and not after_preposition else "term"
    if len(words) >= 5 or (len(words) >= 3 and _CLAUSE_RE.search(text)):
        return "speech"
    if attribution.speaker and text[0].isupper() and text[-1] in ".!?,":
        return "speech"  # a short sentence of its own: “Bodies everywhere.”
    return "speech" if attribution.cued else "term"


_DETERMINER_BEFORE_RE = re.compile(
    r"\b(?:a|an|the|its|their|his|her|this|these|those)"
    r"(?:\s+[a-z][\w-]*(?:al|ous|ive|ic|ful|less|ed|ing|ary|ern|ble|ish))?\W{1,3}$"
)  # "a “...”", "a federal “...”", not "the advertisement “...” suggests"
_WORD_AFTER_RE = re.compile(r"\W{1,3}([a-z][a-z-]+)\b")
# Words after a closing mark that do not make it a modifier of a noun.
_NOT_NOUNS = frozenset(
    str.split(
        "he she they it we i you who which that and or but nor to of in on at for with by from "
        "as is are was were be been has have had will would can could should may might must "
        "do does did not so than then when while if because after before since until about "
        "into over under against during without within through instead rather also even just "
        "only still yet here there now this these those said says told added wrote according "
        "like unlike per via the a an his her its their my our your took made got throughout "
        "often always never between among across around behind beyond toward towards upon "
        "along near amid despite"
    )
)


def _attributive(body: str, span: Span) -> bool:
    """A few quoted words between a determiner and a noun modify that noun: "a federal
    “supermax” prison", "the "top secret" level", "a 'Make America Great Again' hat"."""
    if not _DETERMINER_BEFORE_RE.search(body, max(0, span.start - 24), span.start):
        return False
    if body[span.end - 1 : span.end] in ".,;:!?":
        return False  # the quote ends a clause
    after = _WORD_AFTER_RE.match(body, span.end, span.end + 30)
    if after is None or after.start(1) - span.end > 3:
        return False
    word = after.group(1)
    return word not in _NOT_NOUNS and not word.endswith(("ly", "ed"))


def _looks_like_title(words: list[str]) -> bool:
    """Every content word capitalised: a heading, a title of a work or a name."""
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and len(words) <= 12 and all(w[0].isupper() for w in content)
