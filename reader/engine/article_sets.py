"""A query for a set of articles named from outside the index (the user's tags, stars, read
state), matched with a constant score, and the article ids' document numbers in a segment."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from whoosh import matching, query
from whoosh.reading import TermNotFound

__all__ = ["ArticleSet", "docnums"]

_CACHE = "_reader_article_docnums"
# Looking one id up costs about four times what reading one entry of the segment's whole id
# list does (measured on Reuters): from this share of a segment's documents on, the list is
# read once and kept with the segment reader.
_WHOLE_LIST_SHARE = 0.02


class ArticleSet(query.Query):  # type: ignore[misc]
    """The articles with these ids, or with ``complement`` every other article.

    Every match scores ``boost`` (as ``Every`` does), so in ``tag:x AND words`` the words
    alone order the hits. ``label`` is what the user typed (``is:unread``), for ``repr``.
    """

    def __init__(
        self, ids: Collection[str], complement: bool = False, label: str = "", boost: float = 1.0
    ) -> None:
        self.ids = frozenset(ids)
        self.complement = complement
        self.label = label
        self.boost = boost

    def __repr__(self) -> str:
        shown = self.label or f"{len(self.ids)} ids"
        return f"{type(self).__name__}({shown!r}, complement={self.complement})"

    def __str__(self) -> str:
        return self.label or repr(self)

    def __eq__(self, other: object) -> bool:
        return (
            type(other) is type(self)
            and isinstance(other, ArticleSet)
            and (self.ids, self.complement, self.boost)
            == (other.ids, other.complement, other.boost)
        )

    def __hash__(self) -> int:
        return hash((self.ids, self.complement, self.boost))

    def estimate_size(self, ixreader: Any) -> int:
        return int(ixreader.doc_count()) if self.complement else len(self.ids)

    def segment_docnums(self, reader: Any) -> list[int]:
        """The matching live documents of one segment's reader, in order."""
        found = docnums(reader, self.ids)
        if not self.complement:
            return sorted(found)
        excluded = set(found)
        return [doc for doc in reader.all_doc_ids() if doc not in excluded]

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        found = self.segment_docnums(searcher.reader())
        if not found:
            return matching.NullMatcher()
        return matching.ListMatcher(found, all_weights=self.boost)


def docnums(reader: Any, article_ids: Collection[str]) -> list[int]:
    """Document numbers of these articles in one segment (deleted documents left out; ids
    not in the segment skipped)."""
    whole = reader.__dict__.get(_CACHE)
    if whole is None and len(article_ids) > _WHOLE_LIST_SHARE * reader.doc_count_all():
        whole = reader.__dict__[_CACHE] = _all_docnums(reader)
    if whole is not None:
        return [whole[article_id] for article_id in article_ids if article_id in whole]
    found: list[int] = []
    for article_id in article_ids:
        found.extend(_postings(reader, article_id))
    return found


def _postings(reader: Any, article_id: str) -> list[int]:
    try:
        return list(reader.postings("id", article_id).all_ids())  # deletions filtered out
    except TermNotFound:
        return []


def _all_docnums(reader: Any) -> dict[str, int]:
    """``{id: docnum}`` of every live document of the segment, from its list of ids: an id
    is unique, so its term info names its one document (an id also held by a deleted
    document has its postings read)."""
    deleted = reader.deleted_docs_set if reader.has_deletions() else frozenset()
    found: dict[str, int] = {}
    for text, info in reader.iter_field("id"):
        article_id = text.decode("utf-8") if isinstance(text, bytes) else str(text)
        if info.doc_frequency() == 1 and info.min_id() not in deleted:
            found[article_id] = info.min_id()
        elif info.doc_frequency() > 1:
            live = _postings(reader, article_id)
            if live:
                found[article_id] = live[0]
    return found
