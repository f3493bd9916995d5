"""YS420–YS423: the terms the prose uses — the year named, one subject one amount, 科目 names as in
the tables, units.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from decimal import Decimal

from yusuan import regex
from yusuan.amounts import plain
from yusuan.model import Column, Paragraph, Row, StatedAmount, Table
from yusuan.regex import lazy
from yusuan.rules.base import (
    CannotRun,
    Finding,
    Location,
    NotApplicable,
    Rule,
    Severity,
    rounding_bound,
)
from yusuan.rules.context import CheckContext
from yusuan.rules.prose.figures import (
    GUIDE,
    SUBJECT_MARK,
    Figure,
    about_one_subject,
    fold,
    money,
    other_year,
    prose_location,
    stated_bound,
    stated_printed,
)

# -- YS420: years, as data ------------------------------------------------------------------------
BASE_YEAR = lazy(
    r"(?:比|较)\s*(?:上年\s*[（(]\s*)?(\d{4})\s*年"
    r"|(?:与|同|对比)\s*(\d{4})\s*年[^，,。；;]{0,12}?(?:相比|比较|对比|持平|同期|一致|相同)"
)
#: a paragraph that ends its sentence (one that does not runs on in the next paragraph)
ENDS_SENTENCE = lazy(r"[。！？!?；;]\s*$")
POINT_YEAR = lazy(r"(?:截至|截止)(?:到)?\s*(\d{4})\s*年\s*(?:12\s*月\s*31\s*日|底|末)")
TITLE_YEAR = lazy(r"(?<!\d)(\d{4})\s*年度?\s*(?:部门|单位)?\s*(预算|决算)")
# -- YS422: 科目 named in the prose --------------------------------------------------------------
CODE_NAME = lazy(
    r"(?<![\d.．,，])(\d{7}|\d{5}|\d{3})(?![\d.．])(?!\s*[类款项]\s*[)）])\s*[“\"「（(]?\s*([\u4e00-\u9fff][\u4e00-\u9fff（）()]{1,40})"
)
NOT_A_NAME = lazy(
    r"^(?:万|元|亿|千|个|人|次|年|月|日|辆|台|套|平方|项|家|名|份|余|多|户|件|批|条|篇|天|公里|吨)"
)
LEVELS = lazy(  # every match holds “类）” or “类)”: a text without either is not searched
    r"([\u4e00-\u9fff]+)[（(]类[）)]\s*(?:([\u4e00-\u9fff]+)[（(]款[）)])?\s*(?:([\u4e00-\u9fff]+)[（(]项[）)])?"
)
_LEVEL_MARK = lazy(r"\((?:类|款|项)\)")
# -- YS423: per-unit amounts legitimately in 元 ----------------------------------------------------
PER_UNIT = lazy(r"单价|标准|每|人均|平均|均价")
_NON_DIGIT = lazy(r"\D")
TEN_THOUSAND = Decimal(10000)


def _sentence_at(text: str, pos: int) -> str:
    lo = max(text.rfind(c, 0, pos) for c in "。！？") + 1
    ends = [i for i in (text.find(c, pos) for c in "。！？") if i >= 0]
    return text[lo : min(ends) + 1 if ends else len(text)].strip()


class WrongYearNamed(Rule):
    """检查什么
    情况说明中写出的年份应与本文件的预算年度 Y 相符：“Y年部门预算”一类用语为 Y（同一句
    另写明 Y 年时，“Y−1年预算收入…”是上年对比数，不算）；“比/较 YYYY年”“与 YYYY年相比”
    的比较基期为 Y−1（决算也可为 Y）；“截至 YYYY年12月31日”在预算中为 Y−1，在决算中为 Y。

    为什么重要
    年份写错多半是照搬上年文本没有改全，读者会怀疑其余数字是否也是上年的。

    错误示例
    2023年部门预算中写“2022年部门预算收支安排593.58万元，较2021年预算增加2.75万元”。

    正确写法
    “2023年部门预算收支安排593.58万元，较2022年预算增加2.75万元”。
    """

    code = "YS420"
    name = "wrong-year-named"
    title = "情况说明写错了年份"
    tags = ("prose",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        year, kind = ctx.d.year, ctx.d.kind or "预算"
        if year is None:
            raise CannotRun("无法确定本文件的预算年度")
        texts = [(s.title, s.source) for s in ctx.d.narrative.walk() if s.title]
        texts += [(p.text, p.source) for _, p in ctx.paragraphs]
        if not texts:
            raise NotApplicable("没有情况说明")
        for text, source in texts:
            bases = list(BASE_YEAR.finditer(text))
            found = [
                (m, {year - 1, year} if kind == "决算" else {year - 1}, "比较基期") for m in bases
            ]
            found += [
                (m, {year} if kind == "决算" else {year - 1}, "截至日期")
                for m in POINT_YEAR.finditer(text)
            ]
            found += [
                (m, {year}, f"{kind}年度")
                for m in TITLE_YEAR.finditer(text)
                if m.group(2) == kind
                and not any(b.start() <= m.start(1) < b.end() for b in bases)
                and not self._last_year_figure(text, m, year)
            ]
            for m, allowed, what in found:
                named = int(m.group(1) or m.group(2))
                if named not in allowed:
                    want = "或".join(f"{y}年" for y in sorted(allowed))
                    yield self.finding(
                        f"“{m.group(0)}”中的{what}应为{want}（本文件为{year}年{kind}），疑为沿用其他年度的文本",
                        Location.at(source, text=_sentence_at(text, m.start())),
                        expected=want,
                        actual=f"{named}年",
                    )

    @staticmethod
    def _last_year_figure(text: str, m: re.Match[str], year: int) -> bool:
        """“2022年预算收入590.83万元” in a sentence that also names 2023 (or 本年/今年) states
        last year's figure for comparison; it is not last year's text left in."""
        if int(m.group(1)) != year - 1:
            return False
        sentence = _sentence_at(text, m.start())
        return bool(regex.compile(rf"{year}\s*年|本年|今年").search(sentence))


#: Subjects that name no one thing (“支出1,073.77万元” in one 科目's sentence, “支出2,586.61万元” in
#: the next): two different amounts for them are not one thing stated twice.
GENERIC_SUBJECTS = frozenset(
    {
        "支出",
        "收入",
        "预算",
        "预算支出",
        "预算收入",
        "资金",
        "经费",
        "安排",
        "预算安排",
        "金额",
        "合计",
    }
)


class SubjectStatedTwiceDifferently(Rule):
    """检查什么
    同一节中同一事项（如“基本支出”）在不同句子中出现两次金额时应相同；两处不同为警告
    （上年数除外）。不比较：同一句内的分句（“中小企业……采购金额225.10万元；小微企业……
    采购金额164.87万元”）、讲某一科目的段落（含“（类）”“（款）”“（项）”，以及句中换行断开的
    后续段落）、单价/标准一类的
    门槛金额，以及“支出”“预算”这类不指明事项的泛称。

    为什么重要
    一个事项两个数，读者无从判断哪个正确，至少一处写错。

    错误示例
    “支出说明”一节先写“基本支出430.58万元”，后又写“基本支出433.83万元”。

    正确写法
    两处都写“基本支出430.58万元”，或把后者写明为“上年基本支出433.83万元”。
    """

    code = "YS421"
    name = "subject-stated-twice-differently"
    title = "同一事项在一节中出现两个不同金额"
    severity = Severity.WARNING
    tags = ("prose",)
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        groups: dict[tuple[tuple[str, ...], str], list[StatedAmount]] = {}
        # a paragraph about one 科目 (“1、社会保障和就业支出（类）…（项）。…年初预算为54.53万元”)
        # states that 科目's figures, whatever words it uses for them
        # and so does its continuation when a line break split it mid-sentence (“…年初预算为”
        # then “161.62万元，支出决算为160.75万元。”: the number did not fit on the line)
        per_subject = set()
        prev: tuple[tuple[str, ...], Paragraph] | None = None
        for path, p in ctx.paragraphs:
            if SUBJECT_MARK.search(p.text) or (
                prev is not None
                and prev[0] == path
                and prev[1].source in per_subject
                and not ENDS_SENTENCE.search(prev[1].text)
            ):
                per_subject.add(p.source)
            prev = (path, p)
        for s in money(ctx):
            subject = fold(s.subject)
            if (
                len(subject) >= 2
                and subject not in GENERIC_SUBJECTS
                and not PER_UNIT.search(subject)
                and not about_one_subject(s)
                and s.source not in per_subject
                and not other_year(s, ctx.d.year)
            ):
                groups.setdefault((s.section, subject), []).append(s)
        if not groups:
            raise NotApplicable("情况说明没有陈述金额")
        for items in groups.values():
            first = items[0]
            for later in items[1:]:
                if later.sentence == first.sentence:
                    continue  # “…采购金额225.10万元；…小微企业…采购金额164.87万元”: clauses
                assert first.wan is not None and later.wan is not None
                f = self.mismatch(
                    f"“{first.subject}”在同一节中先写“{first.text}”、后写“{later.text}”",
                    first.wan,
                    later.wan,
                    [stated_printed(first), stated_printed(later)],
                    Location.at(later.source, text=later.sentence),
                )
                if f:
                    yield f


class SubjectNameDiffersFromTable(Rule):
    """检查什么
    情况说明中带编码写出的科目（“2010101行政运行”）或按“XX（类）XX（款）XX（项）”写出的
    科目，名称应与表中该编码（或该类、款下）所印的科目名称一致。

    为什么重要
    政府收支分类科目每年修订，照搬旧文本常留下旧名称（如“医疗卫生与计划生育支出”已改为
    “卫生健康支出”），读者无法把说明与表格对上。

    错误示例
    “2010101行政管理事务支出322.91万元”，而表中2010101为“行政运行”；或“医疗卫生与
    计划生育支出（类）”，而表中210类为“卫生健康支出”。

    正确写法
    “2010101行政运行支出322.91万元”；“卫生健康支出（类）行政事业单位医疗（款）”。
    """

    code = "YS422"
    name = "subject-name-differs-from-table"
    title = "情况说明的科目名称与表格不一致"
    severity = Severity.WARNING
    tags = ("prose", "revenue", "expenditure", "gpb_expenditure", "gpb_basic")
    basis = "财政部当年《政府收支分类科目》：科目编码与名称按当年科目表列示；" + GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        names: dict[str, set[str]] = {}
        for t in ctx.d.tables:
            for r in t.rows:
                if r.code and r.item:
                    names.setdefault(r.code, set()).add(fold(r.item))
        mentions = [  # (paragraph, match, by code: else by 类/款/项)
            (p, m, by_code)
            for _, p in ctx.paragraphs
            for rx, by_code in ((CODE_NAME, True), (LEVELS, False))
            if by_code or "类）" in p.text or "类)" in p.text
            for m in rx.finditer(p.text)
        ]
        mentions = [
            (p, m, by_code)
            for p, m, by_code in mentions
            if not by_code or not NOT_A_NAME.match(m.group(2))
        ]
        if not mentions:
            raise NotApplicable("情况说明没有写出科目编码或（类）（款）（项）科目")
        if not names:
            raise CannotRun("表中没有科目编码，无法核对科目名称")
        for p, m, by_code in mentions:
            where = Location.at(p.source, text=_sentence_at(p.text, m.start()))
            problems = self._by_code(m, names) if by_code else self._by_level(m, names)
            for problem in problems:
                yield self.finding(problem, where)

    @staticmethod
    def _by_code(m: re.Match[str], names: dict[str, set[str]]) -> list[str]:
        code, said = m.group(1), _LEVEL_MARK.sub("", fold(m.group(2))).lstrip("(")
        known = names.get(code)
        if not known or any(said.startswith(n) or n.startswith(said) for n in known):
            return []
        return [f"情况说明写“{code}{m.group(2)}”，而表中{code}为“{'、'.join(sorted(known))}”"]

    @staticmethod
    def _by_level(m: re.Match[str], names: dict[str, set[str]]) -> list[str]:
        out: list[str] = []
        parent = ""
        for digits, level, said in (
            (3, "类", m.group(1)),
            (5, "款", m.group(2)),
            (7, "项", m.group(3)),
        ):
            if not said:
                break
            here = {
                c: n
                for c, ns in names.items()
                for n in ns
                if len(c) == digits and c.startswith(parent or "2")  # 功能分类, not 经济分类
            }
            hit = next(
                (
                    c
                    for c, n in here.items()
                    if (
                        fold(said).endswith(n) or f"{fold(said)}支出".endswith(n)  # 公共安全（类）
                        if level == "类"
                        else fold(said) == n
                    )
                ),
                None,
            )
            if hit is None:
                listed = "、".join(f"{c} {n}" for c, n in sorted(here.items())) or "无"
                out.append(f"“{said}（{level}）”不是表中的{level}级科目名称（表中为：{listed}）")
                break
            parent = hit
        return out


class StatedUnitError(Rule):
    """检查什么
    情况说明中的金额若恰为表中某个数字的1万倍或万分之一（而与表中数字本身都对不上），
    多半是把“万元”写成了“元”（或相反）。

    为什么重要
    单位错一级，金额差一万倍，是最能误导读者的错误。

    错误示例
    “2023年预算收入593.58元”，而收支总表收入总计为593.58万元。

    正确写法
    “2023年预算收入593.58万元”（或“5935800元”）。
    """

    code = "YS423"
    name = "stated-unit-error"
    title = "情况说明的金额单位错误（元与万元混用）"
    tags = ("prose", "summary", "expenditure", "gpb_basic", "three_public")
    basis = GUIDE

    def check(self, ctx: CheckContext) -> Iterator[Finding]:
        # Every table amount once, sorted by value, so each stated amount looks up
        # only the figures within rounding reach (bisect) instead of all of them.
        raw: list[tuple[Decimal, Decimal, Table, Row, Column, str]] = []
        for t in ctx.d.tables:
            for c in t.amount_columns():
                for r in t.rows:
                    cell = r.cells.get(c.index)
                    v = t.to_wan(cell.value) if cell else None
                    if cell is not None and v:
                        bound = t.to_wan(rounding_bound([cell.text])) or Decimal(0)
                        raw.append((v, bound, t, r, c, cell.text))
        raw.sort(key=lambda x: x[0])
        values = [x[0] for x in raw]
        widest = max((x[1] for x in raw), default=Decimal(0))

        def near(target: Decimal, slack: Decimal, digits: int = 0) -> Figure | None:
            lo = bisect_left(values, target - widest - slack)
            hi = bisect_right(values, target + widest + slack)
            for v, b, t, r, c, text in raw[lo:hi]:
                if digits and len(_NON_DIGIT.sub("", text).lstrip("0")) < digits:
                    continue  # 0.01 matches anything from 50 to 150 ×10000: no evidence
                if abs(target - v) <= b + slack:
                    return Figure(t, r, c, v, (text,), f"“{r.item}”行“{c.key}”列")
            return None

        items = [
            s
            for s in money(ctx)
            if s.wan and len(format(s.value, "f").replace(".", "").lstrip("0")) >= 2
        ]
        items = [s for s in items if not PER_UNIT.search(s.phrase)]
        if not items:
            raise NotApplicable("情况说明没有可核对单位的金额")
        if not raw:
            raise CannotRun("表中没有金额，无法核对单位")
        for s in items:
            assert s.wan is not None
            slack = stated_bound(s)
            if near(s.wan, slack) is not None:
                continue
            for factor, how in ((TEN_THOUSAND, "万分之一"), (1 / TEN_THOUSAND, "1万倍")):
                hit = near(s.wan * factor, slack * factor, digits=3)
                if hit is not None:
                    yield self.finding(
                        f"“{s.phrase}{s.text}”按{s.unit}计为{plain(s.wan)}万元，恰为{hit.describe()}的{how}，疑为单位错误",
                        prose_location(s, hit),
                        expected=hit.value,
                        actual=s.wan,
                    )
                    break
