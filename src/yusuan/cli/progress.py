"""Progress on the terminal for a slow check (进度): one line on stderr, only on a terminal.

A single-file check of a long PDF can take many seconds; after :data:`AFTER` seconds without a
result, :class:`Progress` writes ``正在校验 FILE（读取）… 3 秒`` on standard error and redraws it
twice a second, then clears it. Nothing is written when standard error is not a terminal (a
pipe, a file, CI). ``YUSUAN_PROGRESS_AFTER`` sets the delay in seconds (``0``: at once).
"""

from __future__ import annotations

import os
import sys
import threading
import time
from types import TracebackType
from typing import TextIO

from yusuan.printable import printable

AFTER = 2.0


def _delay() -> float:
    try:
        return max(0.0, float(os.environ.get("YUSUAN_PROGRESS_AFTER", AFTER)))
    except ValueError:
        return AFTER


class Progress:
    """``with Progress(path) as p: p.stage("校验")`` — a redrawn line on a terminal's stderr."""

    def __init__(self, label: str, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.label = printable(label)
        self.stream = stream or sys.stderr
        self.stage_name = "读取"
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._shown = False
        self._thread: threading.Thread | None = None
        try:
            self.enabled = enabled and self.stream.isatty()
        except (AttributeError, ValueError):
            self.enabled = False

    def stage(self, name: str) -> None:
        self.stage_name = name

    def echo(self, line: str) -> None:
        """Write ``line`` to the stream on its own line (the progress line cleared first)."""
        with self._lock:
            if self._shown:
                self.stream.write("\r\x1b[K")
                self._shown = False
            self.stream.write(line + "\n")
            self.stream.flush()

    def __enter__(self) -> Progress:
        if self.enabled:
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        start = time.monotonic()
        if self._done.wait(_delay()):
            return
        while not self._done.is_set():
            seconds = int(time.monotonic() - start)
            with self._lock:
                self.stream.write(
                    f"\r\x1b[K正在校验 {self.label}（{self.stage_name}）… {seconds} 秒"
                )
                self.stream.flush()
                self._shown = True
            self._done.wait(0.5)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._done.set()
        if self._thread is not None:
            self._thread.join()
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
