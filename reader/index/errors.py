"""What the index package raises to front ends, and the progress callback it calls."""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["ArticleNotFound", "LibraryError", "ProgressCallback"]

ProgressCallback = Callable[[int, int], None]
"""Told ``(done, total)`` articles while an update prepares files."""


class LibraryError(Exception):
    """A problem with the corpus or the index directory, explained in one line."""


class ArticleNotFound(LibraryError):
    """No article with that id in the index."""
