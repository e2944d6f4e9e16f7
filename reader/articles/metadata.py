"""Metadata an article's own text gives where its source gives none: byline and date lines
under the headline, a wire dateline (place, date, agency), the sign-off, headline case."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from datetime import date

from reader.articles import cleaning, dates
from reader.models import BlockKind

__all__ = ["Draft", "parse_dateline", "take_lead_metadata", "title_case"]


@dataclass(slots=True)
class Draft:
    """An article's metadata while it is being gathered."""

    title: str | None = None
    source: str | None = None
    date: str | None = None
    byline: str | None = None
    author: str | None = None
    url: str | None = None
    language: str | None = None
    place: str | None = None
    header_date: str | None = None
    """A date in the site's header above the headline: often the day the page was saved
    (next to a weather line), so any date the article itself states wins over it."""
    seen_date: str | None = None
    """The date of a top bar beside a weather reading: the day the page was seen, which is
    never taken as the article's date."""

    @property
    def day_first(self) -> bool:
        """True when the outlet is known to write dates day first ("04/08/2008"): a page in a
        language other than English, or on a country's domain other than the US's."""
        language = (self.language or "en").lower()
        if not language.startswith("en"):
            return True
        host = (self.url or "").split("//", 1)[-1].split("/", 1)[0].split(":", 1)[0]
        country = host.rsplit(".", 1)[-1].lower() if "." in host else ""
        return len(country) == 2 and country not in _MONTH_FIRST_DOMAINS

    @classmethod
    def of(cls, given: dict[str, object]) -> Draft:
        return cls(**{k: v for k, v in given.items() if k in _NAMES and isinstance(v, str) and v})

    def fill_from_body(self, blocks: list[tuple[BlockKind, str]], raw: str) -> None:
        """Place, date and outlet from a dateline and a sign-off; the headline's case."""
        # in the lead, or in the short line a wire's table opens with ("Feb 26 - Shr 34 cts"),
        # which may follow a note ("REPEAT FROM LATE FRIDAY")
        leads = [text for kind, text in blocks[:3] if kind in ("text", "heading")][:2]
        dateline = next(filter(None, map(parse_dateline, leads)), None)
        if dateline is not None:
            place, stated, outlet = dateline
            self.place = self.place or place
            self.source = self.source or outlet
            self.date = self.date or stated
        if self.date is None:
            self.date = self._page_date_unless_the_lead_differs(blocks[:3])
        self.source = self.source or _sign_off(raw)
        if self.title and _in_capitals(self.title):
            text = " ".join(text for _, text in blocks[:8])
            if dateline is not None:  # a dateline's place is in capitals, not an acronym
                text = text.replace(dateline[0], "", 1)
            self.title = title_case(self.title, text)

    def _page_date_unless_the_lead_differs(self, lead: list[tuple[BlockKind, str]]) -> str | None:
        """The page's date against the dates the lead states (those after it are plans, not
        the day of the report): a lead that says otherwise wins; the top bar's "today" is
        never the article's date."""
        page_date = self.header_date or self.seen_date
        if page_date is None:
            return None
        stated = [day for day in _dates_in([text for _, text in lead]) if day <= page_date]
        return stated[0] if stated and self.header_date not in stated else self.header_date


_NAMES = frozenset(field.name for field in fields(Draft))
# Country domains of outlets that write the month first, and two-letter domains that are no
# country's (".io", ".tv", ".co" and ".me" sites are anyone's).
_MONTH_FIRST_DOMAINS = frozenset({"us", "io", "tv", "co", "me", "fm", "ly", "ai", "gg"})


def take_lead_metadata(
    blocks: list[tuple[BlockKind, str]], draft: Draft
) -> list[tuple[BlockKind, str]]:
    """Blocks without the byline and date lines right under the headline (recorded in the
    draft), nor a first block that repeats the headline. Under the headline means among the
    first three blocks, or before the first paragraph of prose (a page's author box, handle
    and e-mail lines can stand between the headline and the date line)."""
    kept: list[tuple[BlockKind, str]] = []
    prose = False
    for position, (kind, text) in enumerate(blocks):
        if position == 0 and draft.title and _same_line(text, draft.title):
            continue
        lead = position < 3 or (position < _LEAD_BLOCKS and not prose)
        if lead and kind in ("text", "heading") and _take_line(text, draft):
            continue
        prose = prose or (kind == "text" and len(text.split()) >= _PROSE_WORDS)
        kept.append((kind, text))
    return kept


# How far a page's lines under the headline may go, and the length of a paragraph of prose.
_LEAD_BLOCKS = 8
_PROSE_WORDS = 20


def _take_line(text: str, draft: Draft) -> bool:
    byline = cleaning.parse_byline(text)
    if byline is not None and draft.byline is None:
        draft.byline, author = byline
        draft.author = draft.author or author
        return True
    stated = dates.parse_date(text, day_first=draft.day_first)
    if stated is not None:
        draft.date = draft.date or stated.isoformat()
        return True
    return False


def _same_line(text: str, title: str) -> bool:
    return " ".join(text.split()).casefold() == " ".join(title.split()).casefold()


# A wire dateline: "WASHINGTON, Feb 26 - ", "SANTA CRUZ, Calif., Feb 26 - ",
# "HAYWARD, Calif. (AP) — ", "LONDON, Nov 19 (Reuters) - ", "NEW YORK, FEB 26 - ",
# "RICHMOND, Va. Feb 26 - "; a place in title case ("Toronto, Feb 26 - ") only with a date.
_PLACE_CAPS = r"[A-Z][A-Z.'’]*(?:[ -][A-Z][A-Z.'’]*){0,3}"
_PLACE_TITLED = r"[A-Z][a-z.'’]+(?:[ -][A-Z][a-z.'’]+){0,2}"
_REGION = r"(?:, [A-Z][A-Za-z.]+(?: [A-Z][a-z.]+)?)?"
_DATELINE = re.compile(
    rf"^(?P<place>(?:{_PLACE_CAPS}|(?P<titled>{_PLACE_TITLED})){_REGION})"
    r"(?:,?\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<day>\d{1,2})(?:,\s+(?P<year>\d{4}))?)?"
    r"(?:\s+\((?P<outlet>[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2})\))?"
    r"\s*[-–—]{1,2}\s"
)
_AGENCY_NAMES = {"reuter": "Reuters", "reuters": "Reuters"}
# Words that make a phrase a time, not a place ("On Monday, May 3 -", "Late Friday, Feb 27 -"),
# and words a title-case sentence starts with ("The Company, March 3 -").
_TIME_WORDS = re.compile(
    r"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tonight|tomorrow|yesterday"
    r"|morning|afternoon|evening|night|weekend)\b",
    re.I,
)
_SENTENCE_START = re.compile(
    r"(?:The|On|In|At|By|For|Last|Next|This|Since|Until|From|Early|Late|Every|Before|After)\b"
)


def parse_dateline(paragraph: str) -> tuple[str, str | None, str | None] | None:
    """``(place, date, agency)`` from a paragraph's wire dateline, else None.

    The date is ISO (``1987-02-26``), or ``--02-26`` when the dateline gives no year (ISO
    8601's month and day alone); agency is the name in brackets ("Reuters", "AP").
    """
    match = _DATELINE.match(paragraph)
    if match is None:
        return None
    place, month_name, outlet = match["place"], match["month"], match["outlet"]
    letters = [char for char in place.split(",")[0] if char.isalpha()]
    if len(letters) < 3 or (month_name is None and outlet is None):
        return None
    if _TIME_WORDS.search(place):
        return None  # a weekday phrase, not a place
    if match["titled"] and (month_name is None or _SENTENCE_START.match(place)):
        return None  # a sentence's first words, not a place: only a date makes it a dateline
    stated = None
    if month_name is not None:
        month = dates.month_number(month_name)
        if month is None:
            return None
        stated = _iso(match["year"], month, int(match["day"]))
        if stated is None:
            return None
    return place, stated, _agency(outlet) if outlet else None


def _iso(year: str | None, month: int, day: int) -> str | None:
    try:
        date(int(year) if year else 2000, month, day)  # 2000: a leap year allows Feb 29
    except ValueError:
        return None
    return f"{year}-{month:02d}-{day:02d}" if year else f"--{month:02d}-{day:02d}"


def _agency(name: str) -> str:
    return _AGENCY_NAMES.get(name.lower(), name)


def _sign_off(raw: str) -> str | None:
    """The news agency a wire story signs off with on its last line ("Reuter")."""
    last = raw.rstrip().rsplit("\n", 1)[-1].strip()
    if len(last) > 20 or not (cleaning.is_agency(last) or cleaning.is_agency(last.title())):
        return None  # "Reuter", and as wires also sign: "REUTER", "reuter"
    return _agency(last)


_FULL_DATE = re.compile(
    r"\b(?:(?P<month>[A-Z][a-z]{2,8})\.? (?P<day>\d{1,2}), (?P<year>\d{4})"
    r"|(?P<day2>\d{1,2}) (?P<month2>[A-Z][a-z]{2,8}) (?P<year2>\d{4}))\b"
)


def _dates_in(paragraphs: list[str]) -> list[str]:
    """Full dates the paragraphs state ("December 7, 2021", "7 December 2021"), ISO."""
    found: list[str] = []
    for paragraph in paragraphs:
        for match in _FULL_DATE.finditer(paragraph):
            month = dates.month_number(match["month"] or match["month2"])
            day = int(match["day"] or match["day2"])
            stated = _iso(match["year"] or match["year2"], month, day) if month else None
            if stated is not None:
                found.append(stated)
    return found


def _in_capitals(title: str) -> bool:
    letters = sum(map(str.isalpha, title))
    return letters >= 6 and sum(map(str.isupper, title)) >= letters * 0.9


_SMALL_WORDS_TEXT = (
    "a an and as at but by for from in into nor of on onto or over per the to up via vs with "
)
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())
_CAPITALS = re.compile(r"\b[A-Z][A-Z.&'’]+")
_NUMBER_WORD = re.compile(r"(\d[\d,.-]*)([A-Za-z'’]+)(\W*)")
_NUMBER_SUFFIXES = frozenset({"st", "nd", "rd", "th", "s", "'s", "’s"})
_TICKER = re.compile(r"\([A-Z][A-Z.&-]{0,5}\)[,.:;]?")


def title_case(headline: str, text: str) -> str:
    """A headline in capitals in title case ("FARMER-OWNED RESERVE" -> "Farmer-Owned
    Reserve"). Words the text itself writes in capitals (acronyms: "IMF", "U.S.") and
    tickers in angle brackets stay as they are; small words are lower case inside."""
    text = text[:4000]
    lower_share = sum(map(str.islower, text)) / max(1, sum(map(str.isalpha, text)))
    acronyms = (
        {word for word in _CAPITALS.findall(text) if word.isupper()} if lower_share > 0.5 else set()
    )
    words = headline.split()
    cased = [
        _case_word(word, acronyms, inner=0 < index < len(words) - 1)
        for index, word in enumerate(words)
    ]
    return " ".join(cased)


def _case_word(word: str, acronyms: set[str], inner: bool) -> str:
    if word.startswith("<") or "." in word.strip(".") or word.strip(".,:;!?\"'") in acronyms:
        return word
    if _TICKER.fullmatch(word):  # "(DIA)", "(RPT)": a symbol in brackets, not a word
        return word
    if inner and word.lower() in _SMALL_WORDS:
        return word.lower()
    return "-".join(_capitalise(part, acronyms) for part in word.split("-"))


def _capitalise(part: str, acronyms: set[str]) -> str:
    if part.strip(".,:;!?\"'()") in acronyms:
        return part
    number = _NUMBER_WORD.fullmatch(part)
    if number is not None:  # "4TH" -> "4th", "747S" -> "747s", "3M" stays, "3COM" -> "3Com"
        digits, letters, rest = number.groups()
        if letters.lower() in _NUMBER_SUFFIXES:
            return part.lower()
        if len(letters) <= 2:
            return part
        return digits + letters[0] + letters[1:].lower() + rest
    for index, char in enumerate(part):
        if char.isalpha():
            return part[:index] + char.upper() + part[index + 1 :].lower()
    return part
