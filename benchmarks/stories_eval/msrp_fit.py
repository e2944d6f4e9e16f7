"""Fit compare's paraphrase decision on MSRP train and write ``reader/stories/paraphrase.json``.

The variant is chosen by cross-validation on train (5 folds, twice reshuffled), never on val:
the first n dense features (21: the previous model's; 37: without the two substitution
counts; all), alone or with the word weights for words seen in at least 5 or 10 training
pairs, at a few L2 strengths.
The best mean accuracy wins and is refitted on all of train. ``python -m benchmarks.stories
--fit`` runs this; ``--msrp`` then reports val.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

from benchmarks.stories_eval.data import msrp_pairs
from reader.stories import encoder, paraphrase

Pairs = Sequence[tuple[int, str, str]]
# (dense features used, minimum pairs a word is seen in (0: no word weights), word L2)
ALL = len(paraphrase.FEATURES)
VARIANTS = (
    (21, 0, 0.0),
    (37, 0, 0.0),
    (37, 5, 10.0),
    (ALL, 0, 0.0),
    (ALL, 10, 10.0),
    (ALL, 5, 3.0),
    (ALL, 5, 10.0),
    (ALL, 5, 30.0),
)
DENSE_L2 = 1.0


def stored_cosines(pairs: Pairs) -> np.ndarray:
    """The encoder cosine of each pair, from vectors as the index stores them (float16)."""

    def vectors(texts: list[str]) -> np.ndarray:
        return encoder.from_bytes(encoder.to_bytes(encoder.embed(texts)))

    left, right = vectors([a for _, a, _ in pairs]), vectors([b for _, _, b in pairs])
    return np.einsum("ij,ij->i", left, right)


def dense(pairs: Pairs, cosines: np.ndarray) -> np.ndarray:
    rows = [
        paraphrase.features(a, b, float(c)) for (_, a, b), c in zip(pairs, cosines, strict=True)
    ]
    return np.asarray(rows, dtype=np.float64)


def vocabulary(pairs: Pairs, min_pairs: int) -> list[str]:
    seen: Counter[str] = Counter()
    for _, a, b in pairs:
        seen.update(paraphrase.word_bag(a) | paraphrase.word_bag(b))
    return sorted(word for word, n in seen.items() if n >= min_pairs) if min_pairs else []


def word_matrix(pairs: Pairs, words: list[str]) -> sparse.csr_matrix:
    """One column per word and side (longer only, shorter only, both), as ``word_sides``."""
    column = {word: i for i, word in enumerate(words)}
    rows, columns, values = [], [], []
    for row, (_, a, b) in enumerate(pairs):
        for word, side, amount in paraphrase.word_sides(a, b):
            if word in column:
                rows.append(row)
                columns.append(side * len(words) + column[word])
                values.append(amount)
    return sparse.csr_matrix((values, (rows, columns)), shape=(len(pairs), 3 * len(words)))


def logistic(design: sparse.csr_matrix, labels: np.ndarray, penalty: np.ndarray) -> np.ndarray:
    """L2-penalised logistic regression (L-BFGS); the last weight is the unpenalised bias."""

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        z = design @ weights[:-1] + weights[-1]
        p = 1.0 / (1.0 + np.exp(-z))
        value = np.sum(np.logaddexp(0.0, z) - labels * z) + 0.5 * np.sum(
            penalty * weights[:-1] ** 2
        )
        gradient = np.append(design.T @ (p - labels) + penalty * weights[:-1], np.sum(p - labels))
        return float(value), gradient

    start = np.zeros(design.shape[1] + 1)
    found = minimize(loss, start, jac=True, method="L-BFGS-B", options={"maxiter": 3000})
    weights: np.ndarray = found.x
    return weights


class Fitted:
    """One variant fitted on some pairs: standardise, weigh, predict."""

    def __init__(self, pairs: Pairs, x: np.ndarray, variant: tuple[int, int, float]) -> None:
        self.n_dense, min_pairs, word_l2 = variant
        x = x[:, : self.n_dense]
        self.mean, self.scale = x.mean(axis=0), x.std(axis=0)
        self.scale[self.scale < 1e-6] = 1.0  # constant here (and never 0 once rounded)
        self.words = vocabulary(pairs, min_pairs)
        design = self._design(pairs, x)
        penalty = np.concatenate(
            [np.full(self.n_dense, DENSE_L2), np.full(3 * len(self.words), word_l2)]
        )
        labels = np.asarray([y for y, _, _ in pairs], dtype=np.float64)
        self.weights = logistic(design, labels, penalty)

    def _design(self, pairs: Pairs, x: np.ndarray) -> sparse.csr_matrix:
        standard = sparse.csr_matrix((x[:, : self.n_dense] - self.mean) / self.scale)
        return sparse.hstack([standard, word_matrix(pairs, self.words)]).tocsr()

    def accuracy(self, pairs: Pairs, x: np.ndarray) -> float:
        scores = self._design(pairs, x) @ self.weights[:-1] + self.weights[-1]
        labels = np.asarray([y for y, _, _ in pairs])
        return float(((scores >= 0) == labels).mean())

    def to_json(self) -> dict[str, object]:
        n, k = self.n_dense, len(self.words)
        word_weights = self.weights[n:-1].reshape(3, k)
        return {
            "features": list(paraphrase.FEATURES[:n]),
            "mean": [round(float(v), 6) for v in self.mean],
            "scale": [round(float(v), 6) for v in self.scale],
            "weights": [round(float(v), 6) for v in self.weights[:n]],
            "bias": round(float(self.weights[-1]), 6),
            "words": {
                word: [round(float(v), 5) for v in word_weights[:, i]]
                for i, word in enumerate(self.words)
                if np.abs(word_weights[:, i]).max() >= 1e-4
            },
        }


def cross_validate(pairs: Pairs, x: np.ndarray, variant: tuple[int, int, float]) -> float:
    accuracies = []
    for repeat in range(2):
        order = np.random.default_rng(repeat).permutation(len(pairs))
        for fold in range(5):
            held = set(order[fold::5].tolist())
            inside = [i for i in range(len(pairs)) if i not in held]
            outside = sorted(held)
            model = Fitted([pairs[i] for i in inside], x[inside], variant)
            accuracies.append(model.accuracy([pairs[i] for i in outside], x[outside]))
    return float(np.mean(accuracies))


def fit(msrp: Path) -> None:
    """Choose the variant by cross-validation on train, refit it on train, write the file."""
    train = msrp_pairs(msrp, "train")
    x = dense(train, stored_cosines(train))
    print("MSRP train, 5-fold cross-validation (twice): dense features, word weights")
    scored = []
    for variant in VARIANTS:
        accuracy = cross_validate(train, x, variant)
        n_dense, min_pairs, word_l2 = variant
        words = f"words seen in >= {min_pairs} pairs, L2 {word_l2:g}" if min_pairs else "no words"
        print(f"  {n_dense} dense features, {words}: {accuracy:.4f}")
        scored.append((accuracy, variant))
    accuracy, chosen = max(scored, key=lambda item: item[0])
    model = Fitted(train, x, chosen)
    print(f"chosen {chosen} (CV {accuracy:.4f}); train accuracy {model.accuracy(train, x):.4f}")
    if chosen[0] != ALL:
        raise SystemExit("the chosen variant drops features paraphrase.py computes; not written")
    text = json.dumps(model.to_json(), ensure_ascii=False, separators=(",", ":"))
    paraphrase.WEIGHTS_FILE.write_text(text + "\n", encoding="utf-8")
    print(f"wrote {paraphrase.WEIGHTS_FILE}")
