"""Finding the article in a whole page's text: the main run of sentence-like paragraphs.

A saved page's text holds the article among menus, lists of links, share and login debris,
related-article lists and footers. Each paragraph gets a score from what any language's
prose looks like (length, share of stop words, sentence punctuation); the article is the
run of paragraphs with the highest total (short lines inside it, like sub-headings, cost
a little, long lists of short lines cost a lot). The headline is the line the page's title
repeats, or the headline-like line just before the run. No rule knows a site.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from reader.articles import cleaning, dates

__all__ = ["MainRun", "find_main_run", "paragraph_score"]

# The most frequent function words of the languages news is most read in here; a share of
# them is what tells prose from names, menus and headlines in any of these languages.
_STOP_WORDS_TEXT = (
    "a about after all also an and are as at be been but by can could did do does for from "
    "had has have he her his how i if in into is it its just like more most my no not of on "
    "one or our out over said says she so some than that the their them then there these "
    "they this those to up was we were what when where which while who will with would you "
    "your der die das und ist nicht ein eine mit von zu den dem des sich auf für im auch es "
    "an als wie bei nach aus hat sind wird noch nur werden oder aber er sie wir le la les "
    "et est un une des du dans pour pas qui que sur au avec il elle ce se sont par plus ont "
    "été cette mais ou el los las y en por con para del se una es lo como más pero sus le "
    "ha al su il di che è per non sono della gli nel alla ma anche come o os da do em que "
    "não na no uma com para dos mais de het een en van in is op dat te zijn met voor niet "
    "aan er и в не на что с по как это он она к из за от то но для же все так его о был "
    "была были i w z na do się że nie jest to jak "
)
_STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$")
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class MainRun:
    """Where the article is in a list of paragraphs."""

    start: int
    end: int
    """One past the last paragraph of the run."""
    headline: int | None
    """The headline's index (before ``start``), when one was found."""
    whole_page: bool
    """True when the text is a whole page (many lines around the run, or a page title on
    the first line that a later line repeats), False for a clean article file."""


def paragraph_score(paragraph: str, stop_words: frozenset[str] = _STOP_WORDS) -> float:
    """How much a paragraph looks like article prose: positive for sentences (about their
    length), negative for short lines without sentence punctuation (menus, link lists)."""
    # (a sample is enough: the score stops growing at 600 characters)
    words = paragraph[:600].lower().split()
    if not words:
        return -20.0
    if "\n" in paragraph or (paragraph[0].isupper() and cleaning.DATELINE.match(paragraph)):
        # a table of a wire story (its lines kept), or its first paragraph
        return max(100.0, 0.5 * min(len(paragraph), 600))
    stop = sum(map(stop_words.__contains__, words)) / len(words)
    sentence = bool(_SENTENCE_END.search(paragraph[-8:].rstrip()))
    length = min(len(paragraph), 600)
    if len(words) >= 8 and stop >= 0.15 and sentence:
        return length
    if len(words) >= 16 and stop >= 0.2:
        return 0.6 * length
    if sentence and stop >= 0.2 and len(words) >= 4:
        return 0.3 * length
    return -25.0 - 0.2 * length


def find_main_run(paragraphs: list[str]) -> MainRun:
    """The article's paragraphs in a page's paragraphs (the whole list for a clean file)."""
    if not _may_be_page(paragraphs):
        return MainRun(0, len(paragraphs), None, whole_page=False)
    stop_words = _STOP_WORDS | _frequent_short_words(paragraphs)
    scores = [paragraph_score(paragraph, stop_words) for paragraph in paragraphs]
    _damp_isolated(scores)
    start, end = _best_run(scores)
    after_title = _run_after_title(paragraphs, scores, sum(scores[start:end]))
    if after_title is not None:
        return after_title
    headline, repeated = _headline(paragraphs, start)
    return MainRun(start, end, headline, repeated or _has_site_chrome(paragraphs, start, end))


def _run_after_title(paragraphs: list[str], scores: list[float], best: float) -> MainRun | None:
    """The run that starts just after a line repeating the page title (the headline), when
    one is nearly as good as the best run anywhere: an article follows its headline, where
    the best run alone may also take in teasers of other stories above it."""
    page_title = _key(paragraphs[0])
    found: MainRun | None = None
    found_total = 0.0
    for index in range(1, len(paragraphs)):
        line = paragraphs[index]
        if len(line) >= 300 or not _repeats(_key(line), page_title):
            continue
        start, end, total = _run_from(scores, index + 1)
        if total > found_total:
            found, found_total = MainRun(start, end, index, whole_page=True), total
    return found if found is not None and found_total >= best * _TITLE_RUN_SHARE else None


# A run after the headline is taken when it holds this share of the best run's score.
_TITLE_RUN_SHARE = 0.25
# The article starts within this many lines after its headline (byline, date, share links).
_LEAD_GAP = 8


def _run_from(scores: list[float], first: int) -> tuple[int, int, float]:
    """The best run starting at the first prose line within ``_LEAD_GAP`` lines of
    ``first``: that start, the end with the highest running total, and the total."""
    start = next(
        (i for i in range(first, min(first + _LEAD_GAP, len(scores))) if scores[i] > 0), None
    )
    if start is None:
        return first, first, 0.0
    best_end, best_total, total, streak = start, 0.0, 0.0, 0
    for index in range(start, len(scores)):
        streak = streak + 1 if scores[index] <= 0 else 0
        if streak >= _WALL:
            break
        total += scores[index]
        if total > best_total:
            best_end, best_total = index + 1, total
    return start, best_end, best_total


def _repeats(line: str, page_title: str) -> bool:
    return line.count(" ") >= 2 and (line in page_title or page_title in line)


def _may_be_page(paragraphs: list[str]) -> bool:
    """A quick look for what makes a page (so that clean files cost no scoring): a first
    line that a later short line repeats, or a few short lines of site words."""
    if len(paragraphs) < 3:
        return False
    title = _key(paragraphs[0])
    short = [line for line in paragraphs[1:] if len(line) < 200]
    if any(title in key or key in title for key in map(_key, short) if key.count(" ") >= 2):
        return True
    if len(paragraphs) <= _PAGE_LINES:
        return False
    return sum(1 for line in short if len(line) < 80 and _SITE_WORDS.search(line)) >= 2


def _has_site_chrome(paragraphs: list[str], start: int, end: int) -> bool:
    """Many lines around the run, some of them the words of a site's menus and footer.

    A clean article file has a few lines around its main run at most, or a list (of
    nominees, of fixtures) without any of these words; a saved page has dozens of lines of
    menus, footer and share buttons.
    """
    around = paragraphs[:start] + paragraphs[end:]
    if len(around) < _PAGE_LINES:
        return False
    chrome = sum(1 for line in around if len(line) < 80 and _SITE_WORDS.search(line))
    return chrome >= 2


# A clean article file has a few lines around its main run at most; a page has dozens.
_PAGE_LINES = 12
# What the menus, footers and share buttons of websites say, in a few languages.
_SITE_WORDS = re.compile(
    r"\b(?:home|menu|search|sign in|sign up|log ?in|register|subscribe|newsletters?|privacy"
    r"|terms of (?:use|service)|cookies?|copyright|all rights reserved|contact us|about us"
    r"|advertise|facebook|twitter|instagram|linkedin|youtube|whatsapp|pinterest|share"
    r"|follow us|rss|skip to|impressum|datenschutz|kontakt|accueil|mentions légales"
    r"|inicio|contacto|privacidade)\b|©",
    re.IGNORECASE,
)


def _frequent_short_words(paragraphs: list[str]) -> frozenset[str]:
    """The text's own function words, for languages the list does not know: the most
    frequent short words that many of its paragraphs use."""
    if len(paragraphs) < _PAGE_LINES:
        return frozenset()
    seen: Counter[str] = Counter()
    for paragraph in paragraphs:
        seen.update({word for word in paragraph[:600].lower().split() if len(word) <= 4})
    common = [word for word, count in seen.most_common(_OWN_STOP_WORDS) if count >= 3]
    return frozenset(word for word in common if word.isalpha())


_OWN_STOP_WORDS = 20


def _damp_isolated(scores: list[float]) -> None:
    """Lower the score of prose lines that stand alone between short lines: teasers under
    link titles and comments under user names, where an article's paragraphs follow each
    other."""
    good = [score > 0 for score in scores]
    last = len(scores) - 1
    for index, score in enumerate(scores):
        alone = (index == 0 or not good[index - 1]) and (index == last or not good[index + 1])
        if good[index] and alone:
            scores[index] = score * _ALONE


_ALONE = 0.3


def _best_run(scores: list[float]) -> tuple[int, int]:
    """The slice with the highest total score (Kadane's algorithm) that does not cross a
    wall of ``_WALL`` non-prose lines; all of it when nothing scores."""
    best, best_start, best_end = 0.0, 0, len(scores)
    total, start, streak = 0.0, 0, 0
    for index, score in enumerate(scores):
        streak = streak + 1 if score <= 0 else 0
        if total <= 0 or streak >= _WALL:
            total, start = 0.0, index
        total += score
        if total > best:
            best, best_start, best_end = total, start, index + 1
    return best_start, best_end


# An article's own interruptions (a caption, an advertisement, a box of related links) are
# a few lines; this many lines in a row without prose are the end of it.
_WALL = 15


def _headline(paragraphs: list[str], start: int) -> tuple[int | None, bool]:
    """The line before the run that the page title (the first line) repeats, else the
    nearest headline-like line just before the run; and whether the title was repeated."""
    if start == 0:
        return None, False
    page_title = _key(paragraphs[0])
    for index in range(start - 1, 0, -1):
        if _repeats(_key(paragraphs[index]), page_title):
            return index, True
    return _headline_before(paragraphs, start), False


def _headline_before(paragraphs: list[str], start: int) -> int | None:
    for index in range(start - 1, max(-1, start - 6), -1):
        line = paragraphs[index]
        if dates.parse_date(line) or cleaning.parse_byline(line):
            continue
        if 3 <= len(line.split()) <= 25 and not line.rstrip().endswith("."):
            return index
        break
    return 0 if start <= 2 else None


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))
