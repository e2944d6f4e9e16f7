"""A corpus and its index: the Library facade, updates, the index folder and the catalog."""

from reader.index.errors import ArticleNotFound, LibraryError, ProgressCallback
from reader.index.library import Library

__all__ = ["ArticleNotFound", "Library", "LibraryError", "ProgressCallback"]
