"""The speakers kept in the catalog: counts per article at update time, summed on request."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from reader.index.catalog import Catalog
from reader.index.rows import FileStat, Row, quotes_from_json, quotes_to_json
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

    names = ["Vladimir Putin", "Putin", "Vladimir Poutine", "Joe Biden", "Biden", "the Kremlin",
             "Lib Dems", "the Liberal Democrats", "Tony Blair", "Cherie Blair", "Blair",
             "Jill Biden", "Biden Smith"]  # fmt: skip
    kinds = ["person"] * 5 + ["organisation"] * 3 + ["person"] * 5
    rng = random.Random(7)

    def random_row(article: str) -> Row:
        picks = [rng.randrange(len(names)) for _ in range(rng.randint(0, 4))]
        quotes = [_quote(f"w{i}", names[i], kinds[i], ("role",) * (i % 2)) for i in picks]
        # some passed on: “...,” Biden said, according to the Kremlin
        quotes = [
            replace(q, inner_speaker=rng.choice(names)) if rng.random() < 0.3 else q for q in quotes
        ]
        return _row(article, rng.choice(["BBC", "Reuters", None]), *quotes)

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    current = {f"a{i}": random_row(f"a{i}") for i in range(40)}
    catalog.write(current.values())
    for step in range(30):
        picked = {f"a{rng.randrange(50)}" for _ in range(rng.randint(1, 3))}
        changed = [random_row(article) for article in sorted(picked)]  # one row per article
        gone = [a for a in rng.sample(sorted(current), 2) if a not in {r.id for r in changed}]
        catalog.write(changed, deleted_paths=[f"{a}.txt" for a in gone])
        for article in gone:
            del current[article]
        current.update((row.id, row) for row in changed)
        fresh = Catalog(tmp_path / f"fresh{step}.sqlite3")
        fresh.write(current.values())
        assert catalog.speakers() == fresh.speakers(), step
        # the kept totals (counted by SQLite) and those summed for some articles agree
        assert catalog.speakers(list(current)) == catalog.speakers(), step


def test_one_speaker_per_organisation_and_person_with_the_other_names_as_aliases(
    tmp_path: Path,
) -> None:
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write(
        [
            _row("a", "BBC", _quote("w", "Lib Dems", "organisation"), _quote("x", "Lib Dem")),
            _row("b", "BBC", _quote("w", "Liberal Democrat"), _quote("y", "Lib Dems")),
            _row("c", "ITV", _quote("z", "the Liberal Democrats", "organisation")),
            _row("d", "BBC", _quote("w", "Tories", "anonymous"), _quote("v", "the Conservatives")),
            _row("e", None, _quote("w", "Tony Blair", "person"), _quote("u", "Cherie Blair")),
            _row("f", None, _quote("w", "Sir Ian Blair", "person"), _quote("t", "Blair")),
        ]
    )
    found = {s.name: s for s in catalog.speakers()}
    party = found["Liberal Democrats"]
    assert party.aliases == ("Lib Dem", "Lib Dems", "Liberal Democrat", "the Liberal Democrats")
    assert (party.kind, party.quotes, party.articles, party.outlets) == ("organisation", 5, 3, 2)
    tories = found["Conservatives"]  # the full form; a quote that read "anonymous" changes nothing
    assert (tories.aliases, tories.kind) == (("the Conservatives", "Tories"), "organisation")
    assert {"Tony Blair", "Cherie Blair", "Sir Ian Blair", "Blair"} <= found.keys()
    assert found["Sir Ian Blair"].quotes == 1
    assert not any(found[name].aliases for name in ("Tony Blair", "Cherie Blair", "Blair"))
    assert {s.name for s in catalog.speakers(["a"])} == {"Liberal Democrats"}
    quotes = catalog.speaker_quotes("Liberal Democrats")
    assert {article: len(qs) for article, qs in quotes.items()} == {"a": 2, "b": 2, "c": 1}
    assert {q.speaker for q in catalog.quotes_of(["b"])["b"]} == {"Liberal Democrats"}


def test_a_surname_alone_joins_the_one_person_of_that_name_as_updates_come_and_go(
    tmp_path: Path,
) -> None:
    def check(expected: dict[str, tuple[str, ...]]) -> None:
        found = {s.name: s.aliases for s in catalog.speakers()}
        assert found == expected
        fresh = Catalog(tmp_path / f"fresh{len(checked)}.sqlite3")
        fresh.write(current.values())
        assert catalog.speakers() == fresh.speakers()
        checked.append(expected)

    checked: list[dict[str, tuple[str, ...]]] = []
    current = {f"b{i}": _row(f"b{i}", "BBC", _quote("w", "Blair")) for i in range(25)}
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write(current.values())
    check({"Blair": ()})
    for article, name in (("tony", "Tony Blair"), ("cherie", "Cherie Blair")):
        current[article] = _row(article, "ITV", _quote("w", name))
        catalog.write([current[article]])
        check(
            {"Tony Blair": ("Blair",)}
            if name == "Tony Blair"
            else {"Blair": (), "Tony Blair": (), "Cherie Blair": ()}
        )
    current["cherie"] = _row("cherie", "ITV", _quote("w", "Lionel Blair"))  # changed
    catalog.write([current["cherie"]])
    check({"Blair": (), "Tony Blair": (), "Lionel Blair": ()})
    del current["cherie"]
    catalog.write([], deleted_paths=["cherie.txt"])
    check({"Tony Blair": ("Blair",)})
    current["elton"] = _row("elton", "ITV", _quote("w", "Blair Henderson"))  # a first name
    catalog.write([current["elton"]])
    check({"Blair": (), "Tony Blair": (), "Blair Henderson": ()})


def test_words_passed_on_count_for_the_source_and_for_who_said_them(tmp_path: Path) -> None:
    via_cnn = replace(_quote("we will win", "CNN", "organisation"), inner_speaker="Sanders")
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write([_row("a", "Reuters", via_cnn, via_cnn), _row("b", "BBC", PUTIN)])
    counts = {s.name: (s.quotes, s.via, s.articles) for s in catalog.speakers()}
    assert counts == {"CNN": (2, 0, 1), "Sanders": (2, 2, 1), "Vladimir Putin": (1, 0, 1)}
    sanders = _quote("and we will", "Bernie Sanders", "person")  # "Sanders" joins him
    catalog.write([_row("c", "BBC", sanders)])
    found = {s.name: s for s in catalog.speakers()}
    bernie = found["Bernie Sanders"]
    assert (bernie.quotes, bernie.via, bernie.articles, bernie.aliases) == (3, 2, 2, ("Sanders",))
    assert catalog.speakers(["a", "c"]) == [
        s for s in catalog.speakers() if s.name != "Vladimir Putin"
    ]
    assert [len(q) for q in catalog.speaker_quotes("Bernie Sanders").values()] == [2, 1]
    assert catalog.speakers_of(["a"]) == {"a": frozenset({"CNN", "Bernie Sanders"})}


def test_a_source_that_is_its_own_inner_speaker_counts_once(tmp_path: Path) -> None:
    """ "Vladimir Putin" passing on "Putin"'s words is one speaker: one quote, none via, and
    no "Vladimir Putin (via Vladimir Putin)" label."""
    itself = replace(PUTIN, inner_speaker="Putin")
    poutine = replace(PUTIN, inner_speaker="Vladimir Poutine")
    catalog = Catalog(tmp_path / "catalog.sqlite3")
    catalog.write([_row("a", "Reuters", itself), _row("b", "BBC", poutine)])
    (putin,) = catalog.speakers()
    assert (putin.name, putin.quotes, putin.via, putin.articles) == ("Vladimir Putin", 2, 0, 2)
    shown = [q for quotes in catalog.quotes_of(["a", "b"]).values() for q in quotes]
    assert [(q.speaker_label, q.inner_speaker) for q in shown] == [("Vladimir Putin", None)] * 2
