"""Where the first paint's time goes: CPU seconds of ``reader`` and of the trivial Textual app
of ``benchmarks.first_paint`` up to their first frame (for the reader, the first frame with
the list's rows), by phase, each app started in tmux as that benchmark does.

    python -m benchmarks.first_paint_phases --corpus seeds --runs 7
    python -m benchmarks.first_paint_phases --corpus seeds --runs 7 --source /tmp/main-src
    python -m benchmarks.first_paint_phases --corpus seeds --runs 11 --baseline /tmp/main-src

CPU time (``time.process_time``, every thread of the process) rather than wall time: it
hardly moves with the load of a shared machine, and says which phase is the reader's own.
"total, main thread" is the main thread's alone (``time.thread_time``): the reader reads the
list's first screen in a thread while Textual loads, on the other core.
The phases are timed by wrapping Textual's methods by name (``Stylesheet.parse``, ``apply``,
``update_nodes``, ``Compositor.reflow``, ``render_update``), outermost calls only; they are
this benchmark's view of Textual 8, not an API. Medians of the runs; "extra" is the reader's
median minus the trivial app's. ``--baseline`` times another tree's reader in the same runs
(the two readers' order alternating), so that a change is compared under the same load.
"""

from __future__ import annotations

import argparse
import compileall
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.first_paint import _TMUX, SIZE, TRIVIAL_APP, _first_title, stop_server

__all__ = ["main"]

_TIMEOUT_S = 60.0
_PROBE = Path(__file__).with_name("paint_probe.py")
"""Run as a script, so that the app's process imports nothing of ``benchmarks``."""


def _run(
    kind: str, out: Path, app_args: list[str], session: str, source: Path | None = None
) -> None:
    width, height = SIZE
    command = [sys.executable, str(_PROBE), kind, str(out), *app_args]
    if source is not None:
        command = ["env", f"PYTHONPATH={source}", *command]
    shell = " ".join(f"'{word}'" for word in command)
    subprocess.run(
        [*_TMUX, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), shell],
        check=True,
    )
    deadline = time.monotonic() + _TIMEOUT_S
    while time.monotonic() < deadline:
        done = subprocess.run([*_TMUX, "has-session", "-t", session], capture_output=True)
        if done.returncode != 0:
            return
        time.sleep(0.05)
    subprocess.run([*_TMUX, "kill-session", "-t", session], check=False)
    raise SystemExit(f"{kind} did not paint within {_TIMEOUT_S:.0f} s")


def _medians(path: Path) -> dict[str, float]:
    runs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    names = {name for run in runs for name in run}
    return {name: statistics.median(run.get(name, 0.0) for run in runs) for name in names}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("seeds"))
    parser.add_argument("--index-dir", type=Path, help="default: a fresh one, built first")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--source", type=Path, help="time the reader of this source tree (a `git archive`)"
    )
    parser.add_argument(
        "--baseline", type=Path, help="also time this tree's reader (a `git archive`), same runs"
    )
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="reader-paint-phases-"))
    corpus = args.corpus.resolve()
    index_dir = (args.index_dir or work / "index").resolve()
    _first_title(corpus, index_dir)  # an index that matches the corpus, as every day
    import reader

    package = args.source / "reader" if args.source else Path(reader.__file__).parent
    compileall.compile_dir(package, quiet=1)  # as an install leaves it (see first_paint)
    readers: list[tuple[str, Path | None]] = [("reader", args.source)]
    if args.baseline is not None:
        compileall.compile_dir(args.baseline / "reader", quiet=1)
        readers.append(("baseline", args.baseline))
    trivial_app = work / "trivial_app.py"
    trivial_app.write_text(TRIVIAL_APP, encoding="utf-8")
    reader_args = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    subprocess.run([*_TMUX, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
    try:
        for run in range(args.runs):
            _run("trivial", work / "trivial.jsonl", [str(trivial_app)], f"phases-trivial-{run}")
            for name, source in readers if run % 2 == 0 else readers[::-1]:
                session = f"phases-{name}-{run}"
                _run("reader", work / f"{name}.jsonl", reader_args, session, source)
    finally:
        stop_server()
    trivial, reader = _medians(work / "trivial.jsonl"), _medians(work / "reader.jsonl")
    if args.baseline is not None:
        _print_compared(args.runs, trivial, reader, _medians(work / "baseline.jsonl"))
        return
    print(f"CPU ms to the first frame, medians of {args.runs} (reader's list shown)")
    print(f"{'phase':34} {'trivial':>8} {'reader':>8} {'extra':>7}")
    for name in sorted(reader, key=lambda name: -(reader[name] - trivial.get(name, 0.0))):
        mine, floor = reader[name] * 1000, trivial.get(name, 0.0) * 1000
        print(f"{name:34} {floor:8.1f} {mine:8.1f} {mine - floor:+7.1f}")
    print(f"{'ratio to the trivial app':34} {'':8} {reader['total'] / trivial['total']:8.3f}")
    main = "total, main thread"
    if main in reader and main in trivial:
        print(f"{'ratio, main thread':34} {'':8} {reader[main] / trivial[main]:8.3f}")


def _print_compared(
    runs: int, trivial: dict[str, float], reader: dict[str, float], baseline: dict[str, float]
) -> None:
    print(f"CPU ms to the first frame, medians of {runs} (reader's list shown)")
    print(f"{'phase':34} {'trivial':>8} {'baseline':>9} {'reader':>8} {'change':>7}")
    for name in sorted(reader.keys() | baseline.keys()):
        before, after = baseline.get(name, 0.0) * 1000, reader.get(name, 0.0) * 1000
        floor = trivial.get(name, 0.0) * 1000
        print(f"{name:34} {floor:8.1f} {before:9.1f} {after:8.1f} {after - before:+7.1f}")
    labels = {"total": "ratio to the trivial app", "total, main thread": "ratio, main thread"}
    for total, label in labels.items():
        if total in baseline and total in reader and total in trivial:
            ratios = (baseline[total] / trivial[total], reader[total] / trivial[total])
            print(f"{label:34} {'':8} {ratios[0]:9.3f} {ratios[1]:8.3f}")


if __name__ == "__main__":
    main()
