"""Tests for sentence splitting, the paraphrase test, the encoder and sentence alignment."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.articles import load_article
from reader.stories import encoder, paraphrase
from reader.stories.align import Span, align_sentences, units
from reader.stories.paraphrase import FEATURES, features, paraphrase_probability
from reader.stories.sentences import split_sentences

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_sentences_split_at_ends_but_not_after_abbreviations_or_initials() -> None:
    text = 'Mr. Smith met George W. Bush in the U.S. capital. "It went well," he said! Then?'
    text += "\n\nNext"
    found = [s.text for s in split_sentences(text)]
    assert found == [
        "Mr. Smith met George W. Bush in the U.S. capital.",
        '"It went well," he said!',
        "Then?",
        "Next",
    ]


@given(st.text(alphabet=st.sampled_from('ab .!?"\n”U.S'), max_size=80), st.integers(0, 50))
def test_sentence_offsets_point_at_their_text(text: str, offset: int) -> None:
    padded = " " * offset + text
    for sentence in split_sentences(text, offset):
        assert padded[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip() and sentence.text


def test_units_are_the_headline_then_body_sentences_with_their_quote_groups() -> None:
    body = "First one. He said “we agree” today.\n\nLast."
    spans = units("Headline", body, [(body.index("we"), body.index("we") + 8, "q1")])
    assert [(s.field, s.text) for s in spans] == [
        ("title", "Headline"),
        ("body", "First one."),
        ("body", "He said “we agree” today."),
        ("body", "Last."),
    ]
    assert [s.groups for s in spans[1:]] == [frozenset(), frozenset({"q1"}), frozenset()]
    assert all(body[s.start : s.end] == s.text for s in spans[1:])


def test_paraphrase_features_and_probability() -> None:
    same = "The bank raised its rates by 0.5 points on Tuesday."
    assert len(features(same, same, 1.0)) == len(FEATURES)
    assert paraphrase_probability(same, same, 1.0) > 0.9
    other = "Heavy rain flooded the northern valleys overnight."
    assert paraphrase_probability(same, other, 0.1) < 0.25
    # the same sentence with a different number is less of a paraphrase
    changed = same.replace("0.5", "2")
    assert paraphrase_probability(same, changed, 0.95) < paraphrase_probability(same, same, 0.95)
    # symmetric: the order of the two sentences does not matter
    assert paraphrase_probability(same, changed, 0.9) == pytest.approx(
        paraphrase_probability(changed, same, 0.9)
    )


def test_the_weights_ship_inside_the_package_and_match_the_features() -> None:
    fitted = paraphrase.model()
    assert paraphrase.WEIGHTS_FILE.parent == Path(paraphrase.__file__).parent
    assert tuple(fitted["features"]) == FEATURES
    assert len(fitted["mean"]) == len(fitted["scale"]) == len(fitted["weights"]) == len(FEATURES)
    assert len(fitted["words"]) > 1000 and all(len(w) == 3 for w in fitted["words"].values())


def test_weights_fitted_on_other_features_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stale = dict(paraphrase.model(), features=list(FEATURES[:21]))
    (tmp_path / "paraphrase.json").write_text(json.dumps(stale), encoding="utf-8")
    monkeypatch.setattr(paraphrase, "WEIGHTS_FILE", tmp_path / "paraphrase.json")
    paraphrase.model.cache_clear()
    try:
        with pytest.raises(ValueError, match="refit"):
            paraphrase.model()
    finally:
        paraphrase.model.cache_clear()


def test_word_sides_put_each_word_where_it_stands() -> None:
    sides = paraphrase.word_sides("Oil rose 5 percent", "Oil rose 7 percent on Monday")
    found = {(word, side) for word, side, _ in sides}
    assert {("oil", 2), ("rose", 2), ("percent", 2), ("#", 2)} <= found
    assert {("on", 0), ("monday", 0)} <= found  # only in the longer sentence
    even = paraphrase.word_sides("Rates rose today", "Rates fell today")
    assert sorted((w, s, a) for w, s, a in even if s != 2) == [
        ("fell", 0, 0.5),
        ("fell", 1, 0.5),
        ("rose", 0, 0.5),
        ("rose", 1, 0.5),
    ]


PARAPHRASES = (
    (
        "The company said its profit rose 12 percent in the third quarter.",
        "Profit climbed 12 percent in the third quarter, the company said.",
    ),
    (
        "Police arrested two men on Tuesday after the robbery in Leeds.",
        "Two men were arrested by police on Tuesday following the Leeds robbery.",
    ),
    (
        "The minister resigned on Friday, a government spokesman said.",
        "A government spokesman said the minister had resigned on Friday.",
    ),
)
NOT_PARAPHRASES = (
    (  # one sentence adds a claim the other lacks
        "The company said its profit rose 12 percent in the third quarter.",
        "The company said its profit rose 12 percent in the third quarter and it will cut"
        " 3,000 jobs by the end of next year.",
    ),
    (
        "The company said its profit rose 12 percent in the third quarter.",
        "The company said its profit rose 12 percent in the third quarter, but sales fell in"
        " Europe and Asia.",
    ),
    (  # the same subject, another statement
        "The central bank kept interest rates unchanged on Thursday.",
        "The central bank's governor will step down next year, officials said.",
    ),
    (
        "Firefighters battled the blaze for six hours before it was under control.",
        "The fire started in a kitchen on the third floor, investigators said.",
    ),
)
# Known gap, shared with the previous fit: MSRP's sense of paraphrase ("minor details
# aside") lets a substituted detail through: "fell 4 percent" / "fell 9 percent", "in Leeds"
# / "in York", "resigned" / "did not resign" all score above 0.9 (benchmarks/RESULTS.md).


def test_made_up_paraphrases_pass_and_near_misses_do_not() -> None:
    def probability(left: str, right: str) -> float:
        vectors = encoder.embed([left, right])
        return paraphrase_probability(left, right, float(vectors[0] @ vectors[1]))

    for left, right in PARAPHRASES:
        assert probability(left, right) >= 0.5, (left, right)
    for left, right in NOT_PARAPHRASES:
        assert probability(left, right) < 0.5, (left, right)


@pytest.fixture(scope="module")
def seed_pair() -> tuple[list[Span], list[Span], np.ndarray, np.ndarray]:
    left, right = (load_article(next(SEEDS.glob(f"{n}_*.txt")), SEEDS) for n in ("000", "002"))
    left_spans, right_spans = units(left.title, left.body), units(right.title, right.body)
    return (
        left_spans,
        right_spans,
        encoder.embed([s.text for s in left_spans]),
        encoder.embed([s.text for s in right_spans]),
    )


def test_encoder_vectors_are_unit_length_and_survive_storage(
    seed_pair: tuple[list[Span], list[Span], np.ndarray, np.ndarray],
) -> None:
    vectors = seed_pair[2]
    assert vectors.shape == (len(seed_pair[0]), encoder.DIMENSIONS)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    stored = encoder.from_bytes(encoder.to_bytes(vectors))
    assert np.abs(stored - vectors).max() < 1e-3
    assert encoder.embed([]).shape == (0, encoder.DIMENSIONS)


def test_two_outlets_paraphrase_is_aligned_as_the_same_statement(
    seed_pair: tuple[list[Span], list[Span], np.ndarray, np.ndarray],
) -> None:
    alignment = align_sentences(*seed_pair)
    left = next(i for i, s in enumerate(alignment.left) if "cyber attacks in the world" in s.text)
    right = next(
        j for j, s in enumerate(alignment.right) if "cyberattacks in the world originate" in s.text
    )
    found = [p for p in alignment.pairs if (p.left, p.right) == (left, right)]
    assert found and found[0].kind == "same"
    assert left not in alignment.only_left and right not in alignment.only_right


def test_alignment_summary_and_json_shape(
    seed_pair: tuple[list[Span], list[Span], np.ndarray, np.ndarray],
) -> None:
    alignment = align_sentences(*seed_pair)
    n, m, k = alignment.in_both, len(alignment.only_left), len(alignment.only_right)
    assert alignment.summary() == f"{n} statements in both · {m} only left · {k} only right"
    assert n + m == len(alignment.left)  # every left sentence is in both or only left
    data = json.loads(json.dumps(alignment.to_dict()))
    pair = data["pairs"][0]
    assert set(pair) == {"left", "right", "score", "kind"}
    assert set(pair["left"]) == {"field", "start", "end", "text"}
    assert pair["kind"] in {"copy", "same", "related"}


def test_an_article_aligns_with_itself_as_copies(
    seed_pair: tuple[list[Span], list[Span], np.ndarray, np.ndarray],
) -> None:
    spans, vectors = seed_pair[0], seed_pair[2]
    alignment = align_sentences(spans, spans, vectors, vectors)
    assert {(p.left, p.right, p.kind) for p in alignment.pairs} == {
        (i, i, "copy") for i in range(len(spans))
    }
    assert alignment.only_left == () and alignment.only_right == ()


def test_an_empty_side_leaves_everything_only_on_the_other() -> None:
    spans = units("Title", "One sentence. Another one.")
    vectors = np.eye(len(spans), encoder.DIMENSIONS, dtype=np.float32)
    alignment = align_sentences(spans, [], vectors, np.zeros((0, encoder.DIMENSIONS)))
    assert alignment.pairs == () and alignment.only_left == (0, 1, 2)


def test_embeddings_are_stored_once_per_text(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from reader.stories import embeddings

    connection = sqlite3.connect(":memory:")
    connection.executescript(embeddings.SCHEMA)
    calls: list[int] = []
    real = encoder.embed

    def counting(sentences: list[str]) -> np.ndarray:
        calls.append(len(sentences))
        return real(sentences)

    monkeypatch.setattr(encoder, "embed", counting)
    left = ("a", "Rates rise", "The bank raised rates on Tuesday. Markets fell.")
    right = ("b", "Bank lifts rates", "On Tuesday the bank lifted its rates. Shares dropped.")
    first = embeddings.compare_texts(connection, left, right)
    again = embeddings.compare_texts(connection, left, right)
    assert len(calls) == 2  # each article embedded once, then read back
    assert [(p.left, p.right, p.kind) for p in first.pairs] == [
        (p.left, p.right, p.kind) for p in again.pairs
    ]
    changed = ("a", "Rates rise", "The bank raised rates on Tuesday. Bonds fell too.")
    embeddings.compare_texts(connection, changed, right)
    assert len(calls) == 3  # a changed text is embedded again


def test_pair_features_follow_the_fitted_table() -> None:
    from reader.stories import pairing

    spans = units("Rates rise", "The bank raised rates by 0.5 points on Tuesday. Markets fell.")
    vectors = np.eye(len(spans), encoder.DIMENSIONS, dtype=np.float32)
    grid = pairing.pair_features(spans, spans, vectors, vectors, np.eye(len(spans)))
    assert grid.shape == (len(spans), len(spans), len(pairing.FEATURES))
    names = dict(zip(pairing.FEATURES, grid[1, 1], strict=True))
    assert names["cosine"] == 1.0 and names["row_best"] == 1.0 and names["shared_numbers"] > 0
    logits = pairing.same_logits(grid)
    assert all(logits[i, i] == logits[i].max() for i in range(len(spans)))


MADE_UP_LEFT = (
    "Storm closes port",
    "A powerful storm forced the closure of the port of Valdoria on Sunday."
    " Harbour master Ilse Brandt said 40 ships were waiting offshore."
    " The city's football team won its match against a rival club."
    " Officials expect the port to reopen on Wednesday if the winds ease."
    " A new bakery opened in the old town square.",
)
MADE_UP_RIGHT = (
    "Valdoria harbour shut by gale",
    "Officials hope shipping can resume midweek should the gale weaken."
    " Some 40 vessels are anchored outside Valdoria, according to harbour chief Ilse Brandt."
    " Valdoria's harbour was shut on Sunday as a violent gale swept the coast."
    " Farmers reported good apple prices at the weekly market.",
)


def test_made_up_paraphrases_align_in_any_order() -> None:
    left, right = units(*MADE_UP_LEFT), units(*MADE_UP_RIGHT)
    alignment = align_sentences(
        left, right, encoder.embed([s.text for s in left]), encoder.embed([s.text for s in right])
    )
    same = {
        (alignment.left[p.left].text[:12], alignment.right[p.right].text[:12])
        for p in alignment.pairs
        if p.kind != "related"
    }
    assert ("A powerful s", "Valdoria's h") in same  # the closure, reported last on the right
    assert ("Harbour mast", "Some 40 vess") in same  # the ships, reworded
    # Known gap: the fitted threshold (chosen for ECB+ recall) also calls the best match of
    # an unrelated sentence "same" within one story (the bakery, the football match), and
    # the reopening's best match is the closure; benchmarks/RESULTS.md shows the trade-off.
