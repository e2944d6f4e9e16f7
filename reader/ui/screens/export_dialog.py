"""The export dialog: asks for a file, a format and articles or quotations, then exports in
a worker with a progress bar (Escape stops it; the file appears only once complete)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, ProgressBar, RadioButton, RadioSet, Static
from textual.worker import Worker, get_current_worker

from reader.articles.text import escape_controls
from reader.models import plural

if TYPE_CHECKING:
    from reader.export import ExportFormat
    from reader.index import Library
    from reader.models import Speaker
    from reader.personal import Reading

__all__ = ["ExportDialog", "exported_message"]

_SUFFIX = {"csv": ".csv", "jsonl": ".jsonl", "md": ".md"}


def exported_message(count: int, path: Path, quotes: bool) -> str:
    """What an export wrote, in one line: ``Exported 12 quotations to /tmp/x.md``."""
    noun = "quotation" if quotes else "article"
    return f"Exported {plural(count, noun)} to {escape_controls(str(path))}"


class _Stopped(Exception):
    """Raised from the progress callback when the user stops the export."""


class ExportDialog(ModalScreen[int | None]):
    """Export these articles (or their quotations, optionally one speaker's) to a file.

    Dismisses with the number of records written, or None when cancelled; a written export
    is notified with its file and count ("Exported 12 quotations to /tmp/x.md").
    """

    DEFAULT_CSS = """
    ExportDialog { align: center middle; }
    ExportDialog > Vertical { width: 80; height: auto; border: round $accent; padding: 0 1; }
    ExportDialog RadioSet { layout: horizontal; height: auto; width: 1fr; }
    ExportDialog #export-error { color: $error; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel / stop", id="export.cancel"),
    ]

    class Progressed(Message):
        """A chunk of articles was written (posted by the export worker)."""

        def __init__(self, done: int, total: int) -> None:
            super().__init__()
            self.done = done
            self.total = total

    class Finished(Message):
        """The export ended: ``count`` records, or ``problem`` in one line."""

        def __init__(self, count: int | None, problem: str | None) -> None:
            super().__init__()
            self.count = count
            self.problem = problem

    def __init__(
        self,
        library: Library,
        reading: Reading | None,
        article_ids: Sequence[str],
        default_path: Path,
        quotes: bool = False,
        speaker: str | Speaker | None = None,
    ) -> None:
        super().__init__()
        self.library = library
        self.reading = reading
        self.article_ids = list(article_ids)
        self.default_path = default_path
        self.quotes = quotes
        self.speaker = speaker
        self._worker: Worker[None] | None = None
        self._written: tuple[Path, bool] | None = None
        """The file and whether it holds quotations, of the export under way."""

    def compose(self) -> ComposeResult:
        name = self.speaker if isinstance(self.speaker, str) else getattr(self.speaker, "name", "")
        what = f"{escape_controls(name)}'s quotations in " if name else ""
        with Vertical() as box:
            box.border_title = Text(f"Export {what}{plural(len(self.article_ids), 'article')}")
            box.border_subtitle = "Enter exports · Esc cancels"
            yield Input(str(self.default_path), id="export-path")
            with RadioSet(id="export-format"):
                yield RadioButton("CSV", value=True, id="csv")
                yield RadioButton("JSON Lines", id="jsonl")
                yield RadioButton("Markdown citations", id="md")
            yield Checkbox(
                "Quotations (one record per quotation)", value=self.quotes, id="export-quotes"
            )
            yield ProgressBar(total=len(self.article_ids), show_eta=True, id="export-progress")
            yield Static("", id="export-error")

    @on(Input.Submitted, "#export-path")
    def _start(self, event: Input.Submitted) -> None:
        if self._worker is not None and self._worker.is_running:
            return
        pressed = self.query_one(RadioSet).pressed_button
        fmt = cast("ExportFormat", pressed.id if pressed and pressed.id else "csv")
        path = Path(event.value.strip() or str(self.default_path)).expanduser()
        if not path.suffix:
            path = path.with_suffix(_SUFFIX[fmt])
        named = {suffix: name for name, suffix in _SUFFIX.items()}.get(path.suffix.lower())
        fmt = cast("ExportFormat", named or fmt)  # "x.md" is Markdown whatever is ticked
        quotes = self.query_one("#export-quotes", Checkbox).value
        self.query_one("#export-error", Static).update("")
        self._written = (path, quotes)
        self._worker = self._export(path, fmt, quotes)

    @work(thread=True, exclusive=True, exit_on_error=False, group="export")
    def _export(self, path: Path, fmt: ExportFormat, quotes: bool) -> None:
        from reader.export import ExportError, export_to_path

        worker = get_current_worker()

        def progress(done: int, total: int) -> None:
            if worker.is_cancelled:
                raise _Stopped
            self.post_message(self.Progressed(done, total))

        try:
            count = export_to_path(
                self.library, self.article_ids, path, fmt,
                quotes=quotes, reading=self.reading, speaker=self.speaker, progress=progress,
            )  # fmt: skip
        except _Stopped:
            self.post_message(self.Finished(None, "stopped: nothing was written"))
        except ExportError as error:
            self.post_message(self.Finished(None, str(error)))
        else:
            self.post_message(self.Finished(count, None))

    @on(Progressed)
    def _progressed(self, event: Progressed) -> None:
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)

    @on(Finished)
    def _finished(self, event: Finished) -> None:
        if event.problem is None:
            if event.count is not None and self._written is not None:
                self.app.notify(exported_message(event.count, *self._written), title="Export")
            self.dismiss(event.count)
            return
        self.query_one("#export-error", Static).update(Text(event.problem))

    def action_cancel(self) -> None:
        if self._worker is not None and self._worker.is_running:
            self._worker.cancel()  # the export stops at its next chunk
            return
        self.dismiss(None)
