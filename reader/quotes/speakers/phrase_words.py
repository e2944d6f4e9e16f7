"""The English words of reporting cues: verbs of saying and their participles, and which
words a noun phrase next to a cue takes ("Senate minority leader Harry Reid") or stops at."""

from __future__ import annotations

from reader.quotes.speakers.names import ORGANISATION_WORDS
from reader.quotes.speakers.tokens import NOT_NAMES, TITLE_WORDS, Token
from reader.quotes.word_lists import words

SAY_VERBS = words(
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
PARTICIPLES = words(
    "saying adding noting stressing warning insisting telling explaining arguing calling "
    "describing assuring declaring writing pointing asking claiming emphasizing emphasising "
    "urging recalling acknowledging admitting complaining suggesting tweeting"
)
# English verbs of speech and judgement that news uses as cues (“...,” she barked; X
# touted it as “...”; praising it as “...”).
SAY_VERBS |= words(
    "echoed echoes beamed barked thanked opined touted fumed gushed cracked mocked taunted "
    "blasted slammed praised lauded ridiculed dismissed scolded chided lectured marveled "
    "marvelled raved ranted griped grumbled whispered muttered sighed laughed bragged "
    "summed summarized summarised pleaded begged implored advised proposed blamed faulted "
    "condemned denounced decried lambasted derided disparaged assailed reacted exhorted"
)
PARTICIPLES |= words(
    "labeling labelling branding dubbing thanking praising blasting slamming mocking "
    "touting echoing quipping joking vowing promising pledging predicting accusing "
    "demanding conceding boasting bragging lamenting proclaiming deriding criticizing "
    "criticising condemning denouncing"
)
ADDRESSEE_VERBS = words("told tells telling")
SKIPPABLE = words(
    "also then further simply later previously once again has had have would will just even "
    "still recently repeatedly publicly quickly flatly on in at last this week earlier monday "
    "tuesday wednesday thursday friday saturday sunday yesterday today however tonight morning "
    "evening afternoon night"
)
DETERMINERS = words(
    "the a an his her its their one another der die das den dem des ein eine einer eines einem"
)
CONJUNCTIONS = words("and but so yet or then")
_TITLE_CASE_GLUE = words("of the in on at to for and or with by from")
_FIRST_NAMES = words("will may june april august mark bill chase rich")
_RETORTS = words("shot fired hit pushed snapped wrote")
PHRASAL_CUES = frozenset(
    {(verb, "back") for verb in _RETORTS}
    | {("went", "on"), ("goes", "on"), ("cut", "in"), ("chimed", "in"), ("weighed", "in")}
    | {("piped", "up"), ("spoke", "up"), ("summed", "up")}
)
# Prepositions that open no clause ("after Sanders said" has Sanders for subject).
PREPOSITIONS = words(
    "in at on of for from with without during about over under into through to among "
    "between amid against behind toward towards via"
)
INDEFINITE = words("a an another one ein eine einer")
# "one of those advisers", "one of two witnesses"
PARTITIVE_DETERMINERS = words("the those these his her their its two three several many")
FUNCTION_WORDS = words(
    "is are was were be been being has have had do does did will would can could should may "
    "might must to of in on at for with by from and or but not that which who whom whose as "
    "it this there here und oder von vom zu zum zur mit für auf im bei nach aus über dass ist "
    "sind war waren hat haben wird werden sei seien nicht sich am um beim vor seit gegen ohne "
    "durch unter zwischen"
)
# Unnamed people reported as a group: "sources said", "Kremlin sources", "senior officials".
UNNAMED_PLURALS = words(
    "sources officials aides insiders diplomats advisers advisors analysts experts observers "
    "witnesses people strategists operatives lawmakers staffers executives bankers traders "
    "dealers economists investigators officers residents members allies associates "
    "confidants organisers organizers activists critics"
)
PERSON_ROLES = TITLE_WORDS | words("man woman businessman billionaire mogul source aide")
HEAD_NOUNS = PERSON_ROLES | ORGANISATION_WORDS
# What may follow a description's head noun: "sources close to the Kremlin", "an aide for X".
TAIL_OPENERS = words("close familiar for from of with at in within inside near")
# Lower-case words that end an English noun phrase: prepositions the function words lack
# and common irregular past tenses.
_CLAUSE_WORDS = words(
    "after before over under into about against during without through across behind "
    "beyond like than since until upon toward towards around amid went came took gave "
    "got made ran won lost left met held led saw knew kept put set sent spent stood sat "
    "became began brought bought thought caught fought built hit cut let read wrote spoke "
    "broke chose drove flew grew threw wore"
)


def is_verb(token: Token) -> bool:
    """A lower-case reporting verb ("States" in "the United States" is a name)."""
    return not token.capital and (token.lower in SAY_VERBS or token.lower in PARTICIPLES)


def np_word(token: Token) -> bool:
    """Can this word stand in a noun phrase (not a verb, function word or adverb)?"""
    if not token.is_word or is_verb(token) or token.lower in FUNCTION_WORDS:
        return False
    if token.lower in SKIPPABLE and not token.capital:  # "Will Doyle" is a name
        return False
    if token.capital:  # an acronym ("ACLU", "UC-AFT"), not a heading's word ("DECLINE")
        return token.lower not in NOT_NAMES and not (token.text.isupper() and len(token.text) > 6)
    if token.lower in _CLAUSE_WORDS:
        return False  # "Romney went after Trump": the phrase is Romney
    return token.lower not in DETERMINERS and not token.lower.endswith(("ly", "ed"))


def name_word_in_context(tokens: list[Token], i: int, inside: bool) -> bool:
    """ "Theresa May", "Will Doyle": words that are usually not names ("may", "will") are
    names inside a capitalised run, or first before another capitalised word."""
    word = tokens[i]
    if not word.capital or not word.is_word or word.lower in DETERMINERS:
        return False
    if inside:
        return word.lower not in CONJUNCTIONS and word.lower not in _TITLE_CASE_GLUE
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return word.lower in _FIRST_NAMES and following is not None and np_word(following)


def leading_adjective(tokens: list[Token], i: int) -> bool:
    """ "retired neurosurgeon Ben Carson": an -ed word may open a phrase before a noun."""
    word = tokens[i]
    return (
        not word.capital
        and word.lower.endswith("ed")
        and not is_verb(word)
        and i + 1 < len(tokens)
        and np_word(tokens[i + 1])
    )


def title_conjunction(tokens: list[Token], i: int, taken: list[str]) -> bool:
    """ "chairman and chief executive Richard Parsons": "and" between two titles (`taken`:
    the phrase's words so far)."""
    return (
        tokens[i].lower == "and"
        and bool(taken)
        and taken[-1].lower() in TITLE_WORDS
        and i + 1 < len(tokens)
        and tokens[i + 1].lower in TITLE_WORDS
    )


def is_age(tokens: list[Token], i: int) -> bool:
    """ "46-year-old" (tokenised as "46", "year-old"): a person described by age."""
    return (
        i + 1 < len(tokens)
        and tokens[i].text.isdigit()
        and tokens[i + 1].lower in {"year-old", "year-olds"}
        and tokens[i].end + 1 == tokens[i + 1].start
    )


def is_year(tokens: list[Token], i: int) -> bool:
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
