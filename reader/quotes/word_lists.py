"""How the quotes package writes its word lists: one string of space-separated words a set."""

from __future__ import annotations


def words(text: str) -> frozenset[str]:
    """A set of the space-separated words of `text`."""
    return frozenset(text.split())
