"""Import contracts, checked on the source of every module under reader/ (CI runs this).

- nothing outside ``reader.ui`` imports Textual;
- only ``reader.engine``, ``reader.index`` and ``reader.search`` import Whoosh;
- the core (everything but the front ends ``reader.ui``, ``reader.cli`` and ``reader.__main__``)
  never imports a front end, and the TUI never imports the CLI.

An AST scan rather than import-linter: no extra dependency, and it sees every import
statement wherever it is (inside functions, under ``if TYPE_CHECKING``, relative ones) and
``importlib.import_module("...")`` calls with a literal name, and points at file and line.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "reader"
FRONT_ENDS = ("reader.ui", "reader.cli", "reader.__main__")
WHOOSH_USERS = ("reader.engine", "reader.index", "reader.search")


@dataclass(frozen=True)
class Import:
    """One imported module name, where it is imported."""

    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer}:{self.line} imports {self.imported}"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def within(name: str, packages: str | tuple[str, ...]) -> bool:
    """Whether module ``name`` is one of ``packages`` or inside one."""
    packages = (packages,) if isinstance(packages, str) else packages
    return any(name == package or name.startswith(package + ".") for package in packages)


def imports_of(path: Path) -> Iterator[Import]:
    """Every module a source file imports, at any depth of its syntax tree."""
    importer = module_name(path)
    package = importer if path.name == "__init__.py" else importer.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield Import(importer, alias.name, node.lineno)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{anchor}.{base}" if base else anchor
            yield Import(importer, base, node.lineno)
            # ``from reader import ui`` imports the submodule reader.ui.
            yield from (
                Import(importer, f"{base}.{alias.name}", node.lineno) for alias in node.names
            )
        elif isinstance(node, ast.Call) and _literal_import(node):
            yield Import(importer, str(node.args[0].value), node.lineno)  # type: ignore[attr-defined]


def _literal_import(call: ast.Call) -> bool:
    """``importlib.import_module("name")`` or ``__import__("name")`` with a literal name."""
    function = call.func
    if isinstance(function, ast.Name):
        dynamic = function.id in ("__import__", "import_module")
    else:
        dynamic = isinstance(function, ast.Attribute) and function.attr == "import_module"
    return dynamic and bool(call.args) and isinstance(call.args[0], ast.Constant)


def all_imports(root: Path = PACKAGE) -> list[Import]:
    return [found for path in sorted(root.rglob("*.py")) for found in imports_of(path)]


def textual_outside_ui(found: list[Import]) -> list[Import]:
    return [
        i for i in found if within(i.imported, "textual") and not within(i.importer, "reader.ui")
    ]


def whoosh_outside_its_packages(found: list[Import]) -> list[Import]:
    return [
        i for i in found if within(i.imported, "whoosh") and not within(i.importer, WHOOSH_USERS)
    ]


def core_importing_front_ends(found: list[Import]) -> list[Import]:
    core = [i for i in found if not within(i.importer, FRONT_ENDS)]
    tui = [i for i in found if within(i.importer, "reader.ui")]
    return [i for i in core if within(i.imported, FRONT_ENDS)] + [
        i for i in tui if within(i.imported, "reader.cli")
    ]


CONTRACTS = [textual_outside_ui, whoosh_outside_its_packages, core_importing_front_ends]


@pytest.mark.parametrize("contract", CONTRACTS, ids=lambda contract: contract.__name__)
def test_import_contract_holds(contract: object) -> None:
    broken = contract(all_imports())  # type: ignore[operator]
    assert not broken, "\n".join(map(str, broken))


def test_the_scan_sees_imports_inside_functions_relative_and_dynamic(tmp_path: Path) -> None:
    """The scan itself: a violation hidden in each way it can hide is found."""
    fake = tmp_path / "reader"
    (fake / "index").mkdir(parents=True)
    (fake / "index" / "__init__.py").write_text("")
    (fake / "index" / "sneaky.py").write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    from ..ui import app\n"
        "def f():\n    import textual.app\n"
        "def g():\n    import importlib\n    importlib.import_module('reader.cli')\n"
    )
    global PACKAGE
    saved, PACKAGE = PACKAGE, fake
    try:
        found = all_imports(fake)
    finally:
        PACKAGE = saved
    assert [str(i) for i in textual_outside_ui(found)] == [
        "reader.index.sneaky:5 imports textual.app"
    ]
    assert {str(i) for i in core_importing_front_ends(found)} == {
        "reader.index.sneaky:3 imports reader.ui",
        "reader.index.sneaky:3 imports reader.ui.app",
        "reader.index.sneaky:8 imports reader.cli",
    }


def test_the_core_and_the_cli_load_without_textual() -> None:
    """Importing every module outside reader.ui, in one fresh interpreter, loads no Textual."""
    # Packages before their modules, as a program imports them (reader.engine.schema alone
    # hits a cycle through reader.index: reported to the engine's owner).
    names = sorted(
        {module_name(path) for path in PACKAGE.rglob("*.py")} - {"reader.__main__"},
        key=lambda name: (name.count("."), name),
    )
    names = [name for name in names if not within(name, "reader.ui")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_the_first_paint_loads_only_the_catalog_and_the_ui(tmp_path: Path) -> None:
    """What the list's first paint needs (the entry point, the app, the catalog's count and
    first page, the reader's marks on it) loads no command-line parser, search engine,
    article reader or quotation code: those wait for the paint, or for a command; nor the
    drawing of articles, ``importlib.metadata`` (a Textual ``__version__`` loads it), the
    records of ``reader.models`` beyond the list's own (``reader.summaries``), the widgets
    mounted after the first frame (hit list, article view, quote and story panels, footer),
    ``hashlib`` (its OpenSSL binding) or ``json``."""
    seeds = PACKAGE.parent / "seeds"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "import reader.__main__ as entry\n"
        "from reader.ui.app import ReaderApp\n"
        "ReaderApp.run = lambda self: None\n"  # the app is made as ``reader`` makes it
        f"sys.argv = ['reader', '--corpus', {str(seeds)!r}, '--index-dir', {str(tmp_path)!r}]\n"
        "entry.main()\n"
        "from reader.index import Library\n"
        f"library = Library.open(Path({str(seeds)!r}), Path({str(tmp_path)!r}))\n"
        "library.count(), library.has_stories()\n"
        "page = library.summaries_page(0, 100, 'date', True)\n"
        "library.story_summaries([summary.id for summary in page])\n"
        # Before the user's data (which opens after the paint): the OpenSSL binding hashlib
        # loads and JSON, which the catalog and the styles' digests do without.
        "early = sorted(m for m in sys.modules if m in ('hashlib', '_hashlib', 'json'))\n"
        "from reader.personal import Reading\n"  # the list's read/star marks
        f"Reading.open(library, Path({str(tmp_path / 'data')!r})).states(['not-indexed'])\n"
        "heavy = ('click', 'reader.cli', 'whoosh', 'rapidfuzz', 'trafilatura', 'lxml',\n"
        "         'numpy', 'multiprocessing', 'reader.articles', 'reader.quotes',\n"
        "         'reader.search', 'reader.engine', 'reader.stories', 'reader.index.updater',\n"
        "         'reader.ui.render', 'reader.ui.raw', 'reader.ui.screens.compare',\n"
        "         'importlib.metadata', 'reader.models',\n"
        "         'reader.index.rows', 'reader.index.speakers',\n"
        "         'reader.ui.widgets.hit_list', 'reader.ui.widgets.quote_panel',\n"
        "         'reader.ui.widgets.story_panel', 'reader.ui.widgets.footer',\n"
        "         'reader.ui.widgets.article_view', 'reader.ui.widgets.pager_keys')\n"
        "print(early + sorted(m for m in sys.modules if m.startswith(heavy)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
