"""Articles from files: decoding, the corpus walk, reading every format, finding the
headline and cleaning the body."""

from reader.articles.assemble import ArticleError
from reader.articles.entries import Entry, Position, Skipped
from reader.articles.files import (
    article_from_bytes,
    article_id,
    load_article,
    load_entry,
    read_article_bytes,
    read_articles,
)
from reader.articles.read import parse_article
from reader.articles.walk import ARTICLE_SUFFIXES, corpus_files

__all__ = [
    "ARTICLE_SUFFIXES",
    "ArticleError",
    "Entry",
    "Position",
    "Skipped",
    "article_from_bytes",
    "article_id",
    "corpus_files",
    "load_article",
    "load_entry",
    "parse_article",
    "read_article_bytes",
    "read_articles",
]
