"""List the quotations credited to a source that passed someone's words on ("“...,” Sanders
said, according to CNN": speaker CNN, inner speaker Bernie Sanders), with their paragraph,
for reading by hand whether the inner speaker is right.

    python benchmarks/nested_sources.py ../shared/corpora/polnear --compartments train
"""

from __future__ import annotations

import argparse
from pathlib import Path

from benchmarks.quotes_eval import load_polnear
from reader.quotes import find_quotes

_CONTEXT = 250


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--compartments", default="train", help="PolNeAR compartments")
    args = parser.parse_args()
    count = 0
    for doc in load_polnear(args.corpus, set(args.compartments.split(","))):
        for quote in find_quotes(doc.text):
            if quote.inner_speaker is None:
                continue
            count += 1
            start = max(doc.text.rfind("\n", 0, quote.start) + 1, quote.start - _CONTEXT)
            end = doc.text.find("\n", quote.end)
            end = min(len(doc.text) if end < 0 else end, quote.end + _CONTEXT)
            print(f"## {doc.name} @{quote.start}  {quote.speaker_label}")
            print("   ", doc.text[start:end].replace("\n", " "))
    print(f"{count} quotations with an inner speaker")


if __name__ == "__main__":
    main()
