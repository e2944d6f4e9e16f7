"""The people and organisations an article names: mentions in order, titles, display names."""

from __future__ import annotations

import re
from bisect import bisect_left

from reader.quotes.speakers.heads import can_speak
from reader.quotes.speakers.identity import (
    ANONYMOUS,
    ORGANISATION,
    PERSON,
    Speaker,
    is_party,
    kind_of_name,
    split_roles,
)
from reader.quotes.speakers.name_runs import looks_like_heading, name_runs
from reader.quotes.speakers.names import NameBook, is_organisation
from reader.quotes.speakers.phrase_words import DETERMINERS, PERSON_ROLES
from reader.quotes.speakers.phrases import Phrase, describe
from reader.quotes.speakers.tokens import (
    NATIONALITIES,
    NOT_NAMES,
    TITLE_WORDS,
    Token,
    TokenIndex,
    is_place,
    is_role_word,
    sentence_start,
    split_titles,
)

OPENERS = frozenset(
    str.split(
        "on in at after before during regarding asked for with following when while as since "
        "although though if because despite amid under without over by from back once until "
        "unlike like throughout earlier later last in"
    )
)


# "the diplomat" may be the person just spoken of; "the man", "the source" or "his wife"
# are someone else (the man in the crowd, the wife of the person named).
_TITLES_NEAR = frozenset(
    TITLE_WORDS
    - set(str.split("mother father wife husband son daughter brother sister widow lady first"))
)
_PLACE_BEFORE = re.compile(
    r"(?<!according )\b(?:in|at|across|throughout|near|outside|inside|from|to|of|into) "
)
_SENTENCE_CONJUNCTIONS = frozenset(("but", "and", "so", "yet", "however", "meanwhile"))


class ArticleNames:
    """Every capitalised run of an article, so that a cue's phrase maps to one display name."""

    def __init__(self, index: TokenIndex, starts: list[int], strict: bool = False) -> None:
        """`strict` for German, where every noun is capitalised mid-sentence."""
        self.masked = index.text
        self.index = index
        self.starts = starts
        self.book = NameBook()
        self.people: list[tuple[int, str]] = []  # (offset, name) of each person mention
        self.subjects: list[tuple[int, str]] = []  # the same, for mentions that open a clause
        self.proper: set[str] = set()  # words capitalised somewhere mid-sentence
        self.honorifics: dict[int, str] = {}  # mention offset -> "mr", "mrs", "ms", "miss", "dr"
        self.strict = strict
        self._token_starts: list[int] = []
        self._collect_names()

    def _collect_names(self) -> None:
        """Register every capitalised run: full names first, then person mentions in order."""
        tokens = self.index.tokens
        self._token_starts = [t.start for t in tokens]
        starts = set(self.starts)
        self.proper = {t.text for t in tokens if t.capital and t.start not in starts}
        runs = name_runs(tokens)
        for run in runs:
            if len(run.name) >= 2 and not run.place_or_organisation:
                self.book.add(" ".join(run.name), run.titles, run.roles)
            elif len(run.name) == 1 and run.titles & _HONORIFICS and not self.strict:
                self.book.add_surname(run.name[0])  # "Mr. Obama" without a first name
        for run in runs:
            if run.place_or_organisation:
                continue
            if len(run.name) >= 2 or self.book.knows(run.name[-1]):
                honorific = next(iter(run.titles & _HONORIFICS), "")
                if honorific:
                    self.honorifics[run.start] = honorific
                name = " ".join(run.name)
                self.book.add(name, run.titles, run.roles)
                self.people.append((run.start, name))
                if not run.possessive and self._opens_clause(tokens, run.first):
                    self.subjects.append((run.start, name))

    def _opens_clause(self, tokens: list[Token], index: int) -> bool:
        """Is the mention at tokens[index] the first phrase of its sentence (after "On X,")?"""
        lower = sentence_start(self.starts, tokens[index].start)
        i = index - 1
        while i >= 0 and tokens[i].start >= lower:
            token = tokens[i]
            if token.text == ",":
                first = bisect_left(self._token_starts, lower)
                return first < len(tokens) and tokens[first].lower in OPENERS
            skippable = token.lower in DETERMINERS or token.lower in TITLE_WORDS
            if not (skippable or token.is_mark or token.lower in _SENTENCE_CONJUNCTIONS):
                return False
            i -= 1
        return True

    def credible(self, phrase: Phrase) -> bool:
        """A sentence's first phrase is a speaker only if it is a pronoun, a role, a person
        the article names, an organisation, or a full name ("Facing", "Likewise" are not)."""
        if phrase.kind != "name":
            return True
        words = list(phrase.words)
        if self.book.knows(words[-1]) or is_organisation(words):
            return True
        if len(words) == 1 and words[0] in self.proper and not self.strict:
            return True  # capitalised mid-sentence elsewhere: a name, not "Likewise"
        _titles, name = split_titles(words)
        return len(name) >= 2 and not is_place(name)

    def resolve(self, phrase: Phrase) -> Speaker | None:
        """Who a cue's phrase names: a person, an organisation, or a description kept as it
        is ("one Republican political strategist", kind anonymous); None if no one."""
        if phrase.kind == "pronoun":
            if phrase.words[0] not in {"he", "she", "er", "sie"}:
                return None
            return self.person(self.last_person(phrase.pos, pronoun=phrase.words[0]))
        words = list(phrase.words)
        if phrase.indefinite:  # "a senior official", "another Republican": not named
            speaks = can_speak(words) or phrase.determiner == "another"  # "another said"
            return Speaker(describe(phrase), ANONYMOUS) if speaks else None
        if phrase.kind == "role" or (phrase.definite and all(is_role_word(w) for w in words)):
            return self._resolve_role(phrase, words)
        if phrase.definite and words[-1].lower() in PERSON_ROLES:
            titled = self.book.by_title({w.lower() for w in words})
            return self.person(titled) if titled else self._resolve_role(phrase, words)
        return self._resolve_name(phrase, words)

    def _resolve_name(self, phrase: Phrase, words: list[str]) -> Speaker | None:
        """A name phrase, titles apart: a group of people, an organisation, someone the
        article does not name in full, or the person the article's names make it."""
        roles, name = split_roles(words)
        text = " ".join(name)
        if not self._could_be_named(name):
            return None
        if self._common_noun(name) or text.lower() in _SOMEONE:
            return Speaker(text, ANONYMOUS, roles)  # "Aides said", "Another advised"
        if is_organisation(name) or is_party(text):
            return Speaker(("the " if phrase.definite else "") + text, ORGANISATION, roles)
        if phrase.definite and not self.book.knows(name[-1]):
            return Speaker("the " + text, kind_of_name(text), roles)
        if phrase.issuer and not self.book.knows(name[-1]):
            return Speaker(text, ORGANISATION, roles)  # a statement speaks for a body
        speaker = self.person(self.book.display(text))
        return _with_roles(speaker, roles) if speaker is not None and roles else speaker

    def _could_be_named(self, name: list[str]) -> bool:
        """Not a heading ("Division Over Iran", "FULL TEXT"), a people ("Russians") or a
        title without its name ("Pennsylvania Gov")."""
        if (
            not name
            or looks_like_heading(name)
            or (len(name) > 1 and name[-1].lower() in _OFFICE_ENDS)
        ):
            return False
        if all(len(w.rstrip(".")) == 1 for w in name):
            return False  # "the U. S.": initials with no name
        if len(name) > 1:
            return True
        return not _demonym(name[0]) and name[0].lower() not in NOT_NAMES  # "Saturday"

    def _common_noun(self, name: list[str]) -> bool:
        """A single word capitalised only because it opens a sentence or a label, and
        written in lower case elsewhere ("Pollsters", "Aides", "Another"): a description."""
        if len(name) != 1 or self.strict:
            return False
        word = name[0]
        if self.book.knows(word) or is_organisation(name) or word in self.proper:
            return False
        return re.search(rf"\b{re.escape(word.lower())}\b", self.masked) is not None

    def _resolve_role(self, phrase: Phrase, words: list[str]) -> Speaker | None:
        """ "the Russian president": the person the article gives that title, else the
        description itself ("the senator" may be any senator the story spoke of; guessing
        the last one named was wrong about half the time on PolNeAR train)."""
        titled = words[-1].lower() in TITLE_WORDS  # "the former top aide" is no "former X"
        named = titled and self.book.by_title(
            {w.lower() for w in words if w.lower() in TITLE_WORDS or w[0].isupper()}
        )
        if named:
            return self.person(named)
        if len(words) == 1 and words[0].lower() in _TITLES_NEAR and self._first_use(phrase):
            found = self.person(self.last_person(phrase.pos, words[0].lower(), near=400))
            if found is not None:
                return found  # "The diplomat however, hailed": the person just spoken of
        if is_organisation(words):
            return Speaker("the " + " ".join(words), ORGANISATION)
        if not can_speak(words):
            return None  # "the past" in "who has in the past described", "the timing"
        return Speaker(describe(phrase), ANONYMOUS)

    def _first_use(self, phrase: Phrase) -> bool:
        """Is this the article's first use of the role noun? "the diplomat" may be the person
        just spoken of; "the woman" after "a young woman asked" is that woman, not a name."""
        noun = re.compile(rf"\b{re.escape(phrase.words[-1])}\b", re.IGNORECASE)
        return noun.search(self.masked, 0, phrase.pos) is None

    def person(self, name: str | None) -> Speaker | None:
        """A person by display name, with the roles the article gives them; a single word
        in capitals ("FIFA") or an organisation's word is an organisation."""
        if name is None:
            return None
        kind = PERSON
        if " " not in name and not self.book.knows(name):
            body = name.isupper() or is_organisation([name]) or self._is_place(name)
            kind = ORGANISATION if body else PERSON
        return Speaker(name, kind, self.book.roles_of(name) if kind == PERSON else ())

    def _is_place(self, word: str) -> bool:
        """ "in Moscow", "to Russia", "of Russia": a place, speaking for its government."""
        pattern = _PLACE_BEFORE.pattern + re.escape(word) + r"\b"
        return re.search(pattern, self.masked) is not None

    def other_subject(
        self, start: int, end: int, speaker: str | None, anywhere: bool = False
    ) -> bool:
        """Is someone other than `speaker` named as a subject (`anywhere`: at all) in
        text[start:end]? Then a quote after it is not simply the previous speaker's."""
        mentions = self.people if anywhere else self.subjects
        first = bisect_left(mentions, (start, ""))
        for _pos, name in mentions[first : bisect_left(mentions, (end, ""))]:
            if self.book.display(name) != speaker:
                return True
        return False

    def last_person(self, pos: int, role: str = "", near: int = 0, pronoun: str = "") -> str | None:
        """The person last named as a subject before `pos` (else the last named at all);
        for a role ("the president") skip people known by another role ("Ambassador X");
        for a pronoun, people the article calls Mr. (for "she") or Mrs., Ms. (for "he");
        with `near`, only a subject named at most that many characters before."""
        for mentions in (self.subjects,) if near else (self.subjects, self.people):
            for i in range(
                bisect_left(mentions, (pos, "")) - 1,
                max(-1, bisect_left(mentions, (pos, "")) - 9),
                -1,
            ):
                if near and mentions[i][0] < pos - near:
                    return None
                if pronoun and not _may_be(self.honorifics.get(mentions[i][0], ""), pronoun):
                    continue  # "she" is not the man just called "Mr. Trump"
                if not role or self.book.may_hold(mentions[i][1], role):
                    return self.book.display(mentions[i][1])
        return None


# Titles that only people carry: "Mr. Obama" is a person though the article never gives
# his first name (the New York Times' house style).
_HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr"))
# Offices that end a run without being a name: "former Pennsylvania Gov. and ...".
_OFFICE_ENDS = frozenset(
    str.split(
        "gov sen rep senator governor secretary minister congressman congresswoman mayor "
        "chairman chairwoman spokesman spokeswoman president ceo"
    )
)
# Words that stand for someone not named when they open a sentence: "Another advised".
_SOMEONE = frozenset(
    str.split("another others some several many both most someone somebody anyone one")
)


def _with_roles(speaker: Speaker, roles: tuple[str, ...]) -> Speaker:
    """The speaker with the cue's roles before the ones the article gave, those words not
    already said."""
    known = speaker.roles
    said = {w.lower() for role in known for w in role.split()}
    new = tuple(r for r in roles if not {w.lower() for w in r.split()} <= said)
    return speaker._replace(roles=(*new, *known))


def _may_be(honorific: str, pronoun: str) -> bool:
    """Could "he" or "she" be a mention with this honorific? Not "Mr." for "she", nor "Mrs.",
    "Ms." or "Miss" for "he"."""
    if pronoun in {"she", "sie"}:
        return honorific != "mr"
    if pronoun in {"he", "er"}:
        return honorific not in {"mrs", "ms", "miss"}
    return True


def _demonym(word: str) -> bool:
    """ "Americans", "Russians", "Saudis": a people, not a speaker with a name."""
    lower = word.lower()
    return lower.endswith("s") and lower[:-1] in NATIONALITIES
