"""What the narrative needs beyond the tables: department facts, last year's figures, reasons.

Two sources, the first that has a value wins:

1. the filled input workbook (``yusuan template``): its sheets 部门基本信息, 部门职责 and
   情况说明填报 are read by ``yusuan parse`` as tables of their own and found here by
   their titles;
2. a published package's own 情况说明: its 部门职责 list, the changes it states
   (比上年增减, “三公”经费), the reasons after 主要原因是, what 项目支出 and 机关运行经费
   are for, the 拟购置固定资产, its 预算绩效信息 text, 名词解释 and 其他需要说明的事项.

:data:`FIELDS` lists the 情况说明填报 rows; a missing value that the text needs is
reported with its cell (:class:`MissingInput`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from yusuan import regex
from yusuan.amounts import parse_amount
from yusuan.errors import InputError
from yusuan.model import Disclosure, Section, Table, TableId
from yusuan.regex import lazy

INFO_TITLE = "部门基本信息"
DUTIES_TITLE = "部门职责"
REASONS_TITLE = "情况说明填报"
INPUT_TITLES = (INFO_TITLE, DUTIES_TITLE, REASONS_TITLE)
#: The 决算 workbook's sheet of the 决算 情况说明's inputs (``render/final_sheet.py``).
FINAL_REASONS_TITLE = "决算情况说明填报"
#: Every sheet of the input workbook that is not a table of the package.
INPUT_SHEETS = (*INPUT_TITLES, FINAL_REASONS_TITLE)
#: First data row of the input sheets (1-based: title row, header row, then data).
FIRST_ROW = 3


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    kind: Literal["amount", "text"]
    help: str

    @property
    def cell(self) -> str:
        """The template cell that holds this field (情况说明填报 sheet)."""
        row = FIRST_ROW + [f.key for f in FIELDS].index(self.key)
        return f"{'C' if self.kind == 'amount' else 'D'}{row}"


FIELDS: tuple[Field, ...] = (
    Field("prior_total", "上年预算收支总额", "amount", "用于“比上年增减情况”，单位万元"),
    Field("prior_basic", "上年基本支出预算", "amount", "用于“比上年增减情况”，单位万元"),
    Field("prior_project", "上年项目支出预算", "amount", "用于“比上年增减情况”，单位万元"),
    Field("change_reason", "收支增减主要原因", "text", "收支总额与上年不同时必填"),
    Field("project_content", "项目支出主要内容", "text", "有项目支出时填写，如“人大会议经费、…”"),
    Field("running_use", "机关运行经费主要用途", "text", "可不填，默认按公用经费的一般用途表述"),
    Field("prior_three", "上年财政拨款“三公”经费预算", "amount", "单位万元"),
    Field("three_reason", "“三公”经费增减变化原因", "text", "“三公”经费与上年不同时必填"),
    Field("assets_purchase", "本年度拟购置固定资产总额", "amount", "单位万元；没有可不填"),
    Field("performance_goal", "部门整体绩效目标", "text", "用于“预算绩效信息”"),
    Field("other", "其他需要说明的事项", "text", "没有可不填"),
)
FIELD = {f.key: f for f in FIELDS}
#: The 部门基本信息 row of the year in a 决算 workbook (a 预算 workbook says 预算年度).
YEAR_LABEL_FINAL = "决算年度"
INFO_ROWS = (
    ("部门名称", "如：平乡县人民代表大会常务委员会"),
    ("部门编码", "如：101"),
    ("预算年度", "如：2023"),
    ("公开主体", "部门 或 单位"),
)


class MissingInput(InputError):
    """A value the 情况说明 needs is missing: the message names the cell to fill."""

    def __init__(self, key: str, from_workbook: bool) -> None:
        f = FIELD[key]
        where = (
            f"请在填报工作簿“{REASONS_TITLE}”工作表 {f.cell} 单元格填写"
            if from_workbook
            else f"请用 yusuan template --from 本文件 生成填报工作簿，在“{REASONS_TITLE}”工作表 {f.cell} 单元格填写后再渲染"
        )
        en = (
            f"fill cell {f.cell} of sheet {REASONS_TITLE} in the input workbook"
            if from_workbook
            else f"make the input workbook with `yusuan template --from FILE`, fill cell {f.cell} of sheet {REASONS_TITLE} and render it"
        )
        super().__init__(
            f"情况说明需要“{f.label}”，输入中没有：{where}",
            f"the narrative needs “{f.label}” ({key}), which the input lacks: {en}",
        )
        self.key = key


@dataclass
class Inputs:
    """Everything the narrative generator needs besides the tables."""

    department_name: str | None = None
    department_code: str | None = None
    year: int | None = None
    level: Literal["部门", "单位"] | None = None
    duties: list[str] = field(default_factory=list)
    org_text: str | None = None
    amounts: dict[str, Decimal] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    performance: tuple[Section, ...] = ()  # a published 预算绩效信息 section, reused as printed
    glossary: list[str] = field(default_factory=list)
    from_workbook: bool = False

    def require(self, key: str) -> str | Decimal:
        value = self.amounts.get(key) if FIELD[key].kind == "amount" else self.texts.get(key)
        if value is None or value == "":
            raise MissingInput(key, self.from_workbook)
        return value


def _table(d: Disclosure, title: str) -> Table | None:
    return next(
        (t for t in d.tables if t.id is TableId.UNKNOWN and "".join(t.title.split()) == title),
        None,
    )


def subsections(section: Section) -> list[Section]:
    """``section`` and all below it, depth first."""
    out = [section]
    for child in section.children:
        out += subsections(child)
    return out


def _row_texts(table: Table) -> list[tuple[str, list[str]]]:
    """(item, the texts of the row's other cells in column order) per row."""
    out = []
    for row in table.rows:
        texts = [row.cells[i].text.strip() for i in sorted(row.cells)]
        out.append((row.item or row.label.strip(), texts))
    return out


_NON_DIGIT = lazy(r"\D")


def _from_workbook(d: Disclosure, inputs: Inputs) -> None:
    info, duties, reasons = (_table(d, t) for t in INPUT_TITLES)
    if info is None and reasons is None:
        return
    inputs.from_workbook = True
    if info is not None:
        content = next((c.index for c in info.columns if c.key == "内容"), None)
        values = {}
        for row in info.rows:
            cell = row.cells.get(content) if content is not None else None
            values[row.item] = cell.text.strip() if cell is not None else ""
        inputs.department_name = values.get("部门名称") or None
        inputs.department_code = values.get("部门编码") or None
        year = _NON_DIGIT.sub("", values.get("预算年度") or values.get(YEAR_LABEL_FINAL, ""))
        inputs.year = int(year) if len(year) == 4 else None
        level = values.get("公开主体")
        inputs.level = level if level in ("部门", "单位") else None  # type: ignore[assignment]
    if duties is not None:
        inputs.duties = [texts[-1] for _, texts in _row_texts(duties) if texts and texts[-1]]
    if reasons is not None:
        by_label = {f.label: f for f in FIELDS}
        amount_col = next((c.index for c in reasons.columns if c.key.startswith("金额")), None)
        text_col = next((c.index for c in reasons.columns if c.key == "文字说明"), None)
        for row in reasons.rows:
            f = by_label.get(row.item)
            if f is None:
                continue
            col = amount_col if f.kind == "amount" else text_col
            cell = row.cells.get(col) if col is not None else None
            text = cell.text.strip() if cell is not None else ""
            if not text:
                continue
            if f.kind == "amount":
                try:
                    value = parse_amount(text)
                except ValueError as exc:
                    raise InputError(
                        f"“{REASONS_TITLE}”工作表 {f.cell} 单元格（{f.label}）不是数字：{text}",
                        f"cell {f.cell} of sheet {REASONS_TITLE} ({f.key}) is not a number: {text}",
                    ) from exc
                if value is not None:
                    inputs.amounts[f.key] = value
            else:
                inputs.texts[f.key] = text


_CHANGE_SECTION = regex.compile(r"增减|比上年|变化|对比")
_REASON = regex.compile(r"(?:主要)?原因(?:是|为|：|:)\s*(.+?)(?:。|$)")
_PROJECT = regex.compile(
    r"项目支出[0-9.,]+万?元[，,]?\s*(?:主要(?:为|用于|包括|是)|用于)(.+?)(?:。|$)"
)
_RUNNING = regex.compile(r"主要用于(.+?)(?:。|$)")


def _find(sections: list[Section], pattern: str) -> Section | None:
    rx = regex.compile(pattern)
    return next((s for s in sections if rx.search(s.title)), None)


def _texts(section: Section) -> list[str]:
    return [p.text for p in section.paragraphs]


_DUTIES_HEADING = lazy(r"^(?:部门|单位|主要)?(?:职责|职能)[：:]?$")
_INSTITUTIONS_HEADING = lazy(r"^(?:部门|单位)?机构(?:设置)?")
_INSTITUTIONS_LINE = lazy(r"^(?:部门|单位)?机构设置[：:].+")
_MONEY_SUBJECT = lazy(r"收支|收入|支出|预算")


def _from_narrative(d: Disclosure, inputs: Inputs) -> None:
    sections = d.narrative.walk()
    duties = _find(sections, r"职责|职能")
    if duties is not None and not inputs.duties:
        items: list[str] = []
        for text in _texts(duties):
            if _DUTIES_HEADING.match(text):
                continue
            if _INSTITUTIONS_HEADING.match(text):
                break
            items.append(text)
        inputs.duties = items
        after = [t for t in _texts(duties) if _INSTITUTIONS_LINE.match(t)]
        inputs.org_text = after[0] if after else None
    for s in d.narrative.stated:
        if s.kind != "change" or s.direction is None:
            continue
        sign = Decimal(1) if s.direction == "增加" else Decimal(-1)
        subject = s.subject
        in_change = any(_CHANGE_SECTION.search(t) for t in s.section)
        if "三公" in subject or (not subject and any("三公" in t for t in s.section)):
            key = "three_change"
        elif "基本支出" in subject and in_change:
            key = "basic_change"
        elif "项目支出" in subject and in_change:
            key = "project_change"
        elif in_change and (not subject or _MONEY_SUBJECT.search(subject)):
            key = "total_change"
        else:
            continue
        inputs.amounts.setdefault(key, sign * s.value)
        if (m := _REASON.search(s.sentence)) is not None:
            reason_key = "three_reason" if key == "three_change" else "change_reason"
            inputs.texts.setdefault(reason_key, m.group(1).strip())
    for section in sections:
        for text in _texts(section):
            if "支出" in section.title and (m := _PROJECT.search(text)) is not None:
                inputs.texts.setdefault("project_content", m.group(1).strip())
            if "运行经费" in section.title and (m := _RUNNING.search(text)) is not None:
                inputs.texts.setdefault("running_use", m.group(1).strip())
    for s in d.narrative.stated:
        if "拟购置" in s.subject and s.wan is not None:
            inputs.amounts.setdefault("assets_purchase", s.wan)
    perf = _find(sections, r"绩效")
    if perf is not None and not inputs.texts.get("performance_goal"):
        inputs.performance = (perf,)
    glossary = _find(sections, r"名词|术语")
    if glossary is not None and not inputs.glossary:
        inputs.glossary = _texts(glossary)
    other = _find(sections, r"其他需要说明")
    if other is not None and "other" not in inputs.texts:
        inputs.texts["other"] = "\n".join(_texts(other))


def collect(d: Disclosure) -> Inputs:
    """The narrative inputs of ``d``: its input-workbook sheets, else its own narrative."""
    inputs = Inputs(
        department_name=d.department_name,
        department_code=d.department_code,
        year=d.year,
        level=d.level,
    )
    _from_workbook(d, inputs)
    inputs.department_name = inputs.department_name or d.department_name
    inputs.department_code = inputs.department_code or d.department_code
    inputs.year = inputs.year or d.year
    inputs.level = inputs.level or d.level
    _from_narrative(d, inputs)
    return inputs
