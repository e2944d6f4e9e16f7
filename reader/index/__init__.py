"""A corpus and its index: the Library facade, updates, the index folder and the catalog."""

from reader.index.library import ArticleNotFound, Library
from reader.index.updates import LibraryError, ProgressCallback

__all__ = ["ArticleNotFound", "Library", "LibraryError", "ProgressCallback"]
