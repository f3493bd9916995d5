"""In CI a skip fails the run unless the allow-list names it (``support.skip_gate``)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support import ROOT
from support.skip_gate import ALLOWED, allowed_skips

PROBE = """
import pytest

def test_skips():
    pytest.skip("not here")

def test_passes():
    assert True
"""
MODULE_SKIP = (
    'import pytest\npytest.importorskip("no_such_module_here")\n\ndef test_x():\n    pass\n'
)


def _run(tmp_path: Path, ci: bool, module: str = PROBE) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(ROOT / "tests")
    if ci:
        env["CI"] = "true"
    (tmp_path / "test_probe.py").write_text(module, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "support.skip_gate", "-q", "-rA", "-p", "no:cacheprovider",
         "--rootdir", str(tmp_path), "-c", os.devnull, str(tmp_path)],
        capture_output=True, text=True, cwd=tmp_path, env=env, timeout=120,
    )  # fmt: skip


def test_skips_fail_in_ci(tmp_path: Path) -> None:
    run = _run(tmp_path, ci=True)
    assert run.returncode == 1, run.stdout
    assert "FAILED test_probe.py::test_skips - skipped in CI" in run.stdout
    assert "1 failed, 1 passed" in run.stdout


def test_a_module_level_skip_fails_in_ci(tmp_path: Path) -> None:
    run = _run(tmp_path, ci=True, module=MODULE_SKIP)
    assert run.returncode == 2, run.stdout  # a collection error interrupts the run
    assert "ERROR test_probe.py - skipped in CI" in run.stdout
    assert _run(tmp_path, ci=False, module=MODULE_SKIP).returncode == 5  # all skipped: none ran


def test_skips_stay_skips_outside_ci(tmp_path: Path) -> None:
    run = _run(tmp_path, ci=False)
    assert run.returncode == 0, run.stdout
    assert "1 passed, 1 skipped" in run.stdout


def test_the_allow_list_is_empty() -> None:
    assert ALLOWED.exists()
    assert allowed_skips() == set()
