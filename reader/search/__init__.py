"""Searching: reading a query, ranked hits with snippets, "did you mean" suggestions."""

from reader.search.queries import QueryError, parse_query
from reader.search.searching import SEARCH_SECONDS, matching_ids, search

__all__ = ["SEARCH_SECONDS", "QueryError", "matching_ids", "parse_query", "search"]
