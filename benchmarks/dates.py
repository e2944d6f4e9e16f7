"""Article dates found in the text, checked on Reuters-21578 against the wire's own clock.

    python -m benchmarks.dates --data ../shared/corpora/reuters21578

reads every story of ``text/`` as ``reader`` does and compares the date it finds (a wire
dateline gives month and day, ``--02-26``) with the month and day of the story's timestamp in
``index.tsv`` (the wire's clock, US time: a story datelined in Asia is often a day ahead).
Prints how many stories are dated, how many agree, and a few that do not.
"""

from __future__ import annotations

import argparse
import csv
import sys
from datetime import datetime
from pathlib import Path

if __package__ in (None, ""):  # run as ``python benchmarks/dates.py``
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.articles import ArticleError, article_from_bytes

DEFAULT_DATA = Path(__file__).resolve().parent.parent.parent / "shared/corpora/reuters21578"


def wire_days(index: Path) -> dict[str, str]:
    """``{"00001": "02-26"}``: each story's month and day on the wire's clock."""
    days: dict[str, str] = {}
    with index.open(encoding="utf-8", errors="replace", newline="") as rows:
        for row in csv.DictReader(rows, delimiter="\t"):
            try:
                stamp = datetime.strptime((row.get("date") or "").split()[0], "%d-%b-%Y")
            except (ValueError, IndexError):
                continue
            days[row["file"].removesuffix(".txt")] = stamp.strftime("%m-%d")
    return days


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="reuters21578 folder")
    data = parser.parse_args(argv).data
    text = data / "text"
    days = wire_days(data / "index.tsv")
    stories = dated = agree = 0
    other: list[str] = []
    for path in sorted(text.glob("*.txt")):
        try:
            article = article_from_bytes(path.read_bytes(), path, text)
        except ArticleError:
            continue
        stories += 1
        if not article.date:
            continue
        dated += 1
        if article.date[-5:] == days.get(path.stem):
            agree += 1
        elif len(other) < 5:
            other.append(f"{path.name}: {article.date} (wire {days.get(path.stem)})")
    print(f"{stories:,} stories, {dated:,} dated ({stories - dated:,} undated)")
    print(f"same month and day as the wire's timestamp: {agree:,}; other: {dated - agree:,}")
    for line in other:
        print(f"  {line}")


if __name__ == "__main__":
    main()
