"""Reporting cues after a quotation: “...,” he said / said Putin / ― Oscar Quintero / and
a cue closing the quote's sentence ("..., he said.")."""

from __future__ import annotations

from reader.quotes.speakers.cue_clauses import clause_cue
from reader.quotes.speakers.phrase_words import PARTICIPLES, is_verb
from reader.quotes.speakers.phrases import (
    Phrase,
    make_phrase,
    phrase_forward,
    skip_adverbs,
    strip_possessive,
    until_sentence_end,
)
from reader.quotes.speakers.tokens import Token, TokenIndex

DASHES = "—–-―"


def cue_after(index: TokenIndex, end: int, length: int = 0) -> Phrase | None:
    """“...,” he said / said Putin / — Oscar Quintero, right after the quote (`length`
    characters long: only a sentence-like quote takes a cue the phrase rules cannot read)."""
    tokens = until_sentence_end(index.window(end, _window_end(index.text, end, 200)))
    while tokens and tokens[0].is_mark:
        tokens = tokens[1:]
    if not tokens:
        return _byline_paragraph(index, end)
    if tokens[0].text in DASHES and _dash_byline(index, tokens):
        return phrase_forward(tokens[1:])[0]
    if index.text[end - 1 : end] == "." and tokens[0].capital:
        return _short_cue_sentence(tokens)  # “... .” Trump said. (not a new statement)
    if index.text[end - 1 : end] in "?!" and any(t.text in '“"„«' for t in tokens[2:]):
        return None  # “Why now?” Mills then writes back, “You look cute.”: the next quote's
        # (a 'title' in single marks later in the clause does not count)
    found = clause_cue(tokens)
    return found if found is not None or length < _LOOSE_LENGTH else loose_cue(tokens)


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


_LOOSE_LENGTH = 25  # about four words: "peanuts," or a title is no utterance of its own
# Words that make the text between a quote and a verb a clause, not a speaker's name:
# "“...” that Sanders can catch Clinton, said", "“...” than waterboarding has".
_CLAUSE_WORDS = frozenset(
    str.split(
        "that than to of for in on at with by from as is are was were be been has have had "
        "will would can could should may might must do does did not who which when where "
        "while after before he she they it we i you his her their its our"
    )
)
_LOOSE_OPENERS = frozenset(str.split("the a an this these those some one another"))
_MAX_LOOSE = 8


def loose_cue(tokens: list[Token]) -> Phrase | None:
    """A cue the phrase rules could not read, right after the quote: "said former secretary
    of state Hillary Clinton", "Trump's senior communications adviser Jason Miller said",
    "the bespectacled, 71-year-old diplomat said", "federal prosecutors wrote". The words
    between the quote and a reporting verb (or after a verb that opens the clause) are the
    speaker: their last capitalised run as a name, else a description."""
    while tokens and (tokens[0].is_mark or tokens[0].text in ",—–-―"):
        tokens = tokens[1:]
    verb = next((i for i, t in enumerate(tokens[: _MAX_LOOSE + 1]) if is_verb(t)), None)
    if verb is None or tokens[verb].lower in PARTICIPLES:
        return None
    if verb == 0:
        return _name_after_verb(tokens[1:])
    words = [t for t in tokens[:verb] if t.text != ","]
    if any(t.lower in _CLAUSE_WORDS for t in words):
        return None
    if not all(t.is_word or t.text == "-" or t.text[:1].isdigit() for t in words):
        return None  # a clause, a parenthesis or a second quote in between
    name = _last_name_run(words)
    if name and words[-1].capital:
        return make_phrase(name, words[0].start, False)  # "... adviser Jason Miller said"
    return _description_before_verb(words)


def _name_after_verb(tokens: list[Token]) -> Phrase | None:
    """ "said former secretary of state Hillary Clinton": the last name run of at least
    two words up to a comma."""
    words = _until_comma(tokens)
    if any(t.lower in _CLAUSE_WORDS - {"of"} for t in words):
        return None  # “...,” stated that he had access to ...
    name = _last_name_run(words)
    return make_phrase(name, words[0].start, False) if name and len(name) >= 2 else None


def _description_before_verb(words: list[Token]) -> Phrase | None:
    """ "the bespectacled, 71-year-old diplomat", "Ryan’s office", "federal prosecutors":
    someone described, not named, before the verb."""
    opener = words[0].lower if words[0].lower in _LOOSE_OPENERS else ""
    possessor = strip_possessive(words[0].text) != words[0].text  # "Ryan’s office"
    body = [t.text for t in (words[1:] if opener else words)]
    if not body or body[-1][:1].isupper() or any(t.lower in {"and", "or"} for t in words):
        return None
    if not (opener or possessor) and not body[-1].endswith("s"):
        return None  # a bare singular ("campaign manager said") is not a speaker alone
    definite = possessor or opener in {"the", "this", "these", "those"}
    return Phrase("role", tuple(body), words[0].start, definite, not definite, opener)


def _until_comma(tokens: list[Token]) -> list[Token]:
    end = next((i for i, t in enumerate(tokens) if not t.is_word), len(tokens))
    return tokens[:end]


def _last_name_run(words: list[Token]) -> list[str]:
    """The last run of capitalised words ("Jason Miller" in "senior adviser Jason Miller")."""
    end = max((i for i, t in enumerate(words) if t.capital), default=-1)
    if end < 0:
        return []
    start = end
    while start > 0 and words[start - 1].capital:
        start -= 1
    return [strip_possessive(t.text) for t in words[start : end + 1]]
