"""In CI a skip is a failure: the pytest hooks ``tests/conftest.py`` installs.

With ``CI`` set (``.ci/run`` sets ``CI=true``), a test or a whole module that skips
fails the run unless its node id is listed in ``tests/skips-allowed.txt`` (one id a
line, ``#`` comments).  A skip usually hides breakage (a broken import of our own
module, a reader said to be missing), so the list is kept empty.  ``xfail`` is not
a skip and is left alone.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ALLOWED = Path(__file__).resolve().parent.parent / "skips-allowed.txt"


def allowed_skips(path: Path = ALLOWED) -> set[str]:
    """The node ids on the allow-list."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {s for line in lines if (s := line.split("#", 1)[0].strip())}


def _fail(report: pytest.TestReport | pytest.CollectReport, nodeid: str) -> None:
    if not os.environ.get("CI") or not report.skipped or hasattr(report, "wasxfail"):
        return
    if nodeid in allowed_skips():
        return
    longrepr = report.longrepr
    reason = longrepr[2] if isinstance(longrepr, tuple) else str(longrepr)
    report.outcome = "failed"
    report.longrepr = (
        f"skipped in CI ({reason}): a skip hides breakage; fix it, or list "
        f"{nodeid} in tests/skips-allowed.txt with the reason"
    )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A skipped test (in setup or in its body) fails in CI unless allowed."""
    outcome = yield
    _fail(outcome.get_result(), item.nodeid)


@pytest.hookimpl(hookwrapper=True)
def pytest_make_collect_report(collector: pytest.Collector) -> Iterator[None]:
    """A module that skips as a whole (``importorskip`` at module level) fails in CI."""
    outcome = yield
    _fail(outcome.get_result(), collector.nodeid)
