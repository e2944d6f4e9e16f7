"""Line rules that tell article text from web debris: chrome, boilerplate, captions, headings."""

from __future__ import annotations

import re
from datetime import date

__all__ = [
    "is_agency",
    "is_boilerplate",
    "is_caption",
    "is_end_marker",
    "is_heading",
    "is_page_chrome",
    "is_table_line",
    "is_weather",
    "looks_like_bio",
    "looks_like_name",
    "month_number",
    "parse_byline",
    "parse_date",
    "site_name",
]

# Whole lines that are page furniture wherever they appear.
_BOILERPLATE_PHRASES = frozenset(
    {
        "advertisement",
        "- advertisement -",
        "advertisements",
        "sponsored",
        "sponsored content",
        "must read",
        "read more",
        "read also",
        "share",
        "share this",
        "share this:",
        "share this article",
        "like this:",
        "print",
        "email",
        "tweet",
        "add to favorites",
        "follow us",
        "subscribe",
        "reuter",
        "reuters",
        "&#3;",
    }
)
_BOILERPLATE_PREFIXES = (
    "see also ",
    "read also:",
    "also read:",
    "related:",
    "your email address will not be published",
    "required fields are marked",
    "click here to",
    "sign up for",
)
# Lines after which only page furniture follows (when they sit in the last part of the page).
_END_MARKERS = frozenset(
    {
        "source link",
        "leave a reply",
        "leave a comment",
        "more articles",
        "latest article",
        "latest articles",
        "related articles",
        "related posts",
        "related stories",
        "comments",
        "about the author",
        "you may also like",
        "quellen",
        "weblinks",
        "themenverwandte artikel",
        "themenverwandter artikel",
        "siehe auch",
    }
)
# Chrome seen before the headline: loading screens, noscript notices, navigation.
_CHROME_PHRASES = frozenset(
    {
        "no script",
        "please wait...",
        "please wait",
        "loading...",
        "loading",
        "skip to content",
        "skip to main content",
        "toggle navigation",
        "menu",
        "home",
        "search",
        "close",
        "log in",
        "login",
        "sign in",
        "register",
        "breaking news",
        "latest news",
    }
)
_SOCIAL = re.compile(
    r"\b(?:telegram|facebook|twitter|whatsapp|instagram|youtube|linkedin|vk|rss)\b", re.I
)
# Icon-font ligature names glued to the text they decorate ("folder_openRussia", "starAdd").
_ICON = re.compile(
    r"^(?:folder_open|folder|access_time|query_builder|schedule|star_border|star|bookmark_border"
    r"|bookmark|visibility|remove_red_eye|comment|mode_comment|chat_bubble|share|person"
    r"|account_circle|event|today|calendar_today|date_range|label|local_offer|favorite_border"
    r"|favorite|thumb_up|print|email|mail)(?=[A-Z0-9])"
)
_NUMBER = re.compile(r"^[+-]?\d[\d,.\s]*[kKmM]?$")
_WEATHER = re.compile(r"^-?\d+(?:[.,]\d+)?\s*°?\s*[CF]$")
# A weather reading in a site's top bar: "24.3 C", "London 18°C", "72°F Sunny".
_WEATHER_READING = re.compile(
    r"^(?:[A-Z][\w'.-]*\s){0,3}-?\d{1,3}(?:[.,]\d)?\s?(?:°\s?[CF]?|[CF])(?:\s+[A-Za-z]+){0,2}$"
)
_CREDIT_AGENCIES = re.compile(
    r"\b(?:AFP|AP|EPA|PAP|POOL|Reuters|Getty(?: Images)?|Sputnik|TASS|ANP|dpa|Xinhua|"
    r"Shutterstock|Bloomberg|SIPA|Anadolu)\b"
)
_CAPTION_START = re.compile(
    r"^(?:(?:main |top |header |cover )?(?:photo|image|picture|foto|illustration)"
    r"(?: source| credit)?s?\s*:|credit\s*:|\((?:photo|image)\b|image caption\b)",
    re.I,
)
_BYLINE = re.compile(r"^(?i:by|from|von|par|por|door)\s+(?P<who>[A-Z\u00c0-\u024f].{1,80})$")
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
_SLASHED = re.compile(r"(?P<day>\d{1,2})[./](?P<month>\d{1,2})[./](?P<year>\d{4})$")
_DATE_PATTERNS = (
    re.compile(_WEEKDAY + r"(?P<month>[a-z]+)\.?\s+(?P<day>\d{1,2}),?\s+(?P<year>\d{4})$", re.I),
    re.compile(_WEEKDAY + r"(?P<day>\d{1,2})\.?\s+(?P<month>[a-z]+)\.?,?\s+(?P<year>\d{4})$", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})(?:[T ][\d:.]+Z?)?$"),
    _SLASHED,
)
_TERMINAL_PUNCTUATION = ".,;:"
_DANGLING = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "that",
        "the",
        "to",
        "vs",
        "with",
        "der",
        "die",
        "das",
        "und",
        "oder",
        "von",
        "mit",
        "für",
        "zu",
        "im",
    ]
)
_CLOSERS = "\"'”’»›)]"
# Two sentences in one line: "... said. “Very good" / "Yes! No".
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’»)]*\s+[\"'“‘«(]*[A-Z\u00c0-\u00de]")
# A wire dateline that opens a paragraph: "KUALA LUMPUR, March 7 - ".
DATELINE = re.compile(r"^[A-Z][A-Z .'-]+, [A-Z][a-z]+\.? \d{1,2} - ")
_BIO_WORDS = re.compile(
    r"\b(?:writer|journalist|reporter|editor|correspondent|author|columnist|contributor|"
    r"blogger|fan|enthusiast|lover|evangelist|expert|analyst|ninja|guru|geek|junkie)s?\b",
    re.I,
)
_NAME_WORD = re.compile(r"^[A-Z\u00c0-\u00de][a-z\u00df-\u00ff'’-]+\.?$")


_LONGEST_KEY = 64


def _key(line: str) -> str:
    return " ".join(line.lower().split())


def is_boilerplate(line: str) -> bool:
    """True for a whole line that is page furniture anywhere in an article."""
    key = _key(line[:_LONGEST_KEY])  # the phrases and prefixes are short
    if key in _BOILERPLATE_PHRASES or key.startswith(_BOILERPLATE_PREFIXES):
        return True
    stripped = line.strip()
    return bool(_NUMBER.match(stripped) or _ICON.match(stripped) or _WEATHER.match(stripped))


def is_weather(line: str) -> bool:
    """True for a short line that reads the weather ("24.3 C", "London 18°C"): a site's top
    bar, whose date beside it is the day the page was seen, not the article's date."""
    return len(line) <= 40 and _WEATHER_READING.match(line.strip()) is not None


def is_end_marker(line: str) -> bool:
    """True for a line after which a page holds only furniture (comments, related links)."""
    return len(line) < _LONGEST_KEY and _key(line).rstrip(":") in _END_MARKERS


def is_page_chrome(line: str) -> bool:
    """True for a line of the site chrome that precedes a headline."""
    key = _key(line)
    return key in _CHROME_PHRASES or is_boilerplate(line) or parse_date(line) is not None


def site_name(line: str) -> str | None:
    """The outlet name in a short chrome line such as "Al-Ahed Telegram", else None."""
    if not _SOCIAL.search(line):
        return None
    name = _SOCIAL.sub("", line).strip(" |-–—·:")
    return name if 0 < len(name.split()) <= 4 else None


def is_caption(line: str) -> bool:
    """True for a photo caption or credit line."""
    stripped = line.strip()
    if _CAPTION_START.match(stripped):
        return True
    # "... – Alexander Zemlianichenko / POOL / AFP": slash-separated credits naming an agency.
    return stripped.count(" / ") >= 1 and bool(_CREDIT_AGENCIES.search(stripped.split(" / ")[-1]))


def is_heading(line: str) -> bool:
    """True for a short line without sentence punctuation: a sub-heading between paragraphs.

    Closing quote marks and brackets are looked through ("… said. “Very good.”" is a
    sentence), list items ("- …") and one-word lowercase fragments are not headings.
    """
    stripped = line.strip()
    words = stripped.split()
    if not words or len(words) > 12 or len(stripped) > 100:
        return False
    if stripped[0] in "-–—•*" or (len(words) == 1 and not stripped[0].isupper()):
        return False
    core = stripped.rstrip(_CLOSERS) or stripped
    if core[-1] in _TERMINAL_PUNCTUATION + "-–/" or DATELINE.match(stripped):
        return False
    if words[-1].lower() in _DANGLING:  # a wrapped line cut mid-sentence
        return False
    if _SENTENCE_BREAK.search(core):
        return False
    if sum(any(char.isdigit() for char in word) for word in words) > len(words) / 4:
        return False
    if core[-1] in "?!":
        return len(words) <= 8
    return True


def is_table_line(line: str) -> bool:
    """True for a line of a fixed-width table (runs of spaces between columns)."""
    return "   " in line.strip() and len(line.split()) >= 2


def looks_like_name(line: str) -> bool:
    """True for a line that is only a person's name, e.g. an author's name above a bio."""
    words = line.split()
    return (
        2 <= len(words) <= 4
        and not line.rstrip().endswith(".")
        and all(_NAME_WORD.match(word) for word in words)
    )


def looks_like_bio(line: str) -> bool:
    """True for a short author bio: a quoted motto or a sentence about a writer."""
    stripped = line.strip()
    return len(stripped) < 300 and (stripped[:1] in "\"“«'‘" or bool(_BIO_WORDS.search(stripped)))


def parse_byline(line: str) -> tuple[str, str | None] | None:
    """``(byline, author)`` for a byline such as "By Jane Doe", else None.

    The author is set only when the byline names a person (not "Staff, Agencies").
    """
    stripped = line.strip()
    match = _BYLINE.match(stripped)
    if match is None or len(stripped.split()) > 10 or stripped[-1] in ".;:!?":
        return None
    who = match["who"].split(",")[0].strip()
    author = who if looks_like_name(who) else None
    return stripped, author


def parse_date(line: str) -> date | None:
    """The date a whole line states ("Monday, August 15, 2022", "2022-08-15", "Updated: Nov.
    19, 2019 8:03 am ET"), else None. Numbers with slashes are day first ("04/08/2008
    12:08") unless a 12-hour clock says the line is American ("4/11/2007 1:26 PM")."""
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
        month_text, day = match["month"].lower(), int(match["day"])
        month = int(month_text) if month_text.isdigit() else _MONTHS.get(month_text) or 0
        if pattern is _SLASHED and "/" in core and times and times[0]["half"]:
            month, day = day, month
        try:
            return date(int(match["year"]), month, day)
        except ValueError:
            return None
    return None


_AGENCY = re.compile(_CREDIT_AGENCIES.pattern.replace("Reuters", "Reuters?"))


def is_agency(line: str) -> bool:
    """True for a line that is only a news agency's name ("Reuter", "AFP")."""
    return bool(_AGENCY.fullmatch(line.strip()))


def month_number(name: str) -> int | None:
    """1-12 for an English month name or abbreviation ("Feb", "february"), else None."""
    return _MONTHS.get(name.lower().rstrip("."))
