"""One speaker's statements: each statement once (quote groups), who carried it and when,
and how the wordings differ word by word (pure functions; the speakers screen draws them)."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from reader.models import Quote

__all__ = ["Carrier", "Statement", "WordChange", "statements", "word_diff"]

_WORD = re.compile(r"\S+")


@dataclass(frozen=True, slots=True)
class Carrier:
    """One article that reports the statement, and the quote in it."""

    article: str
    source: str | None
    date: str | None
    quote: Quote
    title: str = ""

    @property
    def wording(self) -> str:
        return " ".join(self.quote.text.split())


@dataclass(frozen=True, slots=True)
class Statement:
    """A statement as its carriers report it; ``wording`` is the most common one."""

    wording: str
    carriers: tuple[Carrier, ...]

    @property
    def outlets(self) -> list[str]:
        return sorted({c.source for c in self.carriers if c.source}, key=str.casefold)

    @property
    def variants(self) -> int:
        """How many different wordings the carriers give."""
        return len({c.wording for c in self.carriers})


WordChange = tuple[int, int, str]
"""``(start, end, "insert" | "replace")``: characters of a variant's wording it has in place
of the main wording's, or ``(position, position, "delete")`` where words were left out."""


def statements(
    quotes: Mapping[str, Sequence[Quote]],
    outlets_and_dates: Mapping[str, tuple[str | None, str | None]],
    titles: Mapping[str, str] | None = None,
) -> list[Statement]:
    """Each statement once: quotes of one group (or of one wording, ungrouped) together,
    the statements reported most widely first, then the newest."""
    together: dict[str, list[Carrier]] = {}
    for article, article_quotes in quotes.items():
        source, date = outlets_and_dates.get(article, (None, None))
        for quote in article_quotes:
            title = (titles or {}).get(article, "")
            carrier = Carrier(article, source, date, quote, title)
            key = quote.group or f"text:{carrier.wording.casefold()}"
            together.setdefault(key, []).append(carrier)
    found = []
    for carriers in together.values():
        carriers.sort(key=lambda c: (c.date or "", c.source or "", c.article, c.quote.start))
        wordings = Counter(c.wording for c in carriers)
        wording = max(wordings.items(), key=lambda item: (item[1], len(item[0])))[0]
        found.append(Statement(wording, tuple(carriers)))
    found.sort(key=lambda s: s.wording)
    found.sort(key=lambda s: max(c.date or "" for c in s.carriers), reverse=True)
    found.sort(key=lambda s: len({c.article for c in s.carriers}), reverse=True)
    return found


def word_diff(base: str, variant: str) -> list[WordChange]:
    """Where ``variant`` differs from ``base``, by whole words (case and punctuation count),
    as character ranges of ``variant``."""
    base_words = [m.group() for m in _WORD.finditer(base)]
    spans = [(m.start(), m.end()) for m in _WORD.finditer(variant)]
    words = [variant[a:b] for a, b in spans]
    matcher = difflib.SequenceMatcher(a=base_words, b=words, autojunk=False)
    changes: list[WordChange] = []
    for op, _, _, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        if op == "delete":
            at = spans[j1][0] if j1 < len(spans) else len(variant)
            changes.append((at, at, "delete"))
        else:
            changes.append((spans[j1][0], spans[j2 - 1][1], op))
    return changes
