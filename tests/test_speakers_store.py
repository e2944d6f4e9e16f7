"""The speakers kept in the catalog: counts per article at update time, summed on request."""

from __future__ import annotations

from pathlib import Path

from reader.index.catalog import Catalog, FileStat, Row
from reader.index.rows import quotes_from_json, quotes_to_json
from reader.models import Quote


def _quote(text: str, speaker: str | None, kind: str = "", roles: tuple[str, ...] = ()) -> Quote:
    return Quote(text, 0, len(text), 0, "speech", speaker, None, kind, roles)


def _row(article: str, source: str | None, *quotes: Quote) -> Row:
    stat = FileStat(1, 1, article)
    return Row(article, f"{article}.txt", stat, "t", source, None, None, None, "", quotes)


PUTIN = _quote("we are ready", "Vladimir Putin", "person", ("Russian president",))
POUTINE = _quote("nous sommes prêts", "Vladimir Poutine", "person")
KREMLIN = _quote("no comment", "the Kremlin", "organisation")
OFFICIAL = _quote("talks stalled", "a senior official", "anonymous")


def test_quote_kind_and_roles_survive_the_catalog() -> None:
    quotes = (PUTIN, KREMLIN, _quote("x", None))
    assert quotes_from_json(quotes_to_json(quotes)) == quotes
    old_form = '[["t", 0, 1, 0, "speech", "A B", null]]'  # a catalog from before kinds
    assert quotes_from_json(old_form) == (Quote("t", 0, 1, 0, "speech", "A B", None),)


def test_speakers_count_quotes_articles_outlets_and_merge_aliases(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write(
        [
            _row("a", "Reuters", PUTIN, PUTIN, KREMLIN),
            _row("b", "BBC", PUTIN, OFFICIAL),
            _row("c", "BBC", POUTINE),
            _row("d", None, PUTIN),
        ]
    )
    found = {s.name: s for s in catalog.speakers()}
    putin = found["Vladimir Putin"]
    assert (putin.quotes, putin.articles, putin.outlets) == (5, 4, 2)
    assert putin.aliases == ("Vladimir Poutine",)
    assert (putin.kind, putin.roles) == ("person", ("Russian president",))
    assert found["the Kremlin"].kind == "organisation"
    assert found["a senior official"].kind == "anonymous"
    assert catalog.speakers()[0].name == "Vladimir Putin"
    only_b = catalog.speakers(["b"])
    assert {(s.name, s.quotes, s.outlets) for s in only_b} == {
        ("Vladimir Putin", 1, 1),
        ("a senior official", 1, 1),
    }


def test_updates_keep_the_counts_as_a_fresh_catalog_would(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    rows = [_row(f"x{i}", f"outlet{i % 3}", PUTIN, KREMLIN) for i in range(30)]
    catalog.write(rows)
    changed = [_row("x1", "outlet1", OFFICIAL), _row("new", "BBC", POUTINE, POUTINE)]
    catalog.write(changed, deleted_paths=["x2.txt"])
    fresh = Catalog(tmp_path / "fresh.sqlite3")
    final = [r for r in rows if r.id not in {"x1", "x2"}] + changed
    fresh.write(final)
    assert catalog.speakers() == fresh.speakers()
    putin = next(s for s in catalog.speakers() if s.name == "Vladimir Putin")
    assert (putin.quotes, putin.articles) == (28 + 2, 29)


def test_a_speaker_renamed_by_another_article_moves_its_totals(tmp_path: Path) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write([_row(f"p{i}", "BBC", _quote("words", "Putin")) for i in range(25)])
    assert [s.name for s in catalog.speakers()] == ["Putin"]
    catalog.write([_row("full", "Reuters", PUTIN)])  # "Putin" now reads "Vladimir Putin"
    assert [(s.name, s.quotes, s.outlets, s.aliases) for s in catalog.speakers()] == [
        ("Vladimir Putin", 26, 2, ("Putin",))
    ]
    catalog.write([], deleted_paths=["full.txt"])
    assert [(s.name, s.quotes) for s in catalog.speakers()] == [("Putin", 25)]


def test_random_updates_match_a_fresh_catalog(tmp_path: Path) -> None:
    import random

    names = ["Vladimir Putin", "Putin", "Vladimir Poutine", "Joe Biden", "Biden", "the Kremlin"]
    kinds = ["person", "person", "person", "person", "person", "organisation"]
    rng = random.Random(7)

    def random_row(article: str) -> Row:
        picks = [rng.randrange(len(names)) for _ in range(rng.randint(0, 4))]
        quotes = [_quote(f"w{i}", names[i], kinds[i], ("role",) * (i % 2)) for i in picks]
        return _row(article, rng.choice(["BBC", "Reuters", None]), *quotes)

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    current = {f"a{i}": random_row(f"a{i}") for i in range(40)}
    catalog.write(current.values())
    for step in range(12):
        changed = [random_row(f"a{rng.randrange(50)}") for _ in range(rng.randint(1, 3))]
        gone = [a for a in rng.sample(sorted(current), 2) if a not in {r.id for r in changed}]
        catalog.write(changed, deleted_paths=[f"{a}.txt" for a in gone])
        for article in gone:
            del current[article]
        current.update((row.id, row) for row in changed)
        fresh = Catalog(tmp_path / f"fresh{step}.sqlite3")
        fresh.write(current.values())
        assert catalog.speakers() == fresh.speakers(), step
