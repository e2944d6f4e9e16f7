"""Dates a line states: "Monday, August 15, 2022", "Updated: Nov. 19, 2019 8:03 am ET",
"2022-08-15", and numbers with slashes read in the one order that gives a month."""

from __future__ import annotations

import re
from datetime import date

__all__ = ["month_number", "parse_date"]

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_WEEKDAY = (
    r"(?:(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)\.?,?\s+)?"
)
# What a date line may say around its date: "Updated: ", "Published on ", a time of day
# ("Nov. 19, 2019 8:03 am ET", "10:42 AM EST, Tue March 5, 2019", "... at 5:12 p.m.").
_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|(?:last\s+)?updated|posted|modified)(?:\s+on)?\s*:?\s*", re.I
)
_TIME = r"\d{1,2}[:.]\d{2}\s*(?P<half>[ap]\.?\s?m\.?)?(?:\s*[a-z]{2,4}\b)?"
_TIME_AFTER = re.compile(r"\s*(?:[,|·–—-]|\bat\b)?\s*" + _TIME + r"$", re.I)
_TIME_BEFORE = re.compile(r"^" + _TIME + r"\s*(?:[,|·–—-]|\bon\b)?\s*", re.I)
_SLASHED = re.compile(
    r"(?P<day>\d{1,2})(?P<mark>[./])(?P<month>\d{1,2})(?P=mark)(?P<year>\d{4}|\d{2})$"
)
_DATE_PATTERNS = (
    re.compile(_WEEKDAY + r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\.?\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][\d:.]+Z?)?$"),
    _SLASHED,
)


def parse_date(line: str, day_first: bool = False) -> date | None:
    """The date a whole line states ("Monday, August 15, 2022", "2022-08-15", "Updated: Nov.
    19, 2019 8:03 am ET"), else None. Numbers with slashes ("12/25/2008", "3/2/87") read as
    the one order that gives a month when only one does; otherwise month first, as American
    outlets write them, unless a 24-hour clock ("04/08/2008 12:08"), dots ("04.08.2008") or
    ``day_first`` (an outlet known to write the day first) say the day comes first."""
    stripped = line.strip()
    if len(stripped) > 70:
        return None
    core = _DATE_PREFIX.sub("", stripped, count=1)
    times = [*_TIME_AFTER.finditer(core)] or [*_TIME_BEFORE.finditer(core)]
    if times:
        core = core[: times[0].start()] + core[times[0].end() :]
    if len(core) > 40:
        return None
    for pattern in _DATE_PATTERNS:
        match = pattern.match(core)
        if match is None:
            continue
        if pattern is _SLASHED:
            clock = "12" if times and times[0]["half"] else "24" if times else None
            return _numeric_date(match, day_first, clock)
        month_text, day = match["month"].lower(), int(match["day"])
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text) or 0
        return _valid_date(int(match["year"]), month, day)
    return None


def _numeric_date(match: re.Match[str], day_first: bool, clock: str | None) -> date | None:
    first, second, year = int(match["day"]), int(match["month"]), int(match["year"])
    if len(match["year"]) == 2:  # POSIX's pivot, as strptime's %y: 69-99 is the 1900s
        year += 1900 if year >= 69 else 2000
    if first > 12 or second > 12:  # only one order gives a month
        day_first = first > 12
    elif match["mark"] == "." or clock == "24":
        day_first = True
    elif clock == "12":
        day_first = False
    day, month = (first, second) if day_first else (second, first)
    return _valid_date(year, month, day)


def _valid_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Feb", "february"), else None."""
    return _MONTHS.get(name.lower().rstrip("."))
