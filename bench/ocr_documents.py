"""The done-when of scanned packages on whole documents: the same real defects, no other error.

    python bench/bench_ocr.py --documents FILE [FILE ...] [--cache DIR] [--keep DIR]

Every page of each document (tables and prose) is scanned (``tests/support/scan.py``:
rendered at 300 dpi, turned 0.6°, noised, JPEG quality 60, no text layer) and read by OCR;
``check`` runs on the scan and on the original.  Printed per document:

- the original's errors and warnings, each marked as the scan reports it (matched by code
  and place: page, table, row, column) — ``as warning`` / ``as error``, with ``(other
  figures)`` when its message, the OCR note and spaces aside, is not the original's — or ``MISSED``;
- every error or warning the scan has that the original lacks (``SCAN ONLY``), and the
  scan's errors (the done-when wants none);
- amounts (facts) of the whole document read right / wrong / unreadable;
- seconds per page, wall and CPU (all threads), and the load average.

``--cache DIR`` keeps the engine's readings on disk, keyed by the image it was given, so a
second run after a change that does not alter the images (number rules, grid, checks)
skips the OCR; the timings of a cached run are not OCR timings.  ``--keep DIR`` keeps the
scans made.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import resource
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import astuple
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium

from support.scan import scanned
from yusuan.api import load
from yusuan.check import check
from yusuan.facts import facts
from yusuan.model import Disclosure
from yusuan.read import ocr_engine
from yusuan.rules.base import Finding, Severity
from yusuan.rules.scanned import OCR_NOTE

Key = tuple[str, int | None, str | None, str | None, str | None]


def cache_engine(folder: Path) -> None:
    """Keep :func:`ocr_engine.detect` and :func:`ocr_engine.reread` results in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)

    def keyed(name: str, fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
        def run(arg: Any) -> Any:
            h = hashlib.sha1(name.encode())
            for a in arg if isinstance(arg, list) else [arg]:
                h.update(repr(a.shape).encode())
                h.update(a.tobytes())
            path = folder / f"{name}-{h.hexdigest()}.pickle"
            if path.exists():
                return pickle.loads(path.read_bytes())
            out = fn(arg)
            path.write_bytes(pickle.dumps(out))
            return out

        return run

    ocr_engine.detect = keyed("detect", ocr_engine.detect)  # type: ignore[assignment]
    ocr_engine.reread = keyed("reread", ocr_engine.reread)  # type: ignore[assignment]


def key(f: Finding) -> Key:
    loc = f.location
    return (f.code, loc.page, loc.table, loc.row_code or loc.row_item, loc.column)


def amounts(text: Disclosure, scan: Disclosure) -> tuple[int, int, int, list[str]]:
    """Facts of ``text`` read right / wrong / unreadable on ``scan``, and the lines saying which."""
    ref = Counter(astuple(f) for f in facts(text))
    got = Counter(astuple(f) for f in facts(scan))
    right = sum((ref & got).values())
    lost, extra = ref - got, got - ref
    extra_keys = Counter(f[:5] for f in extra.elements())
    wrong = unreadable = 0
    lines = []
    for f in lost.elements():
        if extra_keys[f[:5]] > 0:  # the same cell, another amount
            extra_keys[f[:5]] -= 1
            wrong += 1
            lines.append(f"    wrong {f[:5]}: {f[5]} read otherwise")
        else:
            unreadable += 1
            lines.append(f"    unreadable {f}")
    wrong += sum(extra_keys.values())  # amounts the text layer does not have
    lines += [f"    read {f}" for f in extra.elements()]
    return right, wrong, unreadable, lines


def _plain(message: str) -> str:
    """A message without its spaces (a text layer's “0.06 %” is OCR's “0.06%”)."""
    return "".join(message.split())


def _line(f: Finding) -> str:
    where = " · ".join(str(x) for x in key(f)[1:] if x is not None)
    return f"{f.code} {f.severity.value} [{where}] {f.message[:110]}"


def compare(text: Disclosure, scan: Disclosure) -> dict[str, int]:
    """Print the original's errors and warnings as the scan reports them, and the scan's own."""
    serious = (Severity.ERROR, Severity.WARNING)
    mine = [f for f in check(text).findings if f.severity in serious]
    theirs = [f for f in check(scan).findings if f.severity in serious]
    pool: dict[Key, list[Finding]] = {}
    for f in theirs:
        pool.setdefault(key(f), []).append(f)
    out = Counter[str]()
    print(
        f"  original: {sum(f.severity is Severity.ERROR for f in mine)} errors, "
        f"{sum(f.severity is Severity.WARNING for f in mine)} warnings"
    )
    for f in mine:
        found = pool.get(key(f))
        if found:
            g = found.pop(0)
            same = _plain(g.message.replace(f"（{OCR_NOTE}）", "")) == _plain(f.message)
            mark = f"as {g.severity.value}" + ("" if same else " (other figures)")
            out["matched"] += 1
            out["same_message"] += same
        else:
            mark = "MISSED"
            out["missed"] += 1
        print(f"    {mark:>10}  {_line(f)}")
    rest = [g for gs in pool.values() for g in gs]
    for g in rest:
        print(f"    SCAN ONLY  {_line(g)}")
    out["scan_only"] = len(rest)
    out["scan_errors"] = sum(g.severity is Severity.ERROR for g in theirs)
    return dict(out)


def run(files: Iterable[Path], tmp: Path, dpi: int, angle: float) -> None:
    totals = Counter[str]()
    seconds = cpu = 0.0
    pages = 0
    for k, path in enumerate(files):
        pdf = pdfium.PdfDocument(str(path))
        n = len(pdf)
        pdf.close()
        t = time.perf_counter()
        scan_path = scanned(
            path, range(1, n + 1), tmp / f"{path.stem}.scan.pdf", dpi=dpi, angle=angle, seed=k
        )
        made = time.perf_counter() - t
        text = load(path)
        t, cpu0 = time.perf_counter(), time.process_time()
        scan = load(scan_path)
        took = time.perf_counter() - t
        used = time.process_time() - cpu0
        seconds += took
        cpu += used
        pages += n
        print(f"== {path.name}: {n} pages (scan made in {made:.0f} s)", flush=True)
        result = compare(text, scan)
        right, wrong, unreadable, lines = amounts(text, scan)
        print("\n".join(lines))
        print(
            f"  amounts: {right + wrong + unreadable} — right {right}, wrong {wrong}, "
            f"unreadable {unreadable}; {took / n:.1f} s/page wall, {used / n:.1f} CPU s/page"
        )
        print(f"  defects: {result}", flush=True)
        totals.update(result)
        totals.update({"right": right, "wrong": wrong, "unreadable": unreadable})
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"total: {dict(totals)}; {pages} pages, {seconds / max(pages, 1):.1f} s/page wall, "
        f"{cpu / max(pages, 1):.1f} CPU s/page, load average {os.getloadavg()[0]:.1f}; "
        f"peak memory {peak:.0f} MB",
        flush=True,
    )
