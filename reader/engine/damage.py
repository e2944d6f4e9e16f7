"""Telling a damaged index from a bug after a search failed: what the search reads is read
again, through Whoosh's public reading API only, and damage is what that cannot read.

The fast paths never come into it (their failures fall back to Whoosh's collector, see
``reader.engine.ranking.fast_rank``), so a failure here was raised by Whoosh's own path or by
code around it. Reading damaged bytes can raise almost any exception, so neither the kind of
error nor where it was raised settles it; reading the same parts again, without the search
machinery, does: the table of contents, each segment's directory and files, and for the
query's words their term entries, every posting (document, weight, positions), the field
length and the stored fields of every matching article, and the words under each wildcard or
fuzzy term's first letter (plus the spelling words suggestions read). If that succeeds, the
files are readable and the failure was a bug: the caller reports it and leaves the index alone.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from whoosh import query

from reader.engine.files import IndexDamage, checked_documents, read_or_damage

__all__ = ["confirm_damage"]


def confirm_damage(open_ix: Callable[[], Any], parsed: query.Query | None) -> str | None:
    """Why the index cannot be read (one line), or None when everything the search of
    ``parsed`` reads can be read; ``open_ix`` returns the open index (a FileIndex).

    ``parsed`` is None when the search failed before its query was read.
    """
    try:
        ix = read_or_damage("the index's table of contents", open_ix)
        checked_documents(ix)
        open_reader = ix.reader
        with read_or_damage("the index's segments", open_reader) as reader:
            words, prefixes = _what_is_read(parsed, reader.schema) if parsed else ({}, {})
            for leaf, _ in reader.leaf_readers():
                read_or_damage("the index's words", _read_words, leaf, prefixes)
                read_or_damage("the index's postings", _read_postings, leaf, words)
    except IndexDamage as damage:
        return str(damage)
    return None


def _what_is_read(
    parsed: query.Query, schema: Any
) -> tuple[dict[str, set[Any]], dict[str, set[str]]]:
    """The query's words by field (wildcards and fuzzy terms expanded, where the search
    fixed their expansion), and the first letters whose words expansions and spelling
    suggestions read, by field."""
    words: dict[str, set[Any]] = {}
    prefixes: dict[str, set[str]] = {}
    for leaf in parsed.leaves():
        if isinstance(leaf, query.MultiTerm):
            fieldname = leaf.field()
            if "_btexts" in vars(leaf):  # fixed by reader.engine.expansion.fix_expansion
                words.setdefault(fieldname, set()).update(leaf._btexts(None))
            else:  # the search failed while expanding it: its words are what it read
                text = str(getattr(leaf, "text", ""))
                first = text[:1] if text[:1].isalnum() else ""
                prefixes.setdefault(fieldname, set()).add(first)
            continue
        for fieldname, text in leaf.iter_all_terms():
            words.setdefault(fieldname, set()).add(text)
            if fieldname in schema and schema[fieldname].spelling:
                spelling = schema[fieldname].spelling_fieldname(fieldname)
                initial = text[:1] if isinstance(text, str) else ""
                prefixes.setdefault(spelling, set()).add(initial)
    return words, prefixes


def _read_words(leaf: Any, prefixes: dict[str, set[str]]) -> None:
    """Every word (and its term entry) under each prefix of each field."""
    for fieldname, starts in prefixes.items():
        for start in sorted(starts):
            for _ in leaf.iter_prefix(fieldname, start):
                pass


def _read_postings(leaf: Any, words: dict[str, set[Any]]) -> None:
    """Every posting of the words, with the length and stored fields of each document."""
    for fieldname, texts in words.items():
        for text in texts:
            for docnum in _documents(leaf, fieldname, text):
                leaf.doc_field_length(docnum, fieldname)
                leaf.stored_fields(docnum)


def _documents(leaf: Any, fieldname: str, text: Any) -> Iterator[int]:
    """The documents of a word's postings, reading each posting's weight and positions."""
    if fieldname not in leaf.schema or (fieldname, text) not in leaf:
        return
    matcher = leaf.postings(fieldname, text)
    positions = matcher.supports("positions")
    while matcher.is_active():
        matcher.weight()
        if positions:
            matcher.value_as("positions")
        yield matcher.id()
        matcher.next()
