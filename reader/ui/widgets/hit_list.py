"""HitList: ranked search hits with their snippets, matched terms highlighted."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.summaries import readable_date
from reader.ui import keys
from reader.ui.messages import ArticleSelected
from reader.ui.widgets.marks import marks_text, row_marks
from reader.ui.widgets.pager_keys import PagedOptionList

if TYPE_CHECKING:
    from reader.index import Library
    from reader.models import SearchHit, SearchResult
    from reader.personal import ArticleState
    from reader.search.results import FacetValues, Match, ResultSet
    from reader.ui.results_state import ResultsState

# reader.search (and Whoosh) load after the first paint: imported where they are used.

__all__ = ["HitList"]

_RANK_WIDTH = 3
_FIRST_HITS = 12
"""Hits in the first frame of results: more than a tall terminal shows."""
_AHEAD = 5
"""The next page is read when the cursor is this close to the last hit listed."""
_TO_THE_END = 1000
"""Hits G reads at once to reach the last one (more: G again goes on)."""


def _read_style(state: ArticleState | None) -> Style:
    """Read hits' titles are not bold: the unread ones stand out."""
    return Style(bold=False) if state is not None and state.read else Style()


class _HitPrompt:
    """One hit: its rank right-aligned in a narrow gutter, then title, details and snippet,
    each wrapped beside it (what a two-column ``Table.grid`` draws, at a seventh of the cost:
    the list measures and renders every hit when the results arrive)."""

    def __init__(self, rank: str, rank_style: Style, parts: Sequence[Text]) -> None:
        self.rank = rank
        self.rank_style = rank_style
        self.parts = parts
        self._rendered: tuple[int, list[Segment]] | None = None

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = max(1, options.max_width - _RANK_WIDTH - 1)
        if self._rendered is None or self._rendered[0] != width:
            rank = Segment(self.rank.rjust(_RANK_WIDTH) + " ", self.rank_style)
            gutter = Segment(" " * (_RANK_WIDTH + 1))
            part_options = options.update_width(width)
            segments: list[Segment] = []
            for part in self.parts:
                text = part.plain
                if not part.spans and text.isprintable() and cell_len(text) <= width:
                    style = part.style
                    if not isinstance(style, Style):
                        style = console.get_style(style, default=Style.null())
                    lines = [[Segment(text, style)]]  # a title or a detail line: no wrapping
                else:
                    lines = console.render_lines(part, part_options, pad=False)
                for line in lines:
                    segments.append(gutter if segments else rank)
                    segments.extend(line)
                    segments.append(Segment.line())
            self._rendered = (width, segments)
        yield from self._rendered[1]


class HitList(PagedOptionList):
    """The hits of the current search, a page at a time as the cursor reaches the end;
    sorted by relevance, date or outlet (s), filtered by facets (f); Enter opens one."""

    BINDINGS: ClassVar[list[BindingType]] = keys.HIT_LIST
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "hit-list--title",
        "hit-list--meta",
        "hit-list--match",
    }

    class HitsLoaded(Message):
        """A page of hits (snippets made) for the search ``query``."""

        def __init__(self, query: str, hits: list[SearchHit]) -> None:
            super().__init__()
            self.query = query
            self.hits = hits

    def __init__(self, library: Library, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.library = library
        self.state: ResultsState | None = None
        """The search on show: its matches, order, filters and the hits read so far."""
        self.hits: tuple[SearchHit, ...] = ()
        """The hits listed, in order."""
        self._generation = 0
        self._to_the_end = False
        """G was pressed while hits were still unread: the last one is highlighted when they
        are listed."""

    def on_mount(self) -> None:
        self.watch(self.app, "theme", self._theme_changed, init=False)

    def _theme_changed(self) -> None:
        highlighted = self.highlighted
        self.call_after_refresh(self._list, highlighted)

    def show_result(self, result: SearchResult) -> None:
        """List a new search's first page of hits, best first, the first highlighted."""
        from reader.ui.results_state import ResultsState

        self.state = ResultsState(result)
        self._list(0)

    def expanded(self, results: ResultSet) -> None:
        """Every match of the search on show has been read: the list can go on past the
        first page, and be sorted and filtered over all of them."""
        state = self.state
        if state is None or state.result.query != results.query or state.results is not None:
            return
        state.expanded(results)
        if state.order != "relevance" or state.chosen:
            self._list(0)  # sorted or filtered on the first page meanwhile: over all now
        else:
            self._update_title()
            self._load_more()

    def _stop_reading_to_the_end(self) -> None:
        self._to_the_end = self.loading = False

    def _list(self, highlighted: int | None) -> None:
        """List the hits read so far in the state's order (and read the next ones)."""
        self._stop_reading_to_the_end()  # a new search, order or filter
        state = self.state
        hits = tuple(state.known(0, len(state.view))) if state is not None else ()
        self.hits = hits
        options = self._hit_options(hits, 0)
        if not options:
            meta = self.get_component_rich_style("hit-list--meta", partial=True)
            waiting = state is not None and len(state.view) > 0
            message = "Reading the hits…" if waiting else "No matching articles."
            options.append(Option(Text(message, style=meta), disabled=True))
        # The hits that fit on screen are measured and painted first; the rest (measuring a
        # hit means wrapping its text) are added right after that frame.
        shown = 2 * max(_FIRST_HITS, (highlighted or 0) + 1)  # hits and their dividers
        self._generation += 1
        self.set_options(options[:shown])
        self.highlighted = highlighted if hits else None
        if len(options) > shown:
            self.call_after_refresh(self._add_rest, self._generation, options[shown:])
        self._update_title()
        self._load_more()

    def _hit_options(self, hits: Sequence[SearchHit], first_rank: int) -> list[Option | None]:
        title = self.get_component_rich_style("hit-list--title", partial=True)
        meta = self.get_component_rich_style("hit-list--meta", partial=True)
        # A full style: the translucent highlight is blended with the list's background.
        match = self.get_component_rich_style("hit-list--match")
        options: list[Option | None] = []
        states = row_marks(self.screen, [hit.id for hit in hits]) if hits else {}
        for rank, hit in enumerate(hits, first_rank + 1):
            details = " · ".join(part for part in (hit.source, readable_date(hit.date)) if part)
            snippet = Text(hit.snippet)
            for start, end in hit.snippet_spans:
                snippet.stylize(match, start, end)
            state = states.get(hit.id)
            parts = (
                Text.assemble(marks_text(state), (hit.title, title + _read_style(state))),
                Text(f"{details}  score {hit.score:.1f}".strip(), style=meta),
                snippet,
            )
            if options or first_rank:
                options.append(None)  # a divider line between hits
            options.append(Option(_HitPrompt(f"{rank}.", meta, parts), id=hit.id))
        return options

    def _add_rest(self, generation: int, rest: list[Option | None]) -> None:
        if generation == self._generation:  # not replaced by newer hits meanwhile
            self.add_options(rest)

    def _update_title(self) -> None:
        # Facet values come from article text: a Text, never read as markup.
        self.border_title = Text(self.state.describe()) if self.state is not None else ""

    def refresh_marks(self, article_ids: list[str] | None = None) -> None:
        """Show the user's marks as they are now on these hits (None: on every hit)."""
        if self.state is None or not self.hits:
            return
        if article_ids is None:
            self._list(self.highlighted)
            return
        for rank, hit in enumerate(self.hits):
            if hit.id in article_ids:
                option = self._hit_options([hit], rank)[-1]
                if option is not None:
                    self.replace_option_prompt(hit.id, option.prompt)

    def next_unread(self, read: set[str]) -> bool:
        """Highlight the next hit listed that is not read (going round); False if none."""
        ids = [hit.id for hit in self.hits]
        current = self.current_id
        start = ids.index(current) if current in ids else -1
        for step in range(1, len(ids) + 1):
            article_id = ids[(start + step) % len(ids)]
            if article_id not in read:
                self.highlighted = self.get_option_index(article_id)
                self.focus()
                return True
        return False

    # -- paging -------------------------------------------------------------------------------

    def action_last(self) -> None:
        """The last hit, as in the article list: the hits not read yet are read first (up to
        a thousand at a time: G again goes on)."""
        state = self.state
        missing = [] if state is None else state.missing(len(self.hits), _TO_THE_END)
        if state is None or not missing:
            super().action_last()
            return
        self._to_the_end = True
        self.loading = True
        self._read_hits(state.result, missing)

    def _load_more(self) -> None:
        """Read the next page of hits when the cursor is near the end of those listed."""
        state = self.state
        if state is None or len(self.hits) >= len(state.view):
            return
        if self.highlighted is None or self.highlighted >= len(self.hits) - _AHEAD:
            missing = state.missing(len(self.hits))
            if missing:
                self._read_hits(state.result, missing)
            else:
                self._append()

    @work(thread=True, exclusive=True, exit_on_error=False, group="hits")
    def _read_hits(self, result: SearchResult, matches: list[Match]) -> None:
        from reader.search.results import hits_for
        from reader.search.snippets import Highlight

        highlight = Highlight(result.terms, result.phrases, result.speakers)
        try:
            hits = hits_for(self.library, matches, highlight)
        except Exception as error:  # the index is being rebuilt: the next search shows it
            message = f"Cannot read more hits: {error}"
            self.app.call_from_thread(self.notify, message, severity="warning")
            self.app.call_from_thread(self._stop_reading_to_the_end)
            return
        self.post_message(self.HitsLoaded(result.query, hits))

    @on(HitsLoaded)
    def _hits_loaded(self, event: HitsLoaded) -> None:
        event.stop()
        state = self.state
        if state is None or state.result.query != event.query:
            return  # a newer search replaced it
        state.add(event.hits)
        if not self.hits:
            self._list(0)
        else:
            self._append()

    def _append(self) -> None:
        """List the hits read since, after those listed."""
        if self.state is None:
            return
        more = self.state.known(len(self.hits), len(self.state.view))
        if more:
            self.add_options(self._hit_options(more, len(self.hits)))
            self.hits = (*self.hits, *more)
        if self._to_the_end:
            self._stop_reading_to_the_end()
            super().action_last()
        elif more:
            self._load_more()

    @on(OptionList.OptionHighlighted)
    def _moved(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._load_more()

    # -- order and facets ---------------------------------------------------------------------

    def action_cycle_sort(self) -> None:
        """Sort by relevance, then date (newest first), then outlet."""
        if self.state is not None:
            self.state.set_order(self.state.next_order())
            self._list(0)

    def action_facets(self) -> None:
        """Count the hits by outlet, month, speaker (and tag), and offer them as filters."""
        if self.state is None:
            return
        results = self.state.result_set()
        if "speaker" in results.values:
            self._offer_facets(results)
            return
        # the screen's (the user's tags on the main screen), and any the app was made with
        own = getattr(self.screen, "facet_sources", None)
        extra = {**(own() if callable(own) else {}), **getattr(self.app, "facet_sources", {})}
        self._read_facets(results, extra)

    @work(thread=True, exclusive=True, exit_on_error=False, group="facets")
    def _read_facets(self, results: ResultSet, extra: dict[str, FacetValues]) -> None:
        from reader.search.results import with_facets

        try:
            self.post_message(self.FacetsRead(with_facets(self.library, results, extra)))
        except Exception as error:  # the index is being rebuilt
            message = f"Cannot count the hits: {error}"
            self.app.call_from_thread(self.notify, message, severity="warning")

    class FacetsRead(Message):
        """The facet values of every match of the search on show have been read."""

        def __init__(self, results: ResultSet) -> None:
            super().__init__()
            self.results = results

    @on(FacetsRead)
    def _facets_read(self, event: FacetsRead) -> None:
        event.stop()
        state = self.state
        if state is not None and state.result.query == event.results.query:
            state.results = event.results
            self._offer_facets(event.results)

    def _offer_facets(self, results: ResultSet) -> None:
        from reader.search.results import FACETS
        from reader.ui.screens.facets import FacetScreen

        state = self.state
        if state is None:
            return
        counts = results.counts(state.view)
        screen = FacetScreen(counts, FACETS, dict(state.chosen), results.partial)
        self.app.push_screen(screen, self._facet_chosen)

    def _facet_chosen(self, choice: tuple[str, str | None] | None) -> None:
        if choice is not None and self.state is not None:
            self.state.choose(*choice)
            self._list(0)
            self.focus()

    @property
    def current_id(self) -> str | None:
        """The id of the highlighted hit."""
        option = self.highlighted_option
        return option.id if option is not None else None

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id is not None:
            self.post_message(ArticleSelected(event.option.id))
