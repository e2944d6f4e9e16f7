"""A test-only pause inside an update, so a test can interrupt it at a known point.

``READER_TEST_PAUSE=STAGE:COUNT:FILE`` makes an update stop once ``COUNT`` articles have
passed ``STAGE`` (``prepare``: read and cleaned; ``write``: added to the Whoosh writer),
create ``FILE``, and wait there until it is killed or interrupted (or, a test having failed
to, exit after ten minutes). Unset, nothing changes.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

__all__ = ["pause_point"]

_VARIABLE = "READER_TEST_PAUSE"
_LONGEST_PAUSE_S = 600.0


def pause_point(stage: str) -> Callable[[int], None] | None:
    """A function to call with the number of articles done in ``stage``; None (the usual
    case) when the environment asks for no pause there."""
    setting = os.environ.get(_VARIABLE, "")
    parts = setting.split(":", 2)
    if len(parts) != 3 or parts[0] != stage or not parts[1].isdigit():
        return None
    count, signal_file = int(parts[1]), Path(parts[2])

    def reached(done: int) -> None:
        if done < count:
            return
        signal_file.write_text(f"{stage} {done}\n", encoding="utf-8")
        # until the test's signal ends the process (or raises KeyboardInterrupt)
        deadline = time.monotonic() + _LONGEST_PAUSE_S
        while time.monotonic() < deadline:
            time.sleep(0.05)
        os._exit(3)  # never left paused by a test that failed to stop it

    return reached
