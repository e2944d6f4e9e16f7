"""MSRP: the accuracy of compare's paraphrase decision and a TF-IDF baseline (the fit is in
``msrp_fit``)."""

from __future__ import annotations

import math
import re
from collections import Counter
from pathlib import Path

import numpy as np

from benchmarks.stories_eval import msrp_fit
from benchmarks.stories_eval.data import msrp_pairs
from reader.stories import paraphrase

_WORD_RE = re.compile(r"[^\W_]+")


def _cosines(pairs: list[tuple[int, str, str]]) -> np.ndarray:
    return msrp_fit.stored_cosines(pairs)


def _logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0) -> tuple[np.ndarray, float]:
    """L2-regularised logistic regression by Newton's method (weights, bias)."""
    design = np.hstack([x, np.ones((len(x), 1))])
    weights = np.zeros(design.shape[1])
    penalty = np.eye(design.shape[1]) * l2
    penalty[-1, -1] = 0.0
    for _ in range(50):
        p = 1 / (1 + np.exp(-design @ weights))
        gradient = design.T @ (p - y) + penalty @ weights
        hessian = design.T @ (design * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        weights -= step
        if np.abs(step).max() < 1e-8:
            break
    return weights[:-1], float(weights[-1])


def _tfidf_cosines(
    pairs: list[tuple[int, str, str]], frequency: Counter[str], total: int
) -> list[float]:
    def vector(text: str) -> dict[str, float]:
        counts = Counter(w.lower() for w in _WORD_RE.findall(text))
        weights = {
            w: (1 + math.log(n)) * (math.log((1 + total) / (1 + frequency[w])) + 1)
            for w, n in counts.items()
        }
        norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
        return {w: v / norm for w, v in weights.items()}

    out = []
    for _, a, b in pairs:
        va, vb = vector(a), vector(b)
        out.append(sum(v * vb.get(w, 0.0) for w, v in va.items()))
    return out


def _baseline(train: list[tuple[int, str, str]], val: list[tuple[int, str, str]]) -> float:
    """TF-IDF cosine with the threshold that is best on train, scored on val."""
    frequency: Counter[str] = Counter()
    for _, a, b in train:
        for text in (a, b):
            frequency.update({w.lower() for w in _WORD_RE.findall(text)})
    total = 2 * len(train)
    scores = np.asarray(_tfidf_cosines(train, frequency, total))
    labels = np.asarray([y for y, _, _ in train])
    candidates = np.unique(scores)
    best = max(candidates, key=lambda t: float(((scores >= t) == labels).mean()))
    val_scores = np.asarray(_tfidf_cosines(val, frequency, total))
    return float(((val_scores >= best) == np.asarray([y for y, _, _ in val])).mean())


def report(msrp: Path) -> dict[str, float]:
    train, val = msrp_pairs(msrp, "train"), msrp_pairs(msrp, "val")
    cosines = _cosines(val)
    decided = [
        paraphrase.paraphrase_probability(a, b, float(c)) >= 0.5
        for (_, a, b), c in zip(val, cosines, strict=True)
    ]
    labels_val = [bool(y) for y, _, _ in val]
    accuracy = float(np.mean([d == y for d, y in zip(decided, labels_val, strict=True)]))
    majority = float(np.mean([y for y, _, _ in val]))
    labels = np.asarray([y for y, _, _ in train])
    train_cosines = _cosines(train)
    threshold = max(
        np.unique(train_cosines), key=lambda t: float(((train_cosines >= t) == labels).mean())
    )
    encoder_only = float(((cosines >= threshold) == np.asarray([y for y, _, _ in val])).mean())
    baseline = _baseline(train, val)
    print("\nMSRP val (500 pairs): accuracy of the paraphrase decision")
    print(f"  reader (encoder + exact signals + word weights)    {accuracy:.3f}   target >= 0.80")
    print("    (compare's decision for a pair with no context; in two articles the ECB+-fitted")
    print("    pair model, which weighs the two articles' other sentences, decides too)")
    print(f"  encoder cosine alone, threshold from train         {encoder_only:.3f}")
    print(f"  TF-IDF cosine baseline, threshold from train       {baseline:.3f}")
    print(f"  majority class                                     {max(majority, 1 - majority):.3f}")
    return {"accuracy": accuracy, "encoder_only": encoder_only, "tfidf_baseline": baseline}
