"""Start-up imports only what a verb needs (issue #17): guarded by what is imported, not by time."""

from __future__ import annotations

import json
import subprocess
import sys

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
