"""Measure quotation detection and speaker attribution against annotated news corpora.

Usage:
    python benchmarks/quotes_eval.py /work/shared/corpora/polnear [--json out.json]
    python benchmarks/quotes_eval.py /work/shared/corpora/german-quotes

PolNeAR: train+dev compartments (annotator-training is reported separately with
``--compartments annotator-training``); relations repeated per annotator are de-duplicated by
(text_file, source, cue and content spans). german-quotes: all splits, `Direct` quotes are gold.
Prints a table of the four metrics for `reader.quotes.find_quotes` and for a naive regex
baseline.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.quote_sources import (
    credited,
    has_proper_name,
    names_someone,
    source_class,
    speaker_matches,
)
from reader.models import Quote
from reader.quotes import find_quotes

MARKS = "\"“”„‟«»'‘’‚‛‹›"
NAIVE_RE = re.compile(r"“[^”]*”|\"[^\"]*\"|„[^“]*“")


@dataclass(frozen=True)
class Gold:
    """One annotated attribution: content spans (marks may be included) and source text."""

    spans: tuple[tuple[int, int], ...]
    source: str
    direct: bool


@dataclass
class Doc:
    """One article text and its annotations."""

    name: str
    text: str
    golds: list[Gold] = field(default_factory=list)


@dataclass(frozen=True)
class Found:
    """One detected speech quote, as the metrics see it."""

    start: int
    end: int
    speaker: str | None
    kind: str = ""  # the speaker's kind: person, organisation, anonymous
    inner: str | None = None  # who said it, when `speaker` is the source it came through


Detector = Callable[[str], list[Found]]


def load_polnear(root: Path, compartments: set[str]) -> list[Doc]:
    """PolNeAR articles of the given compartments with de-duplicated relations."""
    docs: dict[str, Doc] = {}
    seen: set[tuple[object, ...]] = set()
    with (root / "attributions.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            rel = json.loads(line)
            if rel["compartment"] not in compartments:
                continue
            key = (rel["text_file"], *(_spans(rel[k]) for k in ("source", "cue", "content")))
            if key in seen:
                continue
            seen.add(key)
            doc = docs.get(rel["text_file"])
            if doc is None:
                text = (root / rel["text_file"]).read_text(encoding="utf-8")
                doc = docs[rel["text_file"]] = Doc(rel["text_file"], text)
            source = (rel.get("source") or {}).get("text", "")
            doc.golds.append(Gold(_spans(rel["content"]), source, bool(rel["direct_quote"])))
    for compartment in sorted(compartments):
        for path in sorted((root / "data" / compartment / "text").glob("*.txt")):
            name = str(path.relative_to(root))
            if name not in docs:
                docs[name] = Doc(name, path.read_text(encoding="utf-8"))
    return list(docs.values())


def load_german(root: Path) -> list[Doc]:
    """german-quotes articles; `Direct` quotes are the gold direct quotes."""
    docs: dict[str, Doc] = {}
    with (root / "quotes.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            rel = json.loads(line)
            doc = docs.get(rel["file"])
            if doc is None:
                text = (root / "text" / rel["file"]).read_text(encoding="utf-8")
                doc = docs[rel["file"]] = Doc(rel["file"], text)
            gold = Gold(_spans(rel["quote"]), rel["speaker"]["text"], rel["type"] == "Direct")
            doc.golds.append(gold)
    for path in sorted((root / "text").glob("*.txt")):
        if path.name not in docs:
            docs[path.name] = Doc(path.name, path.read_text(encoding="utf-8"))
    return list(docs.values())


def _spans(part: dict[str, object] | None) -> tuple[tuple[int, int], ...]:
    if not part:
        return ()
    spans = part.get("spans") or []
    assert isinstance(spans, list)
    return tuple((int(a), int(b)) for a, b in spans)


def reader_detector(text: str) -> list[Found]:
    """The project's detector: speech quotes only."""
    return [
        Found(q.start, q.end, q.speaker, q.speaker_kind or _kind_of(q.speaker), q.inner_speaker)
        for q in find_quotes(text)
        if q.kind == "speech"
    ]


def _kind_of(speaker: str | None) -> str:
    """A kind for detectors that give none: a capitalised speaker is a person."""
    if not speaker:
        return ""
    return "person" if speaker[:1].isupper() and not speaker.startswith("The ") else "other"


def naive_detector(text: str) -> list[Found]:
    """Every “...” or "..." pair is speech, nobody speaks."""
    return [Found(m.start() + 1, m.end() - 1, None) for m in NAIVE_RE.finditer(text)]


def _content_chars(text: str, spans: Iterable[tuple[int, int]]) -> set[int]:
    """Offsets of the gold content that count: no marks, no spaces."""
    return {
        i for a, b in spans for i in range(a, b) if text[i] not in MARKS and not text[i].isspace()
    }


def _covered(found: list[Found]) -> set[int]:
    return {i for f in found for i in range(f.start, f.end)}


@dataclass
class Tally:
    """Counters for the four metrics; attribution counted under two readings of "names
    someone": a proper name in the gold source (main figure), or any non-pronoun source."""

    gold: int = 0
    loose: int = 0
    strict: int = 0
    detected: int = 0
    precise: int = 0
    attr: dict[str, list[int]] = field(
        default_factory=lambda: {k: [0, 0, 0, 0] for k in ("named", "non_pronoun")}
    )
    anonymous: list[int] = field(default_factory=lambda: [0, 0])  # gold anonymous, named
    nested: int = 0  # quotes credited to a source with the one who said them kept inside

    def ratios(self) -> dict[str, float]:
        def div(a: int, b: int) -> float:
            return round(a / b, 4) if b else 0.0

        named, loose = self.attr["named"], self.attr["non_pronoun"]
        return {
            "recall_loose": div(self.loose, self.gold),
            "recall_strict": div(self.strict, self.gold),
            "precision": div(self.precise, self.detected),
            "attribution_recall": div(named[1], named[0]),
            "attribution_precision": div(named[3], named[2]),
            "attr_recall_non_pronoun": div(loose[1], loose[0]),
            "attr_precision_non_pronoun": div(loose[3], loose[2]),
        }


def _inside(found: Found, gold: Gold) -> int:
    return sum(max(0, min(found.end, b) - max(found.start, a)) for a, b in gold.spans)


COLUMNS = ("R_loose", "R_strict", "P", "attr_R", "attr_P", "attr_R_np", "attr_P_np")
SOURCE_TESTS = {"named": has_proper_name, "non_pronoun": names_someone}


def _right(quote: Found, source: str, text: str, key: str) -> bool:
    """The named reading keeps the surname rule; the non-pronoun reading credits a role
    or description for the person the article gives it or the same description."""
    if key == "named":
        return speaker_matches(quote.speaker or "", source)
    return credited(quote.speaker or "", quote.kind, source, text)


def score_doc(doc: Doc, found: list[Found], tally: Tally) -> None:
    """Add one article's counts to the tally."""
    covered = _covered(found)
    for gold in (g for g in doc.golds if g.direct):
        chars = _content_chars(doc.text, gold.spans)
        if not chars:
            continue
        tally.gold += 1
        share = len(chars & covered) / len(chars)
        tally.loose += share >= 0.3
        tally.strict += share >= 0.8
        best = max(found, key=lambda f: _inside(f, gold), default=None)
        hit = best is not None and _inside(best, gold) > 0 and bool(best.speaker)
        if source_class(gold.source) == "anonymous":
            tally.anonymous[0] += 1
            tally.anonymous[1] += hit and best is not None and best.kind == "person"
        for key, test in SOURCE_TESTS.items():
            if test(gold.source):
                tally.attr[key][0] += 1
                tally.attr[key][1] += hit and _right(best, gold.source, doc.text, key)  # type: ignore[arg-type]
    for quote in found:
        tally.nested += quote.inner is not None
        home = max(doc.golds, key=lambda g: _inside(quote, g), default=None)
        inside = home is not None and _inside(quote, home) * 2 >= max(1, quote.end - quote.start)
        tally.detected += 1
        tally.precise += inside
        if not quote.speaker:
            continue
        for key, test in SOURCE_TESTS.items():
            if not inside or test(home.source):  # type: ignore[union-attr]
                tally.attr[key][2] += 1
                tally.attr[key][3] += inside and _right(quote, home.source, doc.text, key)  # type: ignore[union-attr]


def evaluate(docs: list[Doc], detector: Detector) -> tuple[dict[str, float], float, Tally]:
    """Run a detector over the docs; ratios, seconds, raw counts."""
    tally = Tally()
    began = time.perf_counter()
    for doc in docs:
        score_doc(doc, detector(doc.text), tally)
    return tally.ratios(), time.perf_counter() - began, tally


def link_benchmark(folder: Path, copies: int) -> dict[str, object]:
    """Time find_quotes and link_quotes over a folder of articles (Reuters: 21,578 files);
    with copies > 1 also over that many edited copies of every article's quotes."""
    from reader.articles import ArticleError, load_article
    from reader.quotes.groups import link_quotes, quote_groups

    began = time.perf_counter()
    quotes: dict[str, list[Quote]] = {}
    for path in sorted(folder.rglob("*.txt")):
        try:
            quotes[str(path.relative_to(folder))] = find_quotes(load_article(path, folder).body)
        except ArticleError:
            continue
    found = time.perf_counter()
    groups = quote_groups(link_quotes(quotes))
    linked = time.perf_counter()
    result: dict[str, object] = {
        "articles": len(quotes),
        "quotes": sum(len(q) for q in quotes.values()),
        "find_quotes_seconds": round(found - began, 2),
        "link_quotes_seconds": round(linked - found, 2),
        "groups": len(groups),
    }
    if copies > 1:
        scaled = _edited_copies(quotes, copies)
        began = time.perf_counter()
        link_quotes(scaled)
        result["scaled_quotes"] = sum(len(q) for q in scaled.values())
        result["scaled_articles"] = len(scaled)
        result["scaled_link_quotes_seconds"] = round(time.perf_counter() - began, 2)
    return result


def _edited_copies(quotes: dict[str, list[Quote]], copies: int) -> dict[str, list[Quote]]:
    """`copies` versions of every article; every third copy drops one word of each quote."""
    scaled: dict[str, list[Quote]] = {}
    for copy in range(copies):
        for article, found in quotes.items():
            edited = []
            for index, quote in enumerate(found):
                words = quote.text.split()
                if copy % 3 == 2 and len(words) > 3:
                    del words[(copy + index) % len(words)]
                text = " ".join(words)
                edited.append(replace(quote, text=text, end=quote.start + len(text)))
            scaled[f"{copy}/{article}"] = edited
    return scaled


STRESS_INPUTS = {
    "10,000 stray “": "word “" * 10_000,
    '10,000 stray "': 'word "' * 10_000,
    "5,000 quotes in one sentence": "word “a b c d e” " * 5_000,
    "3,000 attributed quotes": "John Smith said “we win” and " * 3_000,
    "20,000 names, no full stop": "Aa Bb Cc, " * 20_000 + " he said “ok”",
}


def stress() -> dict[str, object]:
    """Seconds find_quotes takes on hostile inputs (each about 100-200 KB)."""
    timings: dict[str, object] = {}
    for name, body in STRESS_INPUTS.items():
        began = time.perf_counter()
        found = find_quotes(body)
        timings[name] = {"chars": len(body), "quotes": len(found),
                         "seconds": round(time.perf_counter() - began, 2)}  # fmt: skip
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, nargs="?", default=Path("."))
    parser.add_argument("--json", type=Path, help="write the results here")
    parser.add_argument("--compartments", default="train,dev", help="PolNeAR compartments")
    parser.add_argument("--split", help="german-quotes splits (train,dev,test); default all")
    parser.add_argument("--link", action="store_true", help="time link_quotes on a folder")
    parser.add_argument("--copies", type=int, default=1, help="with --link: scale up N times")
    parser.add_argument("--stress", action="store_true", help="time hostile inputs")
    args = parser.parse_args()
    if args.stress:
        print(json.dumps(stress(), indent=2, ensure_ascii=False))
        return
    if args.link:
        timing = link_benchmark(args.corpus, args.copies)
        print(json.dumps(timing, indent=2))
        if args.json:
            args.json.write_text(json.dumps(timing, indent=2), encoding="utf-8")
        return
    if (args.corpus / "attributions.jsonl").exists():
        docs = load_polnear(args.corpus, set(args.compartments.split(",")))
    else:
        docs = load_german(args.corpus)
        if args.split:
            docs = [doc for doc in docs if doc.name.split("-")[0] in args.split.split(",")]
    results: dict[str, object] = {"corpus": str(args.corpus), "articles": len(docs)}
    print(f"{len(docs)} articles from {args.corpus}")
    print(f"{'detector':<10}" + "".join(f"{k:>13}" for k in COLUMNS))
    for name, detector in (("reader", reader_detector), ("naive", naive_detector)):
        ratios, seconds, tally = evaluate(docs, detector)
        results[name] = {**ratios, "seconds": round(seconds, 2), "counts": vars(tally)}
        print(f"{name:<10}" + "".join(f"{v:>13.3f}" for v in ratios.values()))
    counts = results["reader"]["counts"]  # type: ignore[index]
    print(f"gold direct quotes: {counts['gold']}; gold anonymous sources given a named person:"
          f" {counts['anonymous'][1]} of {counts['anonymous'][0]}; credited to a source with"
          f" the speaker kept inside (nested): {counts['nested']}")  # fmt: skip
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
