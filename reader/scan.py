"""Walking a corpus folder: every article file with its size and modification time.

One walk serves listing the corpus and the start-up check, so both agree on which files are
articles: ``.txt`` and ``.md`` files, hidden entries skipped, linked folders never entered
(a symlink loop cannot trap the walk), in a stable sorted order.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["ARTICLE_SUFFIXES", "corpus_files"]

ARTICLE_SUFFIXES = frozenset({".txt", ".md"})


def corpus_files(corpus: Path) -> dict[str, tuple[int, int]]:
    """``{relative path: (size, mtime_ns)}`` of every article file, ``(-1, -1)`` if unstattable.

    Walked with ``os.scandir`` and plain strings: at 100k articles building a Path per file
    cost seconds of the start-up check.
    """
    files: dict[str, tuple[int, int]] = {}
    _scan_folder(str(corpus), "", files)
    return files


def _scan_folder(folder: str, prefix: str, files: dict[str, tuple[int, int]]) -> None:
    try:
        with os.scandir(folder) as scanned:
            entries = list(scanned)
    except OSError:
        return
    articles, subfolders = [], []
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        try:
            is_folder = entry.is_dir()
        except OSError:
            is_folder = False
        if is_folder:
            if not entry.is_symlink():
                subfolders.append(name)
        elif os.path.splitext(name)[1].lower() in ARTICLE_SUFFIXES:
            articles.append((name, entry))
    articles.sort(key=lambda named: named[0])
    for name, entry in articles:
        try:
            stat = entry.stat()
            files[prefix + name] = (stat.st_size, stat.st_mtime_ns)
        except OSError:
            files[prefix + name] = (-1, -1)
    for name in sorted(subfolders):
        _scan_folder(os.path.join(folder, name), f"{prefix}{name}/", files)
