"""The story benchmark's scorers: B³ and the average-linkage baseline on made-up data."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from benchmarks.stories_eval.audit import read_corpus, size_classes, stories
from benchmarks.stories_eval.clustering import average_linkage, b_cubed


def test_b_cubed_is_one_for_the_gold_clustering_and_lower_otherwise() -> None:
    labels = {"a": "x", "b": "x", "c": "y"}
    assert b_cubed([["a", "b"], ["c"]], labels) == (1.0, 1.0, 1.0)
    f1, precision, recall = b_cubed([["a", "b", "c"]], labels)
    assert recall == 1.0 and abs(precision - (2 / 3 * 2 / 3 + 1 / 3 * 1 / 3) * 1) < 1e-9
    assert f1 < 1.0
    f1, precision, recall = b_cubed([["a"], ["b"], ["c"]], labels)
    assert precision == 1.0 and abs(recall - (0.5 + 0.5 + 1) / 3) < 1e-9


def test_average_linkage_merges_down_to_the_threshold() -> None:
    similarity = np.array([[1.0, 0.9, 0.1], [0.9, 1.0, 0.2], [0.1, 0.2, 1.0]])
    assert sorted(map(sorted, average_linkage(similarity, 0.5))) == [[0, 1], [2]]
    assert len(average_linkage(similarity, 0.1)) == 1  # (0.1 + 0.2) / 2 = 0.15 merges
    assert len(average_linkage(similarity, 0.95)) == 3


def test_the_audit_counts_stories_and_articles_by_size(tmp_path: Path) -> None:
    rows = size_classes([1, 1, 2, 4, 5, 30, 600])
    assert rows[:4] == [("1", 2, 2), ("2", 1, 2), ("3", 0, 0), ("4-5", 2, 9)]
    assert ("21-50", 1, 30) in rows and rows[-1] == ("> 500", 1, 600)
    for number, text in enumerate(["Geneva summit. Putin met Biden in Geneva.", "Snow in Oslo."]):
        (tmp_path / f"{number}.txt").write_text(text, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")  # unreadable: skipped
    texts = read_corpus(tmp_path)
    assert [text.id for text in texts] == ["0", "1"]
    assert sorted(map(sorted, stories(texts))) == [["0"], ["1"]]


def test_the_paraphrase_fit_learns_word_weights_and_writes_a_file_paraphrase_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from benchmarks.stories_eval import msrp_fit
    from reader.stories import paraphrase

    subjects = ["The mayor", "A spokesman", "The company", "Police", "The minister", "Officials"]
    verbs = ["confirmed the plan", "announced the result", "reported the figures", "denied it"]
    pairs: list[tuple[int, str, str]] = []
    for subject in subjects:
        for verb in verbs:
            sentence = f"{subject} {verb} on Monday."
            pairs.append((1, sentence, f"{subject} {verb} on Monday, officials said."))
            pairs.append((0, sentence, f"{subject} {verb} on Monday and zebras escaped."))
    x = msrp_fit.dense(pairs, np.full(len(pairs), 0.8))
    model = msrp_fit.Fitted(pairs, x, (msrp_fit.ALL, 2, 1.0))
    assert model.accuracy(pairs, x) == 1.0
    written = model.to_json()
    words = written["words"]
    assert isinstance(words, dict)
    assert words["zebra"][0] < 0  # only in the longer sentence: not a paraphrase
    (tmp_path / "paraphrase.json").write_text(json.dumps(written), encoding="utf-8")
    monkeypatch.setattr(paraphrase, "WEIGHTS_FILE", tmp_path / "paraphrase.json")
    paraphrase.model.cache_clear()
    try:
        left = "The mayor confirmed the plan on Monday."
        assert paraphrase.paraphrase_probability(left, f"{left[:-1]}, officials said.", 0.8) > 0.5
        assert (
            paraphrase.paraphrase_probability(left, f"{left[:-1]} and zebras escaped.", 0.8) < 0.5
        )
    finally:
        paraphrase.model.cache_clear()
