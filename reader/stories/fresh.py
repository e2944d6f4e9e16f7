"""A rebuild's member, posting and story rows written once, from what it holds in memory.

An update changes a few rows in place (``rows``: insert, then update the story, the copies and
the MinHash of each member); a rebuild knows every row's final content before it writes any,
so each row is inserted once, complete, and nothing is read back (Reuters-21578: 21,577 member
rows inserted then updated, their distinctive terms encoded as JSON then decoded again for
the postings).
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Mapping, Sequence

from reader.stories.rows import Member, encode, story_rows

__all__ = ["write_rebuilt"]


def write_rebuilt(
    connection: sqlite3.Connection,
    members: Sequence[list[object]],
    chosen: Mapping[str, list[str]],
    groups: Sequence[Sequence[str]],
    signatures: Mapping[str, bytes],
) -> None:
    """Insert the stories of emptied tables: ``members`` are ``member_row``s without a
    signature, in the order to insert them; ``chosen`` each article's distinctive terms;
    ``groups`` every article's story; ``signatures`` the MinHash of the possible copies."""
    known: dict[str, Member] = {}
    for member in members:
        article = str(member[0])
        signed = signatures.get(article)
        member[7], member[8] = signed, encode(chosen[article])
        known[article] = (str(member[3]), _text(member[4]), _text(member[5]), _int(member[6]),
                          signed or b"")  # fmt: skip
    updates, stories = story_rows(groups, known)
    by_id = {str(member[0]): member for member in members}
    for lead, copy, article in updates:
        by_id[article][1:3] = lead, copy
    connection.executemany("INSERT INTO story_members VALUES (?,?,?,?,?,?,?,?,?)", members)
    connection.executemany("INSERT INTO story_postings VALUES (?,?)", _postings(members, chosen))
    connection.executemany("INSERT INTO stories VALUES (?,?,?,?,?)", stories)


def _postings(
    members: Sequence[Sequence[object]], chosen: Mapping[str, list[str]]
) -> list[tuple[str, str]]:
    """``story_postings`` rows: each term and the JSON list of the articles it is distinctive
    for, by id (as ``rows.change_postings`` writes them); each id is encoded once, and each
    term's list is made in the order of the ids (an article's terms are distinct)."""
    by_term: defaultdict[str, list[str]] = defaultdict(list)
    for article in sorted(str(member[0]) for member in members):
        quoted = encode(article)
        for term in chosen[article]:
            by_term[term].append(quoted)
    return [(term, "[" + ", ".join(by_term[term]) + "]") for term in sorted(by_term)]


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _int(value: object) -> int:
    return value if isinstance(value, int) else 0
