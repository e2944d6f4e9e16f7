"""``reader stories`` and the story in ``reader show --json``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.test_cli import run
from tests.test_index_stories import corpus  # noqa: F401 - the made-up corpus fixture


def test_stories_json_largest_first(corpus: Path) -> None:  # noqa: F811
    (corpus / "reid9.txt").write_text(
        "Tara Reid at Promises\n\nTara Reid entered Promises in Malibu, her publicist Jack"
        " Ketsoyan said Friday; the American Pie actress asked for privacy.\n",
        encoding="utf-8",
    )
    code, out, _ = run("--corpus", str(corpus), "stories", "--json")
    assert code == 0
    found = json.loads(out)
    assert [len(story["articles"]) for story in found] == [5, 4]
    reid = found[0]
    assert {a["id"] for a in reid["articles"]} == {"reid0", "reid1", "reid2", "reid3", "reid9"}
    assert reid["id"] == reid["articles"][0]["id"]
    assert set(reid["articles"][0]) == {"id", "title", "source", "date", "copy_of"}
    assert reid["summary"] == "5 articles"


def test_stories_min_size_and_plain_text(corpus: Path) -> None:  # noqa: F811
    code, out, _ = run("--corpus", str(corpus), "stories", "--min-size", "5", "--json")
    assert (code, json.loads(out)) == (0, [])
    code, out, err = run("--corpus", str(corpus), "stories", "--min-size", "5")
    assert code == 0 and out == "" and "No story" in err
    code, out, _ = run("--corpus", str(corpus), "stories")
    assert out.splitlines()[0].startswith("4 articles  ")
    assert "  lohan1  Lohan has checked into Cliffside in Malibu after the Betty Ford Center" in out
    code, _, err = run("--corpus", str(corpus), "stories", "--min-size", "0")
    assert code == 2 and "min-size" in err


def test_show_json_has_the_story(corpus: Path) -> None:  # noqa: F811
    code, out, _ = run("--corpus", str(corpus), "show", "lohan1", "--json")
    assert code == 0
    story = json.loads(out)["story"]
    assert {a["id"] for a in story["articles"]} == {"lohan0", "lohan1", "lohan2", "lohan3"}
    code, out, _ = run("--corpus", str(corpus), "show", "filler2", "--json")
    assert json.loads(out)["story"] is None


def test_a_corpus_over_the_limit_has_no_stories_and_says_so(
    corpus: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Above READER_STORIES_MAX articles the index is built without stories (they do not fit
    in memory at 100k yet); back under it, the next update makes them."""
    code, out, _ = run("--corpus", str(corpus), "stories", "--json")
    assert code == 0 and json.loads(out)
    monkeypatch.setenv("READER_STORIES_MAX", "3")
    (corpus / "extra.txt").write_text("Extra\n\nA new article.\n", encoding="utf-8")
    code, out, err = run("--corpus", str(corpus), "stories", "--json")
    assert code == 0 and json.loads(out) == []
    assert "stories are off for corpora of more than 3 articles" in err
    code, out, _ = run("--corpus", str(corpus), "show", "reid0", "--json")
    assert json.loads(out)["story"] is None
    monkeypatch.delenv("READER_STORIES_MAX")
    (corpus / "extra.txt").unlink()
    code, out, err = run("--corpus", str(corpus), "stories", "--json")
    assert code == 0 and json.loads(out) and "off" not in err


def test_stories_come_back_when_one_update_takes_the_corpus_under_the_limit(
    corpus: Path,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Over the limit when the update starts, under it once the update has deleted a file:
    the stories are made from scratch, not updated from the emptied tables."""
    (corpus / "extra.txt").write_text("Extra\n\nA new article.\n", encoding="utf-8")
    count = len(list(corpus.glob("*.txt")))
    monkeypatch.setenv("READER_STORIES_MAX", str(count - 1))
    code, out, err = run("--corpus", str(corpus), "stories", "--json")
    assert json.loads(out) == [] and "stories are off" in err
    (corpus / "extra.txt").unlink()
    code, out, err = run("--corpus", str(corpus), "stories", "--json")
    assert code == 0 and "off" not in err
    assert [len(story["articles"]) for story in json.loads(out)] == [4, 4]
