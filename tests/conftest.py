from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from yusuan.api import load
from yusuan.model import Disclosure

# The suite never sees a developer's own imported 科目 lists (~/.yusuan): an empty home of
# its own, inherited by the subprocesses the tests start.  Tests that import set their own.
os.environ["YUSUAN_HOME"] = tempfile.mkdtemp(prefix="yusuan-test-home-")

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "pingxiang-renda-2023.txt"


@pytest.fixture(scope="session")
def reference() -> Disclosure:
    """The 平乡县人大常委会 2023 部门预算 (the reference document), parsed."""
    return load(REFERENCE)


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
