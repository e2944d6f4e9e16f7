"""Read state, stars and tags of stored articles (statements on the user's database)."""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable

from reader.personal import notes
from reader.personal.records import ArticleState, TagCount
from reader.personal.store import PersonalError, now_ns
from reader.sqlite import chunks, select_in

__all__ = [
    "MAX_TAG_CHARS",
    "add_tags",
    "clean_tag",
    "fold",
    "ids_with",
    "remove_tags",
    "set_flag",
    "states",
    "tag_counts",
    "tagged_ids",
]

MAX_TAG_CHARS = 64
# Tags are single words of the query language (`tag:NAME`): no spaces, quote marks,
# parentheses or colons, which the query reader would take for syntax.
_TAG_FORBIDDEN = re.compile(r"[\s\"'()\[\]{}:,\\\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e]")
_FLAGS = {"read": "read_ns", "starred": "starred_ns"}


def fold(text: str) -> str:
    """The form two spellings of a tag or a name are compared in (case, Unicode forms)."""
    return unicodedata.normalize("NFKC", text).casefold()


def clean_tag(text: str) -> tuple[str, str]:
    """``(tag as typed, folded tag)``; PersonalError for a tag the query language could not
    name (``tag:NAME``)."""
    tag = unicodedata.normalize("NFC", text.strip()).lstrip("#")
    if not tag:
        raise PersonalError("empty tag: give a word such as 'summit'")
    if len(tag) > MAX_TAG_CHARS:
        raise PersonalError(f"tag too long ({len(tag)} characters; at most {MAX_TAG_CHARS})")
    bad = _TAG_FORBIDDEN.search(tag)
    if bad:
        shown = repr(bad[0]) if bad[0].isprintable() else f"U+{ord(bad[0]):04X}"
        raise PersonalError(
            f"a tag cannot contain {shown}: use one word, joined with - or _ (climate-deal)"
        )
    return tag, fold(tag)


def set_flag(connection: sqlite3.Connection, flag: str, keys: Iterable[int], on: bool) -> int:
    """Set or clear ``read`` or ``starred`` on these records; how many changed."""
    column = _FLAGS[flag]
    changed = 0
    for chunk in chunks(keys):
        marks = ",".join("?" * len(chunk))
        if on:
            sql = f"UPDATE articles SET {column} = ? WHERE {column} IS NULL AND key IN ({marks})"
            cursor = connection.execute(sql, (now_ns(), *chunk))
        else:
            sql = f"UPDATE articles SET {column} = NULL WHERE {column} IS NOT NULL AND key IN"
            cursor = connection.execute(f"{sql} ({marks})", chunk)
        changed += cursor.rowcount
    return changed


def ids_with(connection: sqlite3.Connection, corpus_id: int, flag: str) -> set[str]:
    """Ids of the corpus's articles that are read (or starred)."""
    column = _FLAGS[flag]
    rows = connection.execute(
        f"SELECT article_id FROM articles WHERE corpus = ? AND {column} IS NOT NULL",
        (corpus_id,),
    )
    return {article_id for (article_id,) in rows}


def add_tags(connection: sqlite3.Connection, keys: Iterable[int], tags: Iterable[str]) -> int:
    """Give every record every tag (already cleaned); how many (article, tag) pairs are new."""
    at = now_ns()
    pairs = [(key, fold(tag), tag, at) for key in keys for tag in tags]
    before = connection.total_changes
    connection.executemany("INSERT OR IGNORE INTO tags VALUES (?, ?, ?, ?)", pairs)
    return connection.total_changes - before


def remove_tags(connection: sqlite3.Connection, keys: Iterable[int], tags: Iterable[str]) -> int:
    """Take these tags (any case) off these records; how many (article, tag) pairs went."""
    pairs = [(key, fold(tag)) for key in keys for tag in tags]
    before = connection.total_changes
    connection.executemany("DELETE FROM tags WHERE key = ? AND folded = ?", pairs)
    return connection.total_changes - before


def tagged_ids(connection: sqlite3.Connection, corpus_id: int, tag: str) -> set[str]:
    """Ids of the corpus's articles with this tag (any case); ``name*`` matches every tag
    that starts with ``name``, a lone ``*`` any tag."""
    folded = fold(tag)
    if folded.endswith("*"):
        pattern = folded.rstrip("*").replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        condition, value = "tags.folded LIKE ? ESCAPE '\\'", pattern + "%"
    else:
        condition, value = "tags.folded = ?", folded
    rows = connection.execute(
        "SELECT DISTINCT articles.article_id FROM tags JOIN articles USING (key)"
        f" WHERE articles.corpus = ? AND {condition}",
        (corpus_id, value),
    )
    return {article_id for (article_id,) in rows}


def tag_counts(connection: sqlite3.Connection, corpus_id: int) -> list[TagCount]:
    """Every tag used in the corpus with its number of articles, most used first."""
    rows = connection.execute(
        "SELECT min(tags.tag), count(*) FROM tags JOIN articles USING (key)"
        " WHERE articles.corpus = ? GROUP BY tags.folded ORDER BY count(*) DESC, tags.folded",
        (corpus_id,),
    )
    return [TagCount(tag, int(count)) for tag, count in rows]


def states(
    connection: sqlite3.Connection, corpus_id: int, article_ids: Iterable[str]
) -> dict[str, ArticleState]:
    """The state of each of these articles that has a record in the corpus."""
    rows = list(
        select_in(
            connection,
            "SELECT key, article_id, read_ns, starred_ns, note FROM articles"
            " WHERE corpus = ? AND article_id IN",
            article_ids,
            leading=(corpus_id,),
        )
    )
    keys = [row[0] for row in rows]
    tags: dict[int, list[str]] = {}
    for key, tag in select_in(connection, "SELECT key, tag FROM tags WHERE key IN", keys):
        tags.setdefault(key, []).append(tag)
    quoted = notes.quote_notes(connection, keys)
    return {
        article_id: ArticleState(
            article_id,
            read=read is not None,
            starred=starred is not None,
            tags=tuple(sorted(tags.get(key, []), key=fold)),
            note=note,
            quote_notes=tuple(quoted.get(key, [])),
        )
        for key, article_id, read, starred, note in rows
    }
