"""Messages between the reader's workers, widgets and screens: one class per event or intent."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from textual.message import Message

if TYPE_CHECKING:
    from reader.compare import Comparison
    from reader.models import Article, Quote, SearchResult, Story
    from reader.search.results import ResultSet
    from reader.stories.align import SentenceAlignment

__all__ = [
    "ArticleFailed",
    "ArticleLoaded",
    "ArticleSelected",
    "CompareLoaded",
    "CompareRequested",
    "ExamplesFound",
    "IndexChecked",
    "IndexFailed",
    "IndexProgress",
    "IndexReady",
    "IndexWaiting",
    "ListShown",
    "QuoteActivated",
    "ResultsExpanded",
    "SearchCleared",
    "SearchCompleted",
    "SearchFailed",
    "SentencesAligned",
]


class IndexProgress(Message):
    """The index worker has prepared ``done`` of ``total`` changed files."""

    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexWaiting(Message):
    """The index worker waits for another process's update of the same index."""


class IndexReady(Message):
    """The index holds ``count`` articles, which the list reads by pages; ``building`` while
    the corpus is still being checked (and, if it changed, updated) behind it."""

    def __init__(self, count: int, building: bool, notice: str | None = None) -> None:
        super().__init__()
        self.count = count
        self.building = building
        self.notice = notice
        """A one-line warning from the update (index rebuilt, files skipped, read-only...)."""


class ListShown(Message):
    """The list has painted what the index holds, for the first time: start-up is over."""


class IndexChecked(Message):
    """The corpus was checked and nothing changed since the list was shown."""


class ExamplesFound(Message):
    """Example queries that find something in this corpus, for the search box's hint."""

    def __init__(self, examples: tuple[str, ...]) -> None:
        super().__init__()
        self.examples = examples


class IndexFailed(Message):
    """Opening or updating the index failed; ``reason`` is one line for the user."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class SearchCompleted(Message):
    """A search worker finished; ``submitted`` when the user pressed Enter for it."""

    def __init__(self, result: SearchResult, submitted: bool = False) -> None:
        super().__init__()
        self.result = result
        self.submitted = submitted


class ResultsExpanded(Message):
    """Every match of a search has been read (its first page came with SearchCompleted)."""

    def __init__(self, results: ResultSet) -> None:
        super().__init__()
        self.results = results


class SearchCleared(Message):
    """The search box was emptied: back to the full article list."""


class SearchFailed(Message):
    """The query could not be run (malformed, usually); ``reason`` is shown inline;
    ``submitted`` when the user pressed Enter for it (else it was typed, maybe half-way)."""

    def __init__(self, query: str, reason: str, submitted: bool = False) -> None:
        super().__init__()
        self.query = query
        self.reason = reason
        self.submitted = submitted


class ArticleSelected(Message):
    """The user chose an article to read (from the list, a hit or the command palette)."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id


class LoadedArticle(NamedTuple):
    """An article with its quotes and its story, as loaded by a worker (a named tuple: it is
    created on the first paint's path, where a frozen dataclass costs ~0.5 ms)."""

    article: Article
    quotes: tuple[Quote, ...]
    story: Story | None = None
    """The articles of other outlets that report the same event (None: no other does)."""


class ArticleLoaded(Message):
    """An article worker finished; ``focus_offset`` is a body offset to scroll to, if any."""

    def __init__(self, loaded: LoadedArticle, focus_offset: int | None = None) -> None:
        super().__init__()
        self.loaded = loaded
        self.focus_offset = focus_offset


class ArticleFailed(Message):
    """An article could not be loaded; ``reason`` is one line for the user."""

    def __init__(self, article_id: str, reason: str) -> None:
        super().__init__()
        self.article_id = article_id
        self.reason = reason


class QuoteActivated(Message):
    """The user picked the quote at ``index`` (of the open article's quotes) to read."""

    def __init__(self, index: int) -> None:
        super().__init__()
        self.index = index


class CompareRequested(Message):
    """The user asked to read two articles side by side."""

    def __init__(self, left_id: str, right_id: str) -> None:
        super().__init__()
        self.left_id = left_id
        self.right_id = right_id


class SentencesAligned(Message):
    """The sentence alignment of the two articles on the compare screen is ready."""

    def __init__(self, left_id: str, right_id: str, alignment: SentenceAlignment) -> None:
        super().__init__()
        self.left_id = left_id
        self.right_id = right_id
        self.alignment = alignment


class CompareLoaded(Message):
    """Both articles of a comparison are loaded and aligned."""

    def __init__(self, left: LoadedArticle, right: LoadedArticle, comparison: Comparison) -> None:
        super().__init__()
        self.left = left
        self.right = right
        self.comparison = comparison
