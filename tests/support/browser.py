"""The browser tests' shared parts: Debian's chromium driven by Playwright, and the app served
by uvicorn in a thread on a free loopback port (restartable, for a server restart)."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]  # fmt: skip


def require_chromium() -> None:
    """Skip the calling test module without chromium; in CI (which installs it) fail instead."""
    if Path(CHROMIUM).exists():
        return
    message = "chromium is not installed (apt-get install chromium fonts-wqy-microhei)"
    if os.environ.get("YUSUAN_REQUIRE_BROWSER"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message, allow_module_level=True)


class Served:
    """``make()``'s app served by uvicorn in a thread; ``restart`` serves a new app on the
    same port."""

    def __init__(self, make: Callable[[], Any]) -> None:
        self.make = make
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._start()

    def _start(self) -> None:
        import uvicorn

        config = uvicorn.Config(self.make(), host="127.0.0.1", port=self.port, log_level="warning")
        self.srv = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.srv.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.srv.started:
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)

    def stop(self) -> None:
        self.srv.should_exit = True
        self.thread.join(timeout=10)
        assert not self.thread.is_alive()

    def restart(self) -> None:
        self.stop()
        self._start()


@contextmanager
def served(make: Callable[[], Any]) -> Iterator[Served]:
    """The app served for the block, stopped after it."""
    srv = Served(make)
    try:
        yield srv
    finally:
        srv.stop()


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless chromium browser for the block."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        try:
            yield b
        finally:
            b.close()


def new_page(browser: Any, width: int) -> Any:
    """A page in a fresh context ``width`` px wide and 900 high, in zh-CN, taking downloads."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="zh-CN", accept_downloads=True
    )
    return context.new_page()


def no_sideways_overflow(page: Any) -> None:
    """Nothing on the page makes the window scroll sideways (tables scroll in their box)."""
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"] + 1, f"{page.url}: {width}px wide"
