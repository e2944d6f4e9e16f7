"""Speaker names: folding keys (accents, transliterations) and one display name per person."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

# Spellings of the same name in other languages' press (French, German, romanisation variants).
KNOWN_TRANSLITERATIONS = {
    "poutine": "putin",
    "poetin": "putin",
    "putine": "putin",
    "navalnyy": "navalny",
    "navalnyi": "navalny",
    "nawalny": "navalny",
    "navalni": "navalny",
    "zelenskyy": "zelensky",
    "zelenskiy": "zelensky",
    "zelenski": "zelensky",
    "selenskyj": "zelensky",
    "zelensky": "zelensky",
    "medwedew": "medvedev",
    "medvedeff": "medvedev",
    "lawrow": "lavrov",
    "peskow": "peskov",
    "gorbatschow": "gorbachev",
    "gorbatchev": "gorbachev",
    "jelzin": "yeltsin",
    "eltsine": "yeltsin",
    "chruschtschow": "khrushchev",
    "khrouchtchev": "khrushchev",
    "poroschenko": "poroshenko",
    "porochenko": "poroshenko",
    "janukowitsch": "yanukovych",
    "ianoukovitch": "yanukovych",
    "yanukovich": "yanukovych",
    "timoschenko": "tymoshenko",
    "timochenko": "tymoshenko",
    "kadhafi": "gaddafi",
    "gadhafi": "gaddafi",
    "qaddafi": "gaddafi",
    "ghaddafi": "gaddafi",
    "alexej": "alexei",
    "aleksei": "alexei",
    "alexey": "alexei",
    "alexeij": "alexei",
    "dmitri": "dmitry",
    "dmitrij": "dmitry",
    "dmitriy": "dmitry",
    "sergej": "sergey",
    "sergei": "sergey",
    "wladimir": "vladimir",
    "vladimire": "vladimir",
    "mikhail": "mikhail",
    "michail": "mikhail",
    "tschechow": "chekhov",
    "mohammed": "muhammad",
    "mohamed": "muhammad",
    "mohammad": "muhammad",
}
_SUFFIX_FOLDS = (("witsch", "vich"), ("vitch", "vich"), ("itch", "ich"), ("iy", "y"), ("yy", "y"))
NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv"}
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")


@lru_cache(maxsize=65536)
def fold_word(word: str) -> str:
    """Lower-case, accent-free, transliteration-folded form of one name word."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    plain = re.sub(r"[’']s$", "", plain).replace("’", "'")
    if plain in KNOWN_TRANSLITERATIONS:
        return KNOWN_TRANSLITERATIONS[plain]
    for suffix, replacement in _SUFFIX_FOLDS:
        if plain.endswith(suffix) and len(plain) > len(suffix) + 2:
            return plain[: -len(suffix)] + replacement
    return plain


def name_words(name: str) -> list[str]:
    """The words of a name, without a leading article or a generational suffix."""
    words = _WORD_RE.findall(name)
    if words and words[0].lower() == "the":
        words = words[1:]
    while words and words[-1].lower().rstrip(".") in NAME_SUFFIXES:
        words = words[:-1]
    return words


def _suffix(name: str) -> str:
    last = name.split()[-1].lower().rstrip(".") if name.split() else ""
    return last if last in NAME_SUFFIXES else ""


@lru_cache(maxsize=65536)
def speaker_key(name: str) -> str:
    """Canonical search key of a speaker: the folded surname ("Vladimir Poutine" -> "putin").

    Organisations keep all their words, joined by "-" ("the White House" -> "white-house");
    a name without words gives "".
    """
    words = name_words(name)
    if not words:
        return ""
    if name.lower().startswith("the ") or is_organisation(words):
        return "-".join(fold_word(w) for w in words)
    return fold_word(words[-1])


ORGANISATION_WORDS = {
    "house", "department", "ministry", "party", "committee", "council", "kremlin", "commission",
    "office", "agency", "bureau", "court", "union", "association", "institute", "university",
    "foundation", "campaign", "times", "post", "news", "press", "network", "group", "corp",
    "inc", "company", "bank", "fund", "forum", "government", "administration", "congress",
    "senate", "police", "army", "service", "center", "centre", "organization", "organisation",
    "pentagon", "embassy", "reuters", "tass", "ria", "cnn", "fbi", "cia", "nato", "un", "eu",
    "side", "statement", "communique", "journal", "magazine", "daily", "club", "board",
    "republicans", "democrats", "conservatives", "liberals", "officials", "lawmakers",
}  # fmt: skip


_ROLE_NOUNS = {  # offices one person holds; "the diplomat" or "the leader" fit anyone
    "president", "minister", "secretary", "senator", "governor", "mayor", "ambassador",
    "spokesman", "spokeswoman", "chancellor", "king", "queen", "judge", "chairman",
    "representative", "congressman", "congresswoman", "ceo",
}  # fmt: skip


def is_organisation(words: list[str]) -> bool:
    """A name that contains an organisation word (House, Ministry, Kremlin ...)."""
    return any(_organisation_word(w) for w in words)


@lru_cache(maxsize=65536)
def _organisation_word(word: str) -> bool:
    return word.lower() in ORGANISATION_WORDS or _possessor(word) in ORGANISATION_WORDS


_POSSESSIVE_END_RE = re.compile(r"[’']s?$")


def _possessor(word: str) -> str:
    return _POSSESSIVE_END_RE.sub("", word.lower())


def is_canonical_spelling(name: str) -> bool:
    """True when folding leaves every word's spelling alone (Putin, not Poutine)."""
    return all(fold_word(w) == w.lower() for w in name_words(name))


@dataclass
class NameBook:
    """The people named in one article, so that every mention maps to one display name."""

    full_names: Counter[str] = field(default_factory=Counter)
    # Full names by key, in the order the article first gives them (ties go to the first).
    forms_by_key: dict[str, dict[str, None]] = field(default_factory=dict)
    by_surname: dict[str, str] = field(default_factory=dict)
    titles: dict[str, set[str]] = field(default_factory=dict)
    # Role phrases the article gives each person ("Russian President", "Labour MP"), in order.
    roles: dict[str, dict[str, None]] = field(default_factory=dict)

    def add(self, name: str, titles: set[str] | frozenset[str], roles: tuple[str, ...] = ()) -> str:
        """Register a mention with its title words and role phrases; returns the key."""
        words = name_words(name)
        key = speaker_key(name)
        for role in roles:
            self.roles.setdefault(key, {})[role] = None
        if len(words) >= 2 and not is_organisation(words):
            self.full_names[name] += 1
            self.forms_by_key.setdefault(key, {})[name] = None
            self.by_surname.setdefault(key, name)
        if titles:
            self.titles.setdefault(key, set()).update(titles)
        return key

    def add_surname(self, name: str) -> None:
        """A surname the article gives only with an honorific ("Mr. Obama")."""
        self.by_surname.setdefault(speaker_key(name), name)

    def display(self, name: str) -> str:
        """The display name for a mention: the most common full name with the same key."""
        key = speaker_key(name)
        forms = [(n, self.full_names[n]) for n in self.forms_by_key.get(key, ())]
        first = fold_word(name_words(name)[0]) if len(name_words(name)) >= 2 else ""
        if first:
            forms = [(n, c) for n, c in forms if fold_word(name_words(n)[0]) == first] or forms
            forms = [(n, c) for n, c in forms if _suffix(n) == _suffix(name)] or [(name, 1)]
        else:  # a bare surname means the father, not "Jr."
            forms = [(n, c) for n, c in forms if not _suffix(n)] or forms
        if not forms:
            return name
        return max(forms, key=lambda nc: (nc[1], is_canonical_spelling(nc[0])))[0]

    def by_title(self, words: set[str]) -> str | None:
        """The person whose recorded titles include all of `words` ("the Russian president");
        no title words ("the statement", "the website") name no one."""
        if not words:
            return None
        found = [key for key, titles in self.titles.items() if words <= titles]
        if len(found) != 1 or found[0] not in self.by_surname:
            return None
        return self.display(self.by_surname[found[0]])

    def may_hold(self, name: str, role: str) -> bool:
        """Could this person be "the <role>"? Not if known only by other person roles."""
        titles = self.titles.get(speaker_key(name), set())
        roles = titles & _ROLE_NOUNS
        return not roles or role in roles or role not in _ROLE_NOUNS

    def roles_of(self, name: str) -> tuple[str, ...]:
        """The role phrases the article gives this person, in the order it gives them."""
        return tuple(self.roles.get(speaker_key(name), ()))

    def namesakes(self, surname: str) -> bool:
        """Does a bare surname stand for several people the article names about as often
        ("Grayson" with Alan Grayson and Dena Grayson)? The most mentioned one is a guess."""
        by_first: Counter[str] = Counter()
        for form in self.forms_by_key.get(speaker_key(surname), ()):
            by_first[fold_word(name_words(form)[0])] += self.full_names[form]
        counts = sorted(by_first.values(), reverse=True)
        return len(counts) > 1 and counts[1] * 2 >= counts[0]

    def knows(self, word: str) -> bool:
        """Is this single word the surname of a person named in full?"""
        return fold_word(word) in self.by_surname
