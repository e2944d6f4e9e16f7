"""Bytes to safe text: decoding detection, newline normalisation, terminal-safe sanitising."""

from __future__ import annotations

import codecs
import re
import unicodedata

__all__ = [
    "BinaryFileError",
    "decode_bytes",
    "escape_controls",
    "fold_accents",
    "one_line",
    "sanitize",
    "text_or_none",
]

# Magic numbers of binary formats people save with a `.txt` name by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "PNG image"),
    (b"\x7fELF", "ELF executable"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"GIF8", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"MZ", "Windows executable"),
    (b"SQLite format 3", "SQLite database"),
)

# ESC-introduced sequences: CSI (ESC [ ...), OSC (ESC ] ... BEL or ST), DCS/PM/APC/SOS strings,
# and two-character escapes. C1 equivalents (0x9B CSI, 0x9D OSC) are matched too.
_ESCAPES = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)

# Characters that must never reach a terminal or a layout: C0/C1 controls (but newline; tab
# becomes a space), DEL, bidirectional overrides and isolates ("Trojan Source"), BOM.
_UNSAFE: dict[int, str | None] = {c: None for c in [*range(0x00, 0x20), *range(0x7F, 0xA0)]}
_UNSAFE.update({c: None for c in [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFEFF]})
_UNSAFE.update({ord("\n"): "\n", ord("\t"): " ", 0x2028: "\n", 0x2029: "\n"})

# For one-line names (ids, paths): every control, line break, bidi override and lone surrogate.
_NAME_UNSAFE = re.compile(
    r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)

_WESTERN = ("cp1252", "latin_1", "iso8859_15")
# Every byte but the control bytes that mark a file as binary (deleted to count those).
_NOT_COUNTED_CONTROLS = bytes(b for b in range(256) if b >= 32 or b in b"\n\r\t\f\x1b")


class BinaryFileError(ValueError):
    """The bytes are not text (a known binary format or too many control bytes)."""


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode article bytes, returning ``(text, encoding)``.

    UTF-8 (with or without BOM) first, UTF-16/32 with a BOM, then charset detection.
    Raises BinaryFileError for data that is not text.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding.removesuffix("-sig")
    _reject_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    detected = _detect_encoding(data[:65536])
    if detected is None:
        return data.decode("utf-8", errors="replace"), "utf-8 (invalid bytes replaced)"
    return data.decode(detected, errors="replace"), detected


def _detect_encoding(data: bytes) -> str | None:
    """charset-normalizer's pick, except that near-ties go to the Western code pages.

    A single pound sign in English text is as "clean" in cp1250 (Ł) or cp932 as in cp1252 (£);
    the Western pages are by far the most common legacy encoding of news text, so they win ties.
    Candidates with no language coherence at all are only used when nothing else fits.
    """
    cyrillic = _cyrillic_code_page(data)
    if cyrillic is not None:
        return cyrillic
    from charset_normalizer import from_bytes  # only for files that are not UTF-8

    matches = [match for match in from_bytes(data) if match.encoding]
    coherent = [match for match in matches if match.coherence > 0] or matches
    if not coherent:
        return None
    least_chaos = min(match.chaos for match in coherent)
    for match in coherent:
        if match.encoding in _WESTERN and match.chaos <= least_chaos + 0.02:
            return str(match.encoding)
    return str(min(coherent, key=lambda match: (match.chaos, -match.coherence)).encoding)


# The single-byte Cyrillic code pages, most used first (a tie goes to the first).
_CYRILLIC_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")
# The dozen most frequent letters of Russian, Ukrainian and Bulgarian text: about three
# quarters of the letters of real text, a third or less of Greek or Latin text read as Cyrillic.
_COMMON_CYRILLIC = frozenset("оеаинтсрвлкмдпуія")
_HIGH_BYTES = bytes(range(0x80, 0x100))


def _cyrillic_code_page(data: bytes) -> str | None:
    """The Cyrillic code page of text written in one, decided by letter statistics.

    charset-normalizer's language coherence is unreliable on a few lines (a short windows-1251
    headline scores as Greek), so when many letters are high bytes each Cyrillic page is
    tried: the right one gives words in Cyrillic letters, capitals only at word starts, and
    the common letters of the language at their usual share. Western text with a few
    accented letters or a pound sign never gets here (too few high bytes).
    """
    high = len(data) - len(data.translate(None, _HIGH_BYTES))
    if high < 8 or high < sum(1 for byte in data if 65 <= byte | 0x20 <= 122):
        return None
    best, best_score = None, 0.0
    for encoding in _CYRILLIC_PAGES:
        score = _cyrillic_score(data.decode(encoding, errors="replace"))
        if score > best_score + 0.01:
            best, best_score = encoding, score
    return best if best_score >= 0.5 else None


def _cyrillic_score(text: str) -> float:
    """How much the words with non-ASCII letters in ``text`` read as Cyrillic prose (0-1)."""
    words = [word for word in _WORD_SPLIT.split(text) if not word.isascii()]
    if not words:
        return 0.0
    odd = 0.0
    cyrillic: list[str] = []
    for word in words:
        core = word.strip(_PUNCTUATION)
        letters = [char for char in core if char.isalpha()]
        if not core or not letters:
            odd += not core.isdigit()  # a word of symbols only ("╖╨╙")
            continue
        if not all("\u0400" <= char <= "\u04ff" for char in letters) or not core.isalpha():
            odd += not any(char.isdigit() for char in core)
            continue
        cyrillic.extend(letters)
        if not (core.islower() or core.isupper() or core[1:].islower()):
            odd += 1  # a capital after a small letter ("пРИВЕТ")
        elif core.islower() and not word[0].isalnum() and not word[0].isascii():
            odd += 0.5  # a capital read as punctuation ("„иновникам")
    if not cyrillic:
        return 0.0
    common = sum(char.lower() in _COMMON_CYRILLIC for char in cyrillic) / len(cyrillic)
    # Prose is mostly small letters; the wrong one of two pages that swap cases (cp1251 and
    # KOI8) reads it as capitals: up to a fifth off for text in capitals only.
    capitals = sum(char.isupper() for char in cyrillic) / len(cyrillic)
    return common * (1 - odd / len(words)) * (1 - 0.4 * max(0.0, capitals - 0.5))


_WORD_SPLIT = re.compile(r"[\s/-]+")
_PUNCTUATION = "\"'«»„“”‘’()[]{}<>.,;:!?-–—…/*%"


def _reject_binary(data: bytes) -> None:
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise BinaryFileError(f"binary file ({kind})")
    head = data[:8192]
    if b"\x00" in head:
        raise BinaryFileError("binary file (contains NUL bytes)")
    controls = len(head.translate(None, _NOT_COUNTED_CONTROLS))
    if head and controls / len(head) > 0.1:
        raise BinaryFileError("binary file (mostly control bytes)")


def sanitize(text: str) -> str:
    """Normalise newlines and strip escape sequences and control characters.

    The result is safe to show in a terminal: only printable characters, spaces and newlines.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x1b" in text or "\x9b" in text or "\x9d" in text:
        text = _ESCAPES.sub("", text)
    return text.translate(_UNSAFE)


def one_line(text: str | None) -> str:
    """``text`` as one line safe to show: no control characters or escape sequences, every
    run of white space (line breaks included) one space."""
    if not text:
        return ""
    return " ".join(sanitize(text).split())


def text_or_none(value: object) -> str | None:
    """A metadata value (a title, an author, a link) as one clean line; None when it is not
    text or nothing is left."""
    return one_line(value) or None if isinstance(value, str) else None


def escape_controls(name: str) -> str:
    """A one-line name (a file name, an id) with unsafe characters spelled out as ``\\x1b``.

    Unlike ``sanitize`` nothing is dropped, so two different names stay different; lone
    surrogates (file names that are not UTF-8) become encodable escapes too.
    """
    return _NAME_UNSAFE.sub(_spell_out, name)


def _spell_out(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _one_to_one_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0xC0, 0x2000):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[0]
        if base != char and base.isascii() and base.isalpha():
            table[code] = base
    table.update({ord("ß"): "s", ord("ø"): "o", ord("Ø"): "O", ord("ł"): "l", ord("Ł"): "L"})
    return table


_FOLD = _one_to_one_fold_table()


def fold_accents(text: str) -> str:
    """Replace accented Latin letters by their base letter, keeping the length unchanged.

    Offsets in the folded string are offsets in the original, so matches found in the folded
    text can be highlighted in the original.
    """
    return text.translate(_FOLD)
