"""Article text is shown literally: markup, links, click actions and escapes are never applied."""

from __future__ import annotations

import asyncio
from pathlib import Path

from textual.content import Content
from textual.widgets import Static

from reader.index import Library
from reader.ui.app import make_app
from reader.ui.widgets.article_view import ArticleView, BlockView
from reader.ui.widgets.quote_panel import QuotePanel
from tests.pilot import settle

HOSTILE_LINES = (
    "Press [bold]freedom[/bold] and [/ closing nothing",
    "See [link=https://example.com/evil]this link[/link] or [@click=app.quit]quit[/] now",
    "A [red on white]styled[/] word, an [i]italic[/i] one and a \x1b[31mred escape\x1b[0m",
)


def write_corpus(root: Path) -> Path:
    root.mkdir()
    body = "\n\n".join(HOSTILE_LINES)
    quote = (
        "The minister said “[bold]we will not[/bold] give in [@click=app.quit]now[/]” on Monday."
    )
    text = f"Markup [b]in[/b] the [link=x]headline[/link]\n\n{body}\n\n{quote}\n"
    (root / "hostile.txt").write_text(text, encoding="utf-8")
    return root


def plain(widget: Static) -> str:
    visual = widget.visual
    return visual.plain if isinstance(visual, Content) else str(widget.content)


def test_markup_in_articles_displays_literally(tmp_path: Path) -> None:
    library = Library.open(write_corpus(tmp_path / "corpus"))

    async def run() -> None:
        app = make_app(library)
        async with app.run_test(size=(140, 45)) as pilot:
            await settle(pilot)
            await pilot.press("enter")  # open the only article
            await app.workers.wait_for_complete()
            await pilot.pause()
            reading = app.screen.query_one("#reading", ArticleView)
            shown = "\n".join(plain(widget) for widget in reading.query(Static))
            assert "Markup [b]in[/b] the [link=x]headline[/link]" in shown
            assert "[bold]freedom[/bold] and [/ closing nothing" in shown
            assert "[link=https://example.com/evil]this link[/link]" in shown
            assert "[@click=app.quit]quit[/]" in shown
            assert "[red on white]styled[/]" in shown
            assert "\x1b" not in shown
            panel = app.screen.query_one(QuotePanel)
            assert panel.option_count >= 1
            prompt = panel.get_option_at_index(0).prompt
            assert "[bold]we will not[/bold]" in str(prompt)
            # Clicking the text must not run the embedded "app.quit" action.
            for block in reading.query(BlockView):
                await pilot.click(block)
            await pilot.pause()
            assert app.is_running
            await pilot.press("r")  # the raw text, too, is literal
            await pilot.pause()
            raw = "\n".join(plain(widget) for widget in reading.query(BlockView))
            assert "[@click=app.quit]quit[/]" in raw and "\x1b" not in raw

    asyncio.run(run())
