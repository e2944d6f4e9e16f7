"""SpeakerScreen: one speaker's statements, each once, with the outlets and dates that
carried it and each outlet's wording set against the most common one, word by word."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.articles.text import escape_controls
from reader.models import plural, readable_date, via_note
from reader.ui import keys
from reader.ui.screens.speakers import QuoteTarget, guarded_read
from reader.ui.statements import Carrier, Statement, statements, word_diff
from reader.ui.widgets.footer import ReaderFooter
from reader.ui.widgets.pager_keys import PagedOptionList

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import Speaker
    from reader.personal import Reading

__all__ = ["SpeakerScreen", "carrier_text", "statement_heading"]

_INSERTED = "bold underline"
"""A variant's words the main wording does not have (styles, never markup)."""
_LEFT_OUT = "reverse"
"""Marks the place of words a variant leaves out."""


def statement_heading(statement: Statement) -> Text:
    """The statement's main wording, with how widely it was reported."""
    heading = Text("“", style="bold")
    heading.append(escape_controls(statement.wording), style="bold")
    heading.append("”", style="bold")
    articles = len({c.article for c in statement.carriers})
    outlets = statement.outlets
    reach = f"  {plural(articles, 'article')}"
    if outlets:
        reach += f" · {', '.join(outlets)}"
    if statement.variants > 1:
        reach += f" · {statement.variants} wordings"
    heading.append(escape_controls(reach), style="dim")
    return heading


def carrier_text(statement: Statement, carrier: Carrier) -> Text:
    """One report of the statement: outlet, date, article; its wording when it differs,
    the differences styled."""
    line = Text("  ")
    line.append(escape_controls(carrier.source or "unknown outlet"), style="bold")
    line.append(f" · {readable_date(carrier.date) or 'no date'} · ", "dim")
    line.append(escape_controls(carrier.title or carrier.article), "dim italic")
    if len(carrier.quote.said_by) > 1:  # words passed on: "· Bernie Sanders (via CNN)"
        line.append(f" · {escape_controls(carrier.quote.speaker_label or '')}", "dim")
    if carrier.wording == statement.wording:
        return line
    wording = escape_controls(carrier.wording)
    variant = Text("    “" + wording + "”", style="italic")
    for start, end, kind in word_diff(escape_controls(statement.wording), wording):
        at = start + 5  # past the indent and the opening mark
        if kind == "delete":
            variant.stylize(_LEFT_OUT, max(at - 1, 5), at)
        else:
            variant.stylize(_INSERTED, at, end + 5)
    return Text("\n").join((line, variant))


class SpeakerScreen(Screen[QuoteTarget | None]):
    """A speaker's statements; Enter opens the article at that quote, Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = keys.SPEAKER

    class Loaded(Message):
        def __init__(self, found: list[Statement], articles: list[str], why: str = "") -> None:
            super().__init__()
            self.statements = found
            self.articles = articles
            self.why = why
            """Why nothing could be read (``guarded_read``), or ""."""

    def __init__(self, library: Library, speaker: Speaker) -> None:
        super().__init__()
        self.library = library
        self.speaker = speaker
        self.targets: dict[str, QuoteTarget] = {}
        self.articles: list[str] = []
        """The articles that quote the speaker, once read."""

    def compose(self) -> ComposeResult:
        yield Static(self._about(), id="speaker-about")
        yield PagedOptionList(id="speaker-statements")
        yield ReaderFooter()

    def _about(self) -> Text:
        s = self.speaker
        about = Text(escape_controls(s.name), style="bold")
        if s.kind:
            about.append(f"  {s.kind}", style="italic")
        if s.roles:
            about.append(f"  {escape_controls(', '.join(s.roles))}")
        # “...,” Sanders said, according to CNN: one of Sanders' quotes, via another source
        counts = " · ".join(
            plural(n, noun) + (via_note(s.via) if noun == "quote" else "")
            for n, noun in ((s.quotes, "quote"), (s.articles, "article"), (s.outlets, "outlet"))
        )
        about.append(f"\n{counts}", style="dim")
        if s.aliases:
            about.append(f" · also {escape_controls(', '.join(s.aliases))}", style="dim")
        return about

    def on_mount(self) -> None:
        listing = self.query_one(PagedOptionList)
        listing.border_title = Text("Statements")
        listing.border_subtitle = Text("Enter opens the article at the quote · Esc back")
        listing.focus()
        self._read()

    @work(thread=True, exclusive=True, exit_on_error=False, group="speaker")
    def _read(self) -> None:
        self.post_message(
            guarded_read(self.library, self._statements, lambda why: self.Loaded([], [], why))
        )

    def _statements(self) -> Loaded:
        quotes = self.library.speaker_quotes(self.speaker.name)
        where = self.library.catalog.outlets_and_dates(quotes)
        titles = {a: s.title for a in quotes if (s := self.library.summary(a)) is not None}
        return self.Loaded(statements(quotes, where, titles), list(quotes))

    @on(Loaded)
    def _loaded(self, event: Loaded) -> None:
        self.articles = event.articles
        options: list[Option | None] = []
        for number, statement in enumerate(event.statements):
            if options:
                options.append(None)
            options.append(Option(statement_heading(statement), disabled=True))
            for index, carrier in enumerate(statement.carriers):
                key = f"{number}:{index}"
                self.targets[key] = (carrier.article, carrier.quote.start)
                options.append(Option(carrier_text(statement, carrier), id=key))
        if not options:
            found = event.why or "No statements found."
            options.append(Option(Text(found, style="dim"), disabled=True))
        listing = self.query_one(PagedOptionList)
        listing.clear_options()
        listing.add_options(options)
        listing.action_first()

    @on(OptionList.OptionSelected)
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id in self.targets:
            self.dismiss(self.targets[event.option.id])

    def action_export(self) -> None:
        """Export the speaker's quotations (exactly those listed here) to a file."""
        from pathlib import Path

        from reader.quotes.speakers.names import speaker_key
        from reader.ui.screens.export_dialog import ExportDialog

        if not self.articles:
            self.notify("Nothing to export.", timeout=2)
            return
        stem = speaker_key(self.speaker.name) or "speaker"
        dialog = ExportDialog(
            self.library, self._reading(), self.articles,
            Path(f"reader-{stem}-quotes"), quotes=True, speaker=self.speaker,
        )  # fmt: skip
        self.app.push_screen(dialog)

    def _reading(self) -> Reading | None:
        """The user's data (for the notes on quotations), as the main screen opened it."""
        from reader.ui.screens.main import MainScreen

        for screen in self.app.screen_stack:
            if isinstance(screen, MainScreen):
                return screen.reading_data()
        return None
