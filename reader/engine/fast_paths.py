"""The switch for the fast paths that rely on Whoosh internals, and how their failures are logged.

The fast paths (ranking from whole posting lists, reading posting blocks directly, segment
files read from their memory map, the schema's own posting encoding at write time, the
fuzzy-term automaton of a segment) read private parts of whoosh3 as version 3.54.0 lays them
out. They run only when that exact version is installed and ``READER_WHOOSH_FAST_PATHS`` is
not set to ``0`` (or ``off``, ``false``, ``no``); otherwise Whoosh's public API does the same
work, more slowly. The variable is read each time a fast path is about to run, so a user hit
by a bug in one (or a test) can turn them off without reinstalling anything.

A fast path that fails unexpectedly is logged here (logger ``reader.engine``, a warning with
the traceback) and Whoosh's own path answers instead; such a failure never counts as damage.
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from importlib import metadata

__all__ = [
    "FAST_PATHS_ENV",
    "TESTED_WHOOSH",
    "fast_paths_enabled",
    "installed_whoosh",
    "log_fallback",
]

# The whoosh3 release whose private layout the fast paths were written against and tested on.
TESTED_WHOOSH = "3.54.0"
FAST_PATHS_ENV = "READER_WHOOSH_FAST_PATHS"
_OFF = frozenset({"0", "off", "false", "no"})

log = logging.getLogger("reader.engine")


@lru_cache(maxsize=1)
def installed_whoosh() -> str | None:
    """The installed whoosh3 version (None when it cannot be told), looked up once."""
    try:
        return metadata.version("whoosh3")
    except metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def _version_is_tested() -> bool:
    installed = installed_whoosh()
    if installed == TESTED_WHOOSH:
        return True
    log.warning(
        "whoosh3 %s is installed but reader's fast paths were written for %s:"
        " using Whoosh's own (slower) search instead",
        installed or "(version unknown)",
        TESTED_WHOOSH,
    )
    return False


def fast_paths_enabled() -> bool:
    """Whether the fast paths may run now: the tested Whoosh, and not turned off."""
    if os.environ.get(FAST_PATHS_ENV, "").strip().lower() in _OFF:
        return False
    return _version_is_tested()


def log_fallback(fast_path: str, error: BaseException) -> None:
    """Record that ``fast_path`` failed and Whoosh's own path is taking over."""
    summary = f"{type(error).__name__}: {error}".splitlines()[0][:160]
    log.warning(
        "%s failed (%s); falling back to Whoosh's own (set %s=0 to skip the fast paths)",
        fast_path,
        summary,
        FAST_PATHS_ENV,
        exc_info=error,
    )
