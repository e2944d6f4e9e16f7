"""Loading ECB+ (articles, event labels, gold sentence pairs) and MSRP as the README says."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from reader.articles import load_article
from reader.models import Article

__all__ = ["GoldPair", "ecb_articles", "ecb_labels", "gold_pairs", "msrp_pairs", "read_tsv"]


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a header-first TSV with no quoting (the corpora's format)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def ecb_labels(ecbplus: Path) -> dict[str, str]:
    """``{article id: event}`` in index.tsv order."""
    return {row["id"]: row["event"] for row in read_tsv(ecbplus / "index.tsv")}


def ecb_articles(ecbplus: Path) -> dict[str, Article]:
    """The ECB+ texts read by reader itself (title, cleaned body), by id."""
    text = ecbplus / "text"
    return {article: load_article(text / f"{article}.txt", text) for article in ecb_labels(ecbplus)}


@dataclass(frozen=True)
class GoldPair:
    """Two lines of two articles that mention the same event instance."""

    left: str
    left_text: str
    right: str
    right_text: str


def gold_pairs(ecbplus: Path) -> list[GoldPair]:
    return [
        GoldPair(row["id_a"], row["text_a"], row["id_b"], row["text_b"])
        for row in read_tsv(ecbplus / "sentence_pairs.tsv")
    ]


def msrp_pairs(msrp: Path, split: str) -> list[tuple[int, str, str]]:
    """``(label, sentence1, sentence2)`` of one split."""
    return [
        (int(row["label"]), row["sentence1"], row["sentence2"])
        for row in read_tsv(msrp / f"{split}.tsv")
    ]
