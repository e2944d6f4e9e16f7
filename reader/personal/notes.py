"""Notes on articles and on their quotations, and finding the words of notes."""

from __future__ import annotations

import hashlib
import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence

from reader.personal.records import QuoteNote, from_ns
from reader.personal.store import PersonalError, now_ns
from reader.sqlite import select_in

__all__ = [
    "MAX_NOTE_CHARS",
    "clean_note",
    "match_quote_notes",
    "note_texts",
    "noted_ids",
    "notes_matching",
    "quote_hash",
    "quote_keys",
    "quote_notes",
    "set_note",
    "set_quote_note",
]

MAX_NOTE_CHARS = 100_000
_WORD = re.compile(r"\w+")


def clean_note(text: str | None) -> str | None:
    """A note as stored: controls and escape sequences removed (a note is shown in the
    terminal and exported), outer blank space trimmed; None for an empty note."""
    from reader.articles.text import sanitize  # not on the first paint's path

    if text is None:
        return None
    cleaned = sanitize(unicodedata.normalize("NFC", text)).strip()
    if len(cleaned) > MAX_NOTE_CHARS:
        raise PersonalError(f"note too long ({len(cleaned):,} characters; at most 100,000)")
    return cleaned or None


def set_note(connection: sqlite3.Connection, key: int, note: str | None) -> None:
    connection.execute(
        "UPDATE articles SET note = ?, note_ns = ? WHERE key = ?",
        (note, now_ns() if note is not None else None, key),
    )


def quote_hash(text: str) -> str:
    """The key of a quotation's text: spacing, case and Unicode forms folded, so cleaning
    that re-spaces or re-cases a quotation keeps its notes."""
    folded = " ".join(unicodedata.normalize("NFKC", text).casefold().split())
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest()


def quote_keys(quote_texts: Iterable[str]) -> list[tuple[str, int]]:
    """``(quote_hash, occurrence)`` of each quotation of an article, in order: the same
    words quoted twice in one article are told apart by which time they occur."""
    seen: dict[str, int] = {}
    keys = []
    for text in quote_texts:
        digest = quote_hash(text)
        keys.append((digest, seen.get(digest, 0)))
        seen[digest] = seen.get(digest, 0) + 1
    return keys


def set_quote_note(
    connection: sqlite3.Connection, key: int, quote: str, occurrence: int, note: str | None
) -> None:
    """Write (or, with None, delete) the note on one quotation of the record ``key``."""
    from reader.articles.text import sanitize

    digest = quote_hash(quote)
    if note is None:
        connection.execute(
            "DELETE FROM quote_notes WHERE key = ? AND quote_hash = ? AND occurrence = ?",
            (key, digest, occurrence),
        )
        return
    connection.execute(
        "INSERT OR REPLACE INTO quote_notes VALUES (?, ?, ?, ?, ?, ?)",
        (key, digest, occurrence, sanitize(quote), note, now_ns()),
    )


def quote_notes(connection: sqlite3.Connection, keys: Iterable[int]) -> dict[int, list[QuoteNote]]:
    """The quotation notes of these records, in the order they were first written."""
    found: dict[int, list[QuoteNote]] = {}
    rows = select_in(
        connection,
        "SELECT key, quote, quote_hash, occurrence, note, updated_ns FROM quote_notes WHERE key IN",
        keys,
        " ORDER BY rowid",
    )
    for key, quote, digest, occurrence, note, updated in rows:
        found.setdefault(key, []).append(
            QuoteNote(quote, digest, occurrence, note, from_ns(updated))
        )
    return found


def match_quote_notes(
    notes: Sequence[QuoteNote], quote_texts: Sequence[str]
) -> dict[int, QuoteNote]:
    """``{index of a quotation: its note}``. A note whose quotation's text is not found
    again exactly (the quotation was found with other bounds) goes to the first quotation
    without a note whose text contains it or is contained in it."""
    keys = quote_keys(quote_texts)
    position = {key: index for index, key in enumerate(keys)}
    matched: dict[int, QuoteNote] = {}
    unplaced = []
    for note in notes:
        index = position.get((note.quote_hash, note.occurrence))
        if index is None or index in matched:
            unplaced.append(note)
        else:
            matched[index] = note
    folded = [_plain(text) for text in quote_texts]
    for note in unplaced:
        wanted = _plain(note.quote)
        for index, text in enumerate(folded):
            if index not in matched and wanted and (wanted in text or text in wanted):
                matched[index] = note
                break
    return matched


def _plain(text: str) -> str:
    from reader.articles.text import fold_accents

    return " ".join(fold_accents(unicodedata.normalize("NFKC", text)).casefold().split())


def noted_ids(connection: sqlite3.Connection, corpus_id: int) -> set[str]:
    """Ids of the corpus's articles with a note, on the article or on one of its quotations."""
    rows = connection.execute(
        "SELECT article_id FROM articles WHERE corpus = ? AND (note IS NOT NULL"
        " OR key IN (SELECT key FROM quote_notes))",
        (corpus_id,),
    )
    return {article_id for (article_id,) in rows}


def note_texts(connection: sqlite3.Connection, corpus_id: int) -> Iterator[tuple[str, str]]:
    """``(article id, text)`` of every note in the corpus, quotation notes included."""
    yield from connection.execute(
        "SELECT article_id, note FROM articles WHERE corpus = ? AND note IS NOT NULL"
        " UNION ALL SELECT articles.article_id, quote_notes.note FROM quote_notes"
        " JOIN articles USING (key) WHERE articles.corpus = ?",
        (corpus_id, corpus_id),
    )


def notes_matching(
    texts: Iterable[tuple[str, str]], words: str, form: Callable[[str], str] | None = None
) -> set[str]:
    """Ids whose notes have all of these ``words``, compared by ``form`` (the search index's
    spelling, so ``note:sanction`` finds "Sanctions" as the body search would) or else by
    case and accents; a word ending in ``*`` matches every word it starts."""
    normal = form or _plain
    wanted = [word for word in words.split() if _WORD.search(word)]
    if not wanted:
        return set()
    found = set()
    for article_id, text in texts:
        spelled = {normal(word) for word in _WORD.findall(text)}
        if all(_has_word(spelled, word, normal) for word in wanted):
            found.add(article_id)
    return found


def _has_word(spelled: set[str], word: str, normal: Callable[[str], str]) -> bool:
    if word.endswith("*"):
        start = _plain(word.rstrip("*"))
        return any(_plain(candidate).startswith(start) for candidate in spelled)
    return any(normal(part) in spelled for part in _WORD.findall(word))
