"""Articles from files: decoding, the corpus walk, finding the headline and cleaning the body."""

from reader.articles.read import (
    ArticleError,
    article_from_bytes,
    article_id,
    load_article,
    parse_article,
    read_article_bytes,
)
from reader.articles.walk import ARTICLE_SUFFIXES, corpus_files

__all__ = [
    "ARTICLE_SUFFIXES",
    "ArticleError",
    "article_from_bytes",
    "article_id",
    "corpus_files",
    "load_article",
    "parse_article",
    "read_article_bytes",
]
