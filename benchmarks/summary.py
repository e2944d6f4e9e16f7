"""Combine several result files into one Markdown report: ``python -m benchmarks.summary *.json``.

Prints each corpus's table (as ``benchmarks.run`` does) and then one table of the targets
across corpora.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.report import markdown, targets


def _cell(item: dict[str, Any]) -> str:
    value = item["value"]
    if value is None:
        return "–"
    unit = item["unit"]
    shown = f"{value:.3f}" if unit == "s" else f"{value:,.1f}"
    mark = {True: "met", False: "**missed**", None: ""}[item["met"]]
    return f"{shown} {unit} ({mark})"


def summary(results: list[dict[str, Any]]) -> str:
    """Every corpus's table, then the targets side by side."""
    parts = [markdown(result) for result in results]
    labels = [result["corpus"]["label"] for result in results]
    rows: dict[str, list[str]] = {}
    limits: dict[str, list[str]] = {}
    for column, result in enumerate(results):
        for item in targets(result):
            rows.setdefault(item["target"], ["–"] * len(results))[column] = _cell(item)
            limit = f"{item['limit']:g} {item['unit']}"
            if limit not in limits.setdefault(item["target"], []):
                limits[item["target"]].append(limit)
    lines = [
        "### Targets across corpora",
        "",
        "| target | limit | " + " | ".join(labels) + " |",
        "|---|---:|" + "---:|" * len(labels),
    ]
    lines += [
        f"| {name} | {' / '.join(limits[name])} | " + " | ".join(cells) + " |"
        for name, cells in rows.items()
    ]
    return "\n".join(parts) + "\n" + "\n".join(lines) + "\n"


def main() -> None:
    results = [json.loads(Path(name).read_text(encoding="utf-8")) for name in sys.argv[1:]]
    print(summary(results))


if __name__ == "__main__":
    main()
