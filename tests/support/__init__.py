"""Helpers the tests share: where the test data is, the real command, the reference golden.

Every test module imports from here (``from support import DATA, REFERENCE``); the
fixtures live in ``tests/conftest.py``.  ``pytest`` puts ``tests/`` on the path
(``pythonpath`` in ``pyproject.toml``).
"""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

from yusuan.facts import HEADER, Fact

TESTS = Path(__file__).resolve().parent.parent
ROOT = TESTS.parent
DATA = TESTS / "data"
REFERENCE = DATA / "pingxiang-renda-2023.txt"
#: A whole real 部门决算 package (中共上海市普陀区委社会工作部 2024), the 决算 the renderer rebuilds.
FINAL = DATA / "shanghai-putuo-2024-shehui-gongzuobu-dept-final.pdf"
GOLDEN = DATA / "golden" / "pingxiang-renda-2023.facts.csv"


def golden() -> list[Fact]:
    """The reference's facts, checked by hand against the document (tests/data/golden)."""
    with GOLDEN.open(encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert tuple(rows[0]) == HEADER
    return [Fact(*r) for r in rows[1:]]


#: The cells ``yusuan render`` fills in the reference: its 三公 table leaves the parent row
#: 公务用车购置及运维费 blank above 公务用车运行维护费 6.80 (YS603); the package prints the sum.
RENDER_FILLED = [
    Fact("three_public", "", "", "公务用车购置及运维费", "合计", "6.8"),
    Fact("three_public", "", "", "公务用车购置及运维费", "一般公共预算财政拨款", "6.8"),
]


def rendered_golden() -> list[Fact]:
    """The facts of the reference as rendered: :func:`golden` with :data:`RENDER_FILLED`."""
    want = golden()
    at = next(i for i, f in enumerate(want) if f.item == "公务用车运行维护费")
    return want[:at] + RENDER_FILLED + want[at:]


def run_yusuan(*args: str, home: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real ``yusuan`` command in a subprocess (``$YUSUAN_HOME`` set to ``home`` if given)."""
    env = {**os.environ, "YUSUAN_HOME": str(home)} if home is not None else None
    return subprocess.run(
        [sys.executable, "-m", "yusuan", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def fenced(text: str) -> list[tuple[str, list[str]]]:
    """Every fenced code block of a Markdown text as (info string, lines)."""
    out: list[tuple[str, list[str]]] = []
    current: list[str] | None = None
    info = ""
    for line in text.split("\n"):
        if line.startswith("```"):
            if current is None:
                current, info = [], line[3:].strip()
            else:
                out.append((info, current))
                current = None
        elif current is not None:
            current.append(line)
    return out


def blocks_after(text: str, command: str) -> list[list[str]]:
    """The output lines of every fenced block that starts with ``$ command``."""
    return [lines[1:] for _, lines in fenced(text) if lines and lines[0] == f"$ {command}"]
