"""``yusuan parse -f text``: the recognition ledger in one line, then one line per table."""

from __future__ import annotations

from pathlib import Path

from support import DATA, run_yusuan
from support.grids import Printed, Span, write_grids


def test_corpus_tables_file_prints_every_table_it_names() -> None:
    r = run_yusuan("parse", "-f", "text", str(DATA / "jiangsu-2019-renda-dept-budget-tables.pdf"))
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].startswith("江苏省人民代表大会常务委员会办公厅（印作“江苏省人大常委会办公厅”）")
    assert lines[1].startswith(
        "表格：印出 3 张（目录列出 0 张，页面标题 3 个），识别 3 张；印出的表都已识别"
    )
    assert [line.split()[1] for line in lines[2:]] == ["summary", "fiscal_summary", "three_public"]


def test_printed_table_not_recognized_is_named_with_page_and_title(tmp_path: Path) -> None:
    grid = [[Span("项目", cols=2), "金额"], [Span("合计", cols=2), "1.00"]]
    pdf = write_grids(
        [
            Printed(
                "收支预算总表", [["收入", "金额", "支出", "金额"], ["合计", "1.00", "合计", "1.00"]]
            ),
            Printed("一般公共预算“三公”经费支出预算表", []),  # the title, no table under it
            Printed("政府采购预算表", grid),
        ],
        tmp_path / "ledger.pdf",
    )
    r = run_yusuan("parse", "-f", "text", str(pdf))
    assert r.returncode == 0, r.stderr
    ledger = r.stdout.splitlines()[1]
    assert "印出而未识别 1 张：第2页印有标题“一般公共预算“三公”经费支出预算表”" in ledger
    assert ledger.endswith("1 printed but not recognized")
