"""Which descriptions can speak: "one Republican strategist", "the statement", "a sign" can;
"the past", "the timing", "his announcement speech" are a phrase the cue rules caught by
mistake ("Beck, who has in the past described ...")."""

from __future__ import annotations

import re

from reader.quotes.speakers.names import ORGANISATION_WORDS
from reader.quotes.speakers.tokens import PARTY_WORDS, TITLE_WORDS
from reader.quotes.word_lists import words

# People and groups of people whose noun does not end like an agent noun (-er, -ist ...).
_PEOPLE = words(
    "man men woman women person people persons guy guys friend friends aide aides staff "
    "crowd audience family families group couple child children kid kids youth source "
    "sources official officials expert experts critic critics ally allies rival rivals "
    "fan fans colleague colleagues agent agents attorney attorneys counsel rabbi rabbis "
    "pope priest priests bishop imam pastor nun nurse nurses physician surgeon chief head "
    "boss host anchor panel jury judge delegate delegates candidate candidates nominee "
    "nominees activist activists advocate advocates veteran veterans victim victims "
    "witness witnesses neighbor neighbors neighbour neighbours relative relatives parent "
    "parents mother father wife husband son daughter brother sister widow spouse student "
    "students team staffers aide-de-camp self representative representatives republican "
    "republicans democrat democrats independent independents conservative conservatives "
    "liberal liberals progressive progressives tycoon mogul billionaire millionaire "
    "celebrity star actor actress comedian pundit commentator columnist editor editors "
    "reporter reporters journalist journalists moderator panelists caller callers "
    "protesters protester demonstrators heckler hecklers netizen netizens user users "
    "poster insider insiders operative operatives confidant confidants spokesperson "
    "spokespeople emissary envoy envoys minister ministers lawmaker legislator "
    "front-runner frontrunner incumbent challenger another others both boy boys girl girls "
    "heavyweight heavyweights community city county state country nation voice student "
    "students resident residents agent client clients patient patients opponent opponents "
    "correspondent consultant consultants assistant assistants participant participants "
    "immigrant immigrants migrant migrants respondent respondents dissident dissidents "
    "informant merchant merchants lieutenant sergeant defendant defendants descendant "
    "descendants servant servants tenant tenants president presidents"
)
# Texts and things that speak in news ("the statement said", "a sign read").
_TEXTS = words(
    "statement statements report reports ad ads advertisement commercial email emails "
    "letter letters memo memos release poll polls survey surveys website site post posts "
    "tweet tweets editorial column book document documents lawsuit suit complaint filing "
    "transcript passage video sign signs banner banners placard headline message messages "
    "note study readout account page pitch script narrator narration voice-over voiceover "
    "petition platform resolution ruling order indictment affidavit brief text caption "
    "slogan chant chants flyer flier mailer leaflet brochure notice announcement "
    "communique communiqué bulletin newsletter blog listing citation summary excerpt "
    "excerpts draft bill motion verdict opinion decision guidance manual playbook "
    "textbook newspaper paper magazine outlet network station channel broadcast show "
    "program programme podcast documentary film movie song lyrics publication footnote"
)
# Times, amounts and abstractions that cue rules catch by mistake.
_ABSTRACT = words(
    "past future present time times moment moments period era history day days week weeks "
    "month months year years night morning evening afternoon decade rest fact facts "
    "majority minority number numbers percent percentage share average half most all "
    "line lean magnitude impact taste face eyes head hand hands way idea point issue "
    "problem question answer case result results reason rationale sense view views "
    "record side part end start beginning goal aim effect shift change trend level rate "
    "test loophole formula procedure process system scheme plan plans expertise speech "
    "remarks comments words word language tone rhetoric criticism evidence interview "
    "meeting event rally debate race recent"
)
_ABSTRACT_ENDINGS = re.compile(r"(?:ing|ness|ity|ism|ence|ance|tion|sion|al|ic|ous|ful|ly)$")
_LONG_PEOPLE = tuple(word for word in _PEOPLE if len(word) >= 5)
_AGENT_ENDINGS = re.compile(
    r"(?:er|ers|or|ors|ist|ists|ian|ians|man|men|woman|women|person|"
    r"people|crat|crats|ite|ites|ee|ees)$"
)
# What follows a description's head noun: "a spokesman for X", "sources close to X".
_TAIL_WORDS = words(
    "close familiar for from of with at in within inside near who that which to on over "
    "when where while whose as if"
)


def _before_tail(words: list[str]) -> list[str]:
    """The description up to its tail: "a person close to X" -> [a, person]."""
    for i, word in enumerate(words):
        if i and word.lower() in _TAIL_WORDS:
            return words[:i]
    return words


def speaker_noun(word: str) -> bool:
    """Is this word a noun for a person, a group, an organisation or a text?"""
    noun = re.sub(r"[’']s?$", "", word.lower()).strip(".")
    if noun in _PEOPLE or noun in _TEXTS or noun in TITLE_WORDS or noun in PARTY_WORDS:
        return True
    if noun in ORGANISATION_WORDS or noun.rstrip("s") in ORGANISATION_WORDS:
        return True
    if any(noun.endswith(person) for person in _LONG_PEOPLE):
        return True  # "neurosurgeon", "congressman"
    return len(noun) > 4 and _AGENT_ENDINGS.search(noun) is not None


def can_speak(words: list[str]) -> bool:
    """Does the description name a person, a group, an organisation or a text ("the
    billionaire businessman began" does; "the first taste", "his expertise" do not)?"""
    kept = _before_tail(words)
    if not kept:
        return False
    if kept[-1][:1].isupper() or any(speaker_noun(word) for word in kept):
        return True  # "another Muslim", "the billionaire businessman began"
    return not _abstract(kept[-1])  # "the article", "the clip": a thing that may speak


def _abstract(word: str) -> bool:
    """A time, an amount, a quality or an act, which says nothing: "the past", "the vast
    majority", "the timing", "his criticism", "the evidence", "the racial"."""
    noun = re.sub(r"[’']s?$", "", word.lower())
    return noun in _ABSTRACT or _ABSTRACT_ENDINGS.search(noun) is not None
