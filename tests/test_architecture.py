"""The package's imports point down the layers and run in no circle (import-linter).

The contracts live in ``pyproject.toml`` (``[tool.importlinter]``) and are described in
``docs/architecture.md``.  The first test holds the real package to them; the others show
that the same contracts fail on a copy of the package with one planted circle or one
import that points up, so that a passing first test means something.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from support import ROOT

LINT = Path(sys.executable).with_name("lint-imports")


def lint(src: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter with the project's contracts on the package found under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [str(LINT), "--no-cache", str(ROOT / "pyproject.toml")],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
        cwd=src,
    )


def test_the_package_keeps_its_contracts() -> None:
    result = lint(ROOT / "src")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.fixture(scope="module")
def copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("src")
    skip = shutil.ignore_patterns("data", "static", "templates", "__pycache__")
    shutil.copytree(ROOT / "src" / "yusuan", dest / "yusuan", ignore=skip)
    return dest


def plant(copy: Path, module: str, line: str) -> Path:
    """A copy of the package in which ``module`` (a file under yusuan/) gains ``line``."""
    target = copy.parent / f"planted-{abs(hash((module, line)))}"
    shutil.copytree(copy, target)
    path = target / "yusuan" / module
    path.write_text(path.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    return target


def test_a_circle_between_modules_fails(copy: Path) -> None:
    # rules/context.py imports rules/base.py; base importing context back closes a circle
    # inside one layer, which only the acyclic contract sees.
    result = lint(plant(copy, "rules/base.py", "import yusuan.rules.context"))
    assert result.returncode == 1, result.stdout
    assert "No cycles are allowed in yusuan.rules" in result.stdout
    assert "not allowed to import" not in result.stdout  # no layer was crossed


def test_an_import_pointing_up_fails(copy: Path) -> None:
    result = lint(plant(copy, "read/raw.py", "import yusuan.rules"))
    assert result.returncode == 1, result.stdout
    assert "yusuan.read is not allowed to import yusuan.rules" in result.stdout
