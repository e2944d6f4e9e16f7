"""The main screen's actions on the user's own data: read state, stars, tags, notes, history
back/forward, saved searches and export (mixed into ``MainScreen``; keys in ``keys.PERSONAL``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.ui.messages import ArticleLoaded

if TYPE_CHECKING:
    from reader.index import Library
    from reader.personal import Reading, Trail
    from reader.ui.screens.main import MainScreen

__all__ = ["PersonalActions"]


class PersonalActions:
    """What the personal keys do; the user's data opens on first use (a problem with it is
    one notification, and the reader goes on without it)."""

    library: Library
    _reading: Reading | None = None
    _reading_failed = False
    _opening = False
    _trail: Trail | None = None

    @property
    def _main(self) -> MainScreen:
        from reader.ui.screens.main import MainScreen

        assert isinstance(self, MainScreen)
        return self

    def reading_data(self) -> Reading | None:
        """The user's data for this corpus (None when it cannot be used)."""
        if self._reading is None and not self._reading_failed:
            from reader.personal import PersonalError, Reading

            try:
                self._reading = Reading.open(self.library)
            except PersonalError as error:
                self._reading_failed = True
                self._main.notify(str(error), title="Your data", severity="error")
        return self._reading

    def _write(self, action: Any) -> Any:
        """Run a write on the user's data; a PersonalError is one notification."""
        from reader.personal import PersonalError

        try:
            return action()
        except PersonalError as error:
            self._main.notify(str(error), title="Your data", severity="error")
            return None

    def _wrote(self, action: Any) -> bool:
        """Run a write on the user's data: True when it was made (else one notification)."""
        return self._write(lambda: (action(), True)[1]) is True

    def refresh_marks(self, article_ids: list[str] | None = None) -> None:
        """Show the marks again in the list, the hits (those of ``article_ids``, else all)
        and the saved searches' unread counts, after a change."""
        lists = self._main.lists
        lists.refresh_marks(article_ids)
        if self._main.pane.ready:  # (else no article is open, no header to refresh)
            self._main.pane.view.refresh_header()
        self.recount_saved()

    def marks_source(self, article_ids: list[str]) -> dict[str, Any]:
        """Each article's marks, for the list and the hits (empty without the data). The
        data opens after the first paint, which never waits for it; the marks follow."""
        reading = self._reading
        if reading is None:
            if not self._reading_failed and not self._opening:
                self._opening = True
                self._main.call_after_refresh(self._open_then_mark)
            return {}
        if not article_ids:
            return {}
        return self._write(lambda: reading.states(article_ids)) or {}

    def facet_sources(self) -> dict[str, Any]:
        """The user's tags as a facet of the hits, with counts (none without the data)."""
        reading = self.reading_data()
        if reading is None:
            return {}

        def tags_of(article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
            states = reading.states(article_ids)  # in the facets' worker: its own connection
            return {article_id: state.tags for article_id, state in states.items()}

        return {"tag": tags_of}

    def _open_then_mark(self) -> None:
        if self.reading_data() is not None:
            self.refresh_marks()

    # -- opening: read, history ---------------------------------------------------------------

    def on_article_loaded(self, event: ArticleLoaded) -> None:
        """An article on screen is read and joins the history (back/forward too)."""
        article_id = event.loaded.article.id
        reading = self.reading_data()
        if reading is None:
            return
        self._write(lambda: reading.opened(article_id))
        self._history().visit(article_id)
        self.refresh_marks([article_id])

    def _history(self) -> Trail:
        if self._trail is None:
            reading = self.reading_data()
            if reading is not None:
                self._trail = self._write(reading.trail)
            if self._trail is None:
                from reader.personal import Trail

                self._trail = Trail()
        return self._trail

    def action_history(self, step: int) -> None:
        """Back (-1) or forward (1) through the articles opened."""
        trail = self._history()
        article_id = trail.back() if step < 0 else trail.forward()
        if article_id is None:
            where = "before" if step < 0 else "after"
            self._main.notify(f"No article {where} this one in the history.", timeout=2)
            return
        self._main.pane.open_article(article_id)

    # -- read, star -----------------------------------------------------------------------------

    def _targets(self) -> list[str]:
        """The article a key acts on: the one being read, else the one under the cursor."""
        target = self._main._target_id()
        if target is None:
            self._main.notify("Pick an article first.", timeout=2)
            return []
        return [target]

    def action_toggle_read(self) -> None:
        """Mark the article read or unread."""
        reading = self.reading_data()
        if reading is None:
            return
        for article_id in self._targets():
            read = self._write(lambda article_id=article_id: reading.toggle_read(article_id))
            if read is not None:
                self._main.notify("Read." if read else "Unread.", timeout=2)
            self.refresh_marks([article_id])

    def action_toggle_star(self) -> None:
        """Star the article, or take its star off."""
        reading = self.reading_data()
        if reading is None:
            return
        for article_id in self._targets():
            starred = self._write(lambda article_id=article_id: reading.toggle_star(article_id))
            if starred is not None:
                self._main.notify("Starred." if starred else "Star taken off.", timeout=2)
            self.refresh_marks([article_id])

    def action_next_unread(self) -> None:
        """Open the next unread article (as newsboat does; opening marks it read, so the key
        again walks on): of the hits while a search is on, else of the list."""
        reading = self.reading_data()
        if reading is None:
            return
        lists = self._main.lists
        if lists.showing_hits:
            if not lists.hits.next_unread(self._write(reading.read_ids) or set()):
                self._main.notify("Every hit listed is read.", timeout=2)
                return
        else:
            articles = lists.articles
            after, sort, descending = articles.current_id, articles.sort_column, articles.descending
            found = self._write(lambda: reading.next_unread(after, sort, descending))
            if found is None:
                self._main.notify("Every article is read.", timeout=2)
                return
            articles.move_to(found)
            lists.focus_current()
        if lists.current_id is not None:
            self._main.pane.open_article(lists.current_id)

    # -- tags and notes -------------------------------------------------------------------------

    def action_tag(self, scope: str = "article") -> None:
        """Add or remove tags: on the article, or on every result of the search."""
        from reader.ui.screens.personal_dialogs import TagDialog

        reading = self.reading_data()
        if reading is None:
            return
        ids = self.result_ids() if scope == "results" else self._targets()
        if not ids:
            if scope == "results":
                self._main.notify("Search first: this tags every result.", timeout=3)
            return
        current = reading.state(ids[0]).tags if len(ids) == 1 else ()
        known = [count.tag for count in self._write(reading.tags) or []]

        def apply(change: Any) -> None:
            if change is None:
                return
            if change.added:
                self._write(lambda: reading.tag(ids, change.added))
            if change.removed:
                self._write(lambda: reading.untag(ids, change.removed))
            self.refresh_marks()

        about = self._main.title_of(ids[0]) if len(ids) == 1 else None
        self._main.app.push_screen(TagDialog(len(ids), current, known, about), apply)

    def action_note(self, on_quote: bool = False) -> None:
        """Write a note on the article, or on the quotation walked to or highlighted."""
        from reader.ui.screens.personal_dialogs import NoteDialog

        reading = self.reading_data()
        if reading is None:
            return
        if on_quote:
            self._quote_note(reading)
            return
        for article_id in self._targets():
            state = reading.state(article_id)

            def save(text: str | None, article_id: str = article_id) -> None:
                if text is not None:
                    self._write(lambda: reading.set_note(article_id, text.strip() or None))
                    self.refresh_marks([article_id])

            title = self._main.title_of(article_id)
            self._main.app.push_screen(NoteDialog(title, state.note), save)

    def _quote_note(self, reading: Reading) -> None:
        from reader.ui.screens.personal_dialogs import NoteDialog

        pane = self._main.pane
        index = pane.current_quote()
        if pane.loaded is None or index is None:
            self._main.notify("Pick a quote first (] or the quote panel).", timeout=3)
            return
        article_id = pane.loaded.article.id
        texts = [quote.text for quote in pane.loaded.quotes]
        placed = reading.quote_notes_for(reading.state(article_id), texts)
        current = placed[index].note if index in placed else None

        def save(text: str | None) -> None:
            if text is not None:
                note = text.strip() or None
                self._write(lambda: reading.set_quote_note(article_id, texts, index, note))
                self.refresh_marks([article_id])

        self._main.app.push_screen(NoteDialog(f"“{texts[index]}”", current), save)

    # -- saved searches and export --------------------------------------------------------------

    def action_save_search(self) -> None:
        """Name the search on screen and keep it."""
        from reader.ui.screens.personal_dialogs import NameDialog

        reading = self.reading_data()
        query = self._main.search_bar.query_text
        if reading is None:
            return
        if not query:
            self._main.notify("Search first (/), then save the search.", timeout=3)
            return

        def save(name: str | None) -> None:
            if name and self._wrote(lambda: reading.save_search(name, query)):
                self._main.notify(f"Saved as “{name}”: {query}", timeout=3)
                self.recount_saved()

        from reader.search import QueryError, parse_query

        try:
            parse_query(query)  # as `reader saved add` does: a half-typed query is not kept
        except QueryError as error:
            self._main.notify(f"Not saved: {error}", severity="warning", timeout=4)
            return

        self._main.app.push_screen(NameDialog(query), save)

    def run_saved(self, query: str) -> None:
        """Put a saved query in the search box and run it."""
        bar = self._main.search_bar
        bar.input.value = query
        bar.run_search(submitted=True)

    def recount_saved(self) -> None:
        from reader.ui.widgets.saved_panel import SavedSearchesPanel

        for panel in self._main.query(SavedSearchesPanel):
            panel.recount()

    async def action_saved_searches(self) -> None:
        """Show or hide the saved searches panel."""
        from reader.ui.widgets.saved_panel import SavedSearchesPanel

        main = self._main
        shown = main.query(SavedSearchesPanel)
        if shown:
            await shown.remove()
            main.lists.focus_current()
            return
        reading = self.reading_data()
        if reading is not None:
            panel = SavedSearchesPanel(self.library, reading, id="saved")
            await main.query_one("#body").mount(panel, before=0)
            panel.focus()

    def on_saved_searches_panel_chosen(self, event: Any) -> None:
        self.run_saved(event.saved.query)

    def result_ids(self) -> list[str]:
        """Every article of the search on screen (filters applied); none without a search."""
        main = self._main
        if not main.lists.showing_hits:
            return []
        state = main.lists.hits.state
        if state is None:
            return []
        if state.results is not None:
            return [match.id for match in state.view]
        from reader.search import QueryError, matching_ids

        try:
            return matching_ids(self.library, state.result.query, personal=self.reading_data())
        except QueryError:
            return [match.id for match in state.view]

    def action_export(self) -> None:
        """Export the results (or the whole list), or the quote panel's quotations."""
        from reader.ui.screens.export_dialog import ExportDialog
        from reader.ui.widgets.quote_panel import QuotePanel

        main = self._main
        loaded = main.pane.loaded
        if isinstance(main.focused, QuotePanel) and loaded is not None:
            ids, quotes, name = [loaded.article.id], True, "quotes"
        elif main.lists.showing_hits:
            ids, quotes, name = self.result_ids(), False, "results"
        else:
            ids = [summary.id for summary in self.library.summaries("id")]
            quotes, name = False, "articles"
        if not ids:
            main.notify("Nothing to export.", timeout=2)
            return
        dialog = ExportDialog(  # it notifies the file written and the count
            self.library, self.reading_data(), ids, Path(f"reader-{name}"), quotes=quotes
        )
        main.app.push_screen(dialog)
