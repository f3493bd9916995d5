"""The standard 部门预算 forms: titles, headers, fixed rows and empty-table notes.

Held as data (compact header specs, row labels) so that the input template
(:mod:`yusuan.render.template`) and the renderer's empty tables
(:func:`empty_table`) print the same official form.  The set and the layout are
those of the 部门预算 package the reference document (平乡县人大常委会 2023) was
published in; the 支出功能分类 类 list is the 2023 catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from yusuan import regex
from yusuan.amounts import Unit

__all__ = ["FORMS", "ORDER", "Form", "Unit", "empty_table", "form"]
from yusuan.model import Column, ColumnRole, HeaderNode, Row, Table, TableId
from yusuan.recognize.labels import strip_numbering

# A header spec: a label, or (label, [children]).
Spec = str | tuple[str, list[Any]]

FUNCTION: Spec = ("功能分类科目", ["科目编码", "科目名称"])
ECONOMIC: Spec = ("支出部门经济分类科目", ["科目编码", "科目名称"])

REVENUE_ITEMS = (
    "一般公共预算拨款收入", "政府性基金预算拨款收入", "国有资本经营预算拨款收入",
    "财政专户管理资金收入", "事业收入", "事业单位经营收入", "上级补助收入",
    "附属单位上缴收入", "其他收入",
)  # fmt: skip
FUNCTION_CLASSES = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出",
    "文化旅游体育与传媒支出", "社会保障和就业支出", "社会保险基金支出", "卫生健康支出",
    "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出", "资源勘探工业信息等支出",
    "商业服务业等支出", "金融支出", "援助其他地区支出", "自然资源海洋气象等支出", "住房保障支出",
    "粮油物资储备支出", "国有资本经营预算支出", "灾害防治及应急管理支出", "预备费", "其他支出",
    "转移性支出", "债务还本支出", "债务付息支出", "债务发行费用支出", "抗疫特别国债安排的支出",
    "人行科目",
)  # fmt: skip
CN_NUMBERS = "一二三四五六七八九"


def cn_numeral(n: int) -> str:
    """1 → 一, 12 → 十二, 31 → 三十一 (1..99)."""
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else CN_NUMBERS[tens - 1] + "十")
    return head + (CN_NUMBERS[ones - 1] if ones else "")


def numbered(items: tuple[str, ...]) -> list[str]:
    return [f"{cn_numeral(i)}、{item}" for i, item in enumerate(items, 1)]


@dataclass(frozen=True)
class Form:
    """One standard table: its printed title, header, fixed rows and empty note."""

    id: TableId
    title: str
    header: tuple[Spec, ...]
    # Fixed rows: (收入 label, 支出 label) on two-sided forms, (label, "") else.
    rows: tuple[tuple[str, str], ...] = ()
    empty_note: str = ""
    two_sided: bool = False
    coded: bool = False  # rows are 科目 with codes (blank rows are dropped when printing)
    note: str = ""  # the form's own 注 line (决算: “注：本表反映…”), printed under the table
    blocks: int = 1  # 2: one list printed in two column blocks side by side (left, right)


def _sided(left: list[str], right: list[str]) -> tuple[tuple[str, str], ...]:
    n = max(len(left), len(right))
    return tuple(
        (left[i] if i < len(left) else "", right[i] if i < len(right) else "") for i in range(n)
    )


_SUMMARY_ROWS = (
    *_sided(numbered(REVENUE_ITEMS), numbered(FUNCTION_CLASSES)),
    ("本年收入合计", "本年支出合计"),
    ("上年结转结余", "年终结转结余"),
    ("收入总计", "支出总计"),
)
_FISCAL_ROWS = (
    *_sided(
        ["一、一般公共预算拨款", "二、政府性基金预算拨款", "三、国有资本经营预算拨款"],
        numbered(FUNCTION_CLASSES),
    ),
    ("本年收入合计", "本年支出合计"),
    ("年初财政拨款结转和结余", "年末财政拨款结转和结余"),
    ("一、一般公共预算拨款", ""),
    ("二、政府性基金预算拨款", ""),
    ("三、国有资本经营预算拨款", ""),
    ("收入总计", "支出总计"),
)
_THREE_PUBLIC_ROWS = tuple(
    (label, "")
    for label in (
        "合计",
        "“三公”经费小计",
        "一、因公出国（境）费",
        "    其中：教学科研人员因公出国（境）费",
        "          其他因公出国（境）费",
        "二、公务用车购置及运维费",
        "    其中：公务用车购置费",
        "          公务用车运行维护费",
        "三、公务接待费",
    )
)
_ASSET_ROWS = tuple(
    (label, "")
    for label in (
        "资产总额",
        "1、房屋（平方米）",
        "　　其中：办公用房（平方米）",
        "2、车辆（台、辆）",
        "3、单价在20万元以上的设备",
        "4、其他固定资产",
    )
)
_FUNDS = ["合计", "一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款"]

FORMS: tuple[Form, ...] = (
    Form(
        TableId.SUMMARY,
        "部门预算收支总表",
        ("序号", ("收入", ["项目", "预算数"]), ("支出", ["项目", "预算数"])),
        _SUMMARY_ROWS,
        two_sided=True,
    ),
    Form(
        TableId.REVENUE,
        "部门预算收入总表",
        (
            "序号",
            FUNCTION,
            "合计",
            (
                "本年收入",
                [
                    "小计",
                    "财政拨款收入",
                    "财政专户收入",
                    "事业收入",
                    "经营收入",
                    "上级补助收入",
                    "附属单位上缴收入",
                    "其他收入",
                ],
            ),
            "上年结转",
        ),
        (("合计", ""),),
        coded=True,
    ),
    Form(
        TableId.EXPENDITURE,
        "部门预算支出总表",
        (
            "序号",
            FUNCTION,
            "合计",
            "基本支出",
            "项目支出",
            "经营支出",
            "上解上级支出",
            "对附属单位补助支出",
        ),
        (("合计", ""),),
        coded=True,
    ),
    Form(
        TableId.FISCAL_SUMMARY,
        "部门预算财政拨款收支总表",
        ("序号", ("收入", ["项目", "金额"]), ("支出", ["项目", *_FUNDS])),
        _FISCAL_ROWS,
        two_sided=True,
    ),
    Form(
        TableId.GPB_EXPENDITURE,
        "部门预算一般公共预算财政拨款支出表",
        ("序号", FUNCTION, "合计", "基本支出", "项目支出"),
        (("合计", ""),),
        coded=True,
    ),
    Form(
        TableId.GPB_BASIC,
        "部门预算一般公共预算财政拨款基本支出表",
        ("序号", ECONOMIC, ("一般公共预算基本支出", ["合计", "人员经费", "公用经费"])),
        (("合计", ""),),
        coded=True,
    ),
    Form(
        TableId.GOV_FUND,
        "部门预算政府性基金预算财政拨款支出表",
        ("序号", FUNCTION, "合计", "基本支出", "项目支出"),
        (("合计", ""),),
        "注：无政府性基金预算财政拨款预算，空表列示。",
        coded=True,
    ),
    Form(
        TableId.SOE_CAPITAL,
        "部门预算国有资本经营预算财政拨款支出表",
        ("序号", FUNCTION, "合计", "基本支出", "项目支出"),
        (("合计", ""),),
        "注：无国有资本经营预算财政拨款预算，空表列示。",
        coded=True,
    ),
    Form(
        TableId.THREE_PUBLIC,
        "部门预算财政拨款“三公”经费支出表",
        ("序号", "项目", ("资金性质", _FUNDS)),
        _THREE_PUBLIC_ROWS,
        "注：无财政拨款“三公”经费预算，空表列示。",
    ),
    Form(
        TableId.PROCUREMENT,
        "部门政府采购预算表",
        (
            ("政府采购项目来源", ["项目名称", "预算资金"]),
            "采购物品名称",
            "政府采购目录序号",
            "计量单位",
            "数量",
            "单价",
            (
                "政府采购金额（当年部门预算安排资金）",
                [
                    "合计",
                    "一般公共预算拨款",
                    "基金预算拨款",
                    "国有资本经营预算拨款",
                    "财政专户核拨",
                    "单位资金",
                    "财政拨款结转",
                    "非财政拨款结转结余",
                ],
            ),
            "预留中小微企业份额",
        ),
        empty_note="注：无政府采购预算，空表列示。",
    ),
    Form(
        TableId.ASSETS,
        "部门固定资产占用情况表",
        ("项目", "数量", "价值（金额单位：万元）"),
        _ASSET_ROWS,
        "注：无固定资产，空表列示。",
    ),
)
ORG_FORM = Form(
    TableId.ORG, "部门机构设置情况", ("单位名称", "单位性质", "单位规格", "经费保障形式")
)
PERFORMANCE_HEADER: tuple[Spec, ...] = (
    "一级指标", "二级指标", "三级指标", "绩效指标描述", "指标值", "指标值确定依据",
)  # fmt: skip
PERFORMANCE_ROWS = (
    ("产出指标", "数量指标"), ("", "质量指标"), ("", "时效指标"), ("", "成本指标"),
    ("效益指标", "经济效益指标"), ("", "社会效益指标"), ("", "生态效益指标"),
    ("", "可持续影响指标"), ("满意度指标", "服务对象满意度指标"),
)  # fmt: skip
ORDER: tuple[TableId, ...] = tuple(f.id for f in FORMS)


def form(table_id: TableId) -> Form | None:
    return next((f for f in (*FORMS, ORG_FORM) if f.id == table_id), None)


def header_nodes(specs: tuple[Spec, ...] | list[Spec], start: int = 0) -> tuple[HeaderNode, ...]:
    """The header tree of a spec: leaves numbered from ``start``."""
    out: list[HeaderNode] = []
    col = start
    for spec in specs:
        if isinstance(spec, str):
            out.append(HeaderNode(label=spec, first=col, last=col))
            col += 1
        else:
            label, children = spec
            kids = header_nodes(children, col)
            out.append(HeaderNode(label=label, first=col, last=kids[-1].last, children=kids))
            col = kids[-1].last + 1
    return tuple(out)


def _role(key: str) -> ColumnRole:
    if key == "序号":
        return "seq"
    if key.endswith("科目编码"):  # 科目编码, 功能分类科目编码, 经济分类科目编码
        return "code"
    if key in ("项目", "科目名称", "项目名称", "单位名称"):
        return "item"
    if key == "数量":
        return "count"
    if key in ("采购物品名称", "政府采购目录序号", "计量单位", "单位性质", "单位规格"):
        return "text"
    if key in ("经费保障形式", "备注", *(str(s) for s in PERFORMANCE_HEADER)):
        return "text"
    return "amount"


def columns_of(header: tuple[HeaderNode, ...], two_sided: bool) -> tuple[Column, ...]:
    """The leaf columns of a standard header (sections from the top cell when two-sided)."""
    out: list[Column] = []

    def visit(node: HeaderNode, path: tuple[str, ...]) -> None:
        here = (*path, node.label)
        if not node.children:
            key = "".join(node.label.split())
            section = _side(here[0]) if two_sided else None
            out.append(
                Column(index=node.first, key=key, path=here, role=_role(key), section=section)
            )
        for child in node.children:
            visit(child, here)

    for node in header:
        visit(node, ())
    return tuple(sorted(out, key=lambda c: c.index))


_CODED = regex.compile(r"^(\d{3,7}) (.+)$")  # a fixed 科目 row: “301 工资福利支出”


def _side(label: str) -> Literal["收入", "支出"] | None:
    """The section a two-sided table's top header cell names (收入 or 支出), else None."""
    return "收入" if label == "收入" else "支出" if label == "支出" else None


def _fixed_row(index: int, label: str, section: Literal["收入", "支出"] | None, seq: bool) -> Row:
    code, text = (m.group(1), m.group(2)) if (m := _CODED.match(label)) else (None, label)
    return Row(
        index=index,
        seq=str(index + 1) if seq else None,
        code=code,
        label=text,
        item=strip_numbering(text),
        depth=None if code is None else (0 if len(code) == 3 else 1),
        section=section,
    )


def empty_note(f: Form, name: str = "") -> str:
    """The form's 空表列示 note, the department ``name`` where it says {name}."""
    return f.empty_note.replace("{name}", name or "本部门")


def empty_table(f: Form, unit: Unit = Unit.WAN, name: str = "", blank: bool = False) -> Table:
    """The official empty form: header, fixed rows without amounts, its notes (the form's
    注 line, then the 空表列示 note — not on a ``blank`` form to fill)."""
    header = header_nodes(f.header)
    columns = columns_of(header, f.two_sided)
    if f.blocks > 1:  # one list in column blocks: the table has the first block's columns
        columns = columns[: len(columns) // f.blocks]
    rows: list[Row] = []
    seq = any(c.role == "seq" for c in columns)
    if f.two_sided:
        sides: list[tuple[Literal["收入", "支出"], int]] = [("收入", 0), ("支出", 1)]
        for index, pair in enumerate(f.rows):
            rows += [_fixed_row(index, pair[i], s, seq) for s, i in sides if pair[i]]
    else:  # block by block (a folded form lists its left block, then its right)
        for i in range(max(1, f.blocks)):
            rows += [
                _fixed_row(index, pair[i], None, seq)
                for index, pair in enumerate(f.rows)
                if pair[i]
            ]
    notes = tuple(n for n in (f.note, "" if blank else empty_note(f, name)) if n)
    return Table(
        id=f.id,
        title=f.title,
        unit=unit,
        header=header,
        columns=columns,
        rows=tuple(rows),
        notes=notes,
    )
