"""How the quotation benchmark reads a gold source: named, anonymous, role or pronoun, and
when a detected speaker is credited for it (used by benchmarks/quotes_eval.py).

Kept apart from `reader.quotes` on purpose: the rules here judge the attribution and share
no code with it.
"""

from __future__ import annotations

import re
from functools import lru_cache

PRONOUNS = {
    "he", "she", "they", "i", "we", "you", "it", "him", "her", "them", "his", "who",
    "er", "sie", "es", "ich", "wir", "ihr", "man",  # German: "Er sagte: „...“"
}  # fmt: skip
WORD_RE = re.compile(r"[^\W\d_][\w\-’'.]*")
NAME_JOINERS = {"of", "for", "and", "the", "de", "on"}
ROLE_OPENERS = {"the", "a", "an", "one", "another", "his", "her", "their", "its", "this", "that"}
INDEFINITE = {
    "a", "an", "one", "another", "some", "several", "many", "most", "few", "two", "three",
    "four", "five", "other", "others", "numerous", "various", "certain", "ein", "eine", "einer",
}  # fmt: skip
# Where a description's head noun ends: "a person close to the Clintons", "sources familiar
# with", "one Republican involved in the planning", "a spokesman for Bernie Sanders".
HEAD_ENDS = {
    "who", "that", "which", "to", "for", "of", "from", "with", "in", "at", "on", "familiar",
    "close", "involved", "speaking", "working", "who'd", "whose", "by", "and",
}  # fmt: skip
# Reporting verbs that a few annotations give as the source ("says"): not a plural noun.
VERBS = {
    "says", "tells", "adds", "writes", "notes", "claims", "argues", "insists", "explains",
    "recalls", "asks", "admits", "warns", "reads", "states", "continues", "believes", "thinks",
}  # fmt: skip
# Groups and things rather than people: "the campaign", "his statement", "the committee".
NON_PERSON_HEADS = {
    "campaign", "statement", "committee", "ad", "advertisement", "report", "release", "post",
    "tweet", "website", "letter", "memo", "video", "poll", "survey", "group", "organization",
    "organisation", "party", "department", "administration", "office", "team", "agency",
    "company", "network", "paper", "newspaper", "book", "document", "article", "editorial",
    "email", "message", "note", "filing", "lawsuit", "complaint", "site", "page", "account",
}  # fmt: skip
ABBREVIATIONS = {
    "senator": "sen", "governor": "gov", "representative": "rep", "congressman": "rep",
    "congresswoman": "rep", "general": "gen", "professor": "prof", "reverend": "rev",
}  # fmt: skip


def names_someone(source: str) -> bool:
    """A gold source that is not empty and not a bare pronoun (the issue's definition)."""
    return bool(source.strip()) and source.strip().lower() not in PRONOUNS


def has_proper_name(source: str) -> bool:
    """A gold source that names someone: "Sen. Marco Rubio", "Fox News", "the Washington Post",
    "Her campaign manager, Robby Mook". Not a role that no string comparison can check:
    "the Florida senator", "one Republican involved", "a person close to the Clintons"."""
    words = WORD_RE.findall(source)
    if not any(w[0].isupper() and w.lower() not in ROLE_OPENERS | PRONOUNS for w in words):
        return False
    if words[0].lower() not in ROLE_OPENERS:
        return True
    if re.search(r",\s*[A-Z]", source):
        return True  # an appositive name: "Her campaign manager, Robby Mook,"
    return all(w[0].isupper() or w.lower() in NAME_JOINERS for w in words[1:])


def head_words(source: str) -> list[str]:
    """The description's words up to its head noun: "a person close to X" -> [a, person]."""
    words = WORD_RE.findall(source.replace("’", "'"))
    for i, word in enumerate(words):
        if i and word.lower() in HEAD_ENDS:
            return words[:i]
    return words


def is_anonymous(source: str) -> bool:
    """Someone the article does not name: an indefinite description ("a senior official",
    "one Republican political strategist", "another source") or a bare plural of unnamed
    people ("sources close to the Kremlin", "Clinton aides"), with no name in apposition."""
    if not names_someone(source) or re.search(r",\s*[A-Z]", source):
        return False
    head = head_words(source)
    if not head or not head[-1][:1].islower():
        return False  # "an angry Hollande", "A flabbergasted Noah": a named person
    first = head[0].lower()
    if first in INDEFINITE:
        return True
    last = head[-1].lower()
    plural = last.endswith("s") and not last.endswith("ss") and last not in VERBS
    return first not in ROLE_OPENERS and plural


def source_class(source: str) -> str:
    """ "pronoun", "named", "anonymous" or "role" (a definite description: "the senator")."""
    if not names_someone(source):
        return "pronoun"
    if has_proper_name(source):
        return "named"
    return "anonymous" if is_anonymous(source) else "role"


def name_words(name: str) -> list[str]:
    """Lower-cased words of a name (hyphens and apostrophes kept: o'malley, lopez-cantera)."""
    words = [re.sub(r"'s?$", "", w.lower()) for w in WORD_RE.findall(name.replace("’", "'"))]
    return [w for w in words if w and w.rstrip(".") not in {"jr", "sr", "ii", "iii"}]


def speaker_matches(speaker: str, source: str) -> bool:
    """The issue's rule: our surname in the gold source, or the gold surname in ours."""
    ours, theirs = name_words(speaker), name_words(source)
    return bool(ours and ours[-1] in theirs) or bool(theirs and theirs[-1] in ours)


def same_description(speaker: str, source: str) -> bool:
    """Our description has the gold description's head noun ("a senior official" for
    "one senior administration official")."""
    head = head_words(source)
    return bool(head) and head[-1].lower().rstrip(".") in name_words(speaker)


@lru_cache(maxsize=4096)
def _role_patterns(head: str, surname: str) -> tuple[re.Pattern[str], ...]:
    heads = re.escape(head) + (rf"|{ABBREVIATIONS[head]}\." if head in ABBREVIATIONS else "")
    name = re.escape(surname)
    capitals = r"(?:[A-Z][\w.'’-]*\s+){0,4}"
    return (
        re.compile(rf"\b(?i:{heads})\s*,?\s+{capitals}{name}\b"),  # Florida Sen. Marco Rubio
        re.compile(
            rf"\b{name}(?:['’]s)?\s*(?:\([^)]{{0,24}}\)\s*)?,\s+(?:[\w'’-]+\s+){{0,6}}"
            rf"(?i:{heads})\b"
        ),  # Rubio, the Florida senator
    )


def refers_to(speaker: str, source: str, text: str) -> bool:
    """Does the article give our named speaker the gold role ("the Florida senator" for
    Marco Rubio: "Florida Sen. Marco Rubio" or "Rubio, the Florida senator")?"""
    head = head_words(source)
    ours = WORD_RE.findall(speaker)
    if not head or not ours or head[-1].lower() in NON_PERSON_HEADS:
        return False
    surname = ours[-1]
    return any(p.search(text) for p in _role_patterns(head[-1].lower().rstrip("."), surname))


def credited(speaker: str, kind: str, source: str, text: str) -> bool:
    """Is our speaker right for this gold source (any class but pronoun)?"""
    cls = source_class(source)
    if cls == "anonymous":  # "a spokesman for Bernie Sanders" is not Bernie Sanders
        return kind != "person" and (
            speaker_matches(speaker, source) or same_description(speaker, source)
        )
    if speaker_matches(speaker, source):
        return True
    if cls == "role":
        if kind == "person":
            return refers_to(speaker, source, text)
        return same_description(speaker, source)
    return False
