"""Every key binding of the reader in one place; the help screen and the footer show these.

The ``tooltip`` of a binding is its longer description in the help screen.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

__all__ = [
    "APP",
    "ARTICLE_LIST",
    "ARTICLE_VIEW",
    "BUILT_IN",
    "COMPARE",
    "HIT_LIST",
    "MAIN",
    "OPTION_LIST",
    "PERSONAL",
]


APP: list[BindingType] = [
    Binding("q", "quit", "Quit", id="app.quit"),
    Binding("question_mark,f1", "help", "Help", id="app.help"),
    Binding(
        "T",
        "toggle_theme",
        "Dark/light",
        show=False,
        id="app.theme",
        tooltip="Switch between the dark and the light theme",
    ),
]
"""Keys of the app, available on every screen."""

MAIN: list[BindingType] = [
    Binding(
        "enter",
        "submit_search",
        "Search",
        show=False,
        priority=True,
        id="search.submit",
        tooltip="In the search box: search now and go to the first hit",
    ),
    Binding(
        "slash",
        "focus_search",
        "Search",
        priority=True,
        id="search.focus",
        tooltip='Focus the search box (Whoosh syntax: AND OR NOT, "phrases", field:word)',
    ),
    Binding(
        "escape",
        "back",
        "Back",
        id="back",
        tooltip="Clear the search, go back from the article to the list, or forget the mark",
    ),
    Binding(
        "n",
        "step_hit(1)",
        "Next hit",
        id="hit.next",
        tooltip="Next search hit in the open article",
    ),
    Binding(
        "N",
        "step_hit(-1)",
        "Prev hit",
        show=False,
        id="hit.previous",
        tooltip="Previous search hit in the open article",
    ),
    Binding(
        "right_square_bracket",
        "step_quote(1)",
        "Next quote",
        id="quote.next",
        tooltip="Next quotation in the open article",
    ),
    Binding(
        "left_square_bracket",
        "step_quote(-1)",
        "Prev quote",
        show=False,
        id="quote.previous",
        tooltip="Previous quotation in the open article",
    ),
    Binding(
        "ctrl+y",
        "accept_suggestion",
        "Did you mean",
        show=False,
        id="search.suggestion",
        tooltip='Accept the "did you mean" suggestion',
    ),
    Binding(
        "z",
        "reading_mode",
        "Read",
        id="article.reading-mode",
        tooltip="Reading mode: the article alone, full screen, at a readable width (z, Esc leave)",
    ),
    Binding(
        "r",
        "toggle_raw",
        "Raw",
        id="article.raw",
        tooltip="Toggle the raw file text, boilerplate included",
    ),
    Binding(
        "m",
        "mark",
        "Mark",
        id="compare.mark",
        tooltip="Mark the article for compare; opening another then compares the two",
    ),
    Binding(
        "c",
        "compare",
        "Compare",
        show=False,
        id="compare.open",
        tooltip="Compare the marked article with the one under the cursor",
    ),
    Binding(
        "C",
        "compare_coverage",
        "Other outlet",
        show=False,
        id="story.compare",
        tooltip="Compare the article with another outlet's report of the same event",
    ),
    Binding(
        "e",
        "goto_shared",
        "Same quote elsewhere",
        show=False,
        id="quote.elsewhere",
        tooltip="Jump to the same quote in another article that reports it",
    ),
    Binding(
        "y",
        "copy_quote",
        "Copy quote",
        show=False,
        id="quote.copy",
        tooltip="Copy the current quote with speaker, title, outlet and date",
    ),
    Binding(
        "o",
        "open_pager",
        "Pager",
        show=False,
        id="article.pager",
        tooltip="Open the article file in $PAGER",
    ),
    Binding(
        "p",
        "speakers",
        "Speakers",
        id="speakers.open",
        tooltip="Everyone quoted in the archive, or in the search results: their statements",
    ),
    Binding(
        "i",
        "toggle_speaker_margin",
        "Speakers in margin",
        show=False,
        id="article.speaker-margin",
        tooltip="Show the speakers in a margin beside the paragraphs, or after each quote",
    ),
    Binding(
        "Q",
        "focus_quotes",
        "Quote panel",
        show=False,
        id="quote.panel",
        tooltip="Go to the quote panel",
    ),
]
"""Keys of the main screen: search, reading, quotes, compare."""


def _personal(key: str, action: str, description: str, name: str, tooltip: str) -> Binding:
    return Binding(key, action, description, show=False, id=f"personal.{name}", tooltip=tooltip)


PERSONAL: list[BindingType] = [
    _personal("u", "toggle_read", "Read/unread", "read", "Mark the article read or unread"),
    _personal(
        "U", "next_unread", "Next unread", "next-unread",
        "Open the next unread article (of the hits while a search is on)",
    ),
    _personal("asterisk", "toggle_star", "Star", "star", "Star the article, or take the star off"),
    _personal(
        "t", "tag", "Tags", "tag",
        "Tags of the article: words add tags, -word removes one (several at once)",
    ),
    _personal(
        "ctrl+t", "tag('results')", "Tag all results", "tag-results",
        "Add or remove tags on every result of the search",
    ),
    _personal("a", "note", "Note", "note", "Write a note on the article (Ctrl+S saves)"),
    _personal(
        "A", "note(True)", "Quote note", "quote-note",
        "Write a note on the quotation walked to (] [) or highlighted in the quote panel",
    ),
    _personal("H", "history(-1)", "Back", "back", "Back to the article opened before"),
    _personal("L", "history(1)", "Forward", "forward", "Forward again in the history"),
    _personal(
        "ctrl+s", "save_search", "Save search", "save-search",
        "Name the search on screen and keep it (the saved searches panel, the palette)",
    ),
    _personal(
        "w", "saved_searches", "Saved searches", "saved",
        "Show or hide the saved searches, with their unread matches; Enter runs one",
    ),
    _personal(
        "x", "export", "Export", "export",
        "Export the results (or every article), or the quote panel's quotations, to a file",
    ),
]  # fmt: skip
"""Keys of the user's own data on the main screen: read state, stars, tags, notes,
history, saved searches, export."""

ARTICLE_LIST: list[BindingType] = [
    Binding("enter", "open", "Open", show=False, id="list.open"),
    Binding("up,k", "move(-1)", "Up", show=False, id="list.up"),
    Binding("down,j", "move(1)", "Down", show=False, id="list.down"),
    Binding("pageup,b", "page(-1)", "Page up", show=False, id="list.page-up"),
    Binding("pagedown,space", "page(1)", "Page down", show=False, id="list.page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="list.half-up"),
    Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="list.half-down"),
    Binding("home,g", "jump(0)", "First", show=False, id="list.first"),
    Binding("end,G", "jump(-1)", "Last", show=False, id="list.last"),
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        id="list.sort",
        tooltip="Sort by the next column: date, title, outlet, quote count (a header click too)",
    ),
    Binding("S", "reverse_sort", "Reverse the sort order", show=False, id="list.reverse"),
]
"""Keys of the article list (when it has focus)."""

ARTICLE_VIEW: list[BindingType] = [
    Binding("up,k", "line(-1)", "Line up", show=False, id="view.up"),
    Binding("down,j", "line(1)", "Line down", show=False, id="view.down"),
    Binding("pageup,b", "page(-1)", "Page up", show=False, id="view.page-up"),
    Binding("pagedown,space", "page(1)", "Page down", show=False, id="view.page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="view.half-up"),
    Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="view.half-down"),
    Binding("home,g", "top", "Top", show=False, id="view.top"),
    Binding("end,G", "bottom", "Bottom", show=False, id="view.bottom"),
]
"""Keys of a reading pane (when it has focus), as in less and vim."""

OPTION_LIST: list[BindingType] = [
    Binding("up,k", "cursor_up", "Up", show=False, id="options.up"),
    Binding("down,j", "cursor_down", "Down", show=False, id="options.down"),
    Binding("pageup,b", "page_up", "Page up", show=False, id="options.page-up"),
    Binding("pagedown,space", "page_down", "Page down", show=False, id="options.page-down"),
    Binding("ctrl+u", "half_page(-1)", "Half a page up", show=False, id="options.half-up"),
    Binding("ctrl+d", "half_page(1)", "Half a page down", show=False, id="options.half-down"),
    Binding("home,g", "first", "First", show=False, id="options.first"),
    Binding("end,G", "last", "Last", show=False, id="options.last"),
]
"""Keys of the hit list and the quote panel (when they have focus)."""

HIT_LIST: list[BindingType] = [
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        id="hits.sort",
        tooltip="Sort the hits by relevance, date (newest first) or outlet",
    ),
    Binding(
        "f",
        "facets",
        "Filter",
        id="hits.facets",
        tooltip="Filter the hits by outlet, month, speaker (with counts)",
    ),
]
"""Keys of the hit list (when it has focus), beside the pager keys."""

COMPARE: list[BindingType] = [
    Binding("escape", "app.pop_screen", "Back", id="compare.back", tooltip="Leave compare"),
    Binding(
        "s",
        "toggle_sync",
        "Sync scroll",
        id="compare.sync",
        tooltip="Toggle synchronised scrolling of the two panes",
    ),
    Binding(
        "n",
        "step_hit(1)",
        "Next hit",
        id="compare.hit.next",
        tooltip="Next search hit in the focused pane (tab switches panes)",
    ),
    Binding(
        "N",
        "step_hit(-1)",
        "Prev hit",
        show=False,
        id="compare.hit.previous",
        tooltip="Previous search hit in the focused pane",
    ),
    Binding(
        "right_square_bracket",
        "step_quote(1)",
        "Next quote",
        id="compare.quote.next",
        tooltip="Next quotation in the focused pane",
    ),
    Binding(
        "left_square_bracket",
        "step_quote(-1)",
        "Prev quote",
        show=False,
        id="compare.quote.previous",
        tooltip="Previous quotation in the focused pane",
    ),
    Binding(
        "o",
        "other_report",
        "Other report",
        id="compare.story.next",
        tooltip="Show the next other article of the story on the right",
    ),
    Binding(
        "d",
        "toggle_differences",
        "Differences",
        id="compare.differences",
        tooltip="Only what one article has and the other lacks: statements, quotes,"
        " speakers, numbers",
    ),
    Binding(
        "x",
        "swap",
        "Swap sides",
        show=False,
        id="compare.swap",
        tooltip="Swap the left and right articles",
    ),
]
"""Keys of the compare screen."""

SPEAKERS: list[BindingType] = [
    Binding("escape", "back", "Back", id="speakers.back", tooltip="Leave the filter, or go back"),
    Binding(
        "s",
        "cycle_sort",
        "Sort",
        id="speakers.sort",
        tooltip="Sort by quotes, articles, outlets, name or kind (or click a header)",
    ),
    Binding("S", "reverse_sort", "Reverse", show=False, id="speakers.reverse"),
    Binding(
        "slash",
        "focus_filter",
        "Filter",
        id="speakers.filter",
        tooltip="Type to filter the speakers by name, role or kind",
    ),
]
"""Keys of the speakers table (Enter opens a speaker's statements)."""

SPEAKER: list[BindingType] = [
    Binding("escape", "dismiss(None)", "Back", id="speaker.back", tooltip="Back to the speakers"),
    Binding(
        "x",
        "export",
        "Export",
        id="speaker.export",
        tooltip="Export this speaker's quotations to a file (CSV, JSON Lines or Markdown)",
    ),
]
"""Keys of one speaker's statements (Enter opens the article at the quote)."""

BUILT_IN: list[BindingType] = [
    Binding("ctrl+p", "command_palette", "Command palette: open, compare, find quote, theme"),
    Binding("tab", "focus_next", "Next pane"),
    Binding("shift+tab", "focus_previous", "Previous pane"),
    Binding("enter", "select", "Open the article or hit; run the search (in the search box)"),
]
"""Textual's own keys, listed in the help screen."""
