"""Line rules that tell article text from web debris: chrome, boilerplate, captions, headings."""

from __future__ import annotations

import re

from reader.articles.dates import parse_date

__all__ = [
    "is_agency",
    "is_boilerplate",
    "is_caption",
    "is_end_marker",
    "is_heading",
    "is_page_chrome",
    "is_table_line",
    "is_top_bar",
    "is_weather",
    "looks_like_bio",
    "looks_like_name",
    "parse_byline",
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
# A site's top bar around "today's" date: account links and the edition ("Sign In Subscribe",
# "Log in | Register", "English Edition", "Today's Paper").
_TOP_BAR_WORDS = (
    r"(?:sign(?:\s?(?:in|up|out))?|log\s?(?:in|out)|login|logout|subscribe|register|search|menu"
    r"|my account|account|e-?paper|newsletters?|today's paper|[A-Z][\w.]*\s+edition|edition)"
)
_TOP_BAR = re.compile(rf"^{_TOP_BAR_WORDS}(?:\s*[|/·•]?\s*{_TOP_BAR_WORDS}){{0,3}}$", re.I)
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


def is_top_bar(line: str) -> bool:
    """True for a line of a site's top bar: a weather reading, account links or the edition
    ("Sign In Subscribe", "English Edition"). A date beside one is the day the page was seen."""
    return is_weather(line) or (len(line) <= 48 and _TOP_BAR.match(line.strip()) is not None)


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


_AGENCY = re.compile(_CREDIT_AGENCIES.pattern.replace("Reuters", "Reuters?"))


def is_agency(line: str) -> bool:
    """True for a line that is only a news agency's name ("Reuter", "AFP")."""
    return bool(_AGENCY.fullmatch(line.strip()))
