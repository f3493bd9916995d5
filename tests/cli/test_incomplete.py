"""No false pass (issue #13): a selection that runs nothing, or a check that could not cover
the input, never exits 0 ("no error")."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from support import REFERENCE, run_yusuan
from support.pdf_maker import Page, write_pdf


@pytest.mark.parametrize("option", ["--select", "--ignore"])
@pytest.mark.parametrize("pattern", ["YS999", "YS9", "no-such-rule", "YS1,typo"])
def test_an_unknown_rule_pattern_is_exit_2_with_the_valid_prefixes(
    option: str, pattern: str
) -> None:
    res = run_yusuan("check", str(REFERENCE), option, pattern)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "没有匹配的规则" in res.stderr and "YS1 YS2" in res.stderr and res.stdout == ""


def test_a_selection_that_leaves_nothing_is_exit_2() -> None:
    res = run_yusuan("check", str(REFERENCE), "--select", "YS1", "--ignore", "YS1")
    assert res.returncode == 2 and "没有规则可运行" in res.stderr


def test_known_patterns_still_run() -> None:
    res = run_yusuan("check", str(REFERENCE), "--select", "YS1", "--format", "json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["coverage"] and {c["code"][:3] for c in report["coverage"]} == {"YS1"}
    assert report["completeness"]["incomplete"] is False


def broken_text_pdf(path: Path) -> Path:
    """A budget table page whose text has no ToUnicode map: ruled cells, glyph ids, no text."""
    page = Page().text(60, 40, "2023年部门预算", size=14, unmapped=True)
    xs = [60.0, 200.0, 330.0, 460.0]
    ys = [80.0 + 20 * i for i in range(12)]
    page.grid(xs, ys)
    for r in range(11):
        for c in range(3):
            page.text(xs[c] + 4, ys[r] + 4, "收入支出合计"[: 3 + c], unmapped=True)
    return write_pdf(path, [page, page])


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    return broken_text_pdf(tmp_path / "broken.pdf")


def test_a_pdf_whose_text_did_not_extract_is_exit_3_not_0(broken: Path) -> None:
    res = run_yusuan("check", str(broken))
    assert res.returncode == 3, res.stdout + res.stderr
    ledger = next(line for line in res.stdout.splitlines() if line.startswith("错误 0"))
    assert "校验不完整" in ledger and "incomplete" in ledger  # said in the summary line
    assert "YS801" in res.stdout  # and where: the pages whose text has no Unicode map


def test_incomplete_is_exit_3_in_json_and_html(broken: Path, tmp_path: Path) -> None:
    res = run_yusuan("check", str(broken), "--format", "json")
    assert res.returncode == 3, res.stderr
    done = json.loads(res.stdout)["completeness"]
    assert done["incomplete"] is True and done["limit"] == "3/10"
    assert done["could_not_run"] * 10 > done["applicable"] * 3
    html = run_yusuan("check", str(broken), "--format", "html", "-o", str(tmp_path / "r.html"))
    assert html.returncode == 3
    assert "校验不完整" in (tmp_path / "r.html").read_text(encoding="utf-8")
