"""StylesCache: Textual's stylesheet with the parsed rules of each source kept between runs.

Textual parses the reader's stylesheet and every widget's default CSS at each start (a third
of the styling before the first frame, ~10 ms): the same text and the same theme give the
same rules, so the rules are pickled into one file in the user's cache folder and read back
at the next start (~1 ms). A rule set is found by a digest of everything Textual parses it
from (the Textual version, the CSS text, where it was read from, its scope and priority, and
the theme's variables); anything else is parsed as usual and the file written again on exit.
The cache is a cache: a file that is missing, stale, damaged or unwritable only costs the
parse.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

from textual.css import _styles_builder, model, parse, styles
from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet
from textual.css.types import CSSLocation

try:  # hashlib loads its OpenSSL binding first (~2 ms at every start): the same digest
    from _blake2 import blake2b
except ImportError:  # not CPython, or a CPython built without its own hashes
    from hashlib import blake2b

__all__ = ["StylesCache"]

_FORMAT = 3
"""Bumped when what the file holds changes shape."""


def _textual_files() -> list[tuple[str, int, int]]:
    """The installed Textual, as the files of the classes the rules are made of and of the
    parser that makes them (an install writes them anew; not its ``__version__``, which loads
    ``importlib.metadata``: 30 ms)."""
    found = []
    for module in (model, styles, parse, _styles_builder):
        path = module.__file__ or ""
        stat = os.stat(path)
        found.append((path, stat.st_size, stat.st_mtime_ns))
    return found


Origin = tuple[CSSLocation, bool, int, str]
"""Where CSS comes from: its file (and widget), whether it is a default, its tie breaker and
scope: one origin, one current text."""


def _exists(origin: Origin) -> bool:
    """Whether the file an origin names is still there (not a removed install or checkout)."""
    path = origin[0][0]
    return not path or os.path.exists(path)


class StylesCache(Stylesheet):
    """A Textual ``Stylesheet`` whose parsed rules come from ``path`` when they are there."""

    def __init__(self, path: Path, *, variables: dict[str, str] | None = None) -> None:
        super().__init__(variables=variables)
        self.path = path
        self._kept: dict[str, tuple[Origin, list[RuleSet]]] | None = None
        """Where each rule set comes from and its rules, by digest (read on the first parse)."""
        self._added = False
        """Rules were parsed that the file does not hold."""
        self._used: dict[Origin, str] = {}
        """The digest this run asked for from each origin (a file or a widget's CSS)."""
        self._variables_digest: str | None = None

    def set_variables(self, variables: dict[str, str]) -> None:
        super().set_variables(variables)
        self._variables_digest = None

    def _digest(self, origin: Origin, css: str) -> str:
        if self._variables_digest is None:
            variables = repr((_textual_files(), sorted(self._variables.items())))
            self._variables_digest = blake2b(variables.encode()).hexdigest()
        source = f"{origin!r}\0{self._variables_digest}\0{css}"
        return blake2b(source.encode("utf-8", "surrogatepass")).hexdigest()

    def _parse_rules(
        self,
        css: str,
        read_from: CSSLocation,
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> list[RuleSet]:
        if self._kept is None:
            self._kept = self._read()
        origin: Origin = (read_from, is_default_rules, tie_breaker, scope)
        digest = self._digest(origin, css)
        self._used[origin] = digest
        kept = self._kept.get(digest)
        if kept is not None:
            return kept[1]
        rules = super()._parse_rules(css, read_from, is_default_rules, tie_breaker, scope)
        if not any(rule.errors for rule in rules):
            self._kept[digest] = (origin, rules)
            self._added = True
        return rules

    def _read(self) -> dict[str, tuple[Origin, list[RuleSet]]]:
        try:
            with self.path.open("rb") as file:
                kept = pickle.load(file)
        except Exception:  # no file yet, or one this version cannot read: parse
            return {}
        if not isinstance(kept, dict) or kept.get("format") != _FORMAT:
            return {}
        rules = kept.get("rules")
        return rules if isinstance(rules, dict) else {}

    def save(self) -> None:
        """Write the rules parsed since the file was read (nothing when there are none), with
        those kept for other screens, less those this run's CSS replaced (an edited
        stylesheet, another theme) and those of files no longer there."""
        if not self._added or self._kept is None:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            used = self._used
            kept = {
                digest: (origin, rules)
                for digest, (origin, rules) in self._kept.items()
                if used.get(origin, digest) == digest and (origin in used or _exists(origin))
            }
            data = pickle.dumps({"format": _FORMAT, "rules": kept}, pickle.HIGHEST_PROTOCOL)
            handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".styles-")
            try:
                with os.fdopen(handle, "wb") as file:
                    file.write(data)
                os.replace(temporary, self.path)  # two readers at once: either file, whole
            except BaseException:
                os.unlink(temporary)
                raise
        except Exception:  # pickling may raise TypeError and the like too: this runs on exit
            return  # a cache that cannot be written only costs the parse next time
        self._added = False
