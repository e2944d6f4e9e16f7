"""Tests for the occasion's place in story clustering: the same actors meeting on two
occasions stay two stories; two outlets' reports of one occasion stay one."""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict

import pytest

from reader.stories import features, store
from reader.stories.clustering import ClusterSettings
from reader.stories.features import article_places
from reader.stories.store import StoryText

# The same two leaders, the same spokesman and topics, two occasions months apart.
SUMMIT = [
    "Chancellor Anna Berg and President Tomas Lind met in Trondheim on Tuesday for their first"
    " summit, shook hands at the harbour hall and agreed to reopen embassies and resume talks"
    " on fishing quotas and sanctions, spokesman Pekka Varis said.",
    "Meeting in Trondheim for a first summit, Anna Berg and Tomas Lind agreed to reopen"
    " embassies; at the harbour hall they also spoke of fishing quotas, sanctions and gas"
    " pipelines, and Pekka Varis called the summit frank.",
    "Tomas Lind said after his first summit with Anna Berg at the harbour hall in Trondheim"
    " that embassies would reopen and gas pipelines were discussed along with sanctions.",
]
CALL = [
    "Anna Berg and Tomas Lind held a video call about the trawlers seized near Svalbard by the"
    " coast guard; crews detained for weeks, fishing quotas and sanctions were raised, said"
    " spokesman Pekka Varis.",
    "The trawlers seized near Svalbard and their detained crews dominated the video call of"
    " Tomas Lind and Anna Berg; the coast guard action, fishing quotas and sanctions came up,"
    " according to Pekka Varis.",
]
# Another outlet's report of the summit that never names the place: it joins the summit.
SUMMIT_NO_PLACE = (
    "Anna Berg and Tomas Lind agreed at their first summit on Tuesday to reopen embassies;"
    " gas pipelines and sanctions were discussed, their spokesman Pekka Varis said."
)


def _story_texts(texts: dict[str, str]) -> dict[str, StoryText]:
    return {a: StoryText(a, body.split(";")[0].split(",")[0], body) for a, body in texts.items()}


def _groups(connection: sqlite3.Connection) -> list[list[str]]:
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        groups[story].append(article)
    return sorted(sorted(group) for group in groups.values())


def _connection() -> sqlite3.Connection:
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    return connection


def _stories(texts: dict[str, str], settings: ClusterSettings) -> list[list[str]]:
    connection, stories = _connection(), _story_texts(texts)
    store.rebuild(connection, stories.values(), lambda w: {a: stories[a] for a in w}, settings)
    return _groups(connection)


def _named(prefix: str, bodies: list[str]) -> dict[str, str]:
    return {f"{prefix}{number}": body for number, body in enumerate(bodies)}


def test_places_are_where_the_lead_says_the_occasion_is() -> None:
    assert article_places("Summit", "They met in the Swiss city of Geneva on Wednesday.") == [
        ("geneva",)
    ]
    assert article_places("Talks", "GENEVA (Reuters) - Two presidents met.") == [("geneva",)]
    assert article_places("Talks", "Leaders met at Villa La Grange.") == [("grange", "villa")]
    # months, days and titles before a name are not places; nor is a place named once, late
    assert article_places("Riot", "He pointed a gun at Sgt. Mourad in June.") == []
    late = "Talks went on. " * 60 + "Some recalled a meeting in Trondheim."
    assert article_places("Talks", late) == []


def test_the_same_actors_on_two_occasions_stay_two_stories() -> None:
    texts = _named("summit", SUMMIT) | _named("call", CALL)
    expected = [["call0", "call1"], ["summit0", "summit1", "summit2"]]
    assert _stories(texts, ClusterSettings()) == expected
    # Without the place check their words alone join them (the class of error it fixes).
    assert len(_stories(texts, ClusterSettings(place_veto=0.0))) == 1


def test_reports_of_one_occasion_join_with_or_without_its_place() -> None:
    texts = _named("summit", SUMMIT) | {"other": SUMMIT_NO_PLACE}
    assert _stories(texts, ClusterSettings()) == [["other", "summit0", "summit1", "summit2"]]


@pytest.mark.parametrize("veto", [0.0, 0.5])
def test_copies_are_never_kept_apart_by_places(veto: float) -> None:
    # near-identical texts are above the veto's similarity whatever places they name
    texts = {"a": SUMMIT[0], "b": SUMMIT[0].replace("Trondheim", "Svalbard")}
    assert _stories(texts, ClusterSettings(place_veto=veto)) == [["a", "b"]]


def test_articles_added_one_at_a_time_keep_the_occasions_apart() -> None:
    stories = _story_texts(_named("summit", SUMMIT) | _named("call", CALL))
    stories |= _story_texts({"other": SUMMIT_NO_PLACE})
    connection = _connection()
    for article, text in stories.items():
        store.update(connection, {article: text}, {}, lambda w: {a: stories[a] for a in w})
    assert _groups(connection) == [
        ["call0", "call1"],
        ["other", "summit0", "summit1", "summit2"],
    ]


def test_the_place_pattern_finds_what_a_word_boundary_pattern_finds() -> None:
    """The pattern starts with a letter and lookbehinds (so that the engine scans for the
    letter in C); a plain ``\\b`` before the words finds the same matches."""

    tail = features._PLACE_RE.pattern.split("(?<=[Oo])utside)", 1)[1]
    plain = re.compile(r"\b(?:[Ii]n|[Aa]t|[Nn]ear|[Oo]utside)" + tail)
    texts = [
        "Leaders met in Geneva, at Villa La Grange near Lake Geneva; outside Bonn.",
        "xin Geneva _in Oslo 9at Paris éin Bern 'in Bern Αin Athens Ain Rome AIn Lyon",
        "In Paris\nat\tNice in the city of Lyon in  the capital of France, INSIDE Rome",
        "in", "At", "near Near NEAR Outside outsideX in Geneva-based",
    ]  # fmt: skip
    for text in texts:
        found = [(m.span(), m.group(1)) for m in features._PLACE_RE.finditer(text)]
        assert found == [(m.span(), m.group(1)) for m in plain.finditer(text)]
    assert features._PLACE_RE.search(texts[0])
