"""Decoding and sanitising bytes from any source."""

from __future__ import annotations

import codecs

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from reader.articles.text import BinaryFileError, decode_bytes, fold_accents, sanitize

SAMPLE = "Prix: 15 £ — «Путин» Alexeï"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8"),
        (SAMPLE.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16"),
    ],
)
def test_unicode_encodings_round_trip(data: bytes, encoding: str) -> None:
    assert decode_bytes(data) == (SAMPLE, encoding)


def test_latin1_and_windows_1251_are_detected() -> None:
    english = "The club paid £15.8m for the striker, a record fee for a forward this season."
    assert decode_bytes(english.encode("latin-1"))[0] == english
    russian = "Россия рассчитывает на конструктивное воздействие США на Грузию. " * 3
    text, encoding = decode_bytes(russian.encode("windows-1251"))
    assert text == russian
    assert encoding == "cp1251"


@pytest.mark.parametrize(
    "data", [b"\x7fELF\x02\x01\x01" + bytes(64), b"abc\x00def" * 10, bytes(range(1, 9)) * 50]
)
def test_binary_data_is_rejected(data: bytes) -> None:
    with pytest.raises(BinaryFileError):
        decode_bytes(data)


def test_sanitize_strips_escapes_and_controls_but_keeps_text() -> None:
    hostile = (
        "a\x1b[31mred\x1b[0m b\x1b]0;evil title\x07c\x1b]52;c;ZXZpbA==\x07d"
        "\x1b]8;;http://x\x1b\\link\x1b]8;;\x1b\\ e\x9b2Jf\x00g\x07h\u202eRTL\r\nnext\rline\tx"
    )
    assert sanitize(hostile) == "ared bcdlink efghRTL\nnext\nline x"


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000))
def test_decoding_arbitrary_bytes_never_raises_unexpectedly(data: bytes) -> None:
    try:
        text, _ = decode_bytes(data)
    except BinaryFileError:
        return
    clean = sanitize(text)
    assert "\x1b" not in clean
    assert all(char in "\n" or ord(char) >= 32 for char in clean)
    assert not any(0x7F <= ord(char) < 0xA0 for char in clean)


def test_fold_accents_keeps_length() -> None:
    assert fold_accents("Alexeï Poutine, Zürich, Ærø") == "Alexei Poutine, Zurich, Ærø".replace(
        "Ærø", "Æro"
    )
    assert len(fold_accents(SAMPLE)) == len(SAMPLE)


# The example, as a class: short Cyrillic files in each Cyrillic code page.
HEADLINE = "Заголовок новости о встрече\r\n\r\nПрезидент сказал: «Это конструктивно».\r\n"
SHORT_CYRILLIC = [
    HEADLINE,
    "Экономика растёт\r\n\r\nЦены на нефть выросли на пять процентов за неделю.",
    "Москва и Киев договорились о встрече министров в Минске.",
    "Правителството обяви днес нови мерки за икономиката на страната.",  # Bulgarian
    "Україна та Польща підписали угоду про співпрацю в енергетиці.",  # Ukrainian
]


@pytest.mark.parametrize("text", SHORT_CYRILLIC)
@pytest.mark.parametrize("encoding", ["cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5"])
def test_short_cyrillic_files_read_as_cyrillic(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:  # KOI8 has no guillemets, KOI8-R no Ukrainian letters
        data = text.replace("«", '"').replace("»", '"').encode(encoding, errors="replace")
        text = data.decode(encoding)
    assert decode_bytes(data)[0] == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("The club paid £15.8m for the striker, a record fee for a forward.", "cp1252"),
        ("Le président a déclaré que la réunion était constructive.", "cp1252"),
        ("Η κυβέρνηση ανακοίνωσε σήμερα νέα μέτρα για την οικονομία.", "cp1253"),
        ("Die Regierung kündigte heute neue Maßnahmen für die Wirtschaft an.", "cp1252"),
    ],
)
def test_other_code_pages_are_not_taken_for_cyrillic(text: str, encoding: str) -> None:
    decoded, found = decode_bytes(text.encode(encoding))
    assert decoded == text
    assert found not in ("cp1251", "koi8_r", "koi8_u", "cp866", "iso8859_5", "mac_cyrillic")


_RUSSIAN_WORDS_TEXT = (
    "президент правительство встреча сказал заявил России страны города года время новости "
    "сегодня после также который министр может будет были цены работы люди вопрос "
)
RUSSIAN_WORDS = _RUSSIAN_WORDS_TEXT.split()


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(RUSSIAN_WORDS), min_size=3, max_size=12),
    st.sampled_from(["cp1251", "koi8_r", "cp866"]),
)
# one word over and over: in KOI8 its letters are as common, in capitals (cases swapped)
@example(["будет"] * 6, "cp1251")
def test_any_sentence_of_russian_words_reads_as_cyrillic(words: list[str], encoding: str) -> None:
    text = " ".join(words).capitalize() + "."
    assert decode_bytes(text.encode(encoding))[0] == text


def test_one_line_and_metadata_values_are_one_clean_line() -> None:
    from reader.articles.text import one_line, text_or_none

    assert one_line("Oil\x1b[31m prices\n\n rise\t") == "Oil prices rise"
    assert one_line(None) == one_line("") == ""
    assert text_or_none(" Reuters \n") == "Reuters"
    assert text_or_none(" \x07 ") is None
    assert text_or_none(42) is None


def test_counted_nouns_have_one_owner() -> None:
    """``1 hit``, ``2 hits``: every front end says it through ``models.plural`` (an inline
    copy once said "1 paragraphs")."""
    import re
    from pathlib import Path

    from reader.models import plural

    assert [plural(1, "hit"), plural(1024, "file"), plural(2, "copy", "copies")] == [
        "1 hit",
        "1,024 files",
        "2 copies",
    ]
    inline = re.compile(r"""== 1 else ['"]s['"]|['"]s['"] if [^\n]*!= 1 else ['"]['"]""")
    package = Path(__file__).resolve().parent.parent / "reader"
    copies = [p.name for p in package.rglob("*.py") if inline.search(p.read_text("utf-8"))]
    assert copies == []
