from __future__ import annotations

from pathlib import Path

import pytest

from yusuan.api import load
from yusuan.model import Disclosure

DATA = Path(__file__).parent / "data"
REFERENCE = DATA / "pingxiang-renda-2023.txt"


@pytest.fixture(scope="session")
def reference() -> Disclosure:
    """The 平乡县人大常委会 2023 部门预算 (the reference document), parsed."""
    return load(REFERENCE)
