"""Noun phrases around reporting cues: "said X", "X, an adviser, said", "according to X"."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

from reader.quotes.speakers.heads import speaker_noun
from reader.quotes.speakers.names import NAME_SUFFIXES, ORGANISATION_WORDS
from reader.quotes.speakers.tokens import (
    NOT_NAMES,
    PRONOUNS,
    TITLE_WORDS,
    Token,
    is_place,
    name_run,
)


def _word_set(words: str) -> frozenset[str]:
    return frozenset(words.split())


SAY_VERBS = _word_set(
    # English, then German: „...“, sagte Merkel / Merkel erklärte: „...“
    "said say says told tells added adds stressed stresses noted notes warned warns "
    "declared declares assured assures described describes explained explains insisted "
    "insists argued argues claimed claims stated states asked asks replied replies "
    "responded responds wrote writes tweeted tweets posted announced announces continued "
    "continues recalled acknowledged admitted complained suggested suggests emphasized "
    "emphasised emphasizes emphasises urged urges observed concluded confirmed confirms "
    "predicted promised vowed repeated reiterated countered quipped joked remarked called "
    "calls labeled labelled dubbed termed hailed compared accused criticized criticised "
    "denied boasted lamented mused conceded cautioned charged alleged maintained wondered "
    "yelled shouted chanted reads read thundered pointed believes believed thinks thought "
    "felt feels hoped hopes proclaimed pledged snapped scoffed recounted testified demanded "
    "referred reported agrees sagte sagt sagten erklärte erklärt erklärten betonte betont "
    "betonten meinte meint meinten bezeichnete bezeichnet bezeichneten sprach spricht "
    "sprachen berichtete berichtet berichteten kritisierte kritisiert kritisierten warnte "
    "warnt warnten forderte fordert forderten schrieb schreibt zitierte zitiert teilte "
    "teilt hieß kommentierte ergänzte ergänzt fügte äußerte äußert bestätigte bestätigt "
    "versicherte versichert erläuterte unterstrich behauptete behauptet verkündete "
    "verkündet skandierte skandierten prangerte prangerten mahnte nannte nennt antwortete "
    "beschrieb beschreibt glaubt glaubte fragte fragt verlautete interjected recalls "
    "contends contended predicts worries worried cried exclaimed concedes admits "
    "acknowledges asserts asserted remarks retorted quip quips"
)
PARTICIPLES = _word_set(
    "saying adding noting stressing warning insisting telling explaining arguing calling "
    "describing assuring declaring writing pointing asking claiming emphasizing emphasising "
    "urging recalling acknowledging admitting complaining suggesting tweeting"
)
# English verbs of speech and judgement that news uses as cues (“...,” she barked; X
# touted it as “...”; praising it as “...”).
SAY_VERBS |= _word_set(
    "echoed echoes beamed barked thanked opined touted fumed gushed cracked mocked taunted "
    "blasted slammed praised lauded ridiculed dismissed scolded chided lectured marveled "
    "marvelled raved ranted griped grumbled whispered muttered sighed laughed bragged "
    "summed summarized summarised pleaded begged implored advised proposed blamed faulted "
    "condemned denounced decried lambasted derided disparaged assailed reacted exhorted"
)
PARTICIPLES |= _word_set(
    "labeling labelling branding dubbing thanking praising blasting slamming mocking "
    "touting echoing quipping joking vowing promising pledging predicting accusing "
    "demanding conceding boasting bragging lamenting proclaiming deriding criticizing "
    "criticising condemning denouncing"
)
ADDRESSEE_VERBS = _word_set("told tells telling")
_SKIPPABLE = _word_set(
    "also then further simply later previously once again has had have would will just even "
    "still recently repeatedly publicly quickly flatly on in at last this week earlier monday "
    "tuesday wednesday thursday friday saturday sunday yesterday today however tonight morning "
    "evening afternoon night"
)
DETERMINERS = _word_set(
    "the a an his her its their one another der die das den dem des ein eine einer eines einem"
)
_CONJUNCTIONS = _word_set("and but so yet or then")
_TITLE_CASE_GLUE = _word_set("of the in on at to for and or with by from")
_FIRST_NAMES = _word_set("will may june april august mark bill chase rich")
_RETORTS = _word_set("shot fired hit pushed snapped wrote")
_PHRASAL_CUES = frozenset(
    {(verb, "back") for verb in _RETORTS}
    | {("went", "on"), ("goes", "on"), ("cut", "in"), ("chimed", "in"), ("weighed", "in")}
    | {("piped", "up"), ("spoke", "up"), ("summed", "up")}
)
# Prepositions that open no clause ("after Sanders said" has Sanders for subject).
_PREPOSITIONS = _word_set(
    "in at on of for from with without during about over under into through to among "
    "between amid against behind toward towards via"
)
_INDEFINITE = _word_set("a an another one ein eine einer")
_FUNCTION_WORDS = _word_set(
    "is are was were be been being has have had do does did will would can could should may "
    "might must to of in on at for with by from and or but not that which who whom whose as "
    "it this there here und oder von vom zu zum zur mit für auf im bei nach aus über dass ist "
    "sind war waren hat haben wird werden sei seien nicht sich am um beim vor seit gegen ohne "
    "durch unter zwischen"
)
# Unnamed people reported as a group: "sources said", "Kremlin sources", "senior officials".
UNNAMED_PLURALS = _word_set(
    "sources officials aides insiders diplomats advisers advisors analysts experts observers "
    "witnesses people strategists operatives lawmakers staffers executives bankers traders "
    "dealers economists investigators officers residents members allies associates "
    "confidants organisers organizers activists critics"
)
PERSON_ROLES = TITLE_WORDS | _word_set("man woman businessman billionaire mogul source aide")
_HEAD_NOUNS = PERSON_ROLES | ORGANISATION_WORDS
_MAX_NP = 8


@dataclass(frozen=True, slots=True)
class Phrase:
    """A noun phrase found next to a cue: a name, a pronoun or a role ("the diplomat")."""

    kind: Literal["name", "pronoun", "role"]
    words: tuple[str, ...]
    pos: int
    definite: bool = False
    indefinite: bool = False  # "another Republican", "a source": someone not named
    determiner: str = ""  # as written: "one", "a", "the"
    issuer: bool = False  # the issuer of a statement ("a statement from Chelsea")
    verbless: bool = False  # no reporting verb ties it to the quote: Putin “expressed ...”


def describe(phrase: Phrase) -> str:
    """A description as the article gives it: "one Republican political strategist"."""
    head = (phrase.determiner + " ") if phrase.determiner else ""
    return head + " ".join(phrase.words)


def strip_possessive(word: str) -> str:
    """ "Kremlin’s" -> "Kremlin", "Sanders’" -> "Sanders"."""
    for suffix in ("’s", "'s"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    if word.endswith(("s’", "s'")):
        return word[:-1]
    return word


def is_verb(token: Token) -> bool:
    """A lower-case reporting verb ("States" in "the United States" is a name)."""
    return not token.capital and (token.lower in SAY_VERBS or token.lower in PARTICIPLES)


def until_sentence_end(tokens: list[Token]) -> list[Token]:
    """Tokens up to the first full stop, question or exclamation mark (kept off); not
    inside a parenthesis ("Sen. Chuck Schumer (D-N.Y.) said")."""
    depth = 0
    for i, token in enumerate(tokens):
        depth += (token.text == "(") - (token.text == ")")
        if not i or depth > 0 or token.text not in {".", "!", "?", ";"}:
            continue
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if token.text == ";" or after is None or after.capital or after.is_mark:
            return tokens[:i]
    return tokens


def skip_adverbs(tokens: list[Token]) -> list[Token]:
    """Drop leading adverbs, auxiliaries, time words and a parenthesis ("(R-Fla.)")."""
    i = 0
    while i < len(tokens) and i < 6:
        if tokens[i].text == "(":
            close = next((j for j in range(i, min(len(tokens), i + 8)) if tokens[j].text == ")"), i)
            i = close + 1
        elif tokens[i].lower in _SKIPPABLE or tokens[i].lower.endswith("ly"):
            i += 1
        else:
            break
    return tokens[i:]


def phrase_forward(tokens: list[Token]) -> tuple[Phrase | None, int]:
    """A noun phrase at the start of `tokens` and how many tokens it used.

    Lower-case words may sit inside a name phrase ("Senate minority leader Harry Reid") but
    not end it, unless the phrase opens with a determiner ("the Russian president").
    """
    i = 0
    while i < len(tokens) and (tokens[i].lower in _CONJUNCTIONS or tokens[i].is_mark):
        i += 1
    if i >= len(tokens):
        return None, i
    if tokens[i].lower in PRONOUNS:
        return Phrase("pronoun", (tokens[i].lower,), tokens[i].start), i + 1
    partitive = _partitive(tokens, i)
    if partitive is not None:
        return partitive
    definite = tokens[i].lower in DETERMINERS
    indefinite = tokens[i].lower in _INDEFINITE
    start, determiner = tokens[i].start, tokens[i].lower
    i += definite
    words: list[str] = []
    last_capital = -1
    if definite and _age(tokens, i):
        words.append(f"{tokens[i].text}-{tokens[i + 1].text}")  # "said the 46-year-old"
        i += 2
    elif (definite or indefinite) and _year(tokens, i):
        words.append(tokens[i].text)  # "said a 2008 Clinton veteran", "the 2012 nominee"
        i += 1
    while (
        i < len(tokens)
        and len(words) < _MAX_NP
        and (
            _np_word(tokens[i])
            or _name_word_in_context(tokens, i, bool(words))
            or (not words and _leading_adjective(tokens, i))
            or _title_conjunction(tokens, i, words)
        )
    ):
        words.append(strip_possessive(tokens[i].text))
        if tokens[i].capital:
            last_capital = i
        i += 1
        if tokens[i - 1].text != words[-1]:
            if i < len(tokens) and tokens[i].capital and _np_word(tokens[i]):
                words, last_capital = [], -1  # "Fox's Chris Wallace": the person, not Fox
                continue
            break  # a possessive ends the phrase: "the Kremlin’s press release"
    head = next((j for j, w in enumerate(words) if w.lower() in UNNAMED_PLURALS), -1)
    unnamed = head >= 0 and not definite
    if unnamed:
        i -= len(words) - head - 1  # "sources close to": the tail starts after the head
        words = words[: head + 1]
    if unnamed or (indefinite and words and not words[-1][:1].isupper()):
        # "one Republican political strategist", "Kremlin sources", "senior officials"
        tail, used = _description_tail(tokens[i:])
        phrase = Phrase("role", (*words, *tail), start, False, True, determiner * indefinite)
        return phrase, i + used
    if last_capital >= 0:
        keep = len(words) - (i - 1 - last_capital)
        while definite and keep < len(words) and words[keep].lower() in _HEAD_NOUNS:
            keep += 1  # "the Russian president", "the Russian side"
        i -= len(words) - keep
        words = words[:keep]
    elif not definite:
        return None, i
    made = make_phrase(words, start, definite)
    if made is not None and definite:
        made = replace(made, determiner=determiner)
    return (replace(made, indefinite=True) if made and indefinite else made), i


_PARTITIVE_DETERMINERS = _word_set("the those these his her their its two three several many")


def _partitive(tokens: list[Token], i: int) -> tuple[Phrase, int] | None:
    """ "one of those advisers", "one of two witnesses": someone of a group, not named."""
    if tokens[i].lower != "one" or i + 2 >= len(tokens) or tokens[i + 1].lower != "of":
        return None
    j = i + 2 + (tokens[i + 2].lower in _PARTITIVE_DETERMINERS)
    end = j
    while end < len(tokens) and end - j < 3 and tokens[end].is_word and not tokens[end].capital:
        if is_verb(tokens[end]) or tokens[end].lower in _FUNCTION_WORDS:
            break
        end += 1
    if end == j or not tokens[end - 1].lower.endswith("s"):
        return None  # "one of them", "one of the best": no group of people named
    words = ("of", *(t.text for t in tokens[i + 2 : end]))
    return Phrase("role", words, tokens[i].start, False, True, "one"), end


_TAIL_OPENERS = _word_set("close familiar for from of with at in within inside near")


def _description_tail(tokens: list[Token]) -> tuple[list[str], int]:
    """ "close to the Kremlin", "familiar with the talks", "for Bernie Sanders": what follows a
    description's head noun up to the verb, at most six words."""
    if not tokens or tokens[0].lower not in _TAIL_OPENERS:
        return [], 0
    used = 0
    while used < len(tokens) and used < 6:
        token = tokens[used]
        if not token.is_word or is_verb(token) or token.lower in {"who", "that", "which"}:
            break
        used += 1
    while used and tokens[used - 1].lower in _FUNCTION_WORDS | DETERMINERS:
        used -= 1
    return [t.text for t in tokens[:used]], used


def _age(tokens: list[Token], i: int) -> bool:
    """ "46-year-old" (tokenised as "46", "year-old"): a person described by age."""
    return (
        i + 1 < len(tokens)
        and tokens[i].text.isdigit()
        and tokens[i + 1].lower in {"year-old", "year-olds"}
        and tokens[i].end + 1 == tokens[i + 1].start
    )


def _year(tokens: list[Token], i: int) -> bool:
    """A year opening a description before a word: "a 2008 Clinton veteran"."""
    token = tokens[i] if i < len(tokens) else None
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        token is not None
        and len(token.text) == 4
        and token.text.isdigit()
        and following is not None
        and following.is_word
    )


def _title_conjunction(tokens: list[Token], i: int, words: list[str]) -> bool:
    """ "chairman and chief executive Richard Parsons": "and" between two titles."""
    return (
        tokens[i].lower == "and"
        and bool(words)
        and words[-1].lower() in TITLE_WORDS
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in TITLE_WORDS
    )


def _leading_adjective(tokens: list[Token], i: int) -> bool:
    """ "retired neurosurgeon Ben Carson": an -ed word may open a phrase before a noun."""
    word = tokens[i]
    return (
        not word.capital
        and word.lower.endswith("ed")
        and not is_verb(word)
        and i + 1 < len(tokens)
        and _np_word(tokens[i + 1])
    )


def _name_word_in_context(tokens: list[Token], i: int, inside: bool) -> bool:
    """ "Theresa May", "Will Doyle": words that are usually not names ("may", "will") are
    names inside a capitalised run, or first before another capitalised word."""
    word = tokens[i]
    if not word.capital or not word.is_word or word.lower in DETERMINERS:
        return False
    if inside:
        return word.lower not in _CONJUNCTIONS and word.lower not in _TITLE_CASE_GLUE
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return word.lower in _FIRST_NAMES and following is not None and _np_word(following)


def _np_word(token: Token) -> bool:
    if not token.is_word or is_verb(token) or token.lower in _FUNCTION_WORDS:
        return False
    if token.lower in _SKIPPABLE and not token.capital:  # "Will Doyle" is a name
        return False
    if token.capital:  # an acronym ("ACLU", "UC-AFT"), not a heading's word ("DECLINE")
        return token.lower not in NOT_NAMES and not (token.text.isupper() and len(token.text) > 6)
    if token.lower in _CLAUSE_WORDS:
        return False  # "Romney went after Trump": the phrase is Romney
    return token.lower not in DETERMINERS and not token.lower.endswith(("ly", "ed"))


# Lower-case words that end an English noun phrase: prepositions the function words lack
# and common irregular past tenses.
_CLAUSE_WORDS = _word_set(
    "after before over under into about against during without through across behind "
    "beyond like than since until upon toward towards around amid went came took gave "
    "got made ran won lost left met held led saw knew kept put set sent spent stood sat "
    "became began brought bought thought caught fought built hit cut let read wrote spoke "
    "broke chose drove flew grew threw wore"
)


def phrase_right(tokens: list[Token]) -> Phrase | None:
    """The noun phrase after an inverted cue ("said the Kremlin’s press release")."""
    phrase, _ = phrase_forward([t for t in tokens if not t.is_mark])
    return phrase


def clause_cue(tokens: list[Token]) -> Phrase | None:
    """A cue clause opening `tokens`: "said X", "X said", "X, an adviser, said", "X (R) said"."""
    while tokens and (tokens[0].is_mark or tokens[0].text in ",—–-―"):
        tokens = tokens[1:]
    if not tokens:
        return None
    if (
        tokens[0].lower == "so"
        and len(tokens) > 1
        and (tokens[1].capital or tokens[1].lower in DETERMINERS)
    ):
        return phrase_right(tokens[1:])  # German: „...“, so Guttenberg
    if tokens[0].lower == "according" and len(tokens) > 2 and tokens[1].lower == "to":
        return phrase_right(tokens[2:])  # “...,” according to CNN.
    if is_verb(tokens[0]):
        if tokens[0].lower in ADDRESSEE_VERBS or tokens[0].lower in PARTICIPLES:
            return None  # “...,” adding that: the sentence's subject speaks, found elsewhere
        rest = tokens[1:]
        return phrase_right(rest[1:] if rest and rest[0].lower == "by" else rest)
    phrase, used = phrase_forward(tokens)
    if phrase is None:
        return None
    rest = skip_adverbs(tokens[used:])
    if rest and rest[0].lower in {"of", "from", "at", "with"}:
        rest = _skip_attachment(rest)
    if rest and rest[0].text == ",":
        rest = _after_appositive(rest)
    if len(rest) > 1 and (rest[0].lower, rest[1].lower) in _PHRASAL_CUES:
        return phrase  # "Trump shot back", "Trump went on", "her husband cut in"
    if rest and is_verb(rest[0]):
        return phrase
    return _apposed_before_verb(tokens[used:])


def _apposed_before_verb(tokens: list[Token]) -> Phrase | None:
    """ "Rep. Duncan Hunter’s chief of staff, Joe Kasper, told": the name set off by commas
    right before the verb, after a description of its holder."""
    for j in range(min(len(tokens), 8)):
        if tokens[j].text in ".;:!?":
            return None
        if tokens[j].text != ",":
            continue
        phrase, used = phrase_forward(tokens[j + 1 :])
        after = tokens[j + 1 + used : j + 3 + used]
        if phrase is None or phrase.kind != "name" or len(phrase.words) < 2:
            return None
        if len(after) == 2 and after[0].text == "," and is_verb(after[1]):
            return phrase
        return None
    return None


def _after_appositive(tokens: list[Token]) -> list[Token]:
    """ ", 57, a lawyer from Ohio, said": the tokens from the verb after a later comma."""
    for j in range(1, min(len(tokens) - 1, 32)):
        if tokens[j].text in ".;:!?":
            break
        if tokens[j].text == ",":
            rest = skip_adverbs(tokens[j + 1 :])
            if rest and is_verb(rest[0]):
                return rest
    return tokens


def _skip_attachment(tokens: list[Token]) -> list[Token]:
    """ "of the Sierra Club said": skip a short prepositional phrase up to the verb."""
    for j in range(1, min(len(tokens), 7)):
        if is_verb(tokens[j]) or tokens[j].text == ",":
            return tokens[j:]
        if not tokens[j].is_word:
            break
    return tokens


def phrase_left(tokens: list[Token], verb: int, objects: bool = False) -> Phrase | None:
    """The subject right before a reporting verb, skipping adverbs and an appositive; the
    object of a preposition is skipped too unless `objects` ("with Gorka noting")."""
    i = verb - 1
    while i >= 0 and (
        tokens[i].lower in _SKIPPABLE or tokens[i].lower.endswith("ly") or tokens[i].text in ",)"
    ):
        if tokens[i].text == ")":
            i = next((j for j in range(i, max(-1, i - 8), -1) if tokens[j].text == "("), i)
        elif tokens[i].text == "," and not (i and tokens[i - 1].text == ")"):
            comma = appositive_start(tokens, i)
            named = _apposed(tokens[comma + 1 : i]) if comma < i else None
            if named is not None and comma > 0:
                return named  # "The Shadow Secretary of State ..., Theresa May, said"
            i = comma
        i -= 1
    if i < 0:
        return None
    if tokens[i].lower in PRONOUNS:
        return Phrase("pronoun", (tokens[i].lower,), tokens[i].start)
    if strip_possessive(tokens[i].text) != tokens[i].text:
        return None
    run = name_run(tokens, i)
    if run is not None:
        described = _described_member(tokens, run[0], i)
        if described is not None:
            return described  # "a spokesperson from the Kontra-Kulture Halle said"
        definite = run[0] > 0 and tokens[run[0] - 1].lower in DETERMINERS
        if not objects and _after_preposition(tokens, run[0] - definite):
            return phrase_left(tokens, run[0] - definite - 1)  # "Jane Doe of Ohio said"
        words = [t.text for t in tokens[run[0] : i + 1]]
        return make_phrase(words, tokens[run[0]].start, definite)
    phrase = _role_left(tokens, i)
    if phrase is not None:
        first = next(j for j in range(i, -1, -1) if tokens[j].start == phrase.pos)
        if not objects and _after_preposition(tokens, first):
            return phrase_left(tokens, first - 1)  # "Trump in his announcement speech called"
    return phrase


def _after_preposition(tokens: list[Token], first: int) -> bool:
    """Does a preposition stand right before tokens[first]? Then the phrase is its object,
    not the subject ("who has in the past described", "the chairman of the board said")."""
    if first < 1 or tokens[first - 1].lower not in _PREPOSITIONS:
        return False
    before = tokens[first - 2] if first > 1 else None
    # "Secretary of State X", "the Council on Foreign Relations": a title or a body's name
    titled = before is not None and before.capital and before.lower.rstrip(".") in _HEAD_NOUNS
    return not titled


def _apposed(tokens: list[Token]) -> Phrase | None:
    """A full name standing alone between two commas (two to four capitalised words)."""
    words = [t for t in tokens if not t.is_mark]
    if not 2 <= len(words) <= 4 or not all(t.capital and t.is_word for t in words):
        return None
    if words[0].lower in NOT_NAMES or any(t.lower in TITLE_WORDS for t in words):
        return None  # "Theresa May" is a name, "May Day" is not
    if is_place([t.text for t in words]) or any(t.lower in ORGANISATION_WORDS for t in words):
        return None
    return make_phrase([t.text for t in words], words[0].start, False)


def _described_member(tokens: list[Token], first: int, last: int) -> Phrase | None:
    """ "a spokesperson from the X", "one aide to X": an unnamed member of a named body."""
    k = first - 1
    if k >= 0 and tokens[k].lower in {"the", "der", "die", "das", "des"}:
        k -= 1
    if k < 1 or tokens[k].lower not in _TAIL_OPENERS:
        return None
    j = k - 1
    while j >= 0 and k - j <= 4 and tokens[j].is_word and tokens[j].lower not in DETERMINERS:
        j -= 1
    if j < 0 or tokens[j].lower not in _INDEFINITE or j == k - 1:
        return None
    if not speaker_noun(tokens[k - 1].text):
        return None  # "a town hall meeting in Columbus" is not a member of Columbus
    words = tuple(t.text for t in tokens[j + 1 : last + 1])
    return Phrase("role", words, tokens[j].start, False, True, tokens[j].lower)


def appositive_start(tokens: list[Token], comma: int) -> int:
    """For "X, the spokesman, said": the index of the comma before the appositive."""
    for j in range(comma - 1, max(-1, comma - 32), -1):
        if tokens[j].text in ".:;":
            return comma
        if tokens[j].text == ",":
            return j if j > 0 else comma
    return comma


def _role_left(tokens: list[Token], last: int) -> Phrase | None:
    """ "the Russian side", "the diplomat": up to three words after a determiner."""
    j = last
    while j >= 0 and last - j < 4 and tokens[j].is_word and tokens[j].lower not in DETERMINERS:
        if tokens[j].lower in _FUNCTION_WORDS or is_verb(tokens[j]):
            return None
        j -= 1
    if j >= 0 and tokens[j].lower in DETERMINERS and j < last:
        phrase = make_phrase([t.text for t in tokens[j + 1 : last + 1]], tokens[j].start, True)
        if phrase is None:
            return None
        indefinite = tokens[j].lower in _INDEFINITE  # "one Clinton aide", "another person"
        return replace(phrase, determiner=tokens[j].lower, indefinite=indefinite)
    return None


def undot(word: str) -> str:
    """ "Sen." -> "Sen"; initials ("J.") and suffixes ("Jr.") keep their dot."""
    if len(word) <= 2 or word.lower().rstrip(".") in NAME_SUFFIXES:
        return word
    return word.rstrip(".")


def make_phrase(words: list[str], pos: int, definite: bool) -> Phrase | None:
    """A name phrase keeps its last capitalised run; otherwise it is a role."""
    words = [undot(w) for w in words if w]
    if not words:
        return None
    if not words[-1][:1].isupper():
        return Phrase("role", tuple(words), pos, definite)
    first = len(words) - 1
    while first > 0 and (
        words[first - 1][:1].isupper() or words[first - 1] in {"de", "van", "von", "al"}
    ):
        first -= 1
    titles = tuple(w for w in words[:first] if w.lower() in TITLE_WORDS)
    return Phrase("name", titles + tuple(words[first:]), pos, definite and not titles)
