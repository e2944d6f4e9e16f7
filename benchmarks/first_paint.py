"""First paint as a user sees it: ``reader`` started in a real terminal (tmux), timed from
spawning the process to the list's first title on screen, side by side with a trivial Textual
app started the same way (the floor any Textual app pays: interpreter, imports, first frame).

    python -m benchmarks.first_paint --corpus seeds --runs 7
    python -m benchmarks.first_paint --corpus seeds --runs 7 --baseline /tmp/main-src
    python -m benchmarks.first_paint --corpus ../shared/corpora/bbc \\
        --corpus ../shared/corpora/reuters21578/text --scale 100000 --runs 5

The index is built (or brought up to date) first, and the reader's modules compiled to
bytecode, so the reader's start is the everyday one: an index that matches the corpus, and
the ``.pyc`` files an install (or any earlier run) leaves, as Textual's own have (without
them, as under ``PYTHONDONTWRITEBYTECODE`` from a source checkout, every start compiles the
reader's modules again: about 40 ms more). Each app is started once untimed first (so that
what an earlier start leaves, such as the reader's parsed styles in the user cache, and the
files in the system's cache are there, as every day); then runs alternate between the apps;
medians are reported. The screen is polled with ``tmux capture-pane`` every few
milliseconds, which also costs CPU: both apps pay it alike.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import make_corpus

__all__ = ["first_paint", "main"]

SIZE = (140, 45)
_TMUX = ("tmux", "-L", f"reader-first-paint-{os.getpid()}")
_POLL_S = 0.005
# _TMUX: a tmux server of this benchmark's own (one per process, so that two runs at once do not
# share, and kill, each other's), kept up between runs by an idle session (a server that exits
# as its last session closes can refuse the next one).
_TIMEOUT_S = 120.0
TRIVIAL_APP = """
import sys
from textual.app import App
from textual.widgets import Static

class Trivial(App):
    def compose(self):
        yield Static(sys.argv[1], markup=False)

Trivial().run()
"""


def first_paint(command: list[str], expected: str, session: str, linger: float = 0.0) -> float:
    """Seconds from spawning ``command`` in a fresh tmux window to ``expected`` on screen
    (the app is left running ``linger`` seconds more, then closed)."""
    width, height = SIZE
    shell = shlex.join(command)
    started = time.perf_counter()
    subprocess.run(
        [*_TMUX, "new-session", "-d", "-s", session, "-x", str(width), "-y", str(height), shell],
        check=True,
    )
    try:
        while time.perf_counter() - started < _TIMEOUT_S:
            screen = subprocess.run(
                [*_TMUX, "capture-pane", "-p", "-t", session],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if expected in screen:
                seconds = time.perf_counter() - started
                time.sleep(linger)
                return seconds
            time.sleep(_POLL_S)
        raise SystemExit(f"{expected!r} never appeared on screen for {shell}")
    finally:
        subprocess.run([*_TMUX, "kill-session", "-t", session], check=False)


def _first_title(corpus: Path, index_dir: Path) -> tuple[str, int]:
    """Bring the index up to date; the title the list shows first, and the article count."""
    from reader.index import Library

    library = Library.open(corpus, index_dir)
    library.update()
    first = library.summaries_page(0, 1, "date", True)[0]
    # A stretch of the title that fits in the list's title column whatever the width.
    return first.title[:16], library.count()


def reader_command(baseline: Path | None = None) -> list[str]:
    """How ``reader`` is started: the console script a user types (beside this Python, in a
    venv), else ``python -m reader``; with ``baseline``, that source tree's reader instead
    (``python -m reader`` from it, run outside the repository so this one is not imported)."""
    if baseline is not None:
        return ["env", "-C", str(baseline), sys.executable, "-m", "reader"]
    script = Path(sys.executable).parent / "reader"
    return [str(script)] if script.exists() else [sys.executable, "-m", "reader"]


def _measure(
    corpus: Path, index_dir: Path, runs: int, work: Path, baseline: Path | None = None
) -> dict[str, object]:
    title, count = _first_title(corpus, index_dir)
    import reader

    for package in (Path(reader.__file__).parent, *([baseline / "reader"] if baseline else [])):
        compileall.compile_dir(package, quiet=1)
    trivial = work / "trivial_app.py"
    trivial.write_text(TRIVIAL_APP, encoding="utf-8")
    paths = ["--corpus", str(corpus), "--index-dir", str(index_dir)]
    commands = {
        "trivial": [sys.executable, str(trivial), title],
        "reader": [*reader_command(), *paths],
    }
    if baseline is not None:
        commands["baseline"] = [*reader_command(baseline), *paths]
    for name, command in commands.items():  # untimed: what earlier starts leave is there
        first_paint(command, title, f"fp-{name}-warm", linger=1.0)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for run in range(runs):
        for name, command in commands.items():
            times[name].append(first_paint(command, title, f"fp-{name}-{run}"))
    medians = {name: statistics.median(values) for name, values in times.items()}
    return {
        "corpus": str(corpus),
        "articles": count,
        "runs": runs,
        "load_average": os.getloadavg(),
        "seconds": times,
        "median_s": medians,
        "ratio": medians["reader"] / medians["trivial"],
        **({"baseline_ratio": medians["baseline"] / medians["trivial"]} if baseline else {}),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, action="append", required=True)
    parser.add_argument("--scale", type=int, help="copy the corpora up to this many articles")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--work", type=Path, help="where the scaled corpus and index go")
    parser.add_argument("--out", type=Path, help="write the figures as JSON here")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="also time the reader of this source tree, alternating with the others (a `git"
        " archive` of the commit to compare with, unpacked outside the repository: its"
        " bytecode is compiled there)",
    )
    args = parser.parse_args(argv)
    if shutil.which("tmux") is None:
        raise SystemExit("tmux is needed: apt-get install tmux")
    work = args.work or Path(tempfile.gettempdir()) / "reader-first-paint"
    work.mkdir(parents=True, exist_ok=True)
    corpus = args.corpus[0]
    if args.scale is not None or len(args.corpus) > 1:
        corpus = work / f"corpus-{args.scale or 'all'}"
        make_corpus(args.corpus, args.scale, corpus)
    subprocess.run([*_TMUX, "new-session", "-d", "-s", "keep", "sleep 86400"], check=True)
    try:
        index_dir = work / f"index-{corpus.name}"
        baseline = args.baseline.resolve() if args.baseline else None
        figures = _measure(corpus.resolve(), index_dir, args.runs, work, baseline)
    finally:
        subprocess.run([*_TMUX, "kill-server"], check=False)
    medians = figures["median_s"]
    assert isinstance(medians, dict)
    print(
        f"{figures['articles']:,} articles: reader {medians['reader']:.3f} s,"
        f" trivial Textual app {medians['trivial']:.3f} s,"
        f" ratio {figures['ratio']:.2f} (median of {args.runs}; load average"
        f" {os.getloadavg()[0]:.1f})"
    )
    if "baseline_ratio" in figures:
        print(f"baseline {medians['baseline']:.3f} s, ratio {figures['baseline_ratio']:.2f}")
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
