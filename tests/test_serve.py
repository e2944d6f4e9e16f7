"""``reader serve`` in a real browser: Debian's Chromium, headless, driven over the DevTools
protocol, loads the page, types a search and receives the hits."""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from reader.cli.serving import _is_local
from tests.conftest import SEEDS

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--remote-debugging-port=0",
]
# The page's terminal draws on a canvas, so what the app sends is recorded as it arrives.
RECORD_FRAMES = """
(() => {
  window.__received = [];
  const Native = window.WebSocket;
  const decode = (data) => new TextDecoder().decode(data);
  window.WebSocket = function (...args) {
    const socket = new Native(...args);
    socket.addEventListener("message", (event) => {
      const data = event.data;
      if (typeof data === "string") window.__received.push(data);
      else if (data instanceof ArrayBuffer) window.__received.push(decode(data));
      else if (data instanceof Blob) {
        data.arrayBuffer().then((bytes) => window.__received.push(decode(bytes)));
      }
    });
    return socket;
  };
  window.WebSocket.prototype = Native.prototype;
  for (const name of ["CONNECTING", "OPEN", "CLOSING", "CLOSED"]) {
    window.WebSocket[name] = Native[name];
  }
})();
"""


def test_serve_listens_on_this_machine_only_unless_asked() -> None:
    assert _is_local("127.0.0.1") and _is_local("localhost") and _is_local("::1")
    assert not _is_local("0.0.0.0") and not _is_local("192.168.1.5")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for(condition: Callable[[], object], seconds: float, what: str) -> Any:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[str]:
    """``reader serve`` on the seeds, on a free local port: its URL."""
    port = _free_port()
    log = (tmp_path / "serve.log").open("wb")
    command = [sys.executable, "-m", "reader", "serve", "--port", str(port)]
    options = ["--corpus", str(SEEDS), "--index-dir", str(tmp_path / "index")]
    server = subprocess.Popen(
        [*command, *options], stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        _wait_for(lambda: _answers(url) or server.poll() is not None, 90, "reader serve")
        assert server.poll() is None, (tmp_path / "serve.log").read_text()
        yield url
    finally:
        _stop(server)
        log.close()


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[int]:
    """Headless Chromium with the DevTools protocol on: its port."""
    executable = shutil.which("chromium")
    if executable is None:
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    profile = tmp_path / "profile"
    browser = subprocess.Popen(
        [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    active = profile / "DevToolsActivePort"
    try:
        _wait_for(lambda: active.exists() and active.read_text().strip(), 60, "Chromium")
        yield int(active.read_text().split()[0])
    finally:
        _stop(browser)


class DevTools:
    """Just enough of the Chrome DevTools protocol: commands and their answers."""

    def __init__(self, socket: Any) -> None:
        self.socket = socket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: object) -> dict[str, Any]:
        number = next(self.ids)
        await self.socket.send_str(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads((await self.socket.receive()).data)
            if message.get("id") == number:  # events in between are not needed
                assert "error" not in message, message
                return dict(message.get("result", {}))

    async def evaluate(self, expression: str) -> Any:
        answer = await self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return answer["result"].get("value")

    async def wait_for(self, expression: str, seconds: float = 60) -> Any:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            value = await self.evaluate(expression)
            if value:
                return value
            await asyncio.sleep(0.25)
        raise AssertionError(f"timed out waiting for {expression}")


RECEIVED = "window.__received ? window.__received.join('') : ''"


async def _search_in_the_browser(devtools_port: int, url: str) -> str:
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.get(f"http://127.0.0.1:{devtools_port}/json") as answer:
            targets = await answer.json()
        page = next(target for target in targets if target["type"] == "page")
        async with session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as socket:
            browser = DevTools(socket)
            await browser.call("Page.enable")
            await browser.call("Page.addScriptToEvaluateOnNewDocument", source=RECORD_FRAMES)
            await browser.call("Page.navigate", url=url)
            await browser.wait_for("document.body.classList.contains('-first-byte')")
            await browser.wait_for(f"({RECEIVED}).includes('up to date')")
            before = len(await browser.evaluate(RECEIVED))
            await browser.evaluate("document.querySelector('.xterm-helper-textarea').focus()")
            for text in ("/", "geneva"):  # typed: xterm.js sends it to the app
                await browser.call("Input.insertText", text=text)
            await browser.wait_for(f"({RECEIVED}).slice({before}).includes('by relevance')")
            return str(await browser.evaluate(RECEIVED))[before:]


@pytest.mark.slow
def test_a_search_typed_in_chromium_shows_the_hits(served: str, chromium: int) -> None:
    from reader.index import Library
    from reader.search import search

    received = asyncio.run(_search_in_the_browser(chromium, served))
    expected = search(Library.open(SEEDS), "geneva")
    assert f"{expected.total} hits" in received  # the hit list's title, as the app drew it
    assert expected.hits[0].title[:12] in received
