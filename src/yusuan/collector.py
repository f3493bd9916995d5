"""The cyclic garbage collector held off while a large model is built or checked.

Recognizing or checking a table of 20,000 rows allocates millions of small
objects; every 700 allocations CPython's collector runs, and its older
generations walk the whole model built so far, so the cost per row grows with
the table (46–49 µs/row at 5,500–11,000 rows against 34 µs/row below 2,200, in
issue #17).  :func:`collector_paused` disables the collector for the duration of
one call and enables it again afterwards; reference counting still frees every
object that is not part of a cycle, and the cycles left are collected by the
first run after the block.  It nests, and it leaves a collector that was already
disabled disabled.  Threads share the collector: a thread leaving the block
enables it for all, which costs another thread time, never correctness.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Run the block (or, as ``@collector_paused()``, the function) without cyclic GC."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
