"""Hostile inputs against the real ``yusuan check``: outcome, peak memory, seconds.

    python bench/hostile.py [--cap-gb 3] [--only NAME ...]

Builds each case of issue #13 in a temporary folder (``tests/support/hostile.py``),
runs ``python -m yusuan check FILE`` under an address-space cap (so a regression
fails instead of taking the machine), and prints one Markdown row per case: exit
status, the first line of stderr, peak RSS of the child (``getrusage``) and wall
seconds.  The 45 MB text and the 4 GiB bombs take a minute or two to build.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support import hostile  # noqa: E402

GIB = 1 << 30
BOMB = 4 * GIB - (1 << 20)  # the most a zip without zip64 declares
Case = tuple[str, Callable[[Path], Path]]


def _text(name: str, text: str, encoding: str = "utf-8") -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(text.encode(encoding, "replace"))
        return path

    return build


def _bytes(name: str, make: Callable[[], bytes]) -> Callable[[Path], Path]:
    def build(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(make())
        return path

    return build


def _bad_byte() -> bytes:
    data = (ROOT / "tests/data/pingxiang-renda-2023.txt").read_bytes()
    at = data.index("一、部门职责".encode())
    return data[:at] + b"\xff" + data[at:]


def cases() -> list[Case]:
    ref = (ROOT / "tests/data/pingxiang-renda-2023.txt").read_text(encoding="utf-8")
    return [
        ("xlsx bomb 4 GiB", lambda t: hostile.xlsx_bomb(t, BOMB)),
        ("docx bomb 4 GiB", lambda t: hostile.docx_bomb(t, BOMB)),
        ("xlsx bomb, sizes understated", lambda t: hostile.xlsx_bomb(t, BOMB, declared=100)),
        ("docx bomb, size declared 60 MiB", lambda t: hostile.docx_bomb(t, BOMB, 60 << 20)),
        ("xlsx 1,000,000 rows", lambda t: hostile.xlsx_rows(t, 1_000_000)),
        ("text 0.3 MB", _text("n03.txt", hostile.narrative_text(0.3))),
        ("text 1.3 MB", _text("n13.txt", hostile.narrative_text(1.3))),
        ("text 5 MB", _text("n5.txt", hostile.narrative_text(5))),
        ("text 45 MB", _text("n45.txt", hostile.narrative_text(45))),
        ("1,500 一、 headings", _text("h.txt", hostile.headings_text(1500))),
        ("JSON 1E+10000000", lambda t: hostile.json_with_amount(t, "1E+10000000")),
        ("JSON 1E+999999999", lambda t: hostile.json_with_amount(t, "1E+999999999")),
        ("UTF-16 (BOM)", _text("u16.txt", ref, "utf-16")),
        ("UTF-16LE, no BOM", _text("u16le.txt", ref, "utf-16-le")),
        ("Big5", _text("big5.txt", ref.replace("说", "說"), "big5")),
        ("one bad byte", _bytes("bad.txt", _bad_byte)),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cap-gb", type=float, default=3.0, help="address-space cap per run")
    ap.add_argument("--only", nargs="*", help="run only cases whose name contains one of these")
    args = ap.parse_args()
    print("| case | input MB | exit | message | peak RSS MB | seconds |")
    print("|---|---|---|---|---|---|")
    for name, build in cases():
        if args.only and not any(o in name for o in args.only):
            continue
        with tempfile.TemporaryDirectory() as tmp:
            t0 = time.perf_counter()
            path = build(Path(tmp))
            built = time.perf_counter() - t0
            code, err, rss, secs = hostile.measure(path, int(args.cap_gb * GIB))
            first = err.strip().splitlines()[-1 if "Traceback" in err else 0] if err.strip() else ""
            size = path.stat().st_size / 1e6
        print(
            f"| {name} | {size:.1f} | {code} | {first[:110]} | {rss:.0f} | {secs:.1f} |",
            f"<!-- built in {built:.0f} s -->",
            flush=True,
        )


if __name__ == "__main__":
    main()
