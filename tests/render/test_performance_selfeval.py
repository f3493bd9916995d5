"""The 绩效自评 workbook (``template --performance``) and its scoring (``evaluate``), for real:
the command in a subprocess, the workbook reopened by openpyxl, the 自评表 reopened as
xlsx, docx and pdf, and every score against a hand computation written out here."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest

from support import DATA, REFERENCE, run_yusuan
from support.selfeval import ACTIVITY, AFFAIRS, MEETING, SMART, fill, indicator_rows, sheet_of
from yusuan.recognize.statements import sentence_statements

D = Decimal
WANLI = DATA / "shanghai-putuo-2023-wanli-dept-budget-performance.pdf"


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tpl") / "绩效自评.xlsx"
    r = run_yusuan("template", "--performance", str(REFERENCE), "-o", str(out))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == str(out)
    return out


def test_template_prints_each_projects_targets_with_cells_to_fill(template: Path) -> None:
    book = openpyxl.load_workbook(template)
    assert book.sheetnames[0] == "填报说明"
    assert book["填报说明"]["A1"].value == "yusuan 绩效自评工作簿"
    assert book["填报说明"]["B3"].value == "平乡县人民代表大会常务委员会"
    assert {ws["B3"].value for ws in book.worksheets[1:]} == {MEETING, SMART, ACTIVITY, AFFAIRS}
    ws = sheet_of(book, MEETING)
    header = [ws.cell(11, c).value for c in range(1, 9)]
    assert header[:5] == ["一级指标", "二级指标", "三级指标", "指标值", "实际完成值"]
    assert header[6:] == ["偏差原因", "改进措施"]
    rows = indicator_rows(ws)
    assert [ws.cell(rows["参会代表人数"], c).value for c in range(1, 5)] == [
        "产出指标", "数量指标", "参会代表人数", "≥150人",
    ]  # fmt: skip
    assert ws.cell(rows["召开会议总成本"], 4).value == "≤25万元"
    assert len(rows) == 8
    # weights block: 10/50/30/10, editable
    assert [ws.cell(9, c).value for c in range(2, 6)] == [
        "预算执行率",
        "产出指标",
        "效益指标",
        "满意度指标",
    ]
    assert [ws.cell(10, c).value for c in range(2, 6)] == [10, 50, 30, 10]
    # inputs blue and unlocked, labels locked, the sheet protected without a password
    assert ws.protection.sheet and not ws.protection.password
    for ref in ("C6", "D6", "B8", "B10", f"E{rows['参会代表人数']}", f"G{rows['参会代表人数']}"):
        assert ws[ref].fill.fgColor.rgb.endswith("DDEBF7"), ref
        assert ws[ref].protection.locked is False, ref
    for ref in ("A3", "B3", f"C{rows['参会代表人数']}", f"D{rows['参会代表人数']}"):
        assert ws[ref].protection.locked is True, ref
    # validation: a number for quantitative, the grade list for qualitative 完成值
    by_cell: dict[str, tuple[str, str | None]] = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            for row in ws[rng.coord] if ":" in rng.coord else [[ws[rng.coord]]]:
                for cell in row:
                    by_cell[cell.coordinate] = (dv.type, dv.formula1)
    assert by_cell[f"E{rows['参会代表人数']}"][0] == "decimal"
    assert by_cell[f"E{rows['召开会议时间']}"] == ("list", '"达成,部分达成,未达成"')
    assert by_cell[f"E{rows['对县域发展形成持续性影响']}"][0] == "list"
    assert by_cell["C6"][0] == by_cell["B10"][0] == "decimal"
    # print setup: fit to width, indicator header repeated
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$11:$11"


def test_template_from_a_pdf_prefills_the_forms_budget_in_wan(tmp_path: Path) -> None:
    """万里街道 2023's forms print 项目资金 in 元: 4,563,800.00 元 → 年初预算数 456.38 万元."""
    out = tmp_path / "wanli.xlsx"
    r = run_yusuan("template", "--performance", str(WANLI), "-o", str(out))
    assert r.returncode == 0, r.stderr
    book = openpyxl.load_workbook(out)
    ws = sheet_of(book, "社区环境整治和建设经费")
    assert D(str(ws["B6"].value)) == D("456.38")
    assert ws["F4"].value == "上海市普陀区人民政府万里街道办事处"
    assert len(book.worksheets) == 6


def test_template_of_a_package_without_targets_is_one_line(tmp_path: Path) -> None:
    text = tmp_path / "no-targets.txt"
    text.write_text(
        "\n".join(
            line
            for line in REFERENCE.read_text(encoding="utf-8").splitlines()
            if "绩效" not in line
        ),
        encoding="utf-8",
    )
    out = tmp_path / "x.xlsx"
    r = run_yusuan("template", "--performance", str(text), "-o", str(out))
    if r.returncode == 0:  # the reader still found a 绩效目标表: not the case under test
        pytest.fail("targets read from a file with no 绩效 line")
    assert r.returncode == 2
    assert len(r.stderr.strip().splitlines()) == 1 and "未读到项目绩效目标表" in r.stderr
    assert not out.exists()


@pytest.fixture(scope="module")
def evaluated(template: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("eval")
    filled = folder / "filled.xlsx"
    fill(template, filled)
    r = run_yusuan("evaluate", str(filled), "-o", str(folder / "out"))
    assert r.returncode == 0, r.stderr
    return folder / "out", r.stderr


# The hand computation (财预〔2020〕10号; each kind's weight shared equally unless set):
#
# 人代会 (weights 10/50/30/10): as tests/rules/test_scoring.py — 9.6 + 45 + 23 + 10 = 87.60 良.
#
# 智慧人大 (the sheet sets 20/40/30/10; 成本控制 carries 16 of the 产出's 40, the other three
#   share 24 → 8 each):
#   预算执行率 20 × 27/30                         = 18
#   智慧人大板块数量 ≥5个, 4       → 8 × 4/5       = 6.4
#   信息系统故障发生率 ≤5%, 2       → 8
#   完成及时率 ≥90%, 95            → 8
#   成本控制 ≤27万元, 30 (over)    → 16 × 27/30    = 14.4
#   效益 30 over 4 → 7.5 each: 达成 7.5, 部分达成 3.75, 未达成 0, 软件正常运行年限 ≥6年 6 → 7.5
#   使用人员满意度 ≥90%, 88% typed → 10 × 88/90   = 9.7777…
#   总分 = 18 + 36.8 + 18.75 + 9.7777… = 83.3277… → 83.33 良
#
# 活动经费: every target met, 42 executed of 40 → rate capped at 100%: 100.00 优 (an info).
# 综合业务: every target met, 18 of 20 → 10 × 0.9 = 9 → 99.00 优.
#
# 部门: 4 projects, 全年预算数 25 + 30 + 40 + 20 = 115, 执行 24 + 27 + 42 + 18 = 111;
#   平均得分 (87.60 + 83.33 + 100.00 + 99.00) / 4 = 92.4825 → 92.48; 优 2, 良 2.
# Findings: 参会代表人数 and 履职质量和水平 missed without 偏差原因 (warnings); 活动经费
#   executed over its budget (info).
TOTALS = {MEETING: D("87.60"), SMART: D("83.33"), ACTIVITY: D("100.00"), AFFAIRS: D("99.00")}
LEVELS = {MEETING: "良", SMART: "良", ACTIVITY: "优", AFFAIRS: "优"}


def test_findings_name_the_cell_of_each_missed_indicator_without_a_reason(
    evaluated: tuple[Path, str],
) -> None:
    _, stderr = evaluated
    warnings = [line for line in stderr.splitlines() if line.startswith("警告")]
    assert len(warnings) == 2  # in the workbook's order: 智慧人大 comes first
    assert "履职质量和水平" in warnings[0] and "!E18" in warnings[0] and "0.00/7.50" in warnings[0]
    assert "参会代表人数" in warnings[1] and "!E12" in warnings[1] and "10.00/12.50" in warnings[1]
    infos = [line for line in stderr.splitlines() if line.startswith("提示")]
    assert len(infos) == 1 and ACTIVITY in infos[0] and "42" in infos[0]
    assert "平均得分 92.48（优2 良2 中0 差0）" in stderr


def _num(value: object) -> Decimal:
    return D(str(value)).quantize(D("0.01"))


def test_xlsx_scores_equal_the_hand_computation(evaluated: tuple[Path, str]) -> None:
    book = openpyxl.load_workbook(evaluated[0] / "绩效自评结果.xlsx")
    summary = book["部门汇总"]
    got = {}
    for r in range(1, summary.max_row + 1):
        name = summary.cell(r, 2).value
        if name in TOTALS:
            got[name] = (_num(summary.cell(r, 6).value), summary.cell(r, 7).value)
        if str(summary.cell(r, 1).value).startswith("合计"):
            total_row = r
    assert got == {k: (v, LEVELS[k]) for k, v in TOTALS.items()}
    assert _num(summary.cell(total_row, 3).value) == D(115)
    assert _num(summary.cell(total_row, 4).value) == D(111)
    assert _num(summary.cell(total_row, 6).value) == D("92.48")
    assert summary.cell(total_row, 7).value == "优2 良2 中0 差0"
    smart = next(ws for ws in book.worksheets if ws["B3"].value == SMART)
    cells = {
        str(smart.cell(r, 3).value): (_num(smart.cell(r, 6).value), _num(smart.cell(r, 7).value))
        for r in range(1, smart.max_row + 1)
        if smart.cell(r, 1).value in ("产出指标", "效益指标", "满意度指标")
    }
    assert cells["智慧人大板块数量"] == (D(8), D("6.40"))
    assert cells["成本控制"] == (D(16), D("14.40"))
    assert cells["服务效率"] == (D("7.50"), D("3.75"))
    assert cells["履职质量和水平"] == (D("7.50"), D(0))
    assert cells["使用人员满意度"] == (D(10), D("9.78"))
    money = next(r for r in range(1, smart.max_row + 1) if smart.cell(r, 1).value == "年度资金总额")
    assert [smart.cell(money, c).value for c in (6, 7)] == ["90.00%", D(18)]
    last = max(r for r in range(1, smart.max_row + 1) if smart.cell(r, 1).value == "总分")
    assert _num(smart.cell(last, 7).value) == D("83.33") and smart.cell(last, 8).value == "等级：良"


def test_docx_prints_the_same_scores(evaluated: tuple[Path, str]) -> None:
    document = docx.Document(str(evaluated[0] / "绩效自评结果.docx"))
    summary = document.tables[0]
    rows = {r.cells[1].text: (r.cells[5].text, r.cells[6].text) for r in summary.rows}
    for project, total in TOTALS.items():
        assert rows[project] == (f"{total:.2f}", LEVELS[project])
    assert len(document.tables) == 5
    meeting = next(t for t in document.tables[1:] if t.cell(0, 1).text == MEETING)
    last = meeting.rows[-1].cells
    assert (last[0].text, last[6].text, last[7].text) == ("总分", "87.60", "等级：良")
    cost = next(r.cells for r in meeting.rows if r.cells[2].text == "召开会议总成本")
    assert [c.text for c in cost[3:]] == [
        "≤25万元",
        "31.25万元",
        "12.50",
        "10.00",
        "会期延长一天；压缩会期",
    ]
    text = "\n".join(p.text for p in document.paragraphs)
    kinds = sentence_statements(next(p for p in text.splitlines() if p.startswith("绩效自评的")))
    assert [(k, m.group("projects"), m.group("amount"), m.group("score")) for k, m, _ in kinds] == [
        ("self_evaluation", "4", "115.00", "92.48")
    ]


def test_pdf_text_carries_the_scores(evaluated: tuple[Path, str]) -> None:
    with pdfplumber.open(evaluated[0] / "绩效自评结果.pdf") as pdf:
        pages = [p.extract_text() or "" for p in pdf.pages]
    assert "项目支出绩效自评汇总表" in pages[0]
    for project, total in TOTALS.items():
        assert f"{total:.2f} {LEVELS[project]}" in pages[0], project
    assert "115.00 111.00" in pages[0] and "92.48" in pages[0]
    smart = next(p for p in pages[1:] if "板块数量" in p)
    assert "83.33 等级：良" in smart
    assert "≤27万元 30万元 16.00 14.40" in smart


BAD = [
    ("C6", None, "全年预算数未填写"),
    ("D6", "二十", "全年执行数应为数字"),
    ("B10", 20, "评分权重合计为 110，应为 100"),
    ("E12", "很多", "实际完成值应为数字"),
    ("E14", "基本达成", "应为 达成/部分达成/未达成"),
    ("E13", None, "未填写实际完成值"),
]


@pytest.mark.parametrize(("ref", "value", "message"), BAD)
def test_a_bad_workbook_is_one_line_and_nothing_written(
    evaluated: tuple[Path, str], ref: str, value: object, message: str, tmp_path: Path
) -> None:
    filled = evaluated[0].parent / "filled.xlsx"
    book = openpyxl.load_workbook(filled)
    ws = sheet_of(book, MEETING)
    ws[ref] = value
    bad = tmp_path / "bad.xlsx"
    book.save(bad)
    r = run_yusuan("evaluate", str(bad), "-o", str(tmp_path / "out"))
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and f"!{ref}" in lines[0], lines
    assert " / " in lines[0] and "Traceback" not in r.stderr
    assert not (tmp_path / "out").exists()


def test_not_a_self_evaluation_workbook(tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    text = tmp_path / "note.xlsx"
    text.write_text("not a workbook", encoding="utf-8")
    for path, message in ((other, "不是绩效自评工作簿"), (text, "不是 xlsx 工作簿")):
        r = run_yusuan("evaluate", str(path), "-o", str(tmp_path / "out"))
        assert r.returncode == 2 and message in r.stderr
        assert len(r.stderr.strip().splitlines()) == 1
