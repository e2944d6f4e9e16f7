"""Stories of a wire archive: templated briefs are not one story, the same place at another
time is another story, and one event reported by three outlets is still one story."""

from __future__ import annotations

import sqlite3
from collections import defaultdict

import pytest

from reader.stories import graph, store
from reader.stories.clustering import ClusterSettings, publication_day
from reader.stories.days import distance
from reader.stories.features import article_terms
from reader.stories.store import StoryText

# One template, many issuers: every word is shared but the names and numbers that make each
# its own event. A template is only told from an event in an archive large enough that its
# words are common there (``graph.SPECIFIC_MIN``: more than 50 articles), so there are 60.
_SYLLABLES = ("ka", "lo", "mer", "vin", "tas", "dor", "pel", "ru")


def _issuer(number: int) -> tuple[str, str]:
    """A made-up issuer and lead manager, names no other brief has."""
    word = "".join(_SYLLABLES[(number >> shift) % 8] for shift in (0, 3, 6)).title()
    return f"{word} Finance", f"{word[::-1].title()} Capital Markets"


ISSUERS = [_issuer(number) for number in range(60)]
BRIEF = (
    "LONDON - {issuer} is issuing a {amount} mln dlr eurobond due 1994 paying 7-1/8 pct and"
    " priced at 101 pct, lead manager {manager} said.\n\n"
    "The non-callable bond is available in denominations of 5,000 dlrs and will be listed in"
    " Luxembourg. The selling concession is 1-3/8 pct while management and underwriting"
    " combined pays 5/8 pct.\n\nThe payment date is April 2."
)
SUMMIT = [
    "Vladimir Putin and Joe Biden met for nearly four hours at Villa La Grange in Geneva on"
    " Wednesday, agreeing to return their ambassadors and to start talks on arms control.",
    "After their Geneva summit, Putin said the talks with Biden at the lakeside Villa La Grange"
    " were constructive and that both ambassadors would go back to their posts.",
    "Biden told reporters in Geneva that his meeting with Putin was good and positive; the two"
    " leaders agreed on strategic stability talks and the return of ambassadors.",
]
QUAKES = [
    "A magnitude 5.9 earthquake struck Qeshm island in southern Iran on Sunday, destroying"
    " houses in the villages of Dargahan and Tourian; the Iranian Red Crescent said ten people"
    " died and rescue teams from Bandar Abbas reached the island by boat.",
    "Qeshm island was hit by a 4.6 tremor that cracked walls in Dargahan and cut power for"
    " hours, Iran's state television said; a school was closed and no one was hurt, the"
    " governor of Hormozgan province said.",
]
FILLER = [
    "The city council of Leeds approved a new budget for parks and libraries after a debate.",
    "Arsenal signed a young striker from Benfica for an undisclosed fee, the club said.",
    "Shares in Samsung and Intel rose as investors welcomed earnings from chip makers.",
    "Heavy snow closed roads in the Tyrol and schools across the northern valleys overnight.",
]


def _stories(texts: list[StoryText]) -> set[frozenset[str]]:
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    by_id = {text.id: text for text in texts}
    store.rebuild(connection, texts, lambda wanted: {i: by_id[i] for i in wanted})
    groups: defaultdict[str, set[str]] = defaultdict(set)
    for article, story in connection.execute("SELECT article, story FROM story_members"):
        groups[story].add(article)
    return {frozenset(group) for group in groups.values()}


def _archive() -> list[StoryText]:
    texts = [
        StoryText(
            f"brief{n}",
            f"{issuer.split()[0]} Issues {100 + n} Mln Dlr Eurobond",
            BRIEF.format(issuer=issuer, manager=manager, amount=100 + n),
            "--03-02",
        )
        for n, (issuer, manager) in enumerate(ISSUERS)
    ]
    texts += [
        StoryText(f"summit{n}", body.split(",")[0], body, f"2021-06-{16 + n // 2}", outlet)
        for n, (body, outlet) in enumerate(zip(SUMMIT, ("TASS", "RT", "AP"), strict=True))
    ]
    texts += [StoryText(f"filler{n}", body[:30], body) for n, body in enumerate(FILLER)]
    return texts


def test_briefs_of_one_template_are_not_one_story() -> None:
    stories = _stories(_archive())
    assert not any(sum(a.startswith("brief") for a in story) > 1 for story in stories)
    # an event reported by three outlets, in the same archive, is still one story
    assert frozenset({"summit0", "summit1", "summit2"}) in stories


def test_without_the_name_check_the_template_makes_one_story(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(graph, "UNANCHORED", 1.0)
    stories = _stories(_archive())
    assert any(sum(a.startswith("brief") for a in story) > 2 for story in stories)


def test_a_title_case_headline_names_only_what_its_body_names() -> None:
    flash = article_terms("Brown Group Inc 4th Qtr Shr 77 Cts vs 76 Cts", "")
    assert not [term for term in flash if term.startswith("@")]
    full = article_terms(
        "Texaco Canada Lowers Crude Postings", "It said Texaco Canada cut its price."
    )
    assert "@texaco" in full and "@canada" in full and "@crude" not in full
    sentence = article_terms("Putin meets Biden in Geneva", "")
    assert {"@biden", "@geneva"} <= set(sentence)


def _quakes(first: str, second: str) -> list[StoryText]:
    return [
        StoryText(f"quake{n}", "Earthquake hits Qeshm island", body, date)
        for n, (body, date) in enumerate(zip(QUAKES, (first, second), strict=True))
    ] + [StoryText(f"filler{n}", body[:30], body) for n, body in enumerate(FILLER)]


def test_the_same_place_months_apart_is_another_story() -> None:
    pair = frozenset({"quake0", "quake1"})
    assert pair in _stories(_quakes("2005-11-27", "2005-11-28"))
    assert pair not in _stories(_quakes("2005-11-27", "2008-09-10"))
    assert pair not in _stories(_quakes("--03-02", "--06-20"))  # dates without their year
    # the date decides even for a text repeated weeks later (a wire's daily brief is the
    # same text every day); copies published within the window stay one story
    copy = _quakes("2005-11-27", "2005-12-30")
    copy[1] = StoryText("quake1", copy[0].title, copy[0].body + " Updated.", "2005-12-30")
    assert pair not in _stories(copy)
    copy[1] = StoryText("quake1", copy[0].title, copy[0].body + " Updated.", "2005-12-02")
    assert pair in _stories(copy)


def test_the_window_can_be_turned_off() -> None:
    texts = _quakes("2005-11-27", "2008-09-10")
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    by_id = {text.id: text for text in texts}
    store.rebuild(
        connection, texts, lambda wanted: {i: by_id[i] for i in wanted}, ClusterSettings(window=-1)
    )
    stories = {s for (s,) in connection.execute("SELECT story FROM story_members")}
    assert len(stories) == len(texts) - 1


def test_publication_days_read_iso_dates_and_dates_without_a_year() -> None:
    assert publication_day("2021-06-16") == (2021, 167)
    assert publication_day("2021-06-16T10:00:00+02:00") == (2021, 167)
    assert publication_day("--02-29") == (None, 60)
    assert publication_day("--13-01") is None and publication_day("~") is None
    assert publication_day(None) is None and publication_day("") is None


def test_days_apart_count_alike_with_and_without_a_year() -> None:
    def apart(one: str, other: str) -> int:
        first, second = publication_day(one), publication_day(other)
        assert first is not None and second is not None
        return distance(first, second)

    assert apart("--03-08", "2021-03-01") == 7  # a common year's March is a day behind
    assert apart("--03-08", "2020-03-01") == 7
    assert apart("--12-30", "2021-01-02") == 3  # around the new year
    assert apart("2020-12-30", "2021-01-06") == 7


@pytest.mark.parametrize("local_limit", [0, store.LOCAL_LIMIT])  # 0: a large neighbourhood
@pytest.mark.parametrize("second", ["2005-11-28", "2008-09-10"])
def test_an_update_places_a_report_by_its_date_as_a_rebuild_does(
    second: str, local_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)  # the incremental path, never a rebuild
    monkeypatch.setattr(store, "LOCAL_LIMIT", local_limit)
    texts = _quakes("2005-11-27", second)
    by_id = {text.id: text for text in texts}
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    store.rebuild(
        connection, [t for t in texts if t.id != "quake1"], lambda w: {i: by_id[i] for i in w}
    )
    store.update(connection, {"quake1": by_id["quake1"]}, {}, lambda w: {i: by_id[i] for i in w})
    placed = dict(connection.execute("SELECT article, story FROM story_members"))
    assert (placed["quake0"] == placed["quake1"]) == (second == "2005-11-28")


@pytest.mark.parametrize("local_limit", [0, store.LOCAL_LIMIT])  # 0: a large neighbourhood
def test_an_update_keeps_a_new_template_brief_apart(
    local_limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store, "SMALL_CORPUS", 0)
    monkeypatch.setattr(store, "LOCAL_LIMIT", local_limit)
    texts = _archive()
    by_id = {text.id: text for text in texts}
    connection = sqlite3.connect(":memory:")
    connection.executescript(store.SCHEMA)
    store.rebuild(
        connection, [t for t in texts if t.id != "brief7"], lambda w: {i: by_id[i] for i in w}
    )
    store.update(connection, {"brief7": by_id["brief7"]}, {}, lambda w: {i: by_id[i] for i in w})
    placed = dict(connection.execute("SELECT article, story FROM story_members"))
    assert [a for a, story in placed.items() if story == placed["brief7"]] == ["brief7"]
    assert placed["summit0"] == placed["summit1"] == placed["summit2"]
