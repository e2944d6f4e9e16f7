"""The user's own data: read state, stars, tags, notes on articles and quotations, history,
saved searches. Kept in the platform's data folder, never in the cache or the corpus."""

from reader.personal.history import Trail
from reader.personal.reading import Reading
from reader.personal.records import ArticleState, QuoteNote, SavedSearch, TagCount, Visit
from reader.personal.store import PersonalError

__all__ = [
    "ArticleState",
    "PersonalError",
    "QuoteNote",
    "Reading",
    "SavedSearch",
    "TagCount",
    "Trail",
    "Visit",
]
