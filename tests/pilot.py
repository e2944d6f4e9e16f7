"""Helpers for Pilot tests of the Textual app."""

from __future__ import annotations

from textual.pilot import Pilot


async def settle(pilot: Pilot[None]) -> None:
    """Let pending messages run and every worker finish (instead of sleeping)."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
