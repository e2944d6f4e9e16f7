"""Whole posting lists of a Whoosh segment, read a block at a time without a matcher's
per-posting calls: document numbers, weights, position lists, and the field length bytes."""

from __future__ import annotations

import io
import zlib
from dataclasses import dataclass, field
from itertools import accumulate
from pickle import load, loads
from typing import Any

from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, _lenfield
from whoosh.reading import CorruptIndexError, TermNotFound
from whoosh.system import _INT_SIZE, unpack_int
from whoosh.util.numeric import byte_to_length

__all__ = ["Postings", "decode_positions", "field_lengths", "read_postings"]

_STOP = ord(".")
_VALUES_START = b"(c_codecs\nencode\n"


def field_lengths(reader: Any, fieldname: str, doccount: int) -> bytes:
    """The field's length byte of every document (one byte each in a column)."""
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    known: bytes = column._dbfile.get(column._basepos, column._count) if column else b""
    return known + bytes(doccount + 1 - len(known))


@dataclass(slots=True)
class Postings:
    """A term's postings in one segment, deleted documents left out: document numbers,
    weights and, when read with them, values (positions)."""

    ids: list[int]
    weights: list[float]
    found: list[Any] = field(default_factory=list)

    def only(self, docs: set[int]) -> Postings:
        """The postings of ``docs`` only."""
        kept = [index for index, doc in enumerate(self.ids) if doc in docs]
        ids, weights, found = self.ids, self.weights, self.found
        return Postings(
            [ids[index] for index in kept],
            [weights[index] for index in kept],
            [found[index] for index in kept] if found else [],
        )


def read_postings(
    reader: Any, fieldname: str, btext: bytes, deleted: frozenset[int], values: bool = False
) -> Postings:
    """A term's postings in a segment reader, ``deleted`` left out; with ``values`` too."""
    terms = reader._terms
    try:
        terminfo = terms.term_info(fieldname, btext)
    except TermNotFound:
        return Postings([], [])
    if terminfo.is_inlined():  # a few postings, kept in the term's entry
        ids, weights, found = terminfo.inlined_postings()
        postings = Postings(list(ids), list(weights) if weights else [1.0] * len(ids))
        if values:  # (ListMatcher's value() and weight() for the same entries)
            postings.found = list(found) if found else [None] * len(ids)
    else:  # as W3Codec.postings_reader opens them
        offset, length = terminfo.extent()
        fieldformat = reader.schema[fieldname].format
        term = (fieldname, btext)
        matcher = _LeafMatcher(terms._postfile, offset, length, fieldformat, term=term)
        postings = Postings([], [])
        _read_blocks(matcher, postings, values)
    if deleted:
        keep = [index for index, doc in enumerate(postings.ids) if doc not in deleted]
        postings.ids = [postings.ids[index] for index in keep]
        postings.weights = [postings.weights[index] for index in keep]
        if values:
            postings.found = [postings.found[index] for index in keep]
    return postings


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
        try:
            decoded = [
                loads(value[4:] if value.endswith(b".") else value[4:] + b".") for value in values
            ]
        except Exception as error:  # bytes that are no position list: a damaged segment
            raise CorruptIndexError(f"unreadable positions: {error}") from error
    return decoded


def _read_blocks(matcher: Any, postings: Postings, values: bool) -> None:
    """Every block's ids and weights (and values), decoded the way W3LeafMatcher reads them."""
    ids, weights = postings.ids, postings.weights
    while matcher.is_active():
        count = matcher._blocklength
        data = None if values else _ids_and_weights(matcher, count)
        if data is None:
            matcher._read_data()
            data = matcher._data
        ids.extend(data[0] if matcher._byteids else accumulate(data[0]))
        weight = data[1]
        if weight is None:
            weights.extend([1.0] * count)
        elif isinstance(weight, float):
            weights.extend([weight] * count)
        else:
            weights.extend(weight)
        if values:
            matcher._values = None
            matcher._read_values()
            postings.found.extend(matcher._values)
        if matcher._lastblock:
            break
        matcher._goto(matcher._nextoffset)


class _LeafMatcher(W3LeafMatcher):  # type: ignore[misc]
    """A W3LeafMatcher whose block headers (a length, then a pickled tuple) are unpickled
    from a bytes copy. Whoosh unpickles them from the segment's file object, and with
    reader.engine.segment_files' reader each opcode is a Python ``read`` call (282 blocks of
    body:said at 100k: 2.3 -> 0.5 ms). Anything unexpected goes to Whoosh's own reading,
    which reports a damaged block its way."""

    def _goto(self, position: int) -> None:
        try:
            postfile = self._postfile
            length = unpack_int(postfile.get(position, _INT_SIZE))[0]
            head = io.BytesIO(postfile.get(position + _INT_SIZE, min(abs(length), 256)))
            blocklength, maxid, maxweight, compression, minlength, maxlength = load(head)
        except Exception:
            super()._goto(position)
            return
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        if length < 0:
            self._lastblock = True
        self._nextoffset = position + _INT_SIZE + abs(length)
        self._dataoffset = position + _INT_SIZE + head.tell()
        self._blocklength, self._maxid, self._maxweight = blocklength, maxid, maxweight
        self._compression = compression
        self._minlength = byte_to_length(minlength)
        self._maxlength = byte_to_length(maxlength)


def _ids_and_weights(matcher: Any, count: int) -> tuple[Any, Any] | None:
    """A block's ids and weights without unpickling its values, or None if it cannot tell.

    A block is ``pickle.dumps((ids, weights, values), 2)``: protocol 2 writes each value
    (bytes) as a call to ``_codecs.encode``, most of the unpickling time. The values tuple
    starts with a MARK and that call's GLOBAL (opcodes the ids and weights before it, small
    ints and 9-byte floats, cannot spell); unpickling up to there and adding TUPLE2 and STOP
    gives ``(ids, weights)``. Anything unexpected leaves the block to Whoosh's own reading
    (which also reports a damaged block the way the rest of Whoosh does).
    """
    raw = matcher._postfile.get(matcher._dataoffset, matcher._nextoffset - matcher._dataoffset)
    try:
        if matcher._compression:
            # only as much of the block as ids (at most 5 bytes each) and weights (9) take
            raw = zlib.decompressobj().decompress(raw, count * 14 + 64)
        cut = raw.find(_VALUES_START)
        if cut <= 0:
            return None
        data = loads(raw[:cut] + b"\x86.")
    except Exception:
        return None
    if type(data) is not tuple or type(data[0]) is not tuple or len(data[0]) != count:
        return None
    return data
