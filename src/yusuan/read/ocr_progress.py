"""Progress of an OCR read, told to whoever listens (the command line's progress line).

OCR takes seconds per page; the reader calls :func:`tell` before each page and a
listener set with :func:`listen` (``yusuan check`` sets one that redraws its progress
line on a terminal) hears ``(page, pages)``.  The reader knows nothing of terminals.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar

Listener = Callable[[int, int], None]

_listener: ContextVar[Listener | None] = ContextVar("ocr_progress", default=None)


def listen(listener: Listener | None) -> None:
    """Set (or clear, with None) the listener of this context."""
    _listener.set(listener)


def tell(page: int, pages: int) -> None:
    """Tell the listener, if any, that page ``page`` of ``pages`` is being read."""
    listener = _listener.get()
    if listener is not None:
        listener(page, pages)
