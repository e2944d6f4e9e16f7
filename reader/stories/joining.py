"""Placing a changed article in a neighbourhood too large to cluster again (a long-running
story of hundreds of articles): its stories stay as they are and the article joins the one
it is on average most similar to, its pairs weighed by the build's pair rules (anchor, floor,
week's window); the build's group checks (places that disagree, conflicting terms) are not
applied here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from reader.stories.clustering import ClusterSettings
from reader.stories.days import window_factors
from reader.stories.graph import Vectors

__all__ = ["join_fixed"]


def join_fixed(
    vectors: Vectors,
    stories: Mapping[str, str],
    added: Sequence[str],
    keys: Mapping[str, tuple[str, int, str]],
    sizes: Mapping[str, int],
    settings: ClusterSettings,
) -> list[list[str]]:
    """For a neighbourhood too large to cluster again: the stories stay as they are and each
    added article joins the one it is on average most similar to (or starts its own), its
    pairs weighed by the build's pair rules (``_linked``), without its group checks. Only
    ``vectors``' articles are placed; ``keys`` holds their dates; ``sizes`` counts the copies
    each stands for."""
    groups: dict[str, list[str]] = {}
    row_of = {article: row for row, article in enumerate(vectors.articles)}
    dates = [keys[article][0] for article in vectors.articles]
    for article, story in stories.items():
        if article in row_of:
            groups.setdefault(story, []).append(article)
    for article in added:
        if article not in row_of:
            continue  # an identical copy of an article placed here: it follows that one
        similarities = _linked(vectors, row_of[article], dates, settings)
        best, best_score = None, settings.threshold
        for story, members in groups.items():
            counts = [sizes.get(m, 1) for m in members]
            total = sum(
                float(similarities[row_of[m]]) * n for m, n in zip(members, counts, strict=True)
            )
            score = total / sum(counts)
            if score >= best_score:
                best, best_score = story, score
        groups.setdefault(best or article, []).append(article)
    return list(groups.values())


def _linked(
    vectors: Vectors, row: int, dates: Sequence[str], settings: ClusterSettings
) -> np.ndarray:
    """One article's similarity with every row as a build links the pair: 0 when what they
    share is not specific to few events (a template's words), when under the floor, or when
    their dates are further apart than the window (``graph.Vectors.anchored``,
    ``days.window_factors``)."""
    column = vectors.matrix[row].T.tocsc()
    similarity = np.asarray((vectors.matrix @ column).todense()).ravel()
    specific = column.multiply(vectors.specific[:, None]).tocsc()
    through_specific = np.asarray((vectors.matrix @ specific).todense()).ravel()
    linked = vectors.anchored(similarity, through_specific).astype(np.float64)
    linked[linked < settings.floor] = 0.0
    others = np.arange(len(dates))
    factors = window_factors(
        dates, np.full(len(dates), row), others, settings.window, settings.window_discount
    )
    return np.asarray(linked * factors, dtype=np.float64)
