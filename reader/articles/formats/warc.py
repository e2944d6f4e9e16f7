"""Web archives (WARC, plain or gzipped per record): every HTML page captured is an article,
with its address and capture date."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, BinaryIO

from reader.articles.entries import Entry, Progress, Skipped, entry_key
from reader.articles.formats.html import decode_html
from reader.articles.text import BinaryFileError, escape_controls

__all__ = ["warc_entries"]

_PAGE_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)


def warc_entries(stream: BinaryIO, progress: Progress, max_bytes: int) -> Iterator[Entry | Skipped]:
    """The pages of a WARC stream from ``progress`` (offset of a record, records so far),
    which moves past each whole record read. Records that are not captures (requests,
    metadata) are passed over; captures that are not pages are skipped with the reason."""
    from warcio.archiveiterator import ArchiveIterator  # loaded by the first archive only

    size = stream.seek(0, 2)
    stream.seek(progress.offset)
    records = ArchiveIterator(stream, check_digests=False)
    try:
        for record in records:
            # (asking the iterator for the offset now would read past the content)
            where = f"record {progress.count + 1} (byte {progress.offset})"
            found = _record_entry(record, where, max_bytes)
            end = records.get_record_offset() + records.get_record_length()
            if record.raw_stream.limit > 0:  # a plain archive that ends inside this record
                yield Skipped(where, "truncated record (the archive ends inside it)")
                return
            if found is not None:
                yield found
            progress.offset, progress.count = end, progress.count + 1
    except Exception as error:  # warcio and zlib raise many kinds on a damaged archive
        yield Skipped(
            f"after record {progress.count} (byte {progress.offset})",
            f"damaged archive ({type(error).__name__}); the rest is not read",
        )
        return
    stream.seek(progress.offset)
    if stream.read(64).strip():  # a gzipped record cut short is dropped by warcio unseen
        yield Skipped(
            f"after record {progress.count} (byte {progress.offset})",
            f"truncated archive ({size - progress.offset} bytes at the end are not a whole record)",
        )


def _record_entry(record: Any, where: str, max_bytes: int) -> Entry | Skipped | None:
    kind = record.rec_type
    if kind not in ("response", "resource"):
        return None  # requests, metadata, warcinfo, revisits: not captures of a page
    uri = record.rec_headers.get_header("WARC-Target-URI") or ""
    where = f"{where} {escape_controls(uri)[:120]}".rstrip()
    http = record.http_headers if kind == "response" else None
    if http is not None:
        status = http.get_statuscode() or ""
        if status.startswith("3"):
            target = escape_controls(http.get_header("Location") or "")[:120]
            return Skipped(where, f"redirect ({status}) to {target or 'nowhere'}")
        if not status.startswith("2"):
            return Skipped(where, f"HTTP status {status or 'missing'}")
    content_type = (
        (http.get_header("Content-Type") if http is not None else None)
        or record.rec_headers.get_header("Content-Type")
        or ""
    )
    media = content_type.split(";")[0].strip().lower()
    if media not in _PAGE_TYPES:
        return Skipped(where, f"not a web page ({escape_controls(media) or 'no content type'})")
    payload = record.content_stream().read(max_bytes + 1)
    if len(payload) > max_bytes:
        return Skipped(where, f"too large (over {max_bytes / 1e6:.0f} MB)")
    return _page_entry(record, payload, content_type, uri, where)


def _page_entry(
    record: Any, payload: bytes, content_type: str, uri: str, where: str
) -> Entry | Skipped:
    declared = _CHARSET.search(content_type)
    try:
        html, encoding = decode_html(payload, http_charset=declared[1] if declared else None)
    except BinaryFileError as error:
        return Skipped(where, str(error))
    record_id = record.rec_headers.get_header("WARC-Record-ID") or uri
    captured = record.rec_headers.get_header("WARC-Date") or ""
    return Entry(
        key=entry_key(record_id.strip("<>").removeprefix("urn:uuid:")),
        format="warc",
        where=where,
        html=html,
        url=uri or None,
        date=captured[:10] or None,
        encoding=encoding,
    )
