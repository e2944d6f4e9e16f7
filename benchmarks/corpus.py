"""Benchmark corpora: a private copy of one or more source folders, scaled up by copying.

Copy ``k`` of the sources lives under ``copyNNN/<source name>/<original relative path>``, so every
article gets a distinct id (reader's ids are relative paths). A scale below the source size
takes the first articles in path order. The copy is made outside the repository (it must never
be committed) and is reused when its manifest says it was built from the same sources and scale.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from reader.articles.read import iter_corpus

__all__ = ["corpus_bytes", "export_cleaned", "iter_cleaned", "make_corpus"]

_MANIFEST = ".benchmark-corpus.json"


def make_corpus(sources: list[Path], scale: int | None, target: Path) -> int:
    """Fill ``target`` with the articles of ``sources`` (``scale`` of them when given).

    Returns the number of article files written.
    """
    wanted = {"sources": [str(source.resolve()) for source in sources], "scale": scale}
    manifest = target / _MANIFEST
    if manifest.exists():
        existing = json.loads(manifest.read_text(encoding="utf-8"))
        if {key: existing.get(key) for key in wanted} == wanted:
            return int(existing["articles"])
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    originals = [(source, path) for source in sources for path in iter_corpus(source)]
    if not originals:
        raise SystemExit(f"no .txt/.md articles in {', '.join(map(str, sources))}")
    count = scale if scale is not None else len(originals)
    several = len(sources) > 1
    for number in range(count):
        copy, position = divmod(number, len(originals))
        source, path = originals[position]
        relative = path.relative_to(source)
        if several:
            relative = Path(source.name) / relative
        if scale is not None and scale > len(originals):
            relative = Path(f"copy{copy:03d}") / relative
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
    manifest.write_text(json.dumps({**wanted, "articles": count}), encoding="utf-8")
    return count


def corpus_bytes(corpus: Path) -> int:
    return sum(path.stat().st_size for path in iter_corpus(corpus))


def export_cleaned(catalog: Path, target: Path) -> int:
    """Write reader's cleaned articles (id, title, body) as JSON lines for the peers."""
    connection = sqlite3.connect(catalog)
    count = 0
    with target.open("w", encoding="utf-8") as out:
        for article_id, title, body in connection.execute(
            "SELECT id, title, body FROM articles ORDER BY id"
        ):
            out.write(json.dumps({"id": article_id, "title": title, "body": body}) + "\n")
            count += 1
    connection.close()
    return count


def iter_cleaned(path: Path) -> Iterator[tuple[str, str, str]]:
    """``(id, title, body)`` of every exported article."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            yield record["id"], record["title"], record["body"]
