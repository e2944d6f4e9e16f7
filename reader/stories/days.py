"""Publication days and the window of days two articles that link may lie apart: pair by pair
(``apart``) for a few pairs, or as arrays (``window_factors``) for a build's hundreds of
thousands, with the same integer arithmetic."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence

import numpy as np

__all__ = ["Day", "apart", "distance", "publication_day", "window_factors"]

Day = tuple[int | None, int]
"""A publication day: (year, day of the year) when the year is known, else (None, the day of
a leap year that has the month and day)."""


def publication_day(date: str | None) -> Day | None:
    """The day of an ISO date (``2021-06-16``, ``2021-06-16T10:00``) or of a month and day
    without a year (``--06-16``); None when there is none or it does not read."""
    if not date:
        return None
    try:
        if date.startswith("--"):
            return None, datetime.date(2000, int(date[2:4]), int(date[5:7])).timetuple().tm_yday
        day = datetime.date.fromisoformat(date[:10])
    except ValueError:
        return None
    return day.year, day.timetuple().tm_yday


def distance(one: Day, other: Day) -> int:
    """Days between two publication days (around the year when either lacks its year)."""
    if one[0] is not None and other[0] is not None:
        return abs(_ordinal(one) - _ordinal(other))
    gap = abs(_leap_day(one) - _leap_day(other))
    return min(gap, 366 - gap)


def _ordinal(day: Day) -> int:
    year, number = day
    return datetime.date(year or 1, 1, 1).toordinal() + number


def _leap_day(day: Day) -> int:
    """The day's number in a leap year (how a day without a year is kept): from March 1 on, a
    common year's days are one behind."""
    year, number = day
    common = year is not None and not calendar.isleap(year)
    return number + 1 if common and number >= 60 else number


def apart(day: Day, other_day: Day, window: int, discount: float) -> float:
    """What a pair's similarity is multiplied by for the days between the two articles."""
    return 1.0 if distance(day, other_day) <= window else discount


def window_factors(
    dates: Sequence[str | None],
    first: np.ndarray,
    second: np.ndarray,
    window: int,
    discount: float,
) -> np.ndarray:
    """``apart`` of each pair ``(dates[first[k]], dates[second[k]])``, 1 where either is
    undated (not judged) or the window is off (negative): what ``distance`` computes, as
    arrays (a build judges a few hundred thousand pairs)."""
    factors = np.ones(len(first), dtype=np.float64)
    if window < 0 or not len(first):
        return factors
    days = [publication_day(date) for date in dates]
    dated = np.asarray([day is not None for day in days])
    known = np.asarray([day is not None and day[0] is not None for day in days])
    ordinal = np.asarray([_ordinal(day) if day else 0 for day in days], dtype=np.int64)
    leap = np.asarray([_leap_day(day) if day else 0 for day in days], dtype=np.int64)
    gap = np.abs(leap[first] - leap[second])
    gaps = np.where(
        known[first] & known[second],
        np.abs(ordinal[first] - ordinal[second]),
        np.minimum(gap, 366 - gap),
    )
    judged = dated[first] & dated[second]
    factors[judged & (gaps > window)] = discount
    return factors
