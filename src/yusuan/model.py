"""The typed model of a budget disclosure package (部门预算 / 部门决算公开).

This module is the public contract of yusuan: every reader produces a
:class:`Disclosure`, every rule and renderer consumes one.  It is documented in
``docs/data-model.md``; change both together.

Money is :class:`decimal.Decimal` in the unit the table prints (``Table.unit``);
``Cell.value`` is never a float and a blank cell stays ``None`` (distinct from 0).
Every value remembers where it came from (:class:`Source`).
"""

from __future__ import annotations

from dataclasses import field
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Literal

from yusuan.amounts import Unit, is_blank_text, to_wan
from yusuan.records import Record


class TableId(StrEnum):
    """Standard table ids (标准公开表)."""

    SUMMARY = "summary"  # 收支总表 / 收入支出决算总表
    REVENUE = "revenue"  # 收入总表 / 收入决算表
    EXPENDITURE = "expenditure"  # 支出总表 / 支出决算表
    FISCAL_SUMMARY = "fiscal_summary"  # 财政拨款收支总表
    GPB_EXPENDITURE = "gpb_expenditure"  # 一般公共预算财政拨款支出表
    GPB_BASIC = "gpb_basic"  # 一般公共预算财政拨款基本支出表（经济分类）
    GOV_FUND = "gov_fund"  # 政府性基金预算财政拨款支出表
    SOE_CAPITAL = "soe_capital"  # 国有资本经营预算财政拨款支出表
    THREE_PUBLIC = "three_public"  # “三公”经费支出表
    PROCUREMENT = "procurement"  # 政府采购预算表
    ASSETS = "assets"  # 固定资产占用情况表
    PERFORMANCE = "performance"  # 绩效目标表（每个项目一张）
    ORG = "org"  # 机构设置表
    # extra tables of some template families (Jiangsu 公开05/06/11表)
    FISCAL_EXPENDITURE = "fiscal_expenditure"  # 财政拨款支出预算表（功能科目）
    FISCAL_BASIC = "fiscal_basic"  # 财政拨款基本支出预算表（经济科目）
    OPERATING_COSTS = "operating_costs"  # 一般公共预算机关运行经费支出预算表
    UNKNOWN = "unknown"  # any other table, kept with its printed title


class Source(Record):
    """Where a value was read: enough for a finding to point at it.

    ``line`` is 1-based in a text export; ``page`` is 1-based in a PDF;
    ``table``, ``row`` and ``col`` are 0-based indexes into the reader's own grid
    (``table`` counts the tables of the document in reading order); ``sheet`` is
    an Excel sheet name; ``bbox`` is (x0, top, x1, bottom) in PDF points; ``file`` names
    the part of a package read from several files (``page`` counts within that part);
    ``ocr`` is True for what OCR read from a scanned page.
    """

    line: int | None = None
    page: int | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    bbox: tuple[float, float, float, float] | None = None
    file: str | None = None  # the part's file name, in a package read from several files
    #: True when the value was read by OCR from a scanned page (docs/ocr.md): it may be misread;
    #: None otherwise
    ocr: bool | None = None


class SourceFile(Record):
    """The file a disclosure was read from."""

    path: str
    sha256: str
    format: Literal["text", "docx", "xlsx", "xls", "html", "pdf", "json"]
    size: int
    encoding: str | None = None


class HeaderNode(Record):
    """One cell of a (possibly multi-row, merged) column header.

    ``first`` and ``last`` are the inclusive leaf column indexes it spans.
    """

    label: str
    first: int
    last: int
    children: tuple[HeaderNode, ...] = ()


ColumnRole = Literal["seq", "code", "item", "amount", "count", "text"]


class Column(Record):
    """A leaf column of a table.

    ``key`` is the leaf header text with all whitespace removed (the ``column``
    of the facts format); ``path`` the keys from the header root to the leaf;
    ``section`` is 收入 or 支出 on two-sided tables (收支总表, 财政拨款收支总表).
    """

    index: int
    key: str
    path: tuple[str, ...]
    role: ColumnRole
    section: Literal["收入", "支出"] | None = None


class Cell(Record):
    """A printed cell. ``value`` is set for amount and count columns only."""

    text: str
    value: Decimal | None = None
    source: Source = field(default_factory=Source)


class Row(Record):
    """A logical row. A printed row of a two-sided table yields two logical rows,
    one per ``section``, sharing ``index``.

    ``label`` is the item as printed; ``item`` the same without numbering
    (一、 / （一） / 1、), ``其中：`` and surrounding whitespace; ``code`` the
    科目编码 (joined when printed as 类/款/项 columns); ``cells`` maps a column
    index to its cell (only the columns of the row's section).  ``depth`` is the
    row's level in the item hierarchy: 0 for a top item (一、 or a 3-digit 类),
    1 for its children (（一）, a 款, an indented or ``其中：`` row), 2 below
    that; None for 合计 / 小计 / 总计 rows.
    """

    index: int
    seq: str | None = None
    code: str | None = None
    label: str = ""
    item: str = ""
    depth: int | None = 0
    section: Literal["收入", "支出"] | None = None
    cells: dict[int, Cell] = field(default_factory=dict)
    source: Source = field(default_factory=Source)

    def value(self, column: int) -> Decimal | None:
        cell = self.cells.get(column)
        return None if cell is None else cell.value


RecognizedBy = Literal["title", "content", "both", "disputed"]


class Table(Record):
    """A recognized table with its printed title, unit, header tree and rows.

    ``recognized_by`` says how ``id`` was decided: ``title`` (the printed title names
    the table, its content says nothing either way), ``content`` (no usable title; the
    header labels, the kind of codes in the rows and the item names point to one
    table), ``both`` (title and content agree), ``disputed`` (the title's id kept though
    the content names other tables it could not settle on); None for an ``unknown`` table.
    """

    id: TableId
    title: str
    recognized_by: RecognizedBy | None = None
    unit: Unit | None = None
    unit_text: str | None = None
    department: str | None = None
    year: int | None = None
    header: tuple[HeaderNode, ...] = ()
    columns: tuple[Column, ...] = ()
    rows: tuple[Row, ...] = ()
    notes: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)

    def column(self, key: str, section: str | None = None) -> Column | None:
        """The first leaf column whose key is ``key`` (whitespace-free)."""
        for col in self.columns:
            if col.key == key and (section is None or col.section == section):
                return col
        return None

    def amount_columns(self) -> list[Column]:
        return [c for c in self.columns if c.role == "amount"]

    def to_wan(self, value: Decimal | None) -> Decimal | None:
        """Convert a value of this table to 万元 exactly (None stays None)."""
        if value is None:
            return None
        return to_wan(value, self.unit or Unit.WAN)

    @property
    def is_empty(self) -> bool:
        """True when no row holds any amount (空表); an amount cell printing text that is not a
        number (unreadable) is not blank."""
        money = {c.index for c in self.columns if c.role in ("amount", "count")}
        return not any(
            c.value is not None or (i in money and not is_blank_text(c.text))
            for r in self.rows
            for i, c in r.cells.items()
        )


class Paragraph(Record):
    """A paragraph of the narrative, as printed."""

    text: str
    source: Source = field(default_factory=Source)


class Section(Record):
    """A heading of the narrative (第一部分 / 一、 / （一） / 1、) and what follows it."""

    title: str
    number: str | None = None
    style: str
    paragraphs: tuple[Paragraph, ...] = ()
    children: tuple[Section, ...] = ()
    source: Source = field(default_factory=Source)


StatedKind = Literal["amount", "change", "percent"]


class StatedAmount(Record):
    """An amount stated in the prose, with the phrase it is stated for.

    ``subject`` is the cleaned subject (e.g. 基本支出, 三公经费); ``phrase`` the
    text before the number back to the previous clause break as printed;
    ``kind`` is ``change`` when the phrase says 增加/减少/增长/下降 (``direction``
    then holds it), ``percent`` for a percentage.
    """

    subject: str
    phrase: str
    value: Decimal
    unit: str
    kind: StatedKind = "amount"
    direction: Literal["增加", "减少"] | None = None
    text: str
    sentence: str
    section: tuple[str, ...] = ()
    source: Source = field(default_factory=Source)

    @cached_property
    def wan(self) -> Decimal | None:
        """The amount in 万元, or None for a percentage or a non-money unit."""
        try:
            return to_wan(self.value, Unit(self.unit))
        except ValueError:
            return None


class Narrative(Record):
    """The 情况说明: its section tree and the amounts its prose states."""

    sections: tuple[Section, ...] = ()
    stated: tuple[StatedAmount, ...] = ()

    def walk(self) -> list[Section]:
        """All sections, depth first, in document order."""
        out: list[Section] = []

        def visit(s: Section) -> None:
            out.append(s)
            for c in s.children:
                visit(c)

        for s in self.sections:
            visit(s)
        return out


Comparator = Literal["≥", "≤", "=", ">", "<"]


class Indicator(Record):
    """One 绩效指标: 一级/二级/三级指标, description, comparator, value, unit, basis."""

    level1: str
    level2: str
    level3: str
    description: str = ""
    value_text: str = ""
    comparator: Comparator | None = None
    value: Decimal | None = None
    unit: str | None = None
    basis: str = ""
    source: Source = field(default_factory=Source)


class PerformanceTarget(Record):
    """A 项目绩效目标表: the project, its goals and its indicators.

    ``project`` is the 项目名称 (the form's own field, else the table title); ``budget``
    the 预算金额 the form prints (年度资金申请总额, else 项目资金总额 / 预算金额) in
    ``budget_unit``; ``department`` the 主管部门 and ``agency`` the 实施单位 when
    printed.  One table may hold several forms (a PDF stitched over pages): each is
    one target with the same ``table``; ``source`` is where its form starts.
    """

    project: str
    goals: str = ""
    indicators: tuple[Indicator, ...] = ()
    budget: Decimal | None = None
    budget_unit: Unit | None = None
    department: str = ""
    agency: str = ""
    table: int | None = None
    source: Source = field(default_factory=Source)


StatementKind = Literal["targets", "management", "tracking", "self_evaluation"]


class PerformanceStatement(Record):
    """A 绩效 fact the 情况说明 states in prose.

    ``kind``: ``targets`` (编报绩效目标的项目N个，涉及项目预算资金X万元), ``management``
    (共N个项目实行绩效目标管理), ``tracking`` (绩效跟踪评价的项目), ``self_evaluation``
    (绩效自评的项目, with ``average_score`` 平均得分 and ``grades``, e.g. ((优, 4), (良, 0)));
    ``amount`` in 万元; ``text`` the matched words, ``sentence`` the whole sentence.
    """

    kind: StatementKind
    projects: int | None = None
    amount: Decimal | None = None
    average_score: Decimal | None = None
    grades: tuple[tuple[str, int], ...] = ()
    text: str
    sentence: str = ""
    source: Source = field(default_factory=Source)


class OverallTarget(Record):
    """The 部门整体绩效目标 as the 情况说明 states it: its goal text and the indicators
    read from its sentences (``开展监督检查不少于20次`` → 开展监督检查 ≥ 20 次)."""

    goals: str = ""
    indicators: tuple[Indicator, ...] = ()
    source: Source = field(default_factory=Source)


class PrintedTable(Record):
    """One entry of the recognition ledger: a table the document says it prints.

    ``title`` is as printed (a 目录 entry or a title line on a table page); ``id`` the
    standard table it names (None for a title no alias knows); ``listed`` when the 目录
    names it, ``titled`` when its title is printed on a page; ``table`` the index in
    ``Disclosure.tables`` of the table recognized for it, None when no table was
    (printed but not read: the ledger's open entries); ``source`` where the title is
    printed (the title line when there is one, else the 目录 line).
    """

    title: str
    id: TableId | None = None
    listed: bool = False
    titled: bool = False
    table: int | None = None
    source: Source = field(default_factory=Source)


class Disclosure(Record):
    """One disclosure package of one budget unit for one year.

    ``department_name`` is as printed (编制部门 line, else cover or title);
    ``department_canonical`` the same name in the one form ``data/aliases.toml`` gives
    (中共江苏省委办公厅 → 中国共产党江苏省委员会办公厅; the printed name when not listed).
    ``ledger`` lists the tables the document says it prints (its 目录 and every table
    title found) against the tables recognized (:class:`PrintedTable`);
    ``images`` counts the images inside the content (an HTML page whose tables are
    pictures); ``diagnostics`` holds what the reader and recognizer noticed
    (``KIND page N: 中文 / English``, or ``KIND: 中文 / English`` for the whole file).
    """

    kind: Literal["预算", "决算"] | None = None
    level: Literal["部门", "单位"] | None = None
    department_code: str | None = None
    department_name: str | None = None
    department_canonical: str | None = None
    year: int | None = None
    unit: Unit | None = None
    source: SourceFile | None = None
    tables: tuple[Table, ...] = ()
    narrative: Narrative = field(default_factory=Narrative)
    performance: tuple[PerformanceTarget, ...] = ()
    performance_overall: OverallTarget | None = None
    performance_statements: tuple[PerformanceStatement, ...] = ()
    ledger: tuple[PrintedTable, ...] = ()
    images: int = 0
    diagnostics: tuple[str, ...] = ()

    def table(self, table_id: TableId | str) -> Table | None:
        """The first table with this id, or None."""
        for t in self.tables:
            if t.id == table_id:
                return t
        return None

    def tables_of(self, table_id: TableId | str) -> list[Table]:
        return [t for t in self.tables if t.id == table_id]

    def printed(self) -> set[TableId]:
        """The standard tables the document says it prints (目录 or title), read or not."""
        return {e.id for e in self.ledger if e.id is not None}

    def unrecognized(self) -> list[PrintedTable]:
        """Tables the document prints (by 目录 or title) that no recognized table stands for."""
        return [e for e in self.ledger if e.table is None]

    @property
    def narrative_only(self) -> bool:
        """True when the file holds a 情况说明 and no table (the tables are in another file)."""
        return not self.tables and bool(self.narrative.sections or self.narrative.stated)
