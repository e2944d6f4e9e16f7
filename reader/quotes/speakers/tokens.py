"""Token-level helpers for attribution: masking quotes, sentences, noun phrases, names."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import NamedTuple

from reader.quotes.german_words import role_word as german_role_word

MARK_CHARS = "\"“”„‟«»‘’‚‛‹›'"
_TOKEN_RE = re.compile(
    r"[^\W\d_][\w’'\-]*|\d(?:[\d.,:]*\d)?|[“”\"„‟«»‘‚‛‹›]|[’'](?!\w)|[,:;.!?—–―()]|-(?=\s)"
)
_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’'»)\]]*\s+|\n\n")
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "adm", "st",
    "prof", "jr", "sr", "jan", "feb", "aug", "sept", "oct", "nov", "dec", "u.s", "u.n", "no",
    "capt", "cmdr", "maj", "rev", "ft", "mt", "inc", "corp", "co", "ltd", "vs", "d", "r", "i",
    "del", "amb", "atty", "hon", "fr", "msgr", "supt", "det", "cpl", "pvt",
}  # fmt: skip
PRONOUNS = {"he", "she", "they", "i", "we", "er", "sie"}
NAME_PARTICLES = {"de", "van", "von", "der", "al", "bin", "la", "le", "du", "da", "di", "del"}
NOT_NAMES = {
    "the", "a", "an", "on", "in", "at", "for", "after", "during", "however", "but", "and", "or",
    "if", "when", "while", "as", "so", "then", "this", "that", "these", "those", "it", "its",
    "there", "here", "his", "her", "their", "our", "my", "we", "they", "he", "she", "i", "you",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "meanwhile", "still", "yet", "also", "asked", "according", "both",
    "regarding", "since", "with", "from", "by", "to", "of", "what", "who", "why", "how", "one",
    "now", "today", "yesterday", "last", "next", "some", "many", "all", "no", "not", "said",
    "later", "earlier", "separately", "instead", "finally", "moreover", "furthermore", "again",
    "afterwards", "subsequently", "even", "only", "just", "first", "second", "third", "do",
    "does", "did", "is", "are", "was", "were", "has", "have", "had", "will", "can", "could",
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "er", "sie", "es", "wir", "ich",
    "am", "im", "nach", "laut", "auch", "doch", "aber", "und", "dies", "diese", "dieser",
    "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag", "januar",
    "februar", "märz", "mai", "juni", "juli", "oktober", "dezember", "heute", "gestern",
}  # fmt: skip
# Opening a sentence before a name ("Like Anna Berg said", "Wie Anna Berg betonte"), not
# its first name; only there, since "Wie" is a surname too ("Michelle Wie", "Wie said").
OPENERS = {"like", "unlike", "wie", "dass", "daß", "obwohl", "nachdem"}
NATIONALITIES = {
    "us", "u.s.", "uk", "american", "british", "french", "dutch", "swiss", "greek", "thai",
    "israeli", "iraqi", "pakistani", "saudi", "german", "irish", "scottish", "welsh", "spanish",
    "danish", "swedish", "polish", "turkish", "finnish", "czech", "chinese", "japanese",
    "russian", "ukrainian", "belarusian", "italian", "canadian", "australian", "indian",
    "iranian", "syrian", "egyptian", "nigerian", "brazilian", "mexican", "colombian",
    "argentinian", "argentine", "chilean", "peruvian", "venezuelan", "cuban", "korean",
    "european", "african", "asian", "palestinian", "lebanese", "jordanian", "libyan",
    "tunisian", "algerian", "moroccan", "sudanese", "ethiopian", "kenyan", "afghan", "yemeni",
    "kuwaiti", "qatari", "emirati", "vietnamese", "taiwanese", "indonesian", "malaysian",
    "filipino", "portuguese", "norwegian", "icelandic", "belgian", "austrian", "hungarian",
    "romanian", "bulgarian", "serbian", "croatian", "bosnian", "slovak", "slovenian",
    "albanian", "armenian", "azerbaijani", "estonian", "latvian", "lithuanian", "kazakh",
    "uzbek", "mongolian", "congolese", "senegalese", "ghanaian", "somali", "zimbabwean",
    "dutchman", "dutchwoman", "frenchman", "frenchwoman", "englishman", "englishwoman",
    "irishman", "irishwoman", "scotsman", "scotswoman", "welshman", "welshwoman",
}  # fmt: skip
PLACE_WORDS = {
    "united", "states", "new", "north", "south", "east", "west", "saint", "city", "street",
    "airport", "republic", "kingdom", "county", "island", "islands", "america", "europe",
    "america's", "avenue", "square", "river", "lake", "mount", "bay", "coast", "valley",
}  # fmt: skip
TITLE_WORDS = {
    "president", "prime", "minister", "secretary", "senator", "sen", "rep", "representative",
    "gov", "governor", "mr", "mrs", "ms", "dr", "prof", "professor", "gen", "general", "judge",
    "justice", "mayor", "chairman", "chairwoman", "ceo", "spokesman", "spokeswoman", "director",
    "chancellor", "king", "queen", "prince", "princess", "pope", "candidate", "leader", "lt",
    "col", "sgt", "adm", "attorney", "former", "vice", "deputy", "ambassador", "chief",
    "counterpart", "nominee", "speaker", "commissioner", "sheriff", "pastor", "rev", "reverend",
    "lawmaker", "congressman", "congresswoman", "sheikh", "foreign", "defense", "defence",
    "state", "first", "lady", "presidential", "democratic", "republican", "gop", "capt", "maj",
    "opposition", "politician", "diplomat", "officer", "official", "economist", "analyst",
    "chair", "founder", "executive", "manager", "coach", "host", "activist",
    "mother", "father", "wife", "husband", "son", "daughter", "brother", "sister", "widow",
    "del", "delegate", "amb", "atty", "hon", "msgr", "supt", "det", "cpl", "pvt",
}  # fmt: skip


HONORIFICS = frozenset(
    str.split("sir lord lady dame baroness baron mr mrs ms miss dr herr frau mister madam")
)
# Party and office words that news glues in front of a name ("Lib Dem Sir Archy Kirkwood",
# "Labour MP Jean Corston", "Tories Ken Clarke", "Ex-Labour MP George Galloway").
PARTY_WORDS = frozenset(
    str.split(
        "labour tory tories conservative conservatives lib dem dems liberal liberals democrat "
        "democrats democratic republican republicans gop snp ukip plaid green greens unionist "
        "sdlp dup cdu csu spd fdp grüne linke afd mp mps mep meps msp msps am mla shadow "
        "td peer"
    )
)


def is_role_word(word: str) -> bool:
    """A party, office or honorific word that can stand before a name ("Ex-Labour", "MP")."""
    lower = word.lower().rstrip(".")
    if lower.startswith("ex-"):
        lower = lower[3:]
    if lower in PARTY_WORDS or lower in HONORIFICS or lower in TITLE_WORDS:
        return True
    return german_role_word(word)  # "Bundeskanzlerin Angela Merkel"


class Token(NamedTuple):
    """A word or punctuation token of the masked text (derived fields computed once)."""

    text: str
    start: int
    end: int
    lower: str
    capital: bool
    is_word: bool
    is_mark: bool


def make_token(text: str, start: int, end: int) -> Token:
    first = text[:1]
    return Token(
        text, start, end, text.lower(), first.isupper(), first.isalpha(), text in MARK_CHARS
    )


# What make_token derives from a token's text, once per distinct text (tokenising is the
# largest part of attribution: every article is tokenised whole).
_DERIVED: dict[str, tuple[str, bool, bool, bool]] = {}
_DERIVED_LIMIT = 200_000


def _derived(text: str) -> tuple[str, bool, bool, bool]:
    first = text[:1]
    known = (text.lower(), first.isupper(), first.isalpha(), text in MARK_CHARS)
    if len(_DERIVED) >= _DERIVED_LIMIT:
        _DERIVED.clear()
    _DERIVED[text] = known
    return known


def mask_quotes(body: str, spans: list[tuple[int, int]]) -> str:
    """The body with quote interiors blanked (same length), keeping each quote's final
    punctuation so that sentence ends and "...,” he said" still show."""
    if all(spans[i][1] <= spans[i + 1][0] for i in range(len(spans) - 1)):
        return _mask_disjoint(body, spans)
    chars = list(body)  # nested quotes: blank character by character
    for start, end in spans:
        for i in range(start, end - 1):
            if chars[i] != "\n":
                chars[i] = " "
        if end > start and chars[end - 1] not in ".!?,;:…":
            chars[end - 1] = " "
    return "".join(chars)


_NOT_NEWLINE_RE = re.compile(r"[^\n]")
_KEPT_END = frozenset(".!?,;:…")


def _mask_disjoint(body: str, spans: list[tuple[int, int]]) -> str:
    """mask_quotes for spans that do not overlap, a slice at a time."""
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        if end <= start:
            continue
        pieces.append(body[done:start])
        pieces.append(_NOT_NEWLINE_RE.sub(" ", body[start : end - 1]))
        last = body[end - 1]
        pieces.append(last if last in _KEPT_END else " ")
        done = end
    pieces.append(body[done:])
    return "".join(pieces)


def tokenize(text: str, start: int, end: int) -> list[Token]:
    """Tokens of text[start:end], with abbreviation dots (Sen., U.S.) kept on the word."""
    tokens: list[Token] = []
    append = tokens.append
    new = tuple.__new__
    derived = _DERIVED
    previous_end = -1
    previous_text = ""
    for match in _TOKEN_RE.finditer(text, start, end):
        word = match.group()
        word_start, word_end = match.span()
        if word == "." and word_start == previous_end and _abbreviation(previous_text):
            tokens[-1] = make_token(previous_text + ".", tokens[-1].start, word_end)
            previous_end, previous_text = word_end, tokens[-1].text
            continue
        known = derived.get(word) or _derived(word)
        append(new(Token, (word, word_start, word_end, *known)))
        previous_end, previous_text = word_end, word
    return tokens


class TokenIndex:
    """A text tokenised once; windows are slices found by bisection (no re-tokenising)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text, 0, len(text))
        self._starts = [t.start for t in self.tokens]

    def window(self, start: int, end: int) -> list[Token]:
        """Tokens lying wholly inside text[start:end]."""
        first = bisect_left(self._starts, start)
        last = bisect_left(self._starts, end)
        while last > first and self.tokens[last - 1].end > end:
            last -= 1
        return self.tokens[first:last]


def _abbreviation(word: str) -> bool:
    return word.lower() in ABBREVIATIONS or (len(word) == 1 and word.isupper())


def sentence_starts(masked: str) -> list[int]:
    """Offsets where sentences start (paragraph starts included), ascending."""
    starts = [0]
    for match in _BOUNDARY_RE.finditer(masked):
        if "\n\n" in match.group():  # a paragraph always starts a sentence
            starts.append(match.end())
            continue
        nxt = masked[match.end() : match.end() + 1]
        if not (nxt.isupper() or nxt.isdigit() or nxt in MARK_CHARS):
            continue
        word_start = masked.rfind(" ", 0, match.start()) + 1
        if _abbreviation(masked[word_start : match.start()]):
            continue
        starts.append(match.end())
    return starts


MAX_NAME_WORDS = 8
MAX_SENTENCE = 600  # look back at most this far, so a text without full stops stays linear


def sentence_start(starts: list[int], pos: int) -> int:
    """Start of the sentence holding `pos` (at most MAX_SENTENCE characters back)."""
    return max(starts[bisect_right(starts, pos) - 1], pos - MAX_SENTENCE)


def name_run(tokens: list[Token], last: int) -> tuple[int, int] | None:
    """Indices [first, last] of the capitalised run ending at tokens[last], or None."""
    if not tokens[last].capital or not tokens[last].is_word:
        return None
    first = last
    while first > 0 and last - first < MAX_NAME_WORDS:
        prev = tokens[first - 1]
        joined = prev.end + 1 >= tokens[first].start
        owner = prev.text.endswith(("’s", "'s"))  # "Fox's Chris Wallace": the run starts after
        if joined and prev.is_word and not owner and (prev.capital or prev.lower in NAME_PARTICLES):
            first -= 1
        else:
            break
    while first <= last and (
        tokens[first].lower.rstrip(".") in NOT_NAMES
        or _inflected(tokens[first].lower)
        or (tokens[first].lower in OPENERS and first < last and tokens[first + 1].capital)
    ):
        first += 1
    return (first, last) if first <= last else None


def _inflected(word: str) -> bool:
    """Sentence-initial "Speaking", "Understated", "Clearly": not part of a name."""
    return len(word) >= 6 and word.endswith(("ed", "ing", "ly"))


def split_titles(words: list[str]) -> tuple[list[str], list[str]]:
    """Split "Russian President Vladimir Putin" into titles and the name after the last title."""
    cut = 0
    for i, word in enumerate(words[:-1]):
        if is_role_word(word):
            cut = i + 1
    while len(words) - cut > 2 and _nationality(words[cut]):
        cut += 1  # "Russian Dmitriy Bogdanov", "Dutchman Arnoud Okken"
    return words[:cut], words[cut:]


def _nationality(word: str) -> bool:
    # A listed word, not a suffix rule: Herman, Ian, Brian and Coleman are first names.
    return word.lower() in NATIONALITIES


def is_place(words: list[str]) -> bool:
    """Runs like "United States" or "New York City" that name places, not people."""
    return any(w.lower() in PLACE_WORDS for w in words)
