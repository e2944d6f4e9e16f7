"""Whole posting lists of a Whoosh segment, read a block at a time without a matcher's
per-posting calls: document numbers, weights, position lists, and the field length bytes."""

from __future__ import annotations

from itertools import accumulate
from pickle import loads
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import TermNotFound

__all__ = ["decode_positions", "field_lengths", "read_postings"]

_STOP = ord(".")


def field_lengths(reader: Any, fieldname: str, doccount: int) -> bytes:
    """The field's length byte of every document (one byte each in a column)."""
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    known: bytes = column._dbfile.get(column._basepos, column._count) if column else b""
    return known + bytes(doccount + 1 - len(known))


def read_postings(
    reader: Any, fieldname: str, btext: bytes, values: bool, deleted: frozenset[int]
) -> tuple[list[int], list[float], list[Any]]:
    """A term's document numbers, weights and (optionally) values, ``deleted`` left out."""
    field = reader.schema[fieldname]
    try:  # (a lookup, then a second one for the matcher, if asked whether it exists)
        matcher = reader._terms.matcher(fieldname, btext, field.format)
    except TermNotFound:
        return [], [], []
    ids: list[int] = []
    weights: list[float] = []
    found: list[Any] = []
    if type(matcher) is W3LeafMatcher:
        _read_blocks(matcher, ids, weights, found if values else None)
    else:  # postings inlined in the term's entry
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if values:
                found.append(matcher.value())
            matcher.next()
    if deleted:
        keep = [index for index, doc in enumerate(ids) if doc not in deleted]
        ids = [ids[index] for index in keep]
        weights = [weights[index] for index in keep]
        found = [found[index] for index in keep] if values else found
    return ids, weights, found


def decode_positions(values: list[bytes]) -> list[list[int]]:
    """Position deltas of many postings unpickled in one call.

    A whoosh.formats.Positions value is a 4-byte count and ``pickle.dumps(deltas, 2)``:
    without its header and STOP each pickle builds one list; a MARK before them and a LIST
    after make one list of them all.
    """
    bodies = [value[6:-1] if value[-1] == _STOP else value[6:] for value in values]
    try:
        decoded: list[list[int]] = loads(b"".join((b"\x80\x02(", *bodies, b"l.")))
    except Exception:  # not the pickles Positions.encode writes: one at a time
        decoded = []
    if len(decoded) != len(values):
        decoded = [
            loads(value[4:] if value.endswith(b".") else value[4:] + b".") for value in values
        ]
    return decoded


def _read_blocks(
    matcher: Any, ids: list[int], weights: list[float], values: list[Any] | None
) -> None:
    """Every block of a posting list, decoded the way W3LeafMatcher reads one."""
    while matcher.is_active():
        matcher._read_data()
        data = matcher._data
        count = matcher._blocklength
        ids.extend(data[0] if matcher._byteids else accumulate(data[0]))
        weight = data[1]
        if weight is None:
            weights.extend([1.0] * count)
        elif isinstance(weight, float):
            weights.extend([weight] * count)
        else:
            weights.extend(weight)
        if values is not None:
            matcher._values = None
            matcher._read_values()
            values.extend(matcher._values)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)
