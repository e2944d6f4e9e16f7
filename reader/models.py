"""The plain frozen records the core hands to the front ends (CLI and TUI): articles, their
blocks and quotations, list entries, search results, stories and update reports.

The list's entry and its helpers are defined in ``reader.summaries`` (what the first screen
loads) and re-exported here."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from reader.summaries import (
    SORT_KEYS,
    ArticleSummary,
    SortKey,
    plural,
    readable_date,
    story_summary,
)

__all__ = [
    "SORT_KEYS",
    "Article",
    "ArticleSummary",
    "Block",
    "BlockKind",
    "Quote",
    "QuoteKind",
    "SearchHit",
    "SearchResult",
    "SortKey",
    "Speaker",
    "Story",
    "StoryMember",
    "UpdateReport",
    "plural",
    "readable_date",
    "speaker_label",
    "story_summary",
    "via_note",
]

BlockKind = Literal["heading", "text", "caption", "quote", "table"]
"""``quote`` is a block quotation; ``table`` is preformatted text (columns, figures) whose
lines and spaces are kept as they are."""


QuoteKind = Literal["speech", "term"]


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the readable body: a paragraph, a sub-heading or a caption."""

    kind: BlockKind
    text: str
    start: int
    """Offset of the block's first character in ``Article.body``."""

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article. ``body`` is the readable text: the blocks joined by blank lines."""

    id: str
    path: Path
    title: str
    source: str | None
    date: str | None
    byline: str | None
    author: str | None
    blocks: tuple[Block, ...]
    body: str = field(repr=False)
    """The readable text: the blocks joined by blank lines. Quote and hit offsets index it."""
    raw: str = field(repr=False)
    """The original entry's visible text, boilerplate included, sanitised for display: the
    whole file for plain text, the page's visible text for HTML, the record for JSON Lines."""
    encoding: str = "utf-8"
    url: str | None = None
    """The article's address: a page's canonical URL, a feed entry's link, a record's URL."""
    format: str = "txt"
    """What it was read from: ``txt``, ``md``, ``html``, ``rss``, ``atom``, ``jsonl``, ``csv``
    or ``warc``."""
    language: str | None = None
    """The language the page or entry declares (``en``, ``de-DE``), when it declares one."""
    entry: str = ""
    """The entry's key in a file holding many articles (feed, JSON Lines, CSV, WARC): the
    article's id is ``<file id>/<entry>``. Empty for a file that is one article."""
    place: str | None = None
    """Where the story was filed, from a wire dateline ("WASHINGTON, Feb 26 -")."""


@dataclass(frozen=True, slots=True)
class Quote:
    """One quotation: `body[start:end] == text`, marks excluded."""

    text: str
    start: int
    end: int
    paragraph: int
    kind: QuoteKind
    speaker: str | None
    group: str | None = None
    speaker_kind: str = ""
    """"person", "organisation" or "anonymous" ("" when the speaker is unknown or unclassified)."""
    speaker_roles: tuple[str, ...] = ()
    """Role and party words the article gives the speaker ("Russian president", "Labour MP")."""
    inner_speaker: str | None = None
    """Whose words they are when the article has them through another source, the
    `speaker`: “...,” Sanders said, according to CNN is credited to CNN, said by Sanders."""

    @property
    def said_by(self) -> tuple[str, ...]:
        """Everyone the quote counts for: the speaker credited and, for words passed on, the
        one who said them (CNN and Bernie Sanders); each once, none when no one is known.
        Counts, searches, facets and exports of a speaker go through this."""
        if not self.speaker:
            return ()
        if self.inner_speaker and self.inner_speaker != self.speaker:
            return (self.speaker, self.inner_speaker)
        return (self.speaker,)

    @property
    def speaker_label(self) -> str | None:
        """The speaker as readers see it: "Bernie Sanders (via CNN)" for words passed on."""
        return speaker_label(*self.said_by) if self.said_by else None


def speaker_label(speaker: str, inner_speaker: str | None = None) -> str:
    """The one way a speaker is written for readers (the reading pane, the quote panel, the
    CLI, a Markdown export's citation): "Bernie Sanders (via CNN)" for words passed on."""
    return f"{inner_speaker} (via {speaker})" if inner_speaker else speaker


def via_note(via: int) -> str:
    """How many of a speaker's quotes came through another source, after their number:
    " (2 via another source)", or "" when none did."""
    return f" ({via:,} via another source)" if via else ""


@dataclass(frozen=True, slots=True)
class Speaker:
    """Someone quoted in the archive (or in some of its articles), with how much."""

    name: str
    """The display name: the most common full form of the person or organisation."""
    kind: str
    """"person", "organisation", "anonymous" or "" (unclassified)."""
    aliases: tuple[str, ...]
    """Other names the articles give this speaker ("Putin", "Vladimir Poutine")."""
    roles: tuple[str, ...]
    """The most common role words the articles give the speaker, most common first."""
    quotes: int
    articles: int
    outlets: int
    via: int = 0
    """Of the ``quotes``, those the articles have through another source (“...,” Sanders
    said, according to CNN counts for Sanders, one via, and for CNN)."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One ranked article with a snippet; ``snippet_spans`` mark matched terms in it."""

    id: str
    title: str
    source: str | None
    date: str | None
    score: float
    snippet: str
    snippet_spans: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class SearchResult:
    """The answer to one query."""

    query: str
    total: int
    hits: tuple[SearchHit, ...]
    suggestion: str | None
    terms: frozenset[str]
    """Indexed forms (lowercase, accent-folded, stemmed) of the matched words, for highlighting
    (a word the query has only inside a phrase is not one: the phrase is)."""
    took_ms: float
    phrases: frozenset[tuple[str, ...]] = frozenset()
    """The query's phrases, as the indexed forms of their words (stop words left out)."""
    speakers: frozenset[tuple[str, ...]] = frozenset()
    """The ``speaker:`` names the query asks for, as their indexed words: the snippets of
    their hits are their quotations."""


@dataclass(frozen=True, slots=True)
class StoryMember:
    """One article of a story; ``copy_of`` names the original when it is a copy of one."""

    id: str
    title: str
    source: str | None
    date: str | None
    copy_of: str | None = None


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same event, the lead (earliest) article first."""

    id: str
    title: str
    articles: tuple[StoryMember, ...]

    @classmethod
    def of(cls, story_id: str, title: str, members: Iterable[StoryMember]) -> Story:
        """A story with its members in reading order: the lead first, then by date and id."""
        ordered = sorted(members, key=lambda m: (m.id != story_id, m.date or "~", m.id))
        return cls(story_id, title, tuple(ordered))

    @property
    def copies(self) -> int:
        """How many members are syndicated or near-duplicate copies of another member."""
        return sum(1 for member in self.articles if member.copy_of is not None)

    @property
    def outlets(self) -> int:
        """How many known outlets report it (members without an outlet are not counted: a
        folder of one site's undated, unsigned files is not many outlets)."""
        return len({member.source for member in self.articles if member.source})

    @property
    def summary(self) -> str:
        """``5 outlets · 2 copies``: see ``story_summary``."""
        return story_summary(len(self.articles), self.outlets, self.copies)

    def member(self, article_id: str) -> StoryMember | None:
        """This article's entry, None when it is not in the story."""
        return next((member for member in self.articles if member.id == article_id), None)

    def to_dict(self) -> dict[str, object]:
        """The JSON form of ``reader stories --json`` and ``reader show --json``."""
        return {
            "id": self.id,
            "title": self.title,
            "summary": self.summary,
            "articles": [
                {
                    "id": member.id,
                    "title": member.title,
                    "source": member.source,
                    "date": member.date,
                    "copy_of": member.copy_of,
                }
                for member in self.articles
            ],
        }


@dataclass(frozen=True, slots=True)
class UpdateReport:
    """What one index update did."""

    added: int
    changed: int
    deleted: int
    unchanged: int
    skipped: tuple[tuple[str, str], ...]
    """``(path, reason)`` of files skipped in this update (new or changed since last time)."""
    rebuilt: bool = False
    notice: str | None = None
    """A one-line warning about the index itself: rebuilt after damage, or not writable."""

    @property
    def changes(self) -> int:
        return self.added + self.changed + self.deleted
