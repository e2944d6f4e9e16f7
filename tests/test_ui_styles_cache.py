"""The parsed styles kept between starts (reader.ui.styles_cache): the same rules as a parse,
read back instead of parsed, and a cache that is damaged or stale only costs the parse."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

from reader.index import Library
from reader.locations import cache_dir
from reader.ui.app import make_app
from reader.ui.styles_cache import StylesCache
from tests.pilot import settle, synchronous, wait_until

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
CSS = """
Screen { layout: vertical; }
#list:focus > .cursor { background: $primary; text-style: bold; }
"""
VARIABLES = {"primary": "#004578"}


def _look(rules: list[RuleSet]) -> list[str]:
    """What the rules say (``RuleSet.css`` fails on some of Textual's own rules)."""
    return [f"{rule.selector_set!r} {rule.styles._rules!r}" for rule in rules]


def _parsed(stylesheet: Stylesheet, css: str = CSS) -> list[str]:
    stylesheet.add_source(css, read_from=("test.tcss", ""))
    stylesheet.parse()
    return _look(stylesheet.rules)


def _parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record the CSS Textual parses from now on."""
    seen: list[str] = []
    parse = Stylesheet._parse_rules

    def counting(self: Stylesheet, css: str, *args: object, **kwargs: object) -> object:
        seen.append(css)
        return parse(self, css, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Stylesheet, "_parse_rules", counting)
    return seen


def test_rules_are_read_back_instead_of_parsed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "styles.pickle"
    expected = _parsed(Stylesheet(variables=VARIABLES))
    first = StylesCache(path, variables=VARIABLES)
    assert _parsed(first) == expected
    first.save()
    assert path.exists()
    parses = _parses(monkeypatch)
    again = StylesCache(path, variables=VARIABLES)
    assert _parsed(again) == expected
    assert parses == []  # read from the file
    # Another theme's variables are other rules: parsed, not read.
    other = StylesCache(path, variables={"primary": "#ff0000"})
    rules = _parsed(other)
    assert parses == [CSS]
    assert "255, 0, 0" in "\n".join(rules)


def test_an_edited_stylesheet_replaces_its_old_rules(tmp_path: Path) -> None:
    path = tmp_path / "styles.pickle"
    other, gone = tmp_path / "other.tcss", tmp_path / "gone.tcss"
    other.write_text("Other { height: 1; }")
    first = StylesCache(path, variables=VARIABLES)
    _parsed(first)
    for name in (other, gone):
        first.add_source("Other { height: 1; }", read_from=(str(name), ""))
    first.parse()
    first.save()
    edited = CSS.replace("bold", "italic")
    second = StylesCache(path, variables=VARIABLES)
    assert _parsed(second, edited) == _parsed(Stylesheet(variables=VARIABLES), edited)
    second.save()
    kept = StylesCache(path, variables=VARIABLES)._read()
    # The edited file's rules replace the old ones; another file's stay for when it is used,
    # unless that file is gone (a removed install).
    assert sorted(origin for origin, _ in kept.values()) == [
        ((str(other), ""), False, 0, ""),
        (("test.tcss", ""), False, 0, ""),
    ]


def test_a_damaged_cache_costs_only_the_parse(tmp_path: Path) -> None:
    path = tmp_path / "styles.pickle"
    path.write_bytes(b"not a pickle")
    stylesheet = StylesCache(path, variables=VARIABLES)
    assert _parsed(stylesheet) == _parsed(Stylesheet(variables=VARIABLES))
    stylesheet.save()  # replaced by a good one
    assert _parsed(StylesCache(path, variables=VARIABLES)) == _parsed(
        Stylesheet(variables=VARIABLES)
    )


def test_an_unwritable_cache_is_not_an_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    stylesheet = StylesCache(blocker / "styles.pickle", variables=VARIABLES)
    _parsed(stylesheet)
    stylesheet.save()  # its folder cannot be made: nothing happens


@synchronous
async def test_the_reader_keeps_its_styles_once_the_list_is_shown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = cache_dir() / "styles.pickle"
    async with make_app(Library.open(SEEDS)).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await wait_until(pilot, path.exists)  # written at start-up, not only on exit
        first_look = _look(pilot.app.stylesheet.rules)
    parses = _parses(monkeypatch)
    async with make_app(Library.open(SEEDS)).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert _look(pilot.app.stylesheet.rules) == first_look
    assert parses == []  # every rule of the first screen came from the cache
