"""Tests for reader.ui.render: article text styled by offsets, never parsed as markup."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style

from reader.articles import parse_article
from reader.models import Quote
from reader.ui.render import Document, Styles, block_index, block_texts, header_text

STYLES = Styles(
    speech=Style(color="green"),
    term=Style(italic=True),
    speaker=Style(dim=True),
    hit=Style(bgcolor="yellow"),
    hit_current=Style(bgcolor="red"),
    quote_current=Style(underline=True),
    groups=(Style(color="blue"), Style(color="magenta")),
)
TEXT = "Headline [b]here[/b]\n\nShe said “we stay [bold]put”. Then left.\n\nA second [/ paragraph."


def document(**kwargs: object) -> Document:
    article = parse_article(TEXT, "a", Path("a.txt"))
    body = article.body
    start = body.index("we stay")
    quote = Quote(body[start : body.index("”")], start, body.index("”"), 0, "speech", "Ann", "g1")
    return Document(article, (quote,), **kwargs)  # type: ignore[arg-type]


def styles_at(text: object, position: int) -> list[Style]:
    return [span.style for span in text.spans if span.start <= position < span.end]  # type: ignore[attr-defined]


def test_markup_stays_literal_and_speaker_follows_the_sentence() -> None:
    texts = block_texts(document(), STYLES)
    assert texts[0].plain == "She said “we stay [bold]put”. ◂ Ann Then left."
    assert texts[1].plain == "A second [/ paragraph."


def test_the_speaker_goes_after_a_spaced_closing_mark() -> None:
    # seed 002: "... reconcile positions ”." drew the label inside the closing mark
    for spaced in (" ", "\u00a0", "  "):
        text = f"He said “we reconcile positions{spaced}”. Then left.\n\nNext “a term ” here."
        article = parse_article(f"Title\n\n{text}", "a", Path("a.txt"))
        body = article.body
        start = body.index("we reconcile")
        end = body.index("positions") + len("positions")
        quotes = (Quote(body[start:end], start, end, 0, "speech", "Vladimir Putin"),)
        plain = block_texts(Document(article, quotes), STYLES)[0].plain
        assert plain == f"He said “we reconcile positions{spaced}”. ◂ Vladimir Putin Then left."


def test_seed_002_labels_follow_the_closing_marks() -> None:
    from reader.quotes import find_quotes

    seeds = Path(__file__).resolve().parent.parent / "seeds"
    path = next(seeds.glob("002_*.txt"))
    article = parse_article(path.read_text(encoding="utf-8"), path.stem, path)
    quotes = tuple(find_quotes(article.body))
    texts = block_texts(Document(article, quotes), STYLES)
    labels = {f" ◂ {q.speaker}" for q in quotes if q.kind == "speech" and q.speaker}
    followers = [
        plain[at + len(label) :].lstrip(" \u00a0")[:1]
        for plain in (t.plain for t in texts)
        for label in labels
        for at in range(len(plain))
        if plain.startswith(label, at)
    ]
    assert followers and not any(ch and ch in '”’»"' for ch in followers)


def test_quote_hit_and_current_styles_by_offset() -> None:
    doc = document()
    body = doc.article.body
    word = body.index("stay")
    hits = ((word, word + 4), (body.index("second"), body.index("second") + 6))
    texts = block_texts(Document(doc.article, doc.quotes, hits), STYLES, current_hit=1)
    first, second = texts
    offset = word - doc.article.blocks[0].start
    assert STYLES.speech in styles_at(first, offset)
    assert STYLES.hit in styles_at(first, offset)
    assert STYLES.hit_current not in styles_at(first, offset)
    assert STYLES.hit_current in styles_at(second, second.plain.index("second"))


def test_shared_groups_take_their_colour() -> None:
    doc = document(group_colours={"g1": 1})
    first = block_texts(doc, STYLES, current_quote=0)[0]
    position = first.plain.index("stay")
    assert STYLES.groups[1] in styles_at(first, position)
    assert STYLES.quote_current in styles_at(first, position)


def test_header_and_block_index() -> None:
    doc = document()
    header = header_text(doc.article, Style(bold=True), Style(dim=True))
    assert header.plain.startswith("Headline [b]here[/b]")
    blocks = doc.article.blocks
    assert block_index(blocks, blocks[1].start + 3) == 1
    assert block_index(blocks, blocks[0].end + 1) == 0  # the blank line between belongs before
