"""The benchmark suite stays runnable: a tiny run on the seeds writes well-formed JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_benchmark_runs_on_the_seeds(tmp_path: Path) -> None:
    out = tmp_path / "results.json"
    command = [
        sys.executable, "-m", "benchmarks.run",
        "--corpus", str(REPO / "seeds"), "--scale", "8", "--work", str(tmp_path / "work"),
        "--out", str(out), "--repeat", "1", "--rg-queries", "2",
        "--tui-runs", "1", "--tui-queries", "2",
    ]  # fmt: skip
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "| full build, s |" in completed.stdout

    result = json.loads(out.read_text(encoding="utf-8"))
    assert {"cores", "memory_gb", "python"} <= result["machine"].keys()
    assert result["corpus"]["articles"] == 8
    assert result["queries"]["count"] >= 100
    reader = result["systems"]["reader"]
    assert {"build", "startup", "change", "query_warm", "query_first", "index_bytes"} <= set(reader)
    assert reader["build"]["articles"] == 8
    assert reader["change"]["found"] == reader["change"]["rounds"]
    assert reader["query_warm"]["n"] == result["queries"]["count"]
    assert {"p50_ms", "p95_ms"} <= reader["query_first"].keys()
    for peer in ("fts5", "whoosh"):
        assert result["systems"][peer]["build"]["articles"] == 8
        assert {"p50_ms", "p95_ms"} <= result["systems"][peer]["query_warm"].keys()
    assert "ripgrep" in result["systems"]
    tui = result["tui"]
    assert "skipped" in tui or {"first_paint_s", "enter_to_hits", "peak_rss_mb"} <= tui.keys()
    assert {target["target"] for target in result["targets"]} >= {"full build vs FTS5"}
    assert not any((REPO / name).exists() for name in ("corpus", "index", "cleaned.jsonl"))


def test_personal_benchmark_runs_on_the_seeds(tmp_path: Path) -> None:
    command = [
        sys.executable, "-m", "benchmarks.personal", "--corpus", str(REPO / "seeds"),
        "--work", str(tmp_path), "--read", "2", "--repeat", "2",
    ]  # fmt: skip
    completed = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, completed.stderr[-2000:]
    result = json.loads(completed.stdout)
    assert result["articles"] == 5 and result["read"] == 2
    exported = result["export articles"]
    assert exported["records"] == exported["articles"] <= 3
    assert {"first_ms", "p50_ms", "max_ms"} <= result["search is:unread"].keys()
