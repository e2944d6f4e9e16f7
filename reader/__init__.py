"""reader: a terminal reader for news articles, with full-text search and quotations."""

__version__ = "0.1.0"
