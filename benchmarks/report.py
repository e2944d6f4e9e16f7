"""Targets from issue 5 and the Markdown rendering of a benchmark run."""

from __future__ import annotations

from typing import Any

__all__ = ["markdown", "targets"]

LARGE = 100_000


def _get(data: dict[str, Any], *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _target(name: str, value: float | None, limit: float, unit: str) -> dict[str, Any]:
    met = None if value is None else value <= limit
    return {"target": name, "value": value, "limit": limit, "unit": unit, "met": met}


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a is not None and b else None


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue with the measured value; ``met`` is None when not measured."""
    systems = result["systems"]
    files = result["corpus"].get("files") or result["corpus"]["articles"]
    search_limit = 3.0 if files >= LARGE else 2.0
    warm_ratio = _ratio(
        _get(systems, "reader", "query_warm", "p95_ms"),
        _get(systems, "fts5", "query_warm", "p95_ms"),
    )
    build_ratio = _ratio(
        _get(systems, "reader", "build", "seconds"), _get(systems, "fts5", "build", "seconds")
    )
    cpu_ratio = _ratio(
        _get(systems, "reader", "build", "cpu_s"), _get(systems, "fts5", "build", "cpu_s")
    )
    tui = result.get("tui", {})
    return [
        _target("search p95 (warm) vs FTS5", warm_ratio, search_limit, "×"),
        _target("full build vs FTS5", build_ratio, 10.0, "×"),
        _target("full build vs FTS5, CPU time (all processes)", cpu_ratio, 20.0, "×"),
        _target(
            "no-change start-up check", _get(systems, "reader", "startup", "check_s"), 0.5, "s"
        ),
        _target(
            "one changed file searchable", _get(systems, "reader", "change", "median_s"), 1.0, "s"
        ),
        _target("TUI first paint (median)", _get(tui, "first_paint_s"), 0.6, "s"),
        _target("TUI Enter to hits p95", _get(tui, "enter_to_hits", "p95_ms"), 50.0, "ms"),
        _target("TUI peak RSS", _get(tui, "peak_rss_mb"), 200.0, "MB"),
    ]


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        if abs(value) >= 100:
            return f"{value:,.0f}"
        return f"{value:.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def _latency(system: dict[str, Any], key: str) -> str:
    data = system.get(key)
    if not data or "p50_ms" not in data:
        return "–"
    return f"{_fmt(data['p50_ms'], 1)} / {_fmt(data['p95_ms'], 1)}"


def markdown(result: dict[str, Any]) -> str:
    """A table of every figure for reader and its peers, then the machine and the targets."""
    machine, corpus, systems = result["machine"], result["corpus"], result["systems"]
    names = [
        ("reader", "reader"),
        ("fts5", "SQLite FTS5"),
        ("ripgrep", "ripgrep"),
        ("whoosh", "stock Whoosh"),
    ]
    present = [(key, label) for key, label in names if key in systems]
    lines = [
        f"### {corpus['label']}: {corpus['articles']:,} articles, {corpus['bytes'] / 1e6:,.1f} MB",
        "",
        f"Machine: {machine['cores']} cores, {machine['memory_gb']} GB, {machine['cpu']}, "
        f"Python {machine['python']}; load average at start {machine['load_average']}.",
        "",
        "| figure | " + " | ".join(label for _, label in present) + " |",
        "|---|" + "---:|" * len(present),
    ]

    def row(label: str, cell: Any) -> None:
        lines.append(f"| {label} | " + " | ".join(cell(systems[key]) for key, _ in present) + " |")

    row("full build, s", lambda s: _fmt(_get(s, "build", "seconds")))
    row("articles/s", lambda s: _fmt(_get(s, "build", "articles_per_s"), 0))
    row("build CPU time (all processes), s", lambda s: _fmt(_get(s, "build", "cpu_s")))
    row("build peak RSS, MB (+ workers)", lambda s: _rss(s.get("build")))
    row("no-change start-up check, s", lambda s: _fmt(_get(s, "startup", "check_s"), 3))
    row("one changed file searchable, s", lambda s: _fmt(_get(s, "change", "median_s"), 3))
    row(
        "… update() incl. quote relinking, s",
        lambda s: _fmt(_get(s, "change", "update_median_s"), 3),
    )
    row("query warm p50 / p95, ms", lambda s: _latency(s, "query_warm"))
    row("query first-after-open p50 / p95, ms", lambda s: _latency(s, "query_first"))
    row("index size, MB", lambda s: _fmt(_mb(s.get("index_bytes"))))
    row("index / corpus size", lambda s: _fmt(_get(s, "index_ratio")))
    tui = result.get("tui", {})
    lines.append("")
    if "skipped" in tui:
        lines.append(f"TUI: skipped ({tui['skipped']}).")
    elif tui:
        lines.append(
            f"TUI ({tui.get('rows', 0):,} rows): first paint {_fmt(tui.get('first_paint_s'), 3)} s"
            f" median of {tui.get('runs', 1)} (process start to list painted), Enter to hits"
            f" p50 / p95 {_latency(tui, 'enter_to_hits')} ms, peak RSS"
            f" {_fmt(tui.get('peak_rss_mb'), 0)} MB."
        )
    lines += ["", "| target | measured | limit | met |", "|---|---:|---:|:---:|"]
    for item in result["targets"]:
        met = {True: "yes", False: "**no**", None: "–"}[item["met"]]
        value = _fmt(item["value"], 3 if item["unit"] == "s" else 2)
        lines.append(
            f"| {item['target']} | {value} {item['unit']} | {item['limit']:g} "
            f"{item['unit']} | {met} |"
        )
    return "\n".join(lines) + "\n"


def _rss(build: dict[str, Any] | None) -> str:
    if not build or "peak_rss_mb" not in build:
        return "–"
    workers = build.get("children_peak_rss_mb") or 0
    return f"{build['peak_rss_mb']:.0f}" + (f" (+{workers:.0f})" if workers else "")


def _mb(value: int | None) -> float | None:
    return None if value is None else value / 1e6
