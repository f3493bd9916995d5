"""`yusuan check` as a user runs it: exit codes, report shapes, select/ignore."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

from support import REFERENCE, run_yusuan
from support.rules import REF_TEXT


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_yusuan(*args)


def bad_copy(tmp_path: Path) -> Path:
    """The reference with 2010101 行政运行 基本支出 in 支出总表 printed as 320.91."""
    lines = REF_TEXT.split("\n")
    start = lines.index("部门预算支出总表")
    i = lines.index("\t行政运行", start)
    assert lines[i + 2] == "\t322.91"
    lines[i + 2] = "\t320.91"
    path = tmp_path / "bad.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_reference_exits_zero_with_text_report() -> None:
    res = run("check", str(REFERENCE))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "平乡县人民代表大会常务委员会" in res.stdout
    assert re.search(r"错误 0 · 警告 \d+ · 提示 \d+", res.stdout)


def test_error_exits_one_and_json_shape(tmp_path: Path) -> None:
    res = run("check", str(bad_copy(tmp_path)), "--format", "json")
    assert res.returncode == 1
    report = json.loads(res.stdout)
    assert set(report) == {
        "document",
        "findings",
        "coverage",
        "notices",
        "to_check",
        "summary",
        "completeness",
    }
    assert report["to_check"] == []  # a text export: nothing read by OCR
    assert (
        set(report["summary"]) == {"error", "warning", "info"} and report["summary"]["error"] >= 1
    )
    f = next(f for f in report["findings"] if f["code"] == "YS101")
    assert {
        "code",
        "name",
        "severity",
        "message",
        "table",
        "row",
        "column",
        "expected",
        "actual",
        "location",
    } <= set(f)
    assert (f["table"], f["row"], f["column"], f["expected"], f["actual"]) == (
        "expenditure", "2010101 行政运行", "合计", "320.91", "322.91",
    )  # fmt: skip
    assert f["location"]["line"] is not None
    assert {c["status"] for c in report["coverage"]} <= {"ran", "not_applicable", "could_not_run"}
    assert report["document"]["department_code"] == "101"


def test_select_and_ignore(tmp_path: Path) -> None:
    bad = str(bad_copy(tmp_path))
    only = json.loads(run("check", bad, "-f", "json", "--select", "YS101").stdout)
    assert [c["code"] for c in only["coverage"]] == ["YS101"]
    without = run("check", bad, "-f", "json", "--ignore", "YS1,YS2,YS3")
    assert all(
        not f["code"].startswith(("YS1", "YS2", "YS3"))
        for f in json.loads(without.stdout)["findings"]
    )


def test_html_report_is_self_contained(tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    res = run("check", str(bad_copy(tmp_path)), "--format", "html", "-o", str(out))
    assert res.returncode == 1
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and 'lang="zh-CN"' in html
    assert "YS101" in html and "预决算公开校验报告" in html
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)


def test_unreadable_input_exits_two(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = run("check", str(empty))
    assert res.returncode == 2
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr


def test_rules_command_lists_and_explains() -> None:
    listing = run("rules")
    assert (
        listing.returncode == 0
        and "YS101" in listing.stdout
        and "row-total-mismatch" in listing.stdout
    )
    one = run("rules", "YS101")
    assert one.returncode == 0 and "【检查什么】" in one.stdout and "【正确写法】" in one.stdout
    assert run("rules", "YS999").returncode == 2
