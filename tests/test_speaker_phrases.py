"""The noun phrases next to reporting cues, read forwards, leftwards and as a cue clause;
and German subordinators that are prepositions too, on hand-written sentences."""

from __future__ import annotations

import pytest

from reader.quotes import find_quotes
from reader.quotes.speakers.cue_clauses import clause_cue
from reader.quotes.speakers.phrases import Phrase, describe, phrase_forward
from reader.quotes.speakers.tokens import Token, TokenIndex
from reader.quotes.speakers.verb_subjects import phrase_left


def tokens(text: str) -> list[Token]:
    return [t for t in TokenIndex(text).window(0, len(text)) if not t.is_mark]


def forward(text: str) -> tuple[Phrase | None, int]:
    return phrase_forward(tokens(text))


def test_a_name_phrase_keeps_its_title_and_stops_at_the_verb() -> None:
    phrase, used = forward("Senate minority leader Harry Reid said on Monday")
    assert phrase is not None and phrase.kind == "name"
    assert phrase.words == ("leader", "Harry", "Reid") and used == 5


def test_a_definite_role_keeps_its_head_noun_and_determiner() -> None:
    phrase, used = forward("the Russian president said")
    assert phrase is not None and (phrase.kind, phrase.words) == ("role", ("Russian", "president"))
    assert phrase.determiner == "the" and used == 3


def test_a_possessive_before_a_name_gives_the_person() -> None:
    phrase, _ = forward("Fox's Chris Wallace asked")
    assert phrase is not None and phrase.words == ("Chris", "Wallace")


def test_a_possessive_ends_the_phrase() -> None:
    phrase, used = forward("the Kremlin’s press release said")
    assert phrase is not None and phrase.words == ("Kremlin",) and used == 2


@pytest.mark.parametrize(
    ("text", "description"),
    [
        ("Kremlin sources close to the talks said", "Kremlin sources close to the talks"),
        ("one Republican political strategist said", "one Republican political strategist"),
        ("one of those advisers said", "one of those advisers"),
        ("a 2008 Clinton veteran said", "a 2008 Clinton veteran"),
    ],
)
def test_someone_not_named_is_an_indefinite_description(text: str, description: str) -> None:
    phrase, _ = forward(text)
    assert phrase is not None and phrase.indefinite and phrase.kind == "role"
    assert describe(phrase) == description


def test_an_age_after_the_determiner_is_one_word() -> None:
    phrase, _ = forward("the 46-year-old said")
    assert phrase is not None and phrase.words == ("46-year-old",)


def test_no_phrase_from_a_lower_case_word_without_a_determiner() -> None:
    assert forward("reportedly said")[0] is None
    assert forward("and")[0] is None


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("Jane Doe of Ohio said", ("Jane", "Doe")),
        ("The Shadow Secretary of State, Theresa May, said", ("Theresa", "May")),
        ("Jane Doe (R-Ohio) also said", ("Jane", "Doe")),
        (
            "a spokesperson from the Sierra Club said",
            ("spokesperson", "from", "the", "Sierra", "Club"),
        ),
    ],
)
def test_the_subject_before_the_verb(text: str, subject: tuple[str, ...]) -> None:
    found = tokens(text)
    phrase = phrase_left(found, len(found) - 1)
    assert phrase is not None and phrase.words == subject


def test_the_object_of_a_preposition_is_no_subject_unless_asked_for() -> None:
    found = tokens("with Gorka noting")
    assert phrase_left(found, 2) is None
    phrase = phrase_left(found, 2, objects=True)
    assert phrase is not None and phrase.words == ("Gorka",)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (", said Jane Doe.", ("Jane", "Doe")),
        (", Jane Doe, 57, a lawyer from Ohio, said.", ("Jane", "Doe")),
        (", Jane Doe of the Sierra Club said.", ("Jane", "Doe")),
        (", Trump shot back.", ("Trump",)),
        (", according to CNN.", ("CNN",)),
        (", Rep. Duncan Hunter’s chief of staff, Joe Kasper, told reporters.", ("Joe", "Kasper")),
    ],
)
def test_a_cue_clause(text: str, speaker: tuple[str, ...]) -> None:
    phrase = clause_cue(tokens(text))
    assert phrase is not None and phrase.words == speaker


def test_a_participle_after_the_quote_is_no_cue_clause() -> None:
    assert clause_cue(tokens(", adding that the plan is dead.")) is None


_GERMAN_OPENING = (
    "Die Partei und die Fraktion tagten am Montag mit der Regierung, und sie ist sich nicht "
    "einig. Die Debatte auf dem Parteitag war lang. "
)


@pytest.mark.parametrize("opener", ["Bis", "Während"])
def test_a_german_preposition_opening_a_verb_last_clause_gives_its_subject(opener: str) -> None:
    body = _GERMAN_OPENING + (
        f"{opener} Anna Berg erklärte, der Plan sei „gescheitert“, schwieg Karl Meier."
    )
    assert [q.speaker for q in find_quotes(body)] == ["Anna Berg"]


def test_a_german_possessive_name_ending_the_words_before_a_quote_loses_no_speaker() -> None:
    # "nach dem Müllers" right before the quote read past the last word, and the error
    # dropped every speaker of the article
    body = _GERMAN_OPENING + (
        "Der Minister Hans Müller sagte: „Wir sind bereit für die Reform.“ Das Gesetz kommt "
        "nach dem Müllers „Plan für alle Bürger im Land“."
    )
    assert find_quotes(body)[0].speaker == "Hans Müller"
