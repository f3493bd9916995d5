"""Start-up imports only what a verb needs (issue #17): guarded by what is imported, not by time."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support import REFERENCE

# Never needed to build the app or to check a text export.
HEAVY = ["duckdb", "fastapi", "openpyxl", "reportlab", "pypdfium2", "rich.markdown", "uvicorn"]
# Not needed just to build the app (every command imports these when it runs).
LIBRARY = ["pydantic", "rich", "yusuan.model", "yusuan.api", "yusuan.check", "yusuan.rules"]


def imported_after(code: str) -> dict[str, bool]:
    """Run ``code`` in a fresh interpreter and report which modules it left imported."""
    probe = f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {HEAVY + LIBRARY + ['rich.console', 'jinja2']!r}}}))"
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    loaded: dict[str, bool] = json.loads(res.stdout.splitlines()[-1])
    return loaded


def test_building_the_app_imports_no_library() -> None:
    loaded = imported_after(
        "import typer.main\nfrom yusuan.cli import app\n"
        "group = typer.main.get_command(app)\nassert 'check' in group.commands"
    )
    assert [m for m in HEAVY + LIBRARY if loaded[m]] == []


def test_checking_a_text_export_imports_only_what_it_needs() -> None:
    loaded = imported_after(
        "import contextlib, io\nfrom yusuan.cli import app\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = app(['check', {str(REFERENCE)!r}], standalone_mode=False)\n"
        "assert code == 0 and '错误 0' in out.getvalue(), (code, out.getvalue())"
    )
    assert loaded["yusuan.check"] and loaded["yusuan.model"]  # it did check
    assert [m for m in HEAVY if loaded[m]] == []
    # The report goes to a pipe here: plain text, as Rich would print it, without Rich's console.
    assert not loaded["rich.console"] and not loaded["jinja2"]


def _check(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return subprocess.run(
        [sys.executable, "-m", "yusuan", "check", str(REFERENCE), *args],
        capture_output=True,
        text=True,
        timeout=120,
        env={**environ, "COLUMNS": "80", **env},
    )


def test_the_report_is_the_same_through_a_pipe_a_file_and_rich(tmp_path: Path) -> None:
    """A pipe and -o get plain text; FORCE_COLOR makes Rich style it, as it always did."""
    piped = _check()
    assert piped.returncode == 0 and "\x1b[" not in piped.stdout
    out = tmp_path / "report.txt"
    assert _check("-o", str(out)).returncode == 0
    in_file = out.read_text(encoding="utf-8")
    # neither the pipe nor the file wraps (issue #13): the same bytes, lines past 80 columns
    assert in_file == piped.stdout
    assert max(map(len, piped.stdout.splitlines())) > 80
    styled = _check(FORCE_COLOR="1")  # Rich takes it for a terminal: styled, wrapped at 80
    assert "\x1b[1m" in styled.stdout  # Rich's bold headline
    unstyled = re.sub(r"\x1b\[[0-9;]*m", "", styled.stdout)
    assert "".join(unstyled.split()) == "".join(piped.stdout.split())
