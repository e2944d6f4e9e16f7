"""The reader's Textual app and ``make_app``, the one way the CLI and the tests build it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from reader.locations import cache_dir
from reader.ui import keys
from reader.ui.messages import CompareRequested, ListShown
from reader.ui.screens.main import MainScreen
from reader.ui.styles_cache import StylesCache
from reader.ui.widgets.article_list import ArticleList

if TYPE_CHECKING:
    from textual.command import Provider

    from reader.index import Library
    from reader.search.results import FacetValues
    from reader.ui.read_ahead import ReadAhead
    from reader.ui.screens.help import HelpSection

__all__ = ["ReaderApp", "make_app"]

DARK_THEME = "textual-dark"
LIGHT_THEME = "textual-light"


# The command palette's own providers, loaded when it first opens (not on the first paint).
def _article_commands() -> type[Provider]:
    from reader.ui.commands import ArticleCommands

    return ArticleCommands


def _quote_commands() -> type[Provider]:
    from reader.ui.commands import QuoteCommands

    return QuoteCommands


def _saved_search_commands() -> type[Provider]:
    from reader.ui.widgets.saved_panel import SavedSearchCommands

    return SavedSearchCommands


class ReaderApp(App[None]):
    """A terminal reader for a news corpus: search, read with quotes, compare."""

    CSS_PATH = "reader.tcss"
    TITLE = "reader"
    COMMANDS = App.COMMANDS | {_article_commands, _quote_commands, _saved_search_commands}
    BINDINGS: ClassVar[list[BindingType]] = keys.APP

    def __init__(
        self,
        library: Library,
        query: str | None = None,
        theme: str | None = None,
        facet_sources: Mapping[str, FacetValues] | None = None,
        read_ahead: ReadAhead | None = None,
    ) -> None:
        super().__init__()
        # Before the theme is set: the rules parsed for it are read from the cache.
        self.styles_cache = StylesCache(
            cache_dir() / "styles.pickle", variables=self.get_css_variables()
        )
        self.stylesheet = self.styles_cache
        self.library = library
        self.facet_sources = dict(facet_sources or {})
        """Facets beyond outlet, month and speaker to filter hits by (the reader's tags)."""
        self.initial_query = query
        self._read_ahead = read_ahead
        if theme is not None:
            self.theme = theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Notifications quote article titles, quotes, file names and what the user typed:
        never read as markup, and their control characters spelled out, in one place."""
        from reader.articles.text import escape_controls  # not on the first paint's path

        super().notify(
            "\n".join(escape_controls(line) for line in message.split("\n")),
            title=escape_controls(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.library, self.initial_query, self._read_ahead)

    @on(ListShown)
    def _keep_styles(self) -> None:
        """Start-up is over: keep the rules parsed for it for the next start."""
        self.styles_cache.save()

    def on_unmount(self) -> None:
        self._keep_styles()  # and those of the screens opened since

    @on(CompareRequested)
    def _compare(self, event: CompareRequested) -> None:
        from reader.ui.screens.compare import CompareScreen  # loaded when first needed

        screen = self.screen
        highlight = screen.search_highlight() if isinstance(screen, MainScreen) else None
        self.push_screen(CompareScreen(self.library, event.left_id, event.right_id, highlight))

    def help_sections(self) -> list[HelpSection]:
        """The bindings of the reader, by screen, for the help screen."""
        return [
            ("Everywhere", [*ReaderApp.BINDINGS, *keys.BUILT_IN]),
            ("Reading", keys.MAIN),
            ("Your reading", keys.PERSONAL),
            ("Article list", ArticleList.BINDINGS),
            ("Search hits", keys.HIT_LIST),
            ("Reading pane", keys.ARTICLE_VIEW),
            ("Hits and quotes", keys.OPTION_LIST),
            ("Compare", keys.COMPARE),
        ]

    def action_help(self) -> None:
        """Show every key."""
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.help_sections()))

    def action_toggle_theme(self) -> None:
        """Switch between the dark and the light theme."""
        self.theme = LIGHT_THEME if self.current_theme.dark else DARK_THEME

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Dark/light theme", "Switch between dark and light", self.action_toggle_theme
        )
        if isinstance(screen, MainScreen):
            yield SystemCommand("Find quote", "Go to the quote panel", screen.action_focus_quotes)
            yield SystemCommand(
                "Speakers", "Everyone quoted, and what they said", screen.action_speakers
            )
            yield SystemCommand(
                "Toggle raw text", "Show the file as it is", screen.action_toggle_raw
            )
            yield SystemCommand(
                "Compare", "Compare the marked article with the selected one", screen.action_compare
            )
            yield SystemCommand("Mark for compare", "Mark the selected article", screen.action_mark)


def make_app(
    library: Library,
    *,
    query: str | None = None,
    theme: str | None = None,
    facet_sources: Mapping[str, FacetValues] | None = None,
    read_ahead: ReadAhead | None = None,
) -> ReaderApp:
    """Build the reader on a library (the index is opened and updated in the background).

    Args:
        library: The corpus and its index, from ``Library.open``.
        query: A search to run at start.
        theme: A Textual theme name, e.g. ``textual-light``.
        facet_sources: More facets for the hits, by name: for article ids, each one's
            values (``{"tag": tags_of}`` once the reader's own data is there).
        read_ahead: The list's first screen, read while the UI loads (``reader``'s start).
    """
    return ReaderApp(
        library, query=query, theme=theme, facet_sources=facet_sources, read_ahead=read_ahead
    )
