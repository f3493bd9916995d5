from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from support import FINAL, REFERENCE
from support.skip_gate import pytest_make_collect_report, pytest_runtest_makereport
from yusuan.api import load
from yusuan.model import Disclosure

# The suite never sees a developer's own imported 科目 lists (~/.yusuan): an empty home of
# its own, inherited by the subprocesses the tests start.  Tests that import set their own.
__all__ = [
    "final_parsed",
    "final_workbook",
    "pytest_make_collect_report",
    "pytest_runtest_makereport",
    "reference",
]

os.environ["YUSUAN_HOME"] = tempfile.mkdtemp(prefix="yusuan-test-home-")


@pytest.fixture(scope="session")
def reference() -> Disclosure:
    """The 平乡县人大常委会 2023 部门预算 (the reference document), parsed."""
    return load(REFERENCE)


@pytest.fixture(scope="session")
def final_parsed() -> Disclosure:
    """The 中共上海市普陀区委社会工作部 2024 部门决算 (a real corpus PDF), parsed."""
    return load(FINAL)


@pytest.fixture(scope="session")
def final_workbook(final_parsed: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The input workbook ``yusuan template --from`` makes of :func:`final_parsed`."""
    from yusuan.render.template import write_template

    return write_template(tmp_path_factory.mktemp("final") / "填报.xlsx", final_parsed)
