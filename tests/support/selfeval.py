"""A filled 绩效自评 workbook for the tests: the reference's four projects with a year's
results (the hand computation is written out in tests/render/test_performance_selfeval.py)."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from yusuan.recognize.indicator_value import parse_indicator_value

MEETING = "平乡县第十七届人民代表大会第三次会议经费"
SMART = "“智慧人大”建设项目（平乡县人大网上代表之家建设）"
ACTIVITY = "专门委员会、委员及人大代表活动经费"
AFFAIRS = "综合业务和事务管理经费"


def sheet_of(book: openpyxl.Workbook, project: str) -> Worksheet:
    return next(ws for ws in book.worksheets if ws["B3"].value == project)


def indicator_rows(ws: Worksheet) -> dict[str, int]:
    return {str(ws.cell(r, 3).value): r for r in range(12, ws.max_row + 1) if ws.cell(r, 3).value}


def fill(path: Path, out: Path, year: int | None = None) -> None:
    """The year's results, as a department would enter them (hand computation in the test);
    ``year`` replaces the 预算年度 of the 填报说明 sheet."""
    book = openpyxl.load_workbook(path)
    if year is not None:
        book["填报说明"]["B4"] = year
    entries: dict[str, tuple[tuple[object, object], dict[str, tuple[object, ...]]]] = {
        MEETING: (
            (25, 24),
            {
                "参会代表人数": (120,),  # missed, no 偏差原因
                "会议议程完成率": (100,),
                "召开会议时间": ("达成",),
                "召开会议总成本": (31.25, None, "会期延长一天", "压缩会期"),  # cost over budget
                "代表满意率": (95,),
                "对县域发展形成持续性影响": ("部分达成", None, "部分议案尚在办理"),
                "意见建议采纳率": (72, None, "部分建议需跨年度办理"),
                "参会人员满意度": (93,),
            },
        ),
        SMART: (
            (30, 27),
            {
                "智慧人大板块数量": (4, None, "一个板块延期上线"),
                "信息系统故障发生率": (2,),
                "完成及时率": (95,),
                "成本控制": (30, 16, "硬件涨价"),
                "提供优质服务": ("达成",),
                "服务效率": ("部分达成", None, "系统上线晚"),
                "履职质量和水平": ("未达成",),  # missed, no 偏差原因
                "软件正常运行年限": (6,),
                "使用人员满意度": ("pct88", None, "培训不足"),
            },
        ),
        ACTIVITY: ((40, 42), {}),  # every target met; executed over the year's budget
        AFFAIRS: ((20, 18), {}),
    }
    for project, ((budget, executed), results) in entries.items():
        ws = sheet_of(book, project)
        ws["C6"], ws["D6"] = budget, executed
        if project == SMART:
            for c, w in zip("BCDE", (20, 40, 30, 10), strict=True):
                ws[f"{c}10"] = w
        rows = indicator_rows(ws)
        for name, r in rows.items():
            value = parse_indicator_value(str(ws.cell(r, 4).value))[1]
            default: tuple[object, ...] = ("达成",) if value is None else (int(value),)
            values = results.get(name, default)
            for col, value in zip((5, 6, 7, 8), values, strict=False):
                if value == "pct88":
                    ws.cell(r, col).value = 0.88  # typed as 88% in a percent cell
                    ws.cell(r, col).number_format = "0%"
                elif value is not None:
                    ws.cell(r, col).value = value
    book.save(out)
