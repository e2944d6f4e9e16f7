"""Where things live: the bundled seed corpus, the per-corpus index directory (a cache) and
the user's own data (read state, tags, notes: never in the cache)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from platformdirs import user_cache_dir, user_data_dir

try:  # hashlib loads its OpenSSL binding first (~2 ms at every start): the same digest
    from _sha1 import sha1  # type: ignore[import-not-found,unused-ignore]
except ImportError:  # not CPython, or a CPython built without its own hashes
    from hashlib import sha1

__all__ = ["cache_dir", "data_dir", "default_corpus", "index_dir_for"]


def default_corpus() -> Path:
    """The bundled seed articles: inside the installed package, or at the repository top."""
    package_dir = Path(__file__).resolve().parent
    for candidate in (package_dir / "seeds", package_dir.parent / "seeds"):
        if candidate.is_dir():
            return candidate
    return package_dir / "seeds"


def index_dir_for(corpus: Path, override: Path | None = None) -> Path:
    """The index directory for a corpus: ``override``, else $READER_INDEX_DIR, else the cache.

    An explicit directory holds the index itself; the cache holds one sub-directory per
    corpus path, named after the folder and a hash of its absolute path.
    """
    if override is not None:
        return override
    from_env = os.environ.get("READER_INDEX_DIR")
    if from_env:
        return Path(from_env)
    resolved = corpus.resolve()
    digest = sha1(str(resolved).encode("utf-8", "surrogateescape")).hexdigest()[:12]
    slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", resolved.name)[:40] or "corpus"
    return cache_dir() / "indexes" / f"{slug}-{digest}"


def cache_dir() -> Path:
    """The reader's cache folder (``~/.cache/reader`` on Linux): what can be made again."""
    return Path(user_cache_dir("reader", appauthor=False))


def data_dir(override: Path | None = None) -> Path:
    """The folder of the user's own data: ``override``, else $READER_DATA_DIR, else the
    platform's per-user data folder (``~/.local/share/reader`` on Linux).

    Not the cache: deleting the cache or an index must never lose what the user wrote.
    """
    if override is not None:
        return override
    from_env = os.environ.get("READER_DATA_DIR")
    if from_env:
        return Path(from_env)
    return Path(user_data_dir("reader", appauthor=False))
