"""A generator of hostile corpora: broken encodings, binaries, escape sequences, markup, odd names.

Files are written at test time (nothing binary is committed). Every case says what indexing must
do with it: index it (and then a unique marker word finds it), skip it with a reason, or not
list it at all (a folder named ``x.txt``, a link loop that is not followed).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest

__all__ = [
    "CONTROL_RE",
    "TERMINAL_ATTACKS",
    "Case",
    "build_hostile_corpus",
    "build_plain_corpus",
    "fingerprint",
    "marker",
    "read_only",
    "unsafe_characters",
]

Expect = Literal["indexed", "skipped", "unlisted"]

# What must never reach the terminal: every C0 control but newline and tab, DEL, every C1
# control, the bidirectional overrides/isolates, and ESC in particular.
CONTROL_RE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

# Sequences a hostile article may carry: title changes, clipboard writes, links, cursor moves,
# screen clears, device queries, terminal resets (7-bit and 8-bit forms).
TERMINAL_ATTACKS = (
    "\x1b]0;PWNED-TITLE-0\x07",
    "\x1b]2;PWNED-TITLE-2\x1b\\",
    "\x1b]52;c;UFdORUQtQ0xJUEJPQVJE\x07",
    "\x1b]52;p;UFdORUQtQ0xJUEJPQVJE\x1b\\",
    "\x1b]8;;file:///etc/passwd\x1b\\click me\x1b]8;;\x1b\\",
    "\x1b[2J\x1b[H",
    "\x1b[3J",
    "\x1b[10;10H",
    "\x1b[5A\x1b[20C",
    "\x1b[31;1;5mRED\x1b[0m",
    "\x1b[?1049h",
    "\x1b[?25l",
    "\x1b[6n",
    "\x1b[21t",
    "\x1bc",
    "\x1b7\x1b8",
    "\x1bP+q544e\x1b\\",
    "\x1b_APC payload\x1b\\",
    "\x1b^PM payload\x1b\\",
    "\x9b2J",
    "\x9d0;PWNED-C1-TITLE\x9c",
    "\x1b]1337;File=name=cHduZWQ=:AAAA\x07",
)

MARKUP = (
    "[bold]bold?[/bold]",
    "a lone [/ closing tag",
    "[link=file:///etc/passwd]x[/link]",
    "[@click=app.quit]x[/]",
    "[red on white]colour[/] [i]italic",
    "[b][/b][/][/][[/]]",
    "$accent $panel",
)


def marker(number: int) -> str:
    """A made-up word that appears in exactly one generated article, to search for it."""
    letters = "".join(chr(ord("a") + int(digit)) for digit in f"{number:03d}")
    return f"zorblax{letters}"


@dataclass(frozen=True, slots=True)
class Case:
    """One hostile file and what indexing must do with it."""

    name: str
    """Path relative to the corpus root (may contain a newline, escapes or non-ASCII)."""
    description: str
    expect: Expect
    reason: str = ""
    """For skipped files: a fragment of the reason the reader must give."""
    marker: str | None = None
    """For indexed files: a word that must find this article (None: content makes no words)."""
    shows: str | None = None
    """For indexed files: text that ``reader show`` must print literally."""


def _article(number: int, title: str, body: str) -> str:
    filler = " ".join(["The council met on Tuesday to discuss the budget for the year."] * 3)
    return f"{title}\n\n{filler} {marker(number)}.\n\n{body}\n\n{filler}\n"


def _write(root: Path, name: str, data: bytes) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _text_cases() -> list[tuple[Case, bytes]]:
    """Cases whose bytes are fixed: encodings, controls, escapes, markup, scripts, quotes."""
    # NUL is left out: a NUL byte near the start marks a binary file (its own case below).
    controls = "".join(chr(c) for c in [*range(0x01, 0x20), 0x7F, *range(0x80, 0xA0)])
    attacks = " ".join(TERMINAL_ATTACKS)
    scripts = (
        "RTL: مرحبا بالعالم שלום עולם \u202eevil override\u202c \u2066isolate\u2069. "
        "Combining: e\u0301 a\u0308 Z\u0334\u0321\u0322\u0353\u0347a\u0337l\u0338g\u0337o\u0335. "
        "Wide: 日本語のニュース 한국어 뉴스 中文新闻. "
        "Zero-width: a\u200bb\u200cc\u200dd\u2060e\ufeff. "
        "Emoji: 👨\u200d👩\u200d👧 🇺🇦 🏳️\u200d🌈 👍🏽 \U0001f9d1\u200d\U0001f680."
    )
    nested = "".join("“«„‘‹" for _ in range(400)) + " deep " + "’»“”›" * 400
    cases: list[tuple[Case, bytes]] = [
        (
            Case("invalid-utf8.txt", "invalid UTF-8 bytes", "indexed", marker=marker(1)),
            _article(1, "Broken bytes", "Caf\xe9 ok").encode() + b" \xff\xfe\xc3\x28 \xed\xa0\x80",
        ),
        (
            Case("latin1.txt", "Latin-1", "indexed", marker=marker(2), shows="Café société"),
            _article(2, "Café société", "Le café de la société était fermé à Noël.").encode(
                "latin-1"
            ),
        ),
        (
            Case("cp1251.txt", "windows-1251", "indexed", marker=marker(3), shows="Москва"),
            _article(
                3,
                "Новости: Москва",
                "Москва. Правительство объявило о новых мерах поддержки экономики. "
                "Министр заявил, что решение будет принято в ближайшее время.",
            ).encode("cp1251"),
        ),
        (
            Case("utf16-bom.txt", "UTF-16 with BOM", "indexed", marker=marker(4), shows="naïve"),
            _article(4, "Sixteen bits", "A naïve résumé in UTF-16.").encode("utf-16"),
        ),
        (
            Case("utf16be-bom.txt", "UTF-16 BE with BOM", "indexed", marker=marker(5)),
            codecs.BOM_UTF16_BE + _article(5, "Big end", "Text.").encode("utf-16-be"),
        ),
        (Case("empty.txt", "empty", "skipped", reason="empty"), b""),
        (
            Case("whitespace.txt", "whitespace only", "skipped", reason="empty"),
            b" \n\t\r\n  \xc2\xa0\n" * 50,
        ),
        (
            Case("png.txt", "PNG header named .txt", "skipped", reason="PNG"),
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2048),
        ),
        (
            Case("elf.txt", "ELF header named .txt", "skipped", reason="ELF"),
            b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 8,
        ),
        (
            Case("random-binary.txt", "random bytes", "skipped", reason="binary"),
            bytes(range(256)) * 64,
        ),
        (
            Case("nul-early.txt", "NUL bytes near the start", "skipped", reason="NUL"),
            _article(6, "Nul", "a\x00b\x00c").encode(),
        ),
        (
            Case("nul-late.txt", "NUL bytes after the sniffed head", "indexed", marker=marker(7)),
            _article(7, "Late nul", ("Plain words here. " * 600) + "x\x00y\x00z").encode(),
        ),
        (
            Case("controls.txt", "every C0 (but NUL) and C1 control", "indexed", marker=marker(8)),
            _article(8, "Controls", "Long text " * 100 + controls + " end").encode(),
        ),
        (
            Case(
                "controls-title.txt",
                "controls and escapes in the headline",
                "indexed",
                marker=marker(9),
            ),
            _article(9, "Head\x1b]0;PWNED-TITLE\x07line \x1b[2J\x07\x08\x9b1m", "Body.").encode(),
        ),
        (
            Case(
                "ansi.txt",
                "ANSI CSI and OSC sequences",
                "indexed",
                marker=marker(10),
                shows="click me",
            ),
            _article(10, "Escapes \x1b[31mred\x1b[0m", "Text " + attacks + " after.").encode(),
        ),
        (
            Case("ansi-crlf.txt", "escapes split across CRLF lines", "indexed", marker=marker(11)),
            _article(11, "Split", "one\x1b]0;PWN\r\nED\x07 two \x1b[\r\n2J three")
            .replace("\n", "\r\n")
            .encode(),
        ),
        (
            Case(
                "markup.txt",
                "Rich/Textual markup",
                "indexed",
                marker=marker(12),
                shows="[link=file:///etc/passwd]x[/link]",
            ),
            _article(
                12, "[bold]Markup[/bold] [@click=app.quit]title[/]", " ".join(MARKUP)
            ).encode(),
        ),
        (
            Case(
                "scripts.txt",
                "RTL, combining, wide, zero-width, emoji",
                "indexed",
                marker=marker(13),
                shows="日本語のニュース",
            ),
            _article(13, "Scripts 🌍 עולם", scripts).encode(),
        ),
        (
            Case(
                "quotes-unmatched.txt", "10,000 unmatched quote marks", "indexed", marker=marker(14)
            ),
            _article(14, "Quotes", ' "' * 4000 + " “" * 3000 + " «" * 2000 + " „" * 1000).encode(),
        ),
        (
            Case("quotes-nested.txt", "deeply nested quotes", "indexed", marker=marker(15)),
            _article(15, "Nested", "He said " + nested + " and left.").encode(),
        ),
        (
            Case("one-line.txt", "1 MB line without a newline", "indexed", marker=marker(16)),
            (marker(16) + " " + "word " * 210_000).encode(),
        ),
        (
            Case("name with spaces.txt", "file name with spaces", "indexed", marker=marker(17)),
            _article(17, "Spaces", "Text.").encode(),
        ),
        (
            Case("new\nline.txt", "file name with a newline", "indexed", marker=marker(18)),
            _article(18, "Newline name", "Text.").encode(),
        ),
        (
            Case("ünïcödé 名前 مقالة.txt", "non-ASCII file name", "indexed", marker=marker(19)),
            _article(19, "Unicode name", "Text.").encode(),
        ),
        (
            Case(
                "evil\x1b]0;PWNED-NAME\x07\x1b[2J.txt",
                "escape sequences in the file name",
                "indexed",
                marker=marker(20),
            ),
            _article(20, "Escape name", "Text.").encode(),
        ),
        (
            Case(
                "c1\x9b2J \u202eevil\u202c.txt",
                "C1 CSI and a bidi override in the file name",
                "indexed",
                marker=marker(25),
            ),
            _article(25, "C1 name", "Text.").encode(),
        ),
        (
            Case(
                "[bold]markup[/] name.txt", "markup in the file name", "indexed", marker=marker(21)
            ),
            _article(21, "Markup name", "Text.").encode(),
        ),
        (
            Case(
                "x.txt/inside.txt",
                "article inside a folder named x.txt",
                "indexed",
                marker=marker(22),
            ),
            _article(22, "Inside", "Text.").encode(),
        ),
        (
            Case("cr-only.txt", "old Mac line ends", "indexed", marker=marker(23)),
            _article(23, "CR", "one\rtwo\rthree").replace("\n", "\r").encode(),
        ),
        (
            Case("bom-escapes.md", "UTF-8 BOM, markdown, escapes", "indexed", marker=marker(24)),
            codecs.BOM_UTF8 + _article(24, "# Markdown \x1b]2;T\x07", "**bold** `code`").encode(),
        ),
    ]
    return cases


def build_hostile_corpus(root: Path, *, huge: bool = True, long_line: bool = True) -> list[Case]:
    """Write a hostile corpus under ``root``; return every case with its expected outcome.

    Also writes a few plain articles so the corpus has ordinary content. The 50 MB article is a
    sparse file (instant to create, no disk space used); ``long_line=False`` leaves out the
    1 MB one-line article (slow to lay out in the TUI).
    """
    root.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    for case, data in _text_cases():
        if not long_line and case.name == "one-line.txt":
            continue
        _write(root, case.name, data)
        cases.append(case)
    for number in range(3):
        name = f"plain/plain-{number}.txt"
        _write(root, name, _article(100 + number, f"Plain {number}", "Ordinary.").encode())
        cases.append(Case(name, "ordinary article", "indexed", marker=marker(100 + number)))
    if huge:
        path = root / "huge-50mb.txt"
        with path.open("wb") as handle:
            handle.write(_article(30, "Huge", "Big.").encode())
            handle.truncate(50 * 1024 * 1024)
        cases.append(Case(path.name, "50 MB article (sparse)", "skipped", reason="too large"))
    cases.extend(_links(root))
    return cases


def _links(root: Path) -> list[Case]:
    """Symbolic links (a folder loop, a file loop, a dangling link, /dev/zero), a named pipe
    and a folder named x.txt."""
    (root / "loop").mkdir()
    _write(root, "loop/real.txt", _article(40, "Looped", "Text.").encode())
    os.symlink("..", root / "loop" / "up")
    os.symlink(".", root / "loop" / "self")
    os.symlink("b-loop.txt", root / "a-loop.txt")
    os.symlink("a-loop.txt", root / "b-loop.txt")
    os.symlink("does-not-exist.txt", root / "dangling.txt")
    (root / "empty-dir.txt").mkdir()
    os.mkfifo(root / "fifo.txt")  # reading it would wait forever for a writer
    os.symlink("/dev/zero", root / "zero.txt")  # reading it would never end
    return [
        Case("fifo.txt", "a named pipe", "skipped", reason="not a regular file"),
        Case("zero.txt", "a link to /dev/zero", "skipped", reason="not a regular file"),
        Case("loop/real.txt", "article beside a symlink loop", "indexed", marker=marker(40)),
        Case("a-loop.txt", "symlink loop (file)", "skipped", reason="unreadable"),
        Case("b-loop.txt", "symlink loop (file)", "skipped", reason="unreadable"),
        Case("dangling.txt", "dangling symlink", "skipped", reason="unreadable"),
        Case("empty-dir.txt", "a folder named x.txt", "unlisted"),
        Case("loop/self", "symlink loop (folder), not followed", "unlisted"),
    ]


def build_plain_corpus(root: Path, count: int, words_per_article: int = 60) -> list[Path]:
    """``count`` small ordinary articles with distinct words (fast to generate and index)."""
    vocabulary = [
        "budget",
        "council",
        "minister",
        "election",
        "court",
        "police",
        "market",
        "bank",
        "energy",
        "climate",
        "school",
        "hospital",
        "river",
        "bridge",
        "railway",
        "harbour",
        "festival",
        "museum",
        "theatre",
        "library",
        "union",
        "strike",
    ]
    paths = []
    for number in range(count):
        words = [
            vocabulary[(number * 7 + i * 3) % len(vocabulary)] for i in range(words_per_article)
        ]
        body = " ".join(words)
        path = root / f"d{number // 500:03d}" / f"article-{number:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(
            f"Article {number}\n\n{body} art{number:05d}x.\n\nMore {body}.\n", encoding="utf-8"
        )
        paths.append(path)
    return paths


def unsafe_characters(text: str) -> list[str]:
    """The control characters in ``text`` (empty when it is safe to print)."""
    return CONTROL_RE.findall(text)


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """Make ``folder`` unwritable: chmod for normal users, a read-only bind mount for root."""
    if os.geteuid() != 0:
        # Symbolic links are left alone: chmod would follow them (to /dev/zero, or nowhere).
        entries = [folder, *(path for path in folder.rglob("*") if not path.is_symlink())]
        modes = {path: path.stat().st_mode for path in entries}
        for path in modes:
            path.chmod(modes[path] & ~0o222)
        try:
            yield
        finally:
            for path, mode in modes.items():
                path.chmod(mode)
        return
    mounted = subprocess.run(
        ["mount", "--bind", "-o", "ro", str(folder), str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"running as root and cannot bind-mount read-only: {mounted.stderr!r}")
    try:
        yield
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fingerprint(root: Path) -> dict[str, tuple[str, int, int]]:
    """sha256, mode and mtime of every entry under root (links are not followed)."""
    prints: dict[str, tuple[str, int, int]] = {}
    for path in sorted(root.rglob("*")):
        stat = path.lstat()
        digest = ""
        if path.is_file() and not path.is_symlink():
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        prints[str(path.relative_to(root))] = (digest, stat.st_mode, stat.st_mtime_ns)
    return prints
