"""Terminal output (issue #13): nothing wrapped or cut in a pipe, control characters escaped,
``--version``, progress only on a terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from support import REFERENCE, run_yusuan
from support.rules import REF_TEXT

LONG_NUMBER = "98765432109876.54"


def bad_copy_at_a_long_path(tmp_path: Path) -> Path:
    """The reference with one 支出总表 amount replaced by a 17-digit number, at a 150-character
    path: both end up in the report."""
    lines = REF_TEXT.split("\n")
    start = lines.index("部门预算支出总表")
    i = lines.index("\t行政运行", start)
    lines[i + 2] = f"\t{LONG_NUMBER}"
    folder = tmp_path / ("很长的文件夹名称" * 6) / ("long-folder-name-" * 3)
    folder.mkdir(parents=True)
    path = folder / "平乡县人民代表大会常务委员会2023年部门预算公开（错一个数）.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert len(str(path)) > 150
    return path


def test_piped_report_splits_no_path_and_no_number(tmp_path: Path) -> None:
    path = bad_copy_at_a_long_path(tmp_path)
    res = run_yusuan("check", str(path))
    assert res.returncode == 1, res.stderr
    assert str(path) in res.stdout.splitlines()
    assert any(LONG_NUMBER in line for line in res.stdout.splitlines())
    assert max(len(line) for line in res.stdout.splitlines()) > 80  # nothing folded at 80


def test_width_wraps_where_asked(tmp_path: Path) -> None:
    res = run_yusuan("check", str(bad_copy_at_a_long_path(tmp_path)), "--width", "40")
    assert res.returncode == 1
    from rich.cells import cell_len

    assert max(cell_len(line) for line in res.stdout.splitlines()) <= 40


def test_a_report_file_is_not_wrapped_either(tmp_path: Path) -> None:
    path = bad_copy_at_a_long_path(tmp_path)
    out = tmp_path / "report.txt"
    assert run_yusuan("check", str(path), "-o", str(out)).returncode == 1
    assert str(path) in out.read_text(encoding="utf-8").splitlines()


def test_piped_rules_list_is_not_cut() -> None:
    from yusuan.rules import all_rules

    res = run_yusuan("rules")
    assert res.returncode == 0 and "…" not in res.stdout
    for rule in all_rules():
        assert rule.title in res.stdout, rule.code


def test_piped_help_is_not_cut() -> None:
    res = run_yusuan("check", "--help")
    assert res.returncode == 0 and "…" not in res.stdout
    assert "只运行这些规则（代码前缀、名称或标签，可用逗号分隔）。" in res.stdout
    assert "3 校验不完整" in res.stdout


def test_escape_sequences_in_a_file_name_are_printed_escaped(tmp_path: Path) -> None:
    evil = tmp_path / "evil\x1b[2J\x1b]0;owned\x07.txt"
    evil.write_text(REF_TEXT, encoding="utf-8")
    res = run_yusuan("check", str(evil))
    assert res.returncode == 0, res.stderr
    assert "\x1b" not in res.stdout and "\x07" not in res.stdout
    assert "evil\\x1b[2J\\x1b]0;owned\\x07.txt" in res.stdout
    missing = run_yusuan("check", str(tmp_path / "gone\x1b[31m.pdf"))
    assert missing.returncode == 2 and "\x1b" not in missing.stderr
    assert "gone\\x1b[31m.pdf" in missing.stderr


def test_escape_sequences_in_an_output_path_are_printed_escaped(tmp_path: Path) -> None:
    res = run_yusuan("template", "-o", str(tmp_path / "t\x1b[2J.xlsx"))
    assert res.returncode == 0 and res.stdout.strip().endswith("t\\x1b[2J.xlsx")


@pytest.mark.parametrize("args", [["--version"], ["version"]])
def test_version(args: list[str]) -> None:
    from yusuan import __version__

    res = run_yusuan(*args)
    assert res.returncode == 0 and res.stdout == f"{__version__}\n"


def run_on_a_terminal_stderr(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """Run ``yusuan`` with standard error on a pseudo-terminal, standard output piped."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "yusuan", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        env={**os.environ, **env},
    )
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        seen += chunk
    out, _ = proc.communicate(timeout=60)
    os.close(master)
    return proc.returncode, out.decode(), seen.decode(errors="replace")


def test_progress_is_shown_on_a_terminal() -> None:
    code, out, err = run_on_a_terminal_stderr(
        "check", str(REFERENCE), env={"YUSUAN_PROGRESS_AFTER": "0"}
    )
    assert code == 0 and "错误 0" in out
    assert "正在校验" in err and REFERENCE.name in err
    assert err.endswith("\r\x1b[K")  # the line is cleared before the report is read


def test_progress_waits_before_showing() -> None:
    code, _, err = run_on_a_terminal_stderr(
        "check", str(REFERENCE), env={"YUSUAN_PROGRESS_AFTER": "60"}
    )
    assert code == 0 and "正在校验" not in err


def test_progress_stays_silent_when_piped() -> None:
    res = subprocess.run(
        [sys.executable, "-m", "yusuan", "check", str(REFERENCE)],
        capture_output=True,
        text=True,
        env={**os.environ, "YUSUAN_PROGRESS_AFTER": "0"},
        check=False,
    )
    assert res.returncode == 0 and res.stderr == ""
