"""The hit list: every hit, a page at a time; sorted; filtered by facets with counts."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from reader.index import Library
from reader.ui.app import make_app
from reader.ui.screens.facets import FacetScreen
from reader.ui.widgets.hit_list import HitList
from tests.pilot import main_screen, settle, synchronous, wait_until
from tests.test_results import ARTICLES, write_corpus

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def zebras(tmp_path_factory: pytest.TempPathFactory) -> Library:
    base = tmp_path_factory.mktemp("zebras")
    library = Library.open(write_corpus(base / "corpus"), base / "index")
    library.update()
    return library


async def search_for(pilot: Pilot[None], query: str) -> HitList:
    await settle(pilot)
    await pilot.press("slash", *query, "enter")
    hits = pilot.app.screen.query_one(HitList)
    await wait_until(pilot, lambda: hits.has_focus and hits.state is not None)
    return hits


@pytest.mark.slow
@synchronous
async def test_hits_are_not_capped_the_list_reads_them_page_by_page(zebras: Library) -> None:
    async with make_app(zebras).run_test(size=(120, 40)) as pilot:
        hits = await search_for(pilot, "zebra")
        assert len(hits.hits) == 50  # the first answer
        info = str(main_screen(pilot).search_bar.query_one("#search-info", Static).content)
        assert f"{ARTICLES} hits" in info and "showing" not in info
        await wait_until(pilot, lambda: hits.state is not None and hits.state.complete)
        await pilot.press("G")  # the last hit, as in the list: every hit read first
        await wait_until(pilot, lambda: len(hits.hits) == ARTICLES and not hits.loading)
        assert hits.highlighted == hits.option_count - 1
        assert [hit.score for hit in hits.hits] == sorted(
            (hit.score for hit in hits.hits), reverse=True
        )
        assert len({hit.id for hit in hits.hits}) == ARTICLES
        await pilot.press("enter")  # the last hit opens
        await settle(pilot)
        assert main_screen(pilot).pane.loaded is not None
        assert main_screen(pilot).pane.loaded.article.id == hits.hits[-1].id


@synchronous
async def test_s_sorts_the_hits_by_date_then_outlet() -> None:
    async with make_app(Library.open(SEEDS)).run_test(size=(120, 40)) as pilot:
        hits = await search_for(pilot, "putin")
        await pilot.press("s")
        await settle(pilot)
        assert "by date" in str(hits.border_title)
        dates = [hit.date for hit in hits.hits]
        known = [date for date in dates if date]
        assert known == sorted(known, reverse=True) and dates[: len(known)] == known
        await pilot.press("s")
        assert "by outlet" in str(hits.border_title)
        await pilot.press("s")
        assert "by relevance" in str(hits.border_title)


@pytest.mark.slow
@synchronous
async def test_f_counts_the_hits_by_speaker_and_filters_them() -> None:
    library = Library.open(SEEDS)
    tags = {"tag": lambda ids: {article: ["summit"] for article in list(ids)[:2]}}
    async with make_app(library, facet_sources=tags).run_test(size=(120, 40)) as pilot:
        hits = await search_for(pilot, "putin")
        everything = len(hits.hits)
        await pilot.press("f")  # the facets are read, then offered
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FacetScreen))
        screen = pilot.app.screen
        assert isinstance(screen, FacetScreen)
        assert "Vladimir Putin" in {value for value, _ in screen.counts["speaker"]}
        assert screen.counts["tag"] == [("summit", 2)]  # the hook for the reader's tags
        option = screen.query_one("#facet-list").highlighted_option  # type: ignore[attr-defined]
        assert option is not None and option.id is not None
        chosen = option.id.split("\x00")[1]
        await pilot.press("enter")  # filter to the first value listed
        await settle(pilot)
        assert not isinstance(pilot.app.screen, FacetScreen) and hits.has_focus
        assert chosen in str(hits.border_title)
        assert 0 < len(hits.hits) <= everything
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FacetScreen))
        await pilot.press("g", "enter")  # "any ...": the filter goes
        await settle(pilot)
        assert len(hits.hits) == everything


@synchronous
async def test_the_users_tags_are_a_facet_of_the_hits(seeds_library: Library) -> None:
    from reader.personal import Reading

    tagged = [summary.id for summary in seeds_library.summaries("id")][:2]
    Reading.open(seeds_library).tag(tagged, ["summit"])
    async with make_app(seeds_library).run_test(size=(120, 40)) as pilot:  # as reader runs
        await search_for(pilot, "putin")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FacetScreen))
        screen = pilot.app.screen
        assert isinstance(screen, FacetScreen)
        assert screen.counts["tag"] == [("summit", 2)]


@synchronous
async def test_the_search_hint_is_built_from_the_corpus(zebras: Library) -> None:
    async with make_app(zebras).run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        placeholder = main_screen(pilot).search_bar.input.placeholder
        assert "zebra" in placeholder and "putin" not in placeholder


@pytest.mark.slow
@synchronous
async def test_a_facet_value_in_the_list_title_is_never_markup() -> None:
    hostile = "[bold]Evil[/bold] [link=file:///etc/passwd]x[/link]"
    tags = {"tag": lambda ids: {article: [hostile] for article in ids}}
    app = make_app(Library.open(SEEDS), facet_sources=tags)
    async with app.run_test(size=(120, 40)) as pilot:
        hits = await search_for(pilot, "putin")
        await pilot.press("f")
        await wait_until(pilot, lambda: isinstance(pilot.app.screen, FacetScreen))
        screen = pilot.app.screen
        assert isinstance(screen, FacetScreen)
        options = screen.query_one("#facet-list")
        index = next(
            i
            for i in range(options.option_count)  # type: ignore[attr-defined]
            if (options.get_option_at_index(i).id or "").endswith(hostile)  # type: ignore[attr-defined]
        )
        options.highlighted = index  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert hostile in hits._border_title.plain  # literally, brackets and all
