"""Measuring helpers: percentiles, peak RSS, machine facts, running a task in a subprocess."""

from __future__ import annotations

import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

__all__ = ["machine", "peak_rss_mb", "percentiles", "run_task"]

REPO = Path(__file__).resolve().parent.parent


def percentiles(samples_ms: list[float]) -> dict[str, float | int]:
    """Median and 95th percentile (nearest rank) of latencies in milliseconds."""
    if not samples_ms:
        return {"n": 0, "p50_ms": float("nan"), "p95_ms": float("nan")}
    ordered = sorted(samples_ms)
    rank = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return {
        "n": len(ordered),
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(ordered[rank], 3),
        "max_ms": round(ordered[-1], 3),
    }


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its (waited-for) children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"peak_rss_mb": round(own, 1), "children_peak_rss_mb": round(children, 1)}


def machine() -> dict[str, Any]:
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gb": round(pages / 2**30, 1),
        "cpu": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def run_task(task: str, timeout: float | None = None, **arguments: Any) -> dict[str, Any]:
    """Run ``benchmarks.child`` ``task`` in a fresh interpreter; its JSON answer plus wall time."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, "-m", "benchmarks.child", task, json.dumps(arguments)]
    started = time.perf_counter()
    spawned = time.time()
    completed = subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=timeout,
        check=False,
        input=json.dumps({"spawned": spawned}),
    )
    wall = time.perf_counter() - started
    if completed.returncode != 0:
        raise RuntimeError(f"task {task} failed:\n{completed.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    answer["process_wall_s"] = round(wall, 3)
    return answer
