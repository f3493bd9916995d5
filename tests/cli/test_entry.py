"""``yusuan check FILE …`` with no option runs without Typer (``yusuan.cli.entry``, issue #17):
Click would parse exactly those arguments into the same call, and the process prints the same
bytes and exits with the same status as the Typer verb; anything else goes to Typer."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main
from hypothesis import given, settings
from hypothesis import strategies as st

from support import REFERENCE
from support.pdf_maker import Page, write_pdf
from support.rules import REF_TEXT
from yusuan.cli import app
from yusuan.cli.entry import plain_check

#: The parameters of ``check`` other than the files, as Click gives them when none is typed.
DEFAULTS = {
    "fmt": "text",
    "select": (),
    "ignore": (),
    "output": None,
    "overwrite": False,
    "width": None,
    "max_mb": 50.0,
    "lang": "zh",
    "package": False,
}


def _parsed(args: list[str]) -> dict[str, object]:
    group = typer.main.get_command(app)
    command = group.get_command(None, "check")  # type: ignore[arg-type]
    assert command is not None
    with command.make_context("check", list(args)) as ctx:
        return dict(ctx.params)


# File names as a shell hands them over: any text but NUL, not starting with "-".
names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
).filter(lambda s: not s.startswith("-"))


@settings(max_examples=200, deadline=None)
@given(st.lists(names, min_size=1, max_size=4))
def test_what_the_shortcut_takes_click_parses_into_the_files_and_the_defaults(
    files: list[str],
) -> None:
    assert plain_check(["check", *files]) == files
    params = _parsed(files)
    assert params.pop("files") == [Path(f) for f in files]
    assert {k: getattr(v, "value", v) for k, v in params.items()} == DEFAULTS


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["check"],
        ["--help"],
        ["check", "--help"],
        ["check", "a.txt", "--help"],
        ["check", "a.txt", "-f", "json"],
        ["check", "a.txt", "--format=json"],
        ["check", "-o", "r.txt", "a.txt"],
        ["check", "--package", "a.pdf", "b.pdf"],
        ["check", "--", "-a.txt"],
        ["check", "-"],
        ["check", ""],
        ["check", "a\udcff.txt"],  # an undecodable byte in the name
        ["parse", "a.txt"],
        ["Check", "a.txt"],
        ["--version"],
    ],
)
def test_anything_else_goes_to_typer(args: list[str]) -> None:
    assert plain_check(args) is None


def test_a_shell_completion_request_goes_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    assert plain_check(["check", "a.txt"]) == ["a.txt"]
    monkeypatch.setenv("_YUSUAN_COMPLETE", "bash_complete")
    assert plain_check(["check", "a.txt"]) is None


def _run(args: list[str], cwd: Path, via_typer: bool) -> subprocess.CompletedProcess[bytes]:
    code = "from yusuan.cli.registry import main" if via_typer else "from yusuan.cli import main"
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    return subprocess.run(
        [sys.executable, "-c", f"import sys\nsys.argv[0] = 'yusuan'\n{code}\nmain()", *args],
        capture_output=True,
        timeout=120,
        cwd=cwd,
        env=env,
    )


def _files(tmp_path: Path) -> dict[str, Path]:
    lines = REF_TEXT.split("\n")  # 2010101 行政运行 基本支出 in 支出总表 printed as 320.91
    at = lines.index("\t行政运行", lines.index("部门预算支出总表")) + 2
    lines[at] = "\t320.91"
    (tmp_path / "包 一").mkdir()
    (tmp_path / "包 一" / "说明.txt").write_text(REF_TEXT, encoding="utf-8")
    page = Page().text(60, 40, "2023年部门预算", size=14, unmapped=True)
    xs, ys = [60.0, 200.0, 330.0, 460.0], [80.0 + 20 * i for i in range(12)]
    page.grid(xs, ys)
    for r in range(11):
        for c in range(3):
            page.text(xs[c] + 4, ys[r] + 4, "收入支出合计"[: 3 + c], unmapped=True)
    paths = {
        "reference": REFERENCE,
        "errors": tmp_path / "有错 a=b.txt",
        "empty": tmp_path / "empty.txt",
        "folder": tmp_path / "包 一",
        "incomplete": write_pdf(tmp_path / "broken.pdf", [page, page]),
    }
    paths["errors"].write_text("\n".join(lines), encoding="utf-8")
    paths["empty"].write_bytes(b"")
    return paths


@pytest.mark.parametrize(
    ("names", "status"),
    [
        (["reference"], 0),
        (["errors"], 1),
        (["empty"], 2),
        (["missing"], 2),
        (["incomplete"], 3),
        (["folder"], 0),
        (["reference", "errors", "missing"], 2),
    ],
)
def test_the_shortcut_prints_and_exits_as_the_typer_verb(
    tmp_path: Path, names: list[str], status: int
) -> None:
    paths = _files(tmp_path)
    args = ["check", *(str(paths.get(n, tmp_path / "没有这个文件.txt")) for n in names)]
    direct, typed = _run(args, tmp_path, False), _run(args, tmp_path, True)
    assert (direct.returncode, typed.returncode) == (status, status), direct.stderr.decode()
    assert direct.stdout == typed.stdout and direct.stderr == typed.stderr
    assert direct.stdout or direct.stderr  # it did report


def test_a_reader_that_goes_away_is_exit_1_without_a_traceback(tmp_path: Path) -> None:
    """``yusuan check FILE | head -1``: the pipe closes early, as Typer handles it."""
    for via_typer in (False, True):
        code = (
            "from yusuan.cli.registry import main" if via_typer else "from yusuan.cli import main"
        )
        script = (
            "import os, sys\nr, w = os.pipe()\nos.close(r)\nos.dup2(w, 1)\n"
            f"sys.argv = ['yusuan', 'check', {str(REFERENCE)!r}]\n{code}\nmain()"
        )
        res = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=120)
        assert res.returncode == 1, (via_typer, res.stderr)
        assert b"Traceback" not in res.stderr, (via_typer, res.stderr)


@pytest.mark.parametrize(("setting", "scanned"), [(None, False), ("", True), ("1", False)])
def test_the_command_skips_the_plugin_scan_unless_told(setting: str | None, scanned: bool) -> None:
    """pydantic reads every installed package's entry points for plugins; the command does not,
    unless ``PYDANTIC_DISABLE_PLUGINS`` is set (empty: load them, as pydantic does). A plain
    check imports no pydantic at all; a JSON report does, to serialize."""
    script = (
        "import contextlib, io, sys\nfrom yusuan.cli import main\n"
        f"sys.argv = ['yusuan', 'check', '--format', 'json', {str(REFERENCE)!r}]\n"
        "with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n"
        "    main()\n"
        "from pydantic.plugin import _loader\nprint(_loader._plugins is not None)"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if setting is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = setting
    res = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env
    )
    assert res.stdout.split() == [str(scanned)], res.stderr


@pytest.mark.parametrize(
    "spelled",
    [
        ["./有错 a=b.txt"],
        [".//有错 a=b.txt", "./没有这个文件.txt"],
        ["包 一/./"],
        ["./包 一//说明.txt", "empty.txt/"],
    ],
)
def test_the_shortcut_prints_paths_as_the_typer_verb(tmp_path: Path, spelled: list[str]) -> None:
    """The shortcut hands the names on as strings (no pathlib, :mod:`yusuan.paths`); the
    report, the error lines and the status name them as the verb's ``Path`` prints them."""
    _files(tmp_path)
    args = ["check", *spelled]
    direct, typed = _run(args, tmp_path, False), _run(args, tmp_path, True)
    assert direct.returncode == typed.returncode
    assert direct.stdout == typed.stdout and direct.stderr == typed.stderr
    shown = (direct.stdout + direct.stderr).decode()
    assert "./" not in shown and "//" not in shown, shown
