from __future__ import annotations

import os
import tempfile

import pytest

from support import REFERENCE
from support.skip_gate import pytest_make_collect_report, pytest_runtest_makereport
from yusuan.api import load
from yusuan.model import Disclosure

# The suite never sees a developer's own imported 科目 lists (~/.yusuan): an empty home of
# its own, inherited by the subprocesses the tests start.  Tests that import set their own.
__all__ = ["pytest_make_collect_report", "pytest_runtest_makereport", "reference"]

os.environ["YUSUAN_HOME"] = tempfile.mkdtemp(prefix="yusuan-test-home-")


@pytest.fixture(scope="session")
def reference() -> Disclosure:
    """The 平乡县人大常委会 2023 部门预算 (the reference document), parsed."""
    return load(REFERENCE)
