"""Reporting cues after a quotation: “...,” he said / said Putin / ― Oscar Quintero / and
a cue closing the quote's sentence ("..., he said.")."""

from __future__ import annotations

from reader.quotes.speakers.phrases import (
    Phrase,
    clause_cue,
    is_verb,
    phrase_forward,
    skip_adverbs,
    until_sentence_end,
)
from reader.quotes.speakers.tokens import Token, TokenIndex

DASHES = "—–-―"


def cue_after(index: TokenIndex, end: int) -> Phrase | None:
    """“...,” he said / said Putin / — Oscar Quintero, right after the quote."""
    tokens = until_sentence_end(index.window(end, _window_end(index.text, end, 200)))
    while tokens and tokens[0].is_mark:
        tokens = tokens[1:]
    if not tokens:
        return _byline_paragraph(index, end)
    if tokens[0].text in DASHES and _dash_byline(index, tokens):
        return phrase_forward(tokens[1:])[0]
    if index.text[end - 1 : end] == "." and tokens[0].capital:
        return _short_cue_sentence(tokens)  # “... .” Trump said. (not a new statement)
    if index.text[end - 1 : end] in "?!" and any(t.is_mark for t in tokens[2:]):
        return None  # “Why now?” Mills then writes back, “You look cute.”: the next quote's
    return clause_cue(tokens)


def _byline_paragraph(index: TokenIndex, end: int) -> Phrase | None:
    """A quote closing its paragraph, followed by a paragraph "- Sanders." alone."""
    start = index.text.find("\n\n", end, end + 6)
    if start < 0:
        return None
    line_end = index.text.find("\n", start + 2)
    line = index.window(start + 2, line_end if line_end >= 0 else len(index.text))
    if len(line) < 2 or line[0].text not in DASHES or len(line) > 6:
        return None
    phrase, used = phrase_forward(line[1:])
    rest = [t for t in line[used + 1 :] if t.text not in ".,"]
    return phrase if phrase is not None and phrase.kind == "name" and not rest else None


def _dash_byline(index: TokenIndex, tokens: list[Token]) -> bool:
    """“...” ― Oscar P. Quintero: a name alone after a dash ends the line."""
    phrase, used = phrase_forward(tokens[1:])
    if phrase is None or phrase.kind != "name":
        return False
    rest_end = tokens[used].end if used < len(tokens) else tokens[-1].end
    line_end = index.text.find("\n", rest_end)
    tail = index.text[rest_end : line_end if line_end >= 0 else len(index.text)]
    return not tail.strip().strip(".,")


def _window_end(masked: str, end: int, width: int) -> int:
    """`end + width`, cut at the end of the paragraph."""
    paragraph_end = masked.find("\n\n", end, end + width)
    return paragraph_end if paragraph_end >= 0 else min(len(masked), end + width)


def cue_sentence_end(index: TokenIndex, end: int) -> Phrase | None:
    """A cue clause after a later comma of the quote's sentence: “...” in X, he said."""
    if index.text[end - 1 : end] in (".", "!", "?"):
        return None
    tokens = until_sentence_end(index.window(end, _window_end(index.text, end, 400)))
    for i, token in enumerate(tokens):
        if token.text == ",":
            phrase = clause_cue(tokens[i + 1 :])
            if phrase is not None:
                return phrase
    return None


def _short_cue_sentence(tokens: list[Token]) -> Phrase | None:
    """ "Trump said." / "The Post's Ed O'Keefe explained." right after a finished quote."""
    phrase, used = phrase_forward(tokens)
    rest = skip_adverbs(tokens[used:])
    if phrase is None or not rest or not is_verb(rest[0]) or len(rest) > 3:
        return None
    if any(t.text == ":" for t in rest):
        return None  # “... .” Mr. Zahed said: “...”: the cue of the next quote
    return phrase
