from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from support import FINAL, REFERENCE
from support.skip_gate import pytest_make_collect_report, pytest_runtest_makereport
from yusuan.api import load
from yusuan.catalog.entries import Entry
from yusuan.check import Report
from yusuan.model import Disclosure
from yusuan.records import warm_adapters

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

# pydantic builds a record class's TypeAdapter on its first JSON dump or validation (about
# 0.3 s with pydantic's import, yusuan.records): built once here, so that no property test's
# deadline pays for it.
warm_adapters(Disclosure, Report, Entry)


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
