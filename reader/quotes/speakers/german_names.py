"""The people a German article names: every noun is capitalised in German, so a run of
capitalised words is a person only after a title ("Bundeskanzlerin Angela Merkel", "der
SPD-Vorsitzende Franz Müntefering") or as two to four words that are no nouns of role or
body and follow no article ("Frank-Jürgen Weise"); a single word is a person when it is the
surname of one of those ("Merkel", "Merkels")."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter

from reader.quotes.german_words import (
    ADVERBS,
    INDEFINITE,
    NOMINATIVE,
    OBLIQUE,
    POSSESSIVES,
    PREPOSITIONS,
    PRONOUNS,
    SUBORDINATORS,
    body_noun,
    person_noun,
)
from reader.quotes.speakers.identity import PERSON, Speaker
from reader.quotes.speakers.names import fold_word
from reader.quotes.speakers.tokens import NOT_NAMES, Token

DETERMINERS = NOMINATIVE | OBLIQUE | POSSESSIVES | INDEFINITE
_NOUN_ENDS = ("ung", "heit", "keit", "schaft", "tion", "ität", "nis", "tum", "ismus", "ungen")
_NAME_PARTICLES = frozenset(("von", "van", "de", "da", "di", "al", "bin", "ibn", "zu", "del"))
_MAX_NAME = 4
_HONORIFICS = frozenset(("dr", "prof", "herr", "frau", "sir", "dame", "lord"))
# Capitalised words that open a run without being part of a name ("Seine Zuversicht").
_NOT_OPENING = (
    ADVERBS
    | PREPOSITIONS
    | SUBORDINATORS
    | DETERMINERS
    | frozenset(
        str.split(
            "jeder jede jedes alle viele weitere einige beide diese dieser dieses mehrere "
            "andere manche solche welche kein keine ende anfang mitte jegliche jeglicher "
            "jegliches sämtliche"
        )
    )
)


def capital(token: Token) -> bool:
    """A capitalised word (a pronoun "Er", "Sie" is none)."""
    return token.capital and token.is_word and token.lower not in PRONOUNS


def adjective(token: Token) -> bool:
    """A lower-case word inside a noun phrase: "russische", "23-jährige", "stellvertretende"."""
    if token.capital or token.lower in PREPOSITIONS or token.lower in DETERMINERS:
        return False
    return token.is_word and token.lower.endswith(("e", "en", "er", "es", "em"))


def capital_run(tokens: list[Token], i: int) -> int:
    """The end of a run of capitalised words from i, with "von", "de" ("von der") after a
    first name ("Karl-Theodor zu Guttenberg"), not after a surname ("Peter Stein zu Beginn")."""
    j = i
    while j < len(tokens):
        if capital(tokens[j]):
            j += 1
            continue
        k = j
        first_name = j > i and (j - 1 == i or person_noun(tokens[j - 2].text))
        if first_name and person_noun(tokens[j - 1].text):
            first_name = j + 1 < len(tokens) and tokens[j + 1].lower == "der"  # "Betreiber von X"
        if first_name and tokens[j - 1].lower.endswith(_NOUN_ENDS):
            first_name = False  # "nach Bewertung von Polizei", not "Ursula von der Leyen"
        if tokens[k].lower in _NAME_PARTICLES and first_name:
            k += 1
            if k < len(tokens) and tokens[k].lower == "der" and tokens[j].lower == "von":
                k += 1  # "Ursula von der Leyen"
        if k > j and k < len(tokens) and capital(tokens[k]):
            j = k
        else:
            break
    return j


def not_name(word: str, titled: bool = False) -> bool:
    """A word no person's name is made of: a role or body noun, an adverb, an acronym.
    After a title a word ending like a body noun is a name ("die Archäologin Montserrat")."""
    lower = word.lower()
    if lower in NOT_NAMES or lower in _NOT_OPENING or word[:1].isdigit():
        return True
    body = body_noun(word) and not titled
    if person_noun(word) or body or lower in ADVERBS or lower in PREPOSITIONS:
        return True
    initial = len(word) == 2 and word.endswith(".")  # "George W. Bush"
    regnal = word.endswith(".") and word[:-1].strip("IVXLC") == ""  # "Benedikt XVI."
    return lower in SUBORDINATORS or (word.isupper() and len(word) > 1 and not initial | regnal)


def _role_after(tokens: list[Token], end: int) -> bool:
    """A role in apposition after a name: "Halima Jouini, Vorstandsmitglied der Liga,"."""
    if end + 1 >= len(tokens) or tokens[end].text != ",":
        return False
    k = end + 1
    while k + 1 < len(tokens) and k <= end + 3 and adjective(tokens[k]):
        k += 1
    return person_noun(tokens[k].text)


_NEUTRAL_ROLES = frozenset(("mitglied", "opfer", "vorstand", "staatschef"))


def _gender_of(title: str) -> str:
    """ "f" for "Kanzlerin", "Frau"; "m" for "Kanzler", "Herr"; "" for "Abgeordnete"."""
    lower = title.lower().rstrip(".").rsplit("-", 1)[-1]
    if lower == "frau":
        return "f"
    if lower == "herr":
        return "m"
    if not person_noun(lower) or lower in _NEUTRAL_ROLES or lower.endswith("e"):
        return ""
    if lower.endswith("in") and person_noun(lower[:-2]):
        return "f"
    return "m"


def _titular(word: str) -> bool:
    return person_noun(word) or word.lower().rstrip(".") in _HONORIFICS


def split_role(words: list[str]) -> tuple[list[str], list[str]]:
    """Roles and the name after the last of them: ["Bundeskanzlerin", "Angela", "Merkel"]
    -> (["Bundeskanzlerin"], ["Angela", "Merkel"]); honorifics (Prof., Dr.) are no roles,
    and a particle stays with the name after it ("Kernaussage von Jerry Larson")."""
    last = max((i for i, w in enumerate(words) if _titular(w)), default=-1)
    roles, name = words[: last + 1], words[last + 1 :]
    particle = max((i for i, w in enumerate(name) if w in {"von", "vom"}), default=-1)
    if particle >= 0 and len(name) - particle - 1 >= 2 and name[particle + 1][:1].isupper():
        name = name[particle + 1 :]  # "... von Jerry Larson", not "Ursula von der Leyen"
    return [w for w in roles if person_noun(w)], name


def _first_name_index(forms: dict[str, Counter[str]]) -> dict[str, str]:
    """First name -> surname key, for first names that belong to one surname only."""
    owners: dict[str, set[str]] = {}
    for key, names in forms.items():
        firsts = {fold_word(name.split()[0]) for name in names if len(name.split()) >= 2}
        if len(firsts) == 1:
            owners.setdefault(firsts.pop(), set()).add(key)
    return {first: keys.pop() for first, keys in owners.items() if len(keys) == 1}


class GermanNames:
    """Person mentions of one article, in order, with one display name per surname."""

    def __init__(self, tokens: list[Token]) -> None:
        self.mentions: list[tuple[int, str]] = []  # (offset, surname key)
        self.forms: dict[str, Counter[str]] = {}  # surname key -> full names
        self.roles: dict[str, dict[str, None]] = {}  # surname key -> role words, in order
        self.counts: Counter[str] = Counter()  # capitalised words, folded
        self.genders: dict[str, str] = {}  # surname key -> "f" or "m", from titles
        self._first_names: dict[str, str] | None = None  # first name -> its one surname key
        self._collect(tokens)

    def _collect(self, tokens: list[Token]) -> None:
        """Every capitalised run of the article: a name (with titles or said twice) is
        added; a lone capitalised word is a mention once the names are known."""
        singles: list[tuple[int, str]] = []
        self.counts = Counter(fold_word(t.text) for t in tokens if t.capital)
        i = 0
        while i < len(tokens):
            if not capital(tokens[i]):
                i += 1
                continue
            end = capital_run(tokens, i)
            words = [t.text for t in tokens[i:end]]
            while words and words[0].lower() in _NOT_OPENING:
                words, i = words[1:], i + 1
            before = tokens[i - 1] if i else None
            after_article = before is not None and (
                before.lower in DETERMINERS or adjective(before) or before.text[:1].isdigit()
            )
            if len(words) != 1:
                opening = before is None or before.text in {".", "!", "?", ":"}
                self._name_run(tokens, (words, end), after_article, opening)
            elif not after_article and not person_noun(words[0]):
                singles.append((tokens[i].start, words[0]))  # one capitalised noun or surname
            i = max(end, i + 1)
        self._add_singles(singles)

    def _name_run(
        self,
        tokens: list[Token],
        run: tuple[list[str], int],
        after_article: bool,
        opening: bool,
    ) -> None:
        """Add the run's name (`run`: its words and where it ends) when it is one: with
        titles, or two words or more not merely opening a sentence."""
        words, end = run
        roles, name = split_role(words)
        valid = 1 <= len(name) <= _MAX_NAME and not any(
            not_name(w, bool(roles)) for w in name if w not in _NAME_PARTICLES and w != "der"
        )
        full = len(name) >= 2 and (not after_article or len(name) < len(words))
        if full and opening and not roles:  # "Weitere Zusatzfunktionen sind": said again?
            full = self.counts[fold_word(name[-1])] >= 2 or _role_after(tokens, end)
        genitive = after_article and len(name) == 1 and name[0].endswith("s")
        if valid and (roles or full) and not (roles and genitive):  # "der Vertreter Libyens"
            self._add(tokens[end - len(name)].start, name, roles)
            self._gender(name, words)

    def _add_singles(self, singles: list[tuple[int, str]]) -> None:
        """The lone capitalised words that are a known name's key, as mentions in order."""
        for position, word in singles:
            key = self.key(word)
            if key is not None:
                self.mentions.append((position, key))
        self.mentions.sort()

    def _add(self, position: int, name: list[str], roles: list[str]) -> None:
        self._first_names = None
        key = fold_word(name[-1])
        self.forms.setdefault(key, Counter())[" ".join(name)] += 1
        for role in roles:
            self.roles.setdefault(key, {})[role] = None
        self.mentions.append((position, key))

    def _owner(self, word: str) -> bool:
        """Is the word a known person's name in the genitive ("Obamas")?"""
        folded = fold_word(word)
        return folded not in self.forms and folded.endswith("s") and folded[:-1] in self.forms

    def said_again(self, word: str) -> bool:
        """Is this capitalised word, no noun of role, body or time, in the article twice?"""
        return self.counts[fold_word(word)] >= 2 and not not_name(word)

    def key(self, word: str) -> str | None:
        """The surname key of a word naming a known person ("Merkels" -> "merkel")."""
        folded = fold_word(word)
        if folded in self.forms:
            return folded
        if folded.endswith("s") and folded[:-1] in self.forms:
            return folded[:-1]  # a genitive: "Stoibers Rückzug"
        if self._first_names is None:
            self._first_names = _first_name_index(self.forms)
        return self._first_names.get(folded)  # "Thaksin" for Thaksin Shinawatra

    def display(self, key: str) -> str:
        """The most common full name for a surname key (the longest on a tie)."""
        forms = self.forms[key]
        return max(forms, key=lambda name: (len(name.split()) > 1, forms[name], len(name)))

    def speaker(self, words: list[str], titled: bool = False) -> Speaker | None:
        """A person by the words naming them ("Bundeskanzlerin Angela Merkel", "Merkel");
        `titled` when a noun before the name is a title ("den Theologen Hans Keller")."""
        roles, name = split_role(words)
        if titled and not roles and len(name) >= 3:
            roles, name = [], name[-2:]
        if len(name) >= 2 and self._owner(name[0]):
            return None  # "Obamas Wahlkampfteam": a known person's something
        key = self.key(name[-1]) if name else None
        if key is None:
            titled = titled or bool(roles)
            if not name or len(name) < 2 - bool(roles) or any(not_name(w, titled) for w in name):
                return None  # a single unknown word is a name only after a title
            key = fold_word(name[-1])
            self.forms.setdefault(key, Counter())[" ".join(name)] += 1
            self._first_names = None
        known = tuple(self.roles.get(key, ()))
        said = tuple(r for r in roles if r not in known)
        return Speaker(self.display(key), PERSON, said + known)

    def _gender(self, name: list[str], words: list[str]) -> None:
        """ "Bundeskanzlerin Angela Merkel", "Frau Müller": she; "Bundestrainer Joachim Löw",
        "Herr Müller": he. Adjectival roles ("Abgeordnete") and bare names tell nothing."""
        key = fold_word(name[-1])
        for word in words[: len(words) - len(name)]:
            gender = _gender_of(word)
            if gender:
                self.genders.setdefault(key, gender)

    def last_person(self, position: int, within: int = 1500, gender: str = "") -> Speaker | None:
        """The person named last before `position`, not further back than `within`; with a
        gender ("f" for "sie", "m" for "er"), people known to be of the other are passed."""
        index = bisect_left(self.mentions, (position, ""))
        while index and self.mentions[index - 1][0] >= position - within:
            key = self.mentions[index - 1][1]
            known = self.genders.get(key, "")
            if not (gender and known and known != gender):
                return Speaker(self.display(key), PERSON, tuple(self.roles.get(key, ())))
            index -= 1
        return None

    def titled(self, role: str) -> Speaker | None:
        """The one person the article gives this title ("der Bundespräsident" -> the person
        named "Bundespräsident Horst Köhler"), inflected forms included, when the article
        speaks of them more than once (a pope named once in passing is not "der Papst")."""
        stem = role.lower().rstrip("n").removesuffix("e")
        found = [
            key
            for key, roles in self.roles.items()
            if any(r.lower().rstrip("n").removesuffix("e") == stem for r in roles)
        ]
        if len(found) != 1 or sum(key == found[0] for _, key in self.mentions) < 2:
            return None
        return Speaker(self.display(found[0]), PERSON, tuple(self.roles[found[0]]))
