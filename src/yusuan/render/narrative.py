"""The 情况说明 composed from the numbers, in the register of the official texts.

:func:`narrative_blocks` writes the sections a 部门预算 package explains (部门职责及
机构设置, 收入说明, 支出说明, 比上年增减, 机关运行经费, “三公”经费 with its change and
reason, 预算绩效信息, 政府采购, 国有资产, 其他需要说明的事项).  Every amount is read
from the package's own tables, so text and tables cannot disagree; last year's
figures and the reasons come from :class:`~yusuan.render.inputs.Inputs`.  A value
the text needs and the input lacks raises
:class:`~yusuan.render.inputs.MissingInput`, which names the cell to fill.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import regex
from yusuan.amounts import Unit, convert, plain
from yusuan.model import Column, Disclosure, PerformanceTarget, Row, Section, Table, TableId
from yusuan.regex import lazy
from yusuan.render.blocks import Block, Heading, Package, Para, TableBlock, grid_of
from yusuan.render.inputs import Inputs
from yusuan.render.standard import cn_numeral

ZERO = Decimal(0)
GLOSSARY = (
    "1、一般公共预算拨款收入：指财政部门当年拨付的一般公共预算资金。",
    "2、政府性基金预算拨款收入：指财政部门当年拨付的政府性基金预算资金。",
    "3、事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。",
    "4、其他收入：指除上述收入以外的各项收入，主要是按规定动用的存款利息收入等。",
    "5、上年结转：指以前年度尚未完成、结转到本年仍按原规定用途继续使用的资金。",
    "6、基本支出：指为保障机构正常运转、完成日常工作任务而发生的人员支出和公用支出。",
    "7、项目支出：指在基本支出之外为完成特定行政任务和事业发展目标所发生的支出。",
    "8、“三公”经费：指用财政拨款安排的因公出国（境）费、公务用车购置及运行维护费和公务接待费。",
    "9、机关运行经费：指为保障行政单位（含参照公务员法管理的事业单位）运行用于购买货物和服务的各项资金。",
)
RUNNING_USE = "办公费、印刷费、邮电费、差旅费、会议费、福利费、日常维修费、水电费、物业管理费等保障机关正常运转的支出"


_TOTAL_ROW = lazy(r"合计|总计|小计")


class Figures:
    """Amounts read from the package's tables, converted exactly to the narrative's unit."""

    def __init__(self, tables: list[Table], unit: Unit) -> None:
        self.tables = {t.id: t for t in reversed(tables)}
        self.unit = unit

    def text(self, value: Decimal) -> str:
        return f"{plain(value)}{self.unit.value}"

    def value(self, table: Table, row: Row | None, col: Column | None) -> Decimal:
        v = self.maybe(table, row, col)
        return ZERO if v is None else v

    def maybe(self, table: Table, row: Row | None, col: Column | None) -> Decimal | None:
        """The amount, or None when the cell is blank."""
        v = None if row is None or col is None else row.value(col.index)
        return None if v is None else convert(v, table.unit or Unit.WAN, self.unit)

    def find(
        self, tid: TableId, item: str, key: str | None, section: str | None = None
    ) -> Decimal | None:
        """The amount of the first row whose item matches ``item``, in column ``key``
        (None: the first amount column of the row's side); None when blank."""
        t = self.tables.get(tid)
        if t is None:
            return None
        rx = regex.compile(item)
        row = next(
            (r for r in t.rows if (section is None or r.section == section) and rx.search(r.item)),
            None,
        )
        cols = [c for c in t.amount_columns() if section is None or c.section == section]
        col = next((c for c in cols if key is None or c.key == key), None)
        return self.maybe(t, row, col)

    def cell(self, tid: TableId, item: str, key: str | None, section: str | None = None) -> Decimal:
        """:meth:`find`, blank read as 0."""
        v = self.find(tid, item, key, section)
        return ZERO if v is None else v

    def has(self, tid: TableId) -> bool:
        return tid in self.tables

    def label(self, tid: TableId, item: str, default: str) -> str:
        t = self.tables.get(tid)
        rx = regex.compile(item)
        row = next((r for r in t.rows if rx.search(r.item)), None) if t else None
        return row.item if row is not None else default

    def column_sum(self, tid: TableId, key: str) -> Decimal:
        t = self.tables.get(tid)
        col = t.column(key) if t is not None else None
        if t is None or col is None:
            return ZERO
        rows = [r for r in t.rows if not _TOTAL_ROW.search(r.item)]
        return sum((self.value(t, r, col) for r in rows), ZERO)


def _change(inputs: Inputs, current: Decimal, prior_key: str, change_key: str) -> Decimal:
    """This year minus last year: from last year's figure, else the stated change."""
    if prior_key in inputs.amounts:
        return current - inputs.amounts[prior_key]
    if change_key in inputs.amounts:
        return inputs.amounts[change_key]
    inputs.require(prior_key)  # raises, naming the cell
    return ZERO  # pragma: no cover


def _versus(f: Figures, delta: Decimal, base: str) -> str:
    if delta == 0:
        return f"与{base}持平" if base else "持平"
    return f"{base}{'增加' if delta > 0 else '减少'}{f.text(abs(delta))}"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith(("。", "！", "？", "；")) else text + "。"


_NUMBERED = lazy(r"^\s*(?:[（(][一二三四五六七八九十0-9]+[)）]|[0-9一二三四五六七八九十]+[、.．])")


def _duties(inputs: Inputs, level: str = "部门") -> list[Block]:
    duties = [d for d in inputs.duties if d.strip()]
    if not duties:
        from yusuan.errors import InputError

        raise InputError(
            "情况说明需要“部门职责”，输入中没有：请在填报工作簿“部门职责”工作表 B3 起逐条填写",
            "the narrative needs the department's duties: fill sheet 部门职责 from cell B3 down",
        )
    out: list[Block] = [Para(f"{level}职责：")]
    for i, duty in enumerate(duties, 1):
        marked = _NUMBERED.match(duty)
        out.append(Para(_sentence(duty if marked else f"（{cn_numeral(i)}）{duty}")))
    return out


def _organization(pkg: Package, d: Disclosure, inputs: Inputs) -> list[Block]:
    org = next((t for t in d.tables if t.id is TableId.ORG and t.rows), None)
    if org is not None:
        return [Para("机构设置："), TableBlock(org, grid_of(pkg, org))]
    if inputs.org_text:
        return [Para(_sentence(inputs.org_text))]
    from yusuan.errors import InputError

    raise InputError(
        "情况说明需要“机构设置”，输入中没有：请在填报工作簿“部门机构设置情况”工作表填写所属单位",
        "the narrative needs the organization: fill sheet 部门机构设置情况 in the input workbook",
    )


def _revenue(f: Figures, year: str) -> str:
    s = TableId.SUMMARY
    total = f.cell(s, r"^收入总计$", None, "收入")
    parts = [
        ("一般公共预算收入", f.cell(s, r"一般公共预算", None, "收入")),
        ("政府性基金预算收入", f.cell(s, r"政府性基金", None, "收入")),
        ("国有资本经营预算收入", f.cell(s, r"国有资本经营", None, "收入")),
        ("财政专户管理资金收入", f.cell(s, r"财政专户", None, "收入")),
    ]
    other = sum(
        (
            f.cell(s, rx, None, "收入")
            for rx in (r"^事业收入$", r"经营收入", r"上级补助", r"附属单位", r"^其他收入$")
        ),
        ZERO,
    )
    parts += [
        ("其他来源收入", other),
        ("上年结转", f.cell(s, r"上年结转|年初.*结转", None, "收入")),
    ]
    listed = "，".join(f"{name}{f.text(v)}" for name, v in parts)
    return f"{year}预算收入{f.text(total)}，其中：{listed}。"


def _expenditure(f: Figures, year: str, inputs: Inputs, pkg: Package, d: Disclosure) -> str:
    e = TableId.EXPENDITURE
    total, basic, project = (f.cell(e, r"^合计$", k) for k in ("合计", "基本支出", "项目支出"))
    personnel = f.cell(TableId.GPB_BASIC, r"^合计$", "人员经费")
    public = f.cell(TableId.GPB_BASIC, r"^合计$", "公用经费")
    text = (
        f"{year}{pkg.level}支出预算为{f.text(total)}，其中基本支出{f.text(basic)}，"
        f"包括人员经费{f.text(personnel)}和日常公用经费{f.text(public)}；项目支出{f.text(project)}"
    )
    if project != 0:
        content = inputs.texts.get("project_content") or "、".join(p.project for p in d.performance)
        if not content:
            inputs.require("project_content")
        text += f"，主要为{content.rstrip('。')}"
    return text + "。"


def _changes(f: Figures, year: int | None, inputs: Inputs, pkg: Package) -> str:
    e = TableId.EXPENDITURE
    total = f.cell(TableId.SUMMARY, r"^收入总计$", None, "收入") or f.cell(e, r"^合计$", "合计")
    basic, project = (f.cell(e, r"^合计$", k) for k in ("基本支出", "项目支出"))
    base = f"较{year - 1}年预算" if year else "较上年预算"
    delta = _change(inputs, total, "prior_total", "total_change")
    text = (
        f"{year or ''}年{pkg.level}预算收支安排{f.text(total)}，{_versus(f, delta, base)}".lstrip(
            "年"
        )
    )
    if "prior_basic" in inputs.amounts or "basic_change" in inputs.amounts:
        d_basic = _change(inputs, basic, "prior_basic", "basic_change")
        d_project = _change(inputs, project, "prior_project", "project_change")
        text += f"，其中：基本支出{_versus(f, d_basic, '')}，项目支出{_versus(f, d_project, '')}"
    if delta != 0:
        text += f"，主要原因是{str(inputs.require('change_reason')).rstrip('。')}"
    return text + "。"


def _running(f: Figures, year: str, inputs: Inputs, who: str) -> str:
    public = f.cell(TableId.GPB_BASIC, r"^合计$", "公用经费")
    use = inputs.texts.get("running_use") or RUNNING_USE
    return f"{year}，{who}机关运行经费共计安排{f.text(public)}，主要用于{use.rstrip('。')}。"


def _three_public(f: Figures, year: str, inputs: Inputs, who: str) -> str:
    t = TableId.THREE_PUBLIC
    total = f.cell(t, r"^合计$|三公.*(?:小计|合计)", None)
    abroad = f.cell(t, r"^因公出国", None)
    buy = f.cell(t, r"^公务用车购置费$|^购置费$", None)
    run = f.cell(t, r"^公务用车运行(?:维护)?费$|^公务用车运维费$|^运行维护费$", None)
    car = f.find(t, r"^公务用车购置及", None)
    car = buy + run if car is None else car  # a blank parent row: the sum of its two lines
    host = f.cell(t, r"公务接待", None)
    car_name = f.label(t, r"^公务用车购置及", "公务用车购置及运行维护费")
    run_name = f.label(t, r"^公务用车运行维护费$|^公务用车运维费$", "公务用车运行维护费")
    text = (
        f"{year}，{who}财政拨款“三公”经费预算安排{f.text(total)}，其中：因公出国（境）费{f.text(abroad)}；"
        f"{car_name}{f.text(car)}（其中：公务用车购置费{f.text(buy)}，{run_name}{f.text(run)}）；"
        f"公务接待费{f.text(host)}。"
    )
    delta = _change(inputs, total, "prior_three", "three_change")
    text += f"“三公”经费{_versus(f, delta, '比上年预算')}"
    if delta != 0:
        text += f"，主要原因是{str(inputs.require('three_reason')).rstrip('。')}"
    return text + "。"


def _marker(level: int, n: int) -> str:
    """The numbering of the n-th heading at ``level`` under 第X部分 (2 一、 · 3 （一） · 4 1、
    · 5 （1））: a re-printed section is numbered where it now stands, so a source's own
    “第二部分” never prints a second 第二部分 inside 第一部分."""
    if level <= 2:
        return f"{cn_numeral(n)}、"
    if level == 3:
        return f"（{cn_numeral(n)}）"
    return f"{n}、" if level == 4 else f"（{n}）"


def _section_blocks(section: Section, level: int, n: int = 1) -> list[Block]:
    """A published section re-printed (its headings numbered where they now stand)."""
    out: list[Block] = [Heading(_marker(level, n) + section.title, min(level, 4))]
    out += [Para(p.text) for p in section.paragraphs]
    for i, child in enumerate(section.children, 1):
        out += _section_blocks(child, level + 1, i)
    return out


def _performance(pkg: Package, d: Disclosure, inputs: Inputs, year: str, who: str) -> list[Block]:
    targets = {p.table: p for p in d.performance}
    tables = [t for t in d.tables if t.id is TableId.PERFORMANCE and t.rows]
    numbered: list[tuple[Table, PerformanceTarget | None]] = []
    for i, t in enumerate(d.tables):
        if t in tables:
            numbered.append((t, targets.get(i)))
    out: list[Block]
    if inputs.performance:
        out = _section_blocks(inputs.performance[0], 2)[1:]
    else:
        out = []
        if goal := inputs.texts.get("performance_goal"):
            out += [Para(_sentence(p)) for p in goal.split("\n") if p.strip()]
        if numbered:
            names = "、".join(f"“{p.project}”" if p else t.title for t, p in numbered)
            out.append(
                Para(
                    f"{year}，{who}共有{len(numbered)}个项目编制了绩效目标：{names}，绩效目标表如下。"
                )
            )
        elif not out:
            out.append(Para(f"{year}，{who}没有编制项目绩效目标的项目。"))
    for t, p in numbered:
        out.append(TableBlock(t, grid_of(pkg, t, goals=p.goals if p else "")))
    return out


def _procurement(f: Figures, year: str, pkg: Package) -> str:
    total = f.column_sum(TableId.PROCUREMENT, "合计")
    text = f"{year}，{pkg.department}安排政府采购预算{f.text(total)}"
    title = _title(f, TableId.PROCUREMENT, f"{pkg.level}政府采购预算表")
    return text + (f"，具体内容见《{title}》。" if total else "。")


def _title(f: Figures, tid: TableId, default: str) -> str:
    """The title the package prints the table under (a 单位 package's own wording otherwise)."""
    t = f.tables.get(tid)
    return t.title if t is not None and t.title else default


_ASSETS_TOTAL = lazy(r"资产总(?:额|计|值)|合计")


def _assets(f: Figures, year: int | None, inputs: Inputs, pkg: Package) -> str:
    t = f.tables.get(TableId.ASSETS)
    col = next((c for c in t.amount_columns()), None) if t is not None else None
    row = next((r for r in t.rows if _ASSETS_TOTAL.search(r.item)), None) if t else None
    total = f.value(t, row, col) if t is not None else ZERO
    when = f"截至{year - 1}年12月31日" if year else "截至上年末"
    text = (
        f"{when}，{pkg.department}共有固定资产{f.text(total)}"
        f"（详见《{_title(f, TableId.ASSETS, f'{pkg.level}固定资产占用情况表')}》）。"
    )
    if (buy := inputs.amounts.get("assets_purchase")) is not None:
        text += f"本年度拟购置固定资产总额为{f.text(buy)}。"
    return text


def narrative_blocks(
    pkg: Package, d: Disclosure, tables: list[Table], inputs: Inputs
) -> list[Block]:
    """The 情况说明 of the package (without its 第一部分 title)."""
    f = Figures(tables, d.unit or Unit.WAN)
    year = f"{pkg.year}年" if pkg.year else "本年"
    who = "我单位" if pkg.level == "单位" else "我部门"
    title = f"{pkg.department}{year}{pkg.level}{pkg.kind}"
    out: list[Block] = [
        Para(
            f"按照《中华人民共和国预算法》《地方预决算公开操作规程》等规定，现将{title}公开如下："
        ),
        Heading(f"一、{pkg.level}职责及机构设置情况", 2),
        *_duties(inputs, pkg.level),
        *_organization(pkg, d, inputs),
        Heading(f"二、{pkg.level}预算安排的总体情况", 2),
        Para(
            f"按照预算管理有关规定，{pkg.level}预算实行综合预算管理，全部收入和支出都反映在预算中。"
        ),
        Heading("（一）收入说明", 3),
        Para(_revenue(f, year)),
        Heading("（二）支出说明", 3),
        Para(_expenditure(f, year, inputs, pkg, d)),
        Heading("（三）比上年增减情况", 3),
        Para(_changes(f, pkg.year, inputs, pkg)),
        Heading("三、机关运行经费安排情况", 2),
        Para(_running(f, year, inputs, who)),
        Heading("四、财政拨款“三公”经费预算情况及增减变化原因", 2),
        Para(_three_public(f, year, inputs, who)),
        Heading("五、预算绩效信息", 2),
        *_performance(pkg, d, inputs, year, who),
        Heading("六、政府采购预算情况", 2),
        Para(_procurement(f, year, pkg)),
        Heading("七、国有资产信息", 2),
        Para(_assets(f, pkg.year, inputs, pkg)),
        Heading("八、其他需要说明的事项", 2),
    ]
    other = inputs.texts.get("other", "").strip()
    lines = [p for p in other.split("\n") if p.strip()] or [f"{who}无其他需要说明的事项。"]
    out += [Para(_sentence(p)) for p in lines]
    return out


def glossary_blocks(inputs: Inputs) -> list[Block]:
    return [Para(p) for p in (inputs.glossary or GLOSSARY)]
