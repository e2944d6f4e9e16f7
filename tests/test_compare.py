"""Tests for the paragraph alignment in reader.compare."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from reader.articles import load_article, parse_article
from reader.compare import (
    MIN_SIMILARITY,
    AlignedPair,
    align,
    align_blocks,
    align_texts,
    compare,
    side_by_side,
    similarity_matrix,
)
from reader.models import Article, Block

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

LEFT = [
    "The council approved the new budget on Tuesday after a long debate.",
    "Opposition members walked out before the final vote.",
    "The mayor said the plan would fund three new schools and a library.",
    "Weather was sunny.",
]
RIGHT = [
    "A short introduction written only by the second outlet about something else entirely.",
    "After a long debate the council approved the new budget on Tuesday.",
    "The mayor said the plan would fund three new schools and a public library.",
]


def _article(paragraphs: list[str], article_id: str) -> Article:
    text = "Headline for " + article_id + "\n\n" + "\n\n".join(paragraphs)
    return parse_article(text, article_id, Path(f"{article_id}.txt"))


def test_similarity_is_one_for_identical_and_zero_for_disjoint() -> None:
    matrix = similarity_matrix(["red green blue", "alpha beta"], ["red green blue", "gamma delta"])
    assert abs(matrix[0][0] - 1.0) < 1e-9
    assert matrix[1][1] == 0.0


def test_alignment_pairs_similar_paragraphs_and_leaves_gaps() -> None:
    pairs = [(pair.left, pair.right) for pair in align_texts(LEFT, RIGHT)]
    assert (0, 1) in pairs
    assert (2, 2) in pairs
    assert (None, 0) in pairs
    assert (1, None) in pairs and (3, None) in pairs


def test_alignment_is_monotone_and_covers_every_paragraph_once() -> None:
    pairs = align_texts(LEFT, RIGHT)
    lefts = [pair.left for pair in pairs if pair.left is not None]
    rights = [pair.right for pair in pairs if pair.right is not None]
    assert lefts == list(range(len(LEFT)))
    assert rights == list(range(len(RIGHT)))
    assert all(
        pair.similarity >= MIN_SIMILARITY for pair in pairs if None not in (pair.left, pair.right)
    )


def test_crossing_matches_are_not_made() -> None:
    # B-A against A-B: a monotone alignment can keep only one of the two matches.
    pairs = align_texts(
        ["alpha beta gamma delta", "one two three four"],
        ["one two three four", "alpha beta gamma delta"],
    )
    matched = [(p.left, p.right) for p in pairs if p.left is not None and p.right is not None]
    assert len(matched) == 1


def test_empty_sides() -> None:
    assert align_texts([], []) == []
    assert [(p.left, p.right) for p in align_texts(["a b"], [])] == [(0, None)]
    assert [(p.left, p.right) for p in align_texts([], ["a b"])] == [(None, 0)]


def test_align_articles_on_seeds_matches_an_article_with_itself() -> None:
    path = sorted(SEEDS.glob("*.txt"))[1]
    article = parse_article(path.read_text(encoding="utf-8"), "x", path)
    assert align(article, article) == [(i, i) for i in range(len(article.blocks))]


def test_compare_reports_shared_groups_and_json() -> None:
    left, right = _article(LEFT, "left"), _article(RIGHT, "right")
    # Only the quote group matters to compare(); stand-ins keep this test independent of quotes.py.
    left_quotes = [
        SimpleNamespace(group="g1"),
        SimpleNamespace(group="g2"),
        SimpleNamespace(group="g1"),
    ]
    right_quotes = [SimpleNamespace(group=None), SimpleNamespace(group="g1")]
    comparison = compare(left, right, left_quotes, right_quotes)  # type: ignore[arg-type]
    assert comparison.shared_groups == ("g1",)
    data = json.loads(comparison.to_json())
    assert data["left"]["id"] == "left" and data["right"]["id"] == "right"
    assert data["matched"] == comparison.matched >= 2
    assert {"left", "right", "similarity"} <= set(data["pairs"][0])


def test_compare_does_not_import_textual() -> None:
    code = "import sys, reader.compare; assert 'textual' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_blocks_of_different_kinds_pair_only_when_close() -> None:
    heading = Block("heading", "separate press conference", 0)
    caption = Block("caption", "Putin held a press conference after the summit — AFP", 0)
    same = Block("heading", "separate press conference", 0)
    assert [(p.left, p.right) for p in align_blocks([caption], [heading])] == [(0, None), (None, 0)]
    assert [(p.left, p.right) for p in align_blocks([same], [heading])] == [(0, 0)]


def test_side_by_side_sets_unmatched_neighbours_next_to_each_other() -> None:
    pairs = [
        AlignedPair(0, None, 0.0),
        AlignedPair(1, None, 0.0),
        AlignedPair(None, 0, 0.0),
        AlignedPair(2, 1, 0.9),
        AlignedPair(None, 2, 0.0),
    ]
    rows = [(row.left, row.right, row.paired) for row in side_by_side(pairs)]
    assert rows == [(0, 0, False), (1, None, False), (2, 1, True), (None, 2, False)]


@pytest.mark.slow  # indexes the seeds and loads the sentence encoder
def test_compare_json_has_sentence_pairs_with_body_offsets() -> None:
    from click.testing import CliRunner

    from reader.cli import cli

    left_id, right_id = "000_43d420fba78c7d6a", "002_3bb99c5d5b88d2c9"
    result = CliRunner().invoke(cli, ["compare", left_id, right_id, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["paragraphs"] and {"left", "right", "similarity"} <= set(data["paragraphs"][0])
    assert data["pairs"] and data["summary"].endswith("only right")
    bodies = {
        side: load_article(next(SEEDS.glob(f"{article[:3]}_*.txt")), SEEDS)
        for side, article in (("left", left_id), ("right", right_id))
    }
    for pair in data["pairs"]:
        assert pair["kind"] in {"copy", "same", "related"} and 0 <= pair["score"] <= 1
        for side in ("left", "right"):
            span, article = pair[side], bodies[side]
            text = article.body if span["field"] == "body" else article.title
            assert text[span["start"] : span["end"]] == span["text"]
    in_both = {pair["left"]["start"] for pair in data["pairs"] if pair["kind"] != "related"}
    assert not in_both & {span["start"] for span in data["only_left"]}
