"""Tests for a rebuild's rows written once from memory (``reader.stories.fresh``): the very
tables the update's way (insert, then sign, then store the groups) writes."""

from __future__ import annotations

import json
import random
import sqlite3

from reader.stories import rows
from reader.stories.copies import signature
from reader.stories.fresh import write_rebuilt
from reader.stories.rows import StoryText, member_row

_WORDS = [
    "summit",
    "geneva",
    "talks",
    "leaders",
    "met",
    "cuts",
    "rates",
    "bank",
    "oil",
    "prices",
    "ölpreis",
    "café",
]


def _texts(chooser: random.Random) -> list[StoryText]:
    texts = []
    for number in range(40):
        body = " ".join(chooser.choice(_WORDS) for _ in range(chooser.randint(0, 30)))
        texts.append(
            StoryText(
                f"art-{number:02d}",
                chooser.choice(["Summit in Geneva", "Öl wird teurer", ""]),
                body,
                chooser.choice([None, "2021-06-16", "2021-06-15", "--06-16"]),
                chooser.choice([None, "Reuters", "AP"]),
            )
        )
    copied = texts[3]  # copies: the same body under other ids
    texts += [StoryText(f"copy-{n}", copied.title, copied.body, copied.date) for n in range(3)]
    return texts


def _tables(connection: sqlite3.Connection) -> list[list[tuple[object, ...]]]:
    tables = [
        list(connection.execute(f"SELECT rowid, * FROM {table} ORDER BY rowid"))
        for table in ("story_members", "stories")
    ]  # in the order written (rowids), and the postings (without rowids) by term
    return [*tables, list(connection.execute("SELECT * FROM story_postings ORDER BY term"))]


def test_rows_written_once_are_the_rows_inserted_then_updated() -> None:
    for seed in range(3):
        chooser = random.Random(seed)
        texts = _texts(chooser)
        ids = [text.id for text in texts]
        chosen = {a: chooser.sample(_WORDS, chooser.randint(0, 5)) for a in ids}
        copies = ["art-03", "copy-0", "copy-1", "copy-2"]
        others = [a for a in ids if a not in copies]
        shuffled = chooser.sample(others, len(others))
        groups = [shuffled[i : i + chooser.randint(1, 6)] for i in range(0, len(others), 6)]
        groups.insert(chooser.randint(0, len(groups)), chooser.sample(copies, 4))
        signed = {t.id: signature(t.body) for t in texts if chooser.random() < 0.7}
        signed.update((a, signature(texts[3].body)) for a in copies)

        once = sqlite3.connect(":memory:")
        rows.create_tables(once)
        write_rebuilt(once, [member_row(t, False) for t in texts], chosen, groups, signed)

        stepwise = sqlite3.connect(":memory:")
        rows.create_tables(stepwise)
        members = [member_row(t, False) for t in texts]
        for member in members:
            member[-1] = json.dumps(chosen[str(member[0])], ensure_ascii=False)
        rows.insert_rows(stepwise, members, fresh=True)
        stepwise.executemany(
            "UPDATE story_members SET minhash = ? WHERE article = ?",
            [(minhash, article) for article, minhash in signed.items()],
        )
        rows.write_groups(stepwise, groups)

        assert _tables(once) == _tables(stepwise)
        marked = once.execute("SELECT count(*) FROM story_members WHERE copy_of IS NOT NULL")
        assert marked.fetchone()[0] >= 3  # the copies are marked
