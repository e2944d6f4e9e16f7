"""One speaker per person and per organisation across the names the articles give them."""

from __future__ import annotations

from reader.quotes.speakers.identity import canonical_speakers, name_identity, typed_identities


def _shown(counts: dict[str, int]) -> dict[str, str]:
    return {raw: found.name for raw, found in canonical_speakers(counts).items()}


def test_an_organisation_is_shown_by_its_most_common_full_form() -> None:
    shown = _shown({"Tories": 10, "the Tories": 5, "Tory": 3, "the Conservatives": 4})
    assert set(shown.values()) == {"Conservatives"}
    assert _shown({"the Kremlin": 3, "Kremlin": 1}) == {"the Kremlin": "the Kremlin",
                                                          "Kremlin": "the Kremlin"}  # fmt: skip
    assert set(_shown({"Tories": 2, "the Tories": 1}).values()) == {"Tories"}  # nothing fuller


def test_descriptions_stay_apart_even_when_they_end_alike() -> None:
    counts = {"a Labour spokesperson": 2, "a Google spokesperson": 1, "a spokesperson": 1}
    assert _shown(counts) == {name: name for name in counts}
    assert name_identity("a Conservative Party spokesman").kind == "anonymous"
    assert (
        _shown({"LSE": 1, "a spokesman for the LSE": 1, "the German": 1, "Mike German": 1})[
            "the German"
        ]
        == "the German"
    )


def test_a_surname_alone_joins_only_an_unambiguous_person() -> None:
    assert _shown({"Wenger": 3, "Arsene Wenger": 5})["Wenger"] == "Arsene Wenger"
    assert _shown({"Blair": 3, "Tony Blair": 50, "Cherie Blair": 4})["Blair"] == "Blair"
    assert _shown({"John": 2, "Elton John": 3, "John Reid": 4})["John"] == "John"  # a first name
    assert _shown({"US": 2, "Yukos US": 1})["US"] == "US"  # an acronym is no surname
    assert _shown({"Putin": 30, "Vladimir Putin": 2})["Putin"] == "Vladimir Putin"  # full form
    assert _shown({"Sir Ian Blair": 1, "Ian Blair": 2})["Sir Ian Blair"] == "Ian Blair"


def test_a_typed_name_reaches_the_identity_of_its_speaker() -> None:
    assert name_identity("the Liberal Democrats").key in typed_identities(["lib", "dems"])
    assert name_identity("Vladimir Putin").key in typed_identities(["vladimir", "poutine"])
