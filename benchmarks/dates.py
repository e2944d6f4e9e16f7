"""Article dates found in the text, checked on Reuters-21578 against the wire's own clock.

    python -m benchmarks.dates --data ../shared/corpora/reuters21578

reads every story of ``text/`` as ``reader`` does and compares the date it finds (a wire
dateline gives month and day, ``--02-26``) with the month and day of the story's timestamp in
``index.tsv`` (the wire's clock, US time: a story datelined in Asia is often a day ahead).
Prints how many stories are dated, how many agree, and a few that do not.

    python -m benchmarks.dates --pages ../shared/corpora/article-extraction

reads each saved page's whole text (``text/``, site chrome included, as the seeds are) and
compares the date found with the page's own publication date in its HTML (``published_time``
or ``datePublished``; within a day, as the page may give it in UTC): a header's date that is
the day the page was saved shows up as a wrong date here.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from datetime import date, datetime
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


_PUBLISHED = re.compile(
    r"""(?:published_time|datePublished)["']?\s*(?:content=|:)\s*["']((?:19|20)\d{2}-\d{2}-\d{2})"""
)


def pages(folder: Path) -> None:
    """Dates found in saved pages' text against their HTML's publication date."""
    counts = dict.fromkeys(("pages", "dated", "right", "wrong", "no date in the HTML"), 0)
    wrong: list[str] = []
    for path in sorted((folder / "text").glob("*.txt")):
        html = (folder / "html" / f"{path.stem}.html").read_text("utf-8", errors="replace")
        published = _PUBLISHED.search(html)
        try:
            found = article_from_bytes(path.read_bytes(), path, path.parent).date
        except ArticleError:
            found = None
        counts["pages"] += 1
        if found is None:
            continue
        counts["dated"] += 1
        if published is None:
            counts["no date in the HTML"] += 1
            continue
        truth = date.fromisoformat(published[1])
        stated = date.fromisoformat(f"{truth.year}{found[1:]}" if found[0] == "-" else found)
        right = abs((stated - truth).days) <= 1
        counts["right" if right else "wrong"] += 1
        if not right:
            wrong.append(f"{path.stem[:12]}: {found} (published {truth})")
    print(", ".join(f"{value} {name}" for name, value in counts.items()))
    for line in wrong:
        print(f"  {line}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="reuters21578 folder")
    parser.add_argument("--pages", type=Path, help="article-extraction folder (html/, text/)")
    arguments = parser.parse_args(argv)
    if arguments.pages:
        pages(arguments.pages)
        return
    data = arguments.data
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
