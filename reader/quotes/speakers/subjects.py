"""Who the subject of a reporting verb or of a sentence is: "X said", "says X,", "..., saying
that", "a statement from Chelsea read:", "Her campaign manager, Robby Mook, said"."""

from __future__ import annotations

from dataclasses import replace

from reader.quotes.speakers.cue_clauses import clause_cue
from reader.quotes.speakers.mentions import OPENERS, ArticleNames
from reader.quotes.speakers.phrase_words import PARTICIPLES, is_verb
from reader.quotes.speakers.phrases import (
    Phrase,
    phrase_forward,
    phrase_right,
    skip_adverbs,
    strip_possessive,
)
from reader.quotes.speakers.tokens import Token, TokenIndex, sentence_start
from reader.quotes.speakers.verb_subjects import appositive_start, phrase_left
from reader.quotes.word_lists import words

# Things that carry words other than their holder's: "a sign saying", "a banner reading"
# (not "an ad calling": "Trump released a new radio ad calling it" is Trump's).
DISPLAYS = words(
    "sign signs banner banners placard placards poster posters shirt shirts t-shirt "
    "t-shirts sticker stickers billboard billboards headline headlines caption graphic"
)
_PARTITIVES = words("of one some each both all several many two three")
# Passive verbs whose subject hears the quote, and the cue phrase for a speaker not named.
_PUT_TO = words("asked told questioned pressed quizzed")
_UNNAMED = Phrase("pronoun", ("someone",), 0)
# Verbs whose next noun phrase is their object, named by the quote or told it: "X called Y
# “...”", "Gen Musharraf told the BBC: “...”".
_NAMING = words(
    "called calls labeled labelled labels dubbed dubs termed terms branded brands named "
    "described describes praised praises thanked thanks accused accuses hailed hails "
    "compared mocked blasted slammed criticized criticised urged urges told tells"
)
# What speaks for its issuer ("a statement from Chelsea", "according to the communiqué"); one
# (not "Conte's statements, the suit added, were ...": the suit speaks).
STATEMENTS = words("statement communique communiqué release announcement")
_POSSESSORS = words("his her its their my our your these those")


class Subjects:
    """The subjects of an article's sentences, by the rules of English word order."""

    def __init__(self, index: TokenIndex, starts: list[int], names: ArticleNames) -> None:
        self.index = index
        self.starts = starts
        self.names = names

    def of_verb(self, tokens: list[Token], verb: int, lower: int) -> Phrase | None:
        """Subject of a finite reporting verb; "by X" for a passive, else the sentence's."""
        issuer = _statement_issuer(tokens[:verb])
        if issuer is not None:
            return issuer  # "A statement from Chelsea explaining the decision read:"
        if verb and tokens[verb - 1].lower in {"was", "were", "been", "is", "be"}:
            sentence_end = min(len(self.index.text), tokens[verb].end + 200)
            after = self.index.window(tokens[verb].end, sentence_end)
            for pool in (tokens, after):
                by = next((i for i, t in enumerate(pool) if t.lower == "by"), None)
                if by is not None:
                    return phrase_right(pool[by + 1 :])
            if tokens[verb].lower in _PUT_TO:
                return _UNNAMED  # "Trump was asked, “What’s ...?”": the asker speaks
        inverted = _inverted(tokens, verb)
        lone_comma = verb > 0 and tokens[verb - 1].text == ","
        if inverted is not None and lone_comma and appositive_start(tokens, verb - 1) == verb - 1:
            return inverted  # "The paradox, says X, is that" (not "X, who ran, said Y was")
        subject = phrase_left(tokens, verb)
        if inverted is not None and (subject is None or not self.names.credible(subject)):
            return inverted  # German verb-second: "Nach der Sitzung sagte Schily:"
        return subject or self.of_sentence(lower, tokens[verb].start)

    def of_participle(self, tokens: list[Token], participle: int) -> Phrase | None:
        """ "..., saying that": the subject of the nearest finite verb, else the sentence's."""
        lower = sentence_start(self.starts, tokens[participle].start)
        tokens = [t for t in self.index.window(lower, tokens[participle].end) if not t.is_mark]
        participle = len(tokens) - 1
        own = phrase_left(tokens, participle, objects=True)
        if own is not None and own.kind != "pronoun" and tokens[participle - 1].text != ",":
            before = [t for t in tokens if t.end <= own.pos]
            while len(before) > 1 and before[-1].lower in _PARTITIVES:
                before.pop()  # "with one of her ads asking"
            if before and before[-1].lower == "with":
                return own  # "with Donald Trump tweeting that", "with one of her ads asking"
            if own.kind == "role" and own.words[-1].lower() in DISPLAYS:
                return own  # "Jane Doe held up a sign saying": the sign's words, not hers
        for i in range(participle - 1, -1, -1):
            verb = is_verb(tokens[i]) and tokens[i].lower not in PARTICIPLES
            if verb and not noun_use(tokens, i):
                phrase = phrase_left(tokens, i)
                if phrase is not None:
                    return phrase
        return self.of_sentence(
            sentence_start(self.starts, tokens[participle].start), tokens[participle].start
        )

    def of_sentence(self, lower: int, upper: int) -> Phrase | None:
        """The first noun phrase of a sentence (after an opening "On X," phrase)."""
        tokens = [t for t in self.index.window(lower, upper) if not t.is_mark]
        opener = tokens and (tokens[0].lower in OPENERS or _participial(tokens[0].lower))
        if not tokens or (tokens[0].capital and not opener):
            phrase, used = phrase_forward(tokens)
            named = _apposed_name(tokens[used:])  # "Her campaign manager, Robby Mook, said"
            if named is not None:
                return named
            return phrase if phrase is None or self.names.credible(phrase) else None
        for comma in (i for i, t in enumerate(tokens) if t.text == ","):
            cued = clause_cue(tokens[comma + 1 :])  # "Appearing ..., Suu Kyi, 70, said"
            if cued is not None:
                return cued if self.names.credible(cued) else None
            phrase, used = phrase_forward(tokens[comma + 1 :])  # "At a rally in X, N.H., Sen. Y"
            rest = skip_adverbs(tokens[comma + 1 + used :])
            if rest and rest[0].lower in {"of", "from", "at"}:
                rest = rest[next((j for j, t in enumerate(rest) if not t.capital and j), 0) :]
            if phrase is not None and rest and rest[0].is_word and not rest[0].capital:
                return phrase if self.names.credible(phrase) else None
        return None


def noun_use(tokens: list[Token], i: int) -> bool:
    """ "the claims", "his remarks", "her recent tweets": a reporting verb's form used as a
    plural noun after a determiner, or after a possessive and one adjective ("the ad says"
    keeps its verb)."""
    if not tokens[i].lower.endswith("s") or i == 0:
        return False
    if tokens[i - 1].lower in _POSSESSORS or tokens[i - 1].lower in {"the", "a", "an"}:
        return True
    previous = tokens[i - 1]
    adjective = previous.is_word and not previous.capital and not previous.lower.endswith("s")
    return i > 1 and tokens[i - 2].lower in _POSSESSORS and adjective


def _inverted(tokens: list[Token], verb: int) -> Phrase | None:
    """A name right after the verb that ends its clause: "says Carl Anthony, ..."; not
    the object of a verb of naming ("Skelly called Braynard “a real smart guy”")."""
    if tokens[verb].lower in _NAMING:
        return None
    phrase, used = phrase_forward(tokens[verb + 1 :])
    if phrase is None or phrase.kind != "name":
        return None
    after = tokens[verb + 1 + used : verb + 2 + used]
    return phrase if not after or after[0].text in ",.;:" else None


def _apposed_name(tokens: list[Token]) -> Phrase | None:
    """ ", Robby Mook," right after a subject: the name in apposition."""
    if len(tokens) < 3 or tokens[0].text != ",":
        return None
    phrase, used = phrase_forward(tokens[1:])
    closed = used + 1 < len(tokens) and tokens[used + 1].text == ","
    return phrase if phrase is not None and phrase.kind == "name" and closed else None


def _participial(word: str) -> bool:
    """ "Appearing before supporters, X said": an -ing or -ed word opening a sentence."""
    return len(word) >= 6 and word.endswith(("ing", "ed"))


def _statement_issuer(tokens: list[Token]) -> Phrase | None:
    """ "a statement from Chelsea", "a statement by the club": who issued it, when it opens
    the clause (the statement speaks for them)."""
    for i, token in enumerate(tokens[:6]):
        if token.lower not in STATEMENTS:
            continue
        phrase = None
        if i + 1 < len(tokens) and tokens[i + 1].lower in {"from", "by", "of"}:
            phrase = phrase_right(tokens[i + 2 :])
        elif i and strip_possessive(tokens[i - 1].text) != tokens[i - 1].text:
            owner = strip_possessive(tokens[i - 1].text)  # "Chelsea's statement added:"
            phrase = Phrase("name", (owner,), tokens[i - 1].start) if owner[:1].isupper() else None
        if phrase is None or phrase.kind != "name":
            return None
        return replace(phrase, issuer=True)
    return None
