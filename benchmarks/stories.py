"""Measure stories (which articles report the same event) and sentence alignment (compare).

Usage (from the repository root, with the shared corpora beside it):
    python benchmarks/stories.py                      # every figure, ECB+ topics 1-22 and MSRP val
    python benchmarks/stories.py --corpora ../shared/corpora --json stories.json
    python benchmarks/stories.py --fit                # refit the paraphrase decision on MSRP train
    python benchmarks/stories.py --msrp               # MSRP val figures only
    python benchmarks/stories.py --fit-alignment      # refit compare's pair decision (ECB+)
    python benchmarks/stories.py --skip-speed --scale 100000   # and stories at 100k articles

Prints: story clustering B³ F1 on ECB+ (reader and the TF-IDF average-linkage baseline), the
seeds' stories, the share of ECB+ gold sentence pairs compare aligns as same/copy (reader and
the TF-IDF nearest-sentence baseline), MSRP val accuracy of the paraphrase decision (reader
and a TF-IDF cosine threshold), the seeds' cyberattack pair, and speed figures. Timings are
of this machine under its current load.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.stories_eval import (
    alignment,
    alignment_fit,
    clustering,
    msrp,
    msrp_fit,
    scale,
    speed,
)

REPO = Path(__file__).resolve().parents[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpora", type=Path, default=REPO.parent / "shared" / "corpora")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--fit", action="store_true", help="refit the paraphrase decision (MSRP train, by CV)"
    )
    parser.add_argument("--msrp", action="store_true", help="only the MSRP figures")
    parser.add_argument(
        "--fit-alignment", action="store_true", help="refit compare's sentence-pair decision"
    )
    parser.add_argument("--skip-speed", action="store_true", help="accuracy figures only")
    parser.add_argument(
        "--scale", type=int, help="also build stories for BBC + Reuters copied to this many"
    )
    parser.add_argument(
        "--work", type=Path, default=Path(tempfile.gettempdir()) / "reader-benchmarks"
    )
    args = parser.parse_args(argv)
    stories = args.corpora / "stories"
    if not stories.is_dir():
        print(f"no story corpora in {stories}", file=sys.stderr)
        return 2
    csv.field_size_limit(1 << 24)
    if args.fit:
        msrp_fit.fit(stories / "msrp")
        return 0
    if args.fit_alignment:
        alignment_fit.fit(stories / "ecbplus")
        return 0
    if args.msrp:
        msrp.report(stories / "msrp")
        return 0
    started = time.perf_counter()
    figures: dict[str, object] = {}
    figures["clustering"] = clustering.report(stories / "ecbplus", REPO / "seeds")
    figures["alignment"] = alignment.report(stories / "ecbplus", REPO / "seeds")
    figures["msrp"] = msrp.report(stories / "msrp")
    if not args.skip_speed:
        figures["speed"] = speed.report(stories / "ecbplus")
    if args.scale:
        sources = [args.corpora / "bbc", args.corpora / "reuters21578" / "text"]
        figures["scale"] = scale.report(sources, args.scale, args.work)
    print(f"\n(all figures in {time.perf_counter() - started:.0f} s)")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
