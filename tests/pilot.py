"""Helpers for Pilot tests of the Textual app: settling, waiting, recording messages."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from textual.message import Message
from textual.pilot import Pilot

from reader.ui.screens.main import MainScreen
from reader.ui.screens.speakers import SpeakersScreen


async def settle(pilot: Pilot[None]) -> None:
    """Let pending messages run and every worker finish (instead of sleeping)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def synchronous(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async test in its own event loop (no pytest async plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


class Recorder:
    """Every message the app dispatched, once each, for assertions on the flow."""

    def __init__(self) -> None:
        self.messages: list[Message] = []
        self._seen: set[int] = set()

    def __call__(self, message: Message) -> None:
        # The hook sees a bubbling message at every node it reaches; record it once.
        if id(message) not in self._seen:
            self._seen.add(id(message))
            self.messages.append(message)

    def of(self, kind: type[Message]) -> list[Message]:
        return [message for message in self.messages if isinstance(message, kind)]


async def wait_until(pilot: Pilot[None], condition: Callable[[], bool]) -> None:
    """Process events until the condition holds (for the debounce timer); fail after ~5 s."""
    for _ in range(500):
        if condition():
            return
        await pilot.pause(0.01)
        await pilot.app.workers.wait_for_complete()
    raise AssertionError("condition never held")


def main_screen(pilot: Pilot[None]) -> MainScreen:
    """The main screen, which must be the one on show."""
    screen = pilot.app.screen
    assert isinstance(screen, MainScreen)
    return screen


def open_article_keys(position: int) -> list[str]:
    """Keys that open the article at a position of the list (sorted newest first)."""
    return [*["down"] * position, "enter"]


async def open_speakers(pilot: Pilot[None]) -> SpeakersScreen:
    """Press ``p`` and return the speakers screen it opens."""
    await pilot.press("p")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SpeakersScreen)
    return screen
