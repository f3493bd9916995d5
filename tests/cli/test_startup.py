"""Start-up imports only what a verb needs (issue #17): guarded by what is imported, not by time."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

from support import REFERENCE

# Never needed to build the app or to check a text export: the other formats' readers and
# their libraries, the store, the web UI, the renderers, Typer's Rich help.
HEAVY = [
    "duckdb",
    "fastapi",
    "starlette",
    "uvicorn",
    "openpyxl",
    "xlrd",
    "docx",
    "bs4",
    "lxml",
    "reportlab",
    "pypdfium2",
    "PIL",
    "fontTools",
    "dask",
    "rich.markdown",
    "typer.rich_utils",
    "yusuan.read.pdf",
    "yusuan.read.docx",
    "yusuan.read.xlsx",
    "yusuan.read.html",
    "yusuan.store",
    "yusuan.web",
    "yusuan.render.report_html",
    "yusuan.catalog.official",
    "yusuan.catalog.seen",
]
# The verb modules ``check`` does not need: the registry imports a verb's module when it runs.
OTHER_VERBS = [
    "yusuan.cli.parse",
    "yusuan.cli.rules",
    "yusuan.cli.debug",
    "yusuan.cli.render",
    "yusuan.cli.ingest",
    "yusuan.cli.query",
    "yusuan.cli.diff",
    "yusuan.cli.serve",
    "yusuan.cli.catalog",
    "yusuan.cli.store_io",
    "yusuan.cli.performance",
]
# Not needed just to build the app (every command imports these when it runs).
LIBRARY = ["pydantic", "rich", "yusuan.model", "yusuan.api", "yusuan.check", "yusuan.rules"]
#: What ``yusuan check FILE`` with no option starts without (``yusuan.cli.entry``).
TYPER = ["typer", "typer._click", "typer._adapters", "click", "yusuan.cli.registry"]
PROBED = [
    *HEAVY,
    *LIBRARY,
    *OTHER_VERBS,
    *TYPER,
    "rich.console",
    "jinja2",
    "yusuan.cli.check",
]


def imported_after(code: str) -> dict[str, bool]:
    """Run ``code`` in a fresh interpreter and report which modules it left imported."""
    probe = (
        f"{code}\nimport json, sys\nprint(json.dumps({{m: m in sys.modules for m in {PROBED!r}}}))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    loaded: dict[str, bool] = json.loads(res.stdout.splitlines()[-1])
    return loaded


def test_building_the_app_imports_no_library() -> None:
    loaded = imported_after(
        "import typer.main\nfrom yusuan.cli import app\n"
        "group = typer.main.get_command(app)\nassert 'check' in group.list_commands(None)"
    )
    assert [m for m in HEAVY + LIBRARY + OTHER_VERBS if loaded[m]] == []
    assert not loaded["yusuan.cli.check"]  # no verb is built before it is chosen


def test_the_help_lists_every_verb_without_building_their_options() -> None:
    """``yusuan --help`` in a pipe reads each verb's docstring; Typer builds no verb's options
    and Rich is not imported."""
    loaded = imported_after(
        "import contextlib, io, sys, typer.main\nfrom yusuan.cli import main\n"
        "built, build = [], typer.main.get_command_from_info\n"
        "def counted(info, **kw):\n    built.append(info.name)\n    return build(info, **kw)\n"
        "typer.main.get_command_from_info = counted\n"
        "out = io.StringIO()\n"
        "sys.argv = ['yusuan', '--help']\n"
        "with contextlib.redirect_stdout(out), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "assert 'check' in out.getvalue() and 'catalog' in out.getvalue(), out.getvalue()\n"
        "assert built == [], built"
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
    assert [m for m in HEAVY + OTHER_VERBS if loaded[m]] == []
    # The report goes to a pipe here: plain text, as Rich would print it, without Rich's console.
    assert not loaded["rich.console"] and not loaded["jinja2"]


#: A probe's start: the console script's ``yusuan check REFERENCE``, its report in ``out``.
CHECK_REFERENCE = (
    "import contextlib, io, sys\nfrom yusuan.cli import main\n"
    f"sys.argv = ['yusuan', 'check', {str(REFERENCE)!r}]\n"
    "out = io.StringIO()\n"
    "try:\n"
    "    with contextlib.redirect_stdout(out):\n"
    "        main()\n"
    "except SystemExit as exit:\n"
    "    assert exit.code == 0 and '错误 0' in out.getvalue(), (exit.code, out.getvalue())"
)


def test_a_plain_check_from_the_console_script_imports_no_typer() -> None:
    """``yusuan check FILE`` goes straight to the work (:mod:`yusuan.cli.entry`): no Typer, no
    Click, no verb module; the same report as through the app."""
    loaded = imported_after(CHECK_REFERENCE)
    assert loaded["yusuan.check"] and loaded["yusuan.model"]  # it did check
    assert [m for m in HEAVY + OTHER_VERBS + TYPER if loaded[m]] == []
    assert not loaded["yusuan.cli.check"] and not loaded["rich.console"]
    assert not loaded["rich"]  # the unwrapped report fits: Rich's line breaking is not needed


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


def test_importing_the_rule_catalogue_compiles_no_pattern() -> None:
    """Rule modules define their patterns with :func:`yusuan.regex.lazy`: compiled at first use
    (YS422's two included, since its matches are told apart by a tag, not by ``m.re is``)."""
    probe = (
        "import re, sys, json\n"
        "import yusuan.api  # what the rules stand on (the model, readers, recognizers)\n"
        "assert not any(m.startswith('yusuan.rules') for m in sys.modules)\n"
        "compile, seen = re._compile, []\n"
        "def probe(pattern, flags):\n"
        "    f = sys._getframe(1)\n"
        "    while f.f_code.co_filename.endswith(('re/__init__.py', 'functools.py')):\n"
        "        f = f.f_back\n"
        "    if '/yusuan/rules/' in f.f_code.co_filename:\n"
        "        seen.append(f.f_code.co_filename.split('/yusuan/')[1])\n"
        "    return compile(pattern, flags)\n"
        "re.purge()\n"
        "re._compile = probe\n"
        "import yusuan.rules.registry\n"
        "re._compile = compile\n"
        "assert len(yusuan.rules.registry.CATALOGUE) > 90\n"
        "print(json.dumps(seen))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    compiled: list[str] = json.loads(res.stdout.splitlines()[-1])
    assert compiled == [], compiled


#: What the check path reads its data files without (by path, :mod:`yusuan.datafiles`), and so
#: does not import at each start (issue #17).
NOT_FOR_A_CHECK = {"importlib.resources", "importlib.metadata", "zipfile", "tempfile"}


def _imports(path: Path) -> set[str]:
    """The modules a source file imports when it is imported: not inside a function, not in an
    ``if TYPE_CHECKING:`` block."""
    out: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            return
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            return
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.update({node.module, *(f"{node.module}.{a.name}" for a in node.names)})
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return out


def test_the_check_path_imports_no_package_metadata_resources_or_zip_itself() -> None:
    """No yusuan module that checking a text export loads imports :mod:`importlib.resources`,
    :mod:`importlib.metadata`, :mod:`zipfile` or :mod:`tempfile` (what a library it uses
    imports is that library's)."""
    probe = (
        "import json, sys\n"
        "from yusuan.api import load\n"
        "from yusuan.check import check\n"
        "from yusuan.cli.checking import run\n"
        f"check(load({str(REFERENCE)!r}))\n"
        "print(json.dumps({m.__name__: m.__file__ for m in list(sys.modules.values())"
        " if m.__name__.split('.')[0] == 'yusuan'}))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    loaded: dict[str, str] = json.loads(res.stdout.splitlines()[-1])
    assert {"yusuan.read.text", "yusuan.recognize.titles", "yusuan.limits"} <= set(loaded)
    found = {name: _imports(Path(f)) & NOT_FOR_A_CHECK for name, f in loaded.items()}
    assert {name: sorted(m) for name, m in found.items() if m} == {}


#: What ``yusuan check`` on a text export does without (issue #17): pathlib and the URL parser
#: it imports (paths go through :mod:`yusuan.paths`), OpenSSL's hashlib (a small file is hashed
#: by CPython's own SHA-256), fractions (the incomplete share is compared in integers), the TOML
#: parser and what it imports (the data files come from their cache), and the OCR progress
#: listener (only a terminal's progress line listens).
NOT_FOR_A_PLAIN_CHECK = [
    "pathlib",
    "urllib.parse",
    "ipaddress",
    "hashlib",
    "_hashlib",
    "fractions",
    "tomllib",
    "string",
    "datetime",
    "contextvars",
    "yusuan.read.ocr_progress",
]


def test_a_plain_check_imports_no_pathlib_hashlib_fractions_or_toml_parser(tmp_path: Path) -> None:
    """The console script's ``check FILE`` in a fresh interpreter, after one run that wrote the
    data files' cache (under a fresh ``PYTHONPYCACHEPREFIX``): the report as before, and none
    of :data:`NOT_FOR_A_PLAIN_CHECK` in ``sys.modules``."""
    skipped = ("PYTHONDONTWRITEBYTECODE", "YUSUAN_CACHE")
    environ = {k: v for k, v in os.environ.items() if k not in skipped}
    env = {**environ, "PYTHONPYCACHEPREFIX": str(tmp_path)}
    probe = (
        CHECK_REFERENCE + "\nimport json\n"
        f"loaded = [m for m in {NOT_FOR_A_PLAIN_CHECK!r} if m in sys.modules]\n"
        "print(json.dumps([out.getvalue(), loaded], ensure_ascii=False))"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
        )
        for _ in range(2)
    ]
    (report, cold), (again, warm) = (json.loads(r.stdout.splitlines()[-1]) for r in runs)
    assert "tomllib" in cold  # the first run parsed the data files and cached them
    assert warm == []
    assert again == report
