"""Opening the index for the TUI: show what is indexed at once, then check the corpus and
update the index behind the list, reporting by messages (run in a thread worker)."""

from __future__ import annotations

import gc
import sys
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.message import Message

from reader.summaries import plural
from reader.ui.messages import (
    ExamplesFound,
    IndexChecked,
    IndexFailed,
    IndexProgress,
    IndexReady,
    IndexWaiting,
)

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import UpdateReport

__all__ = [
    "FRAME_SWITCH_S",
    "PAINT_WAIT_S",
    "SWITCH_S",
    "hurry_first_frame",
    "open_index",
    "start_up_over",
    "update_notice",
]

PAINT_WAIT_S = 1.0
"""Longest the corpus check waits for the list's first paint."""
FRAME_SWITCH_S = 0.0001
"""The interpreter's thread switch interval while ``reader`` starts, until its list is on
screen. Textual's output thread writes each frame; with Python's 5 ms it waited that long for
the interpreter while the main thread went on with the work after the first frame (the first
resize, the focus, mounting the rest), so the list reached the terminal ~5 ms after it was
drawn (the trivial app's frame, with nothing after it, ~1.5 ms)."""
SWITCH_S = sys.getswitchinterval()
"""The interval the reader goes back to once its list is on screen."""


def hurry_first_frame() -> None:
    """Threads take turns every ``FRAME_SWITCH_S`` until the list is on screen (then
    ``start_up_over``). ``reader.__main__`` also turns the cyclic collector off, for every
    command."""
    sys.setswitchinterval(FRAME_SWITCH_S)


def start_up_over() -> None:
    """The cyclic collector back on, threads back to the interpreter's usual turns: the
    list is on screen (or ``PAINT_WAIT_S`` went by)."""
    gc.enable()
    sys.setswitchinterval(SWITCH_S)


def open_index(
    library: Library,
    post: Callable[[Message], object],
    list_painted: threading.Event,
    shown: int | None = None,
) -> None:
    """Post ``IndexReady`` for what the index holds (unless the list already shows the
    ``shown`` articles it holds), then check the corpus: ``IndexChecked`` when nothing
    changed, else ``IndexProgress`` while updating and ``IndexReady`` again; ``IndexFailed``
    on any failure (shown in the status line, never a crash); ``IndexWaiting`` while another
    process (``reader index``) updates the same index."""

    def waiting(_line: str) -> None:
        post(IndexWaiting())

    library.on_wait = waiting
    try:
        # Show what the index already holds before looking for changes: the corpus scan
        # grows with the corpus, the first paint should not.
        count = library.count() if shown is None else shown
        if count:
            if shown is None:
                post(IndexReady(count, building=True))
            # The check below would compete with the list's first paint for the
            # interpreter: let the list paint first (bounded, should no frame come).
            list_painted.wait(PAINT_WAIT_S)
        # Loaded here, after the paint, so that the first search need not wait for it.
        import reader.search  # noqa: F401

        final: Message
        if count and not library.needs_update():
            final = IndexChecked()
        else:

            def progress(done: int, total: int) -> None:
                post(IndexProgress(done, total))

            notice = update_notice(library.update(progress=progress))
            final = IndexReady(library.count(), building=False, notice=notice)
    except Exception as error:
        post(IndexFailed(str(error) or type(error).__name__))
        return
    # The search box's examples before "up to date": the screen is settled once it says so.
    post_examples(library, post)
    post(final)


def post_examples(library: Library, post: Callable[[Message], object]) -> None:
    """Post example queries drawn from the corpus, for the search box's hint."""
    from reader.search.examples import example_queries

    try:
        examples = example_queries(library)
    except Exception:  # only a hint: the generic one stays
        return
    if examples:
        post(ExamplesFound(tuple(examples)))


def update_notice(report: UpdateReport) -> str | None:
    """What the user should know about an update: its notice and how many files were skipped."""
    parts = [report.notice] if report.notice else []
    files = len({path for path, _ in report.skipped})
    if report.skipped and files < len(report.skipped):  # entries of feeds, JSON Lines...
        parts.append(
            f"{len(report.skipped)} entries or files in {plural(files, 'file')} were skipped"
            " (reader index --skipped lists them with the reason)"
        )
    elif report.skipped:
        count = len(report.skipped)
        noun = "file was" if count == 1 else "files were"
        parts.append(
            f"{count} {noun} skipped: unreadable, binary, empty or too large"
            " (reader index --skipped lists them)"
        )
    return "; ".join(parts) or None
