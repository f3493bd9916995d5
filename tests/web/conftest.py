"""Fixtures the browser tests share: one headless chromium per test module."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from support.browser import chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """A headless chromium for the module (each test file calls ``require_chromium`` first)."""
    with chromium() as b:
        yield b
