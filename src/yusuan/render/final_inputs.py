"""What the 决算 情况说明 needs beyond the tables: last year's changes, budgets, reasons, counts.

The tables of a 决算 give every 决算数 (and the 三公 预算数); the rest of the text is the
department's word: how each total changed on last year and why, the 年初预算 of each
一般公共预算 科目 and why the 决算 differs, what a 科目 was used for, the 三公 counts, the
政府采购 and 国有资产 figures, the 绩效 management text.  A published 决算 states them in
its own 情况说明; :func:`collect_final` reads them from there (the sentences of the
official template, e.g. ``与2023年度相比，收入支出总计增加307.82万元``).  What is not
stated stays absent and the composer prints a placeholder for the officer to fill.

Amounts are kept in 万元 (converted exactly from the unit printed beside them).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from yusuan import regex
from yusuan.amounts import Unit, to_wan
from yusuan.model import Disclosure, PerformanceStatement, Section
from yusuan.regex import lazy

_NUM = r"(\d[\d,]*(?:\.\d+)?)\s*(亿元|万元|千元|元)"
#: 与2023年度相比，收入支出总计增加307.82万元 · 比2023年度减少2.55万元 · 与2023年度持平
_VERSUS = regex.compile(
    rf"(?:与|比|较)\s*\d{{4}}\s*年度?(?:相比)?[，,]?[^。；]{{0,30}}?(增加|减少|持平)(?:{_NUM})?"
)
_REASON = regex.compile(r"主要原因(?:是|为|[:：])\s*(.+?)(?:。|$)")
_BUDGET = regex.compile(rf"(年初预算|全年预算)(?:数)?为\s*{_NUM}")
_RUNNING = lazy(rf"机关运行经费(?:支出)?(?:决算)?(?:为)?\s*{_NUM}")
_COMPARE_REASON = regex.compile(
    r"决算数?(?:大于|小于|高于|低于)[^。]{0,8}?预算数?的主要原因[:：是]\s*(.+?)(?:。|$)"
)
_ITEM = regex.compile(r"^\s*\d+\s*[、.．]\s*(.+?（项）)\s*[。.]?")
_START = regex.compile(r"^\d+[、．.](?!\d)")
_USE = regex.compile(r"主要用于[:：]?\s*(.+?)。")
_COUNT = {
    "groups": regex.compile(r"团组\s*(\d+)\s*个"),
    "abroad_people": regex.compile(r"团组\s*\d+\s*个[、，,]?\s*累计\s*(\d+)\s*人次"),
    "cars": regex.compile(r"保有量为\s*(\d+)\s*辆"),
    "batches": regex.compile(r"接待[^。；]{0,20}?(\d+)\s*批次"),
    "host_people": regex.compile(r"(\d+)\s*批次[、，,]?\s*(\d+)\s*人次"),
}
_PROCUREMENT = {
    "total": rf"政府采购金额(?:（[^）]*）)?为\s*{_NUM}",
    "goods": rf"货物采购金额\s*{_NUM}",
    "works": rf"工程采购金额\s*{_NUM}",
    "services": rf"服务采购金额\s*{_NUM}",
    "sme_reserved": rf"面向中小企业预留政府采购项目预算金额\s*{_NUM}",
    "micro_reserved": rf"面向小微企业预留政府采购项目预算金额\s*{_NUM}",
    "sme_awarded": rf"面向中小企业预留的政府采购项目中[^。；]*?采购金额\s*{_NUM}",
    "micro_awarded": rf"面向小微企业预留政府采购项目中[^。；]*?采购金额\s*{_NUM}",
    "other_sme_awarded": rf"其他政府采购项目中[^。；]*?采购金额\s*{_NUM}",
}
_SYSTEM = regex.compile(r"预算绩效管理制度[:：]\s*(.+?)[；;]\s*全过程")

#: section title → the key its change and reason are kept under
_SECTIONS = (
    ("fiscal", regex.compile(r"财政拨款收入支出决算总体")),
    ("total", regex.compile(r"收入支出决算总体")),
    ("gpb", regex.compile(r"一般公共预算财政拨款支出决算总体")),
    ("running", regex.compile(r"机关运行经费")),
    ("three", regex.compile(r"三公.*总体|三公")),
)


@dataclass
class ItemBudget:
    """A 科目's 预算数 and the words around it, as the 情况说明 states them."""

    budgets: dict[str, Decimal] = field(default_factory=dict)  # 年初预算 / 全年预算 → 万元
    use: str = ""
    reason: str = ""


@dataclass
class FinalInputs:
    """Everything the 决算 情况说明 needs besides the tables (amounts in 万元)."""

    changes: dict[str, Decimal] = field(default_factory=dict)  # total/fiscal/gpb/running/three
    reasons: dict[str, str] = field(
        default_factory=dict
    )  # the same keys, + gpb_budget, three_budget
    gpb_budgets: dict[str, Decimal] = field(default_factory=dict)  # 年初预算 / 全年预算
    items: dict[str, ItemBudget] = field(default_factory=dict)  # by 类（类）款（款）项（项） path
    counts: dict[str, int] = field(default_factory=dict)  # groups, abroad_people, cars, …
    procurement: dict[str, Decimal] = field(default_factory=dict)
    vehicles: dict[str, int] = field(default_factory=dict)  # 共有车辆 "", and by kind
    devices: int | None = None
    running: Decimal | None = None  # the 机关运行经费 the text states
    system: str = ""  # the 预算绩效管理制度 text
    # 全过程绩效管理 by kind (targets / tracking / self_evaluation): 项目数 and 金额 (万元);
    # the 绩效自评 平均得分 and the 项目数 of each 绩效评级
    perf_projects: dict[str, int] = field(default_factory=dict)
    perf_amounts: dict[str, Decimal] = field(default_factory=dict)
    perf_score: Decimal | None = None
    perf_grades: dict[str, int] = field(default_factory=dict)


_SPACE_OR_STOP = lazy(r"[\s。.]")


def path_key(text: str) -> str:
    """A 科目 path as a lookup key (no spaces, no trailing stop)."""
    return _SPACE_OR_STOP.sub("", text)


def _wan(number: str, unit: str) -> Decimal:
    return to_wan(Decimal(number.replace(",", "")), Unit(unit))


def _walk(section: Section) -> list[Section]:
    out = [section]
    for child in section.children:
        out += _walk(child)
    return out


_SPACES = lazy(r"\s+")


def _text(section: Section) -> str:
    return "".join(_SPACES.sub("", p.text) for p in section.paragraphs)


def _versus(key: str, text: str, into: FinalInputs) -> None:
    m = _VERSUS.search(text)
    if m is not None and key not in into.changes:
        if m.group(1) == "持平":
            into.changes[key] = Decimal(0)
        elif m.group(2) is not None:
            sign = Decimal(1) if m.group(1) == "增加" else Decimal(-1)
            into.changes[key] = sign * _wan(m.group(2), m.group(3))
        if (r := _REASON.search(text, m.end())) is not None:
            into.reasons.setdefault(key, r.group(1).strip())


def _logical(section: Section) -> list[str]:
    """The section's text as the overall sentence, then one string per numbered 科目 (1、…):
    a printed line that does not start an item continues what it follows, so a sentence
    broken over lines (or pages) is whole again."""
    out: list[str] = []
    for p in section.paragraphs:
        text = _SPACES.sub("", p.text)
        if out and not _START.match(text):
            out[-1] += text
        else:
            out.append(text)
    return out


def _items(section: Section, into: FinalInputs, overall: bool) -> None:
    """The 科目 lines of a section (budgets, use, reason by path); ``overall``: its first
    sentence is the 一般公共预算 total's (年初/全年预算 and the reason it differs)."""
    head = overall
    for text in _logical(section):
        m = _ITEM.match(text)
        if m is None:
            if head:  # the overall sentence before the 科目 list
                for b in _BUDGET.finditer(text):
                    into.gpb_budgets.setdefault(b.group(1), _wan(b.group(2), b.group(3)))
                if (r := _COMPARE_REASON.search(text)) is not None:
                    into.reasons.setdefault("gpb_budget", r.group(1).strip())
            continue
        head = False
        item = into.items.setdefault(path_key(m.group(1)), ItemBudget())
        for b in _BUDGET.finditer(text):
            item.budgets.setdefault(b.group(1), _wan(b.group(2), b.group(3)))
        if (u := _USE.search(text)) is not None:
            item.use = u.group(1).strip()
        if (r := _COMPARE_REASON.search(text)) is not None:
            item.reason = r.group(1).strip()


_OTHER_FUNDS = lazy(r"政府性基金|国有资本经营")
_VEHICLES_OF_KIND = lazy(r"[：:、]([^：:、，。；]{2,12}用车)\s*(\d+)\s*辆")
_VEHICLES = lazy(r"共有车辆\s*(\d+)\s*辆")
_EQUIPMENT = lazy(r"设备[^。]{0,10}?(\d+)\s*台")


def collect_final(d: Disclosure) -> FinalInputs:
    """The 决算 narrative inputs stated in ``d``'s own 情况说明."""
    into = FinalInputs()
    for section in (s for top in d.narrative.sections for s in _walk(top)):
        text = _text(section)
        title = section.title
        if "具体情况" in title and "一般公共预算" in title:
            _items(section, into, overall=True)
        elif _OTHER_FUNDS.search(title):
            _items(section, into, overall=False)
        for key, rx in _SECTIONS:
            if rx.search(title):
                _versus(key, text, into)
                if key == "three":
                    if (r := _COMPARE_REASON.search(text)) is not None:
                        into.reasons.setdefault("three_budget", r.group(1).strip())
                    for name, crx in _COUNT.items():
                        if (c := crx.search(text)) is not None:
                            into.counts.setdefault(name, int(c.group(c.lastindex or 1)))
                if key == "running":
                    m = _RUNNING.search(text)
                    if m is not None and into.running is None:
                        into.running = _wan(m.group(1), m.group(2))
                break
        if "政府采购" in title:
            for name, pattern in _PROCUREMENT.items():
                if (m := regex.compile(pattern).search(text)) is not None:
                    into.procurement.setdefault(name, _wan(m.group(1), m.group(2)))
        if "国有资产" in title:
            if (m := _VEHICLES.search(text)) is not None:
                into.vehicles[""] = int(m.group(1))
            for m in _VEHICLES_OF_KIND.finditer(text):
                into.vehicles.setdefault(m.group(1), int(m.group(2)))
            if (m := _EQUIPMENT.search(text)) is not None:
                into.devices = int(m.group(1))
        if "绩效" in title and (m := _SYSTEM.search(text)) is not None:
            into.system = m.group(1).strip()
    collect_perf(d.performance_statements, into)
    return into


def collect_perf(statements: Sequence[PerformanceStatement], into: FinalInputs) -> None:
    """The 全过程绩效管理 figures of the model's 绩效 statements (the first of each kind)."""
    first: dict[str, PerformanceStatement] = {}
    for st in statements:
        first.setdefault(st.kind, st)
    for kind, st in first.items():
        if st.projects is None or st.amount is None:
            continue
        into.perf_projects[kind] = st.projects
        into.perf_amounts[kind] = st.amount
        if kind == "self_evaluation":
            into.perf_score = st.average_score
            into.perf_grades = dict(st.grades)
