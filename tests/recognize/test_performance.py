"""项目绩效目标表 read into the model: the reference's grids, Shanghai's forms, generated layouts."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from support import DATA, REFERENCE
from support.performance_forms import PROJECTS, FormVariant, write_forms
from yusuan.amounts import Unit
from yusuan.api import load
from yusuan.model import Narrative, Paragraph, PerformanceTarget, Section
from yusuan.recognize.indicator_value import parse_indicator_value
from yusuan.recognize.overall import clause_indicator
from yusuan.recognize.statements import performance_statements

WANLI = DATA / "shanghai-putuo-2023-wanli-dept-budget-performance.pdf"
GOLDEN = DATA / "golden" / "shanghai-putuo-2023-wanli-performance.json"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("≤27万元", ("≤", Decimal("27"), "万元")),
        ("100%", ("=", Decimal("100"), "%")),
        ("≥13459.00(平方米)", ("≥", Decimal("13459.00"), "平方米")),
        ("=100.00(%)", ("=", Decimal("100.00"), "%")),
        (">6.00(次)", (">", Decimal("6.00"), "次")),
        ("不低于50%", ("≥", Decimal("50"), "%")),
        ("居民参与率不低于100%", ("≥", Decimal("100"), "%")),
        ("满意率100%", ("=", Decimal("100"), "%")),
        ("90%以上", ("=", Decimal("90"), "%")),
        ("显著提升", (None, None, None)),
        ("2023-12-31", (None, None, None)),
        ("开展至少1次团体心理治疗", (None, None, None)),
    ],
)
def test_indicator_value_parts(text: str, expected: tuple[object, ...]) -> None:
    assert parse_indicator_value(text) == expected


def _by_name(targets: tuple[PerformanceTarget, ...]) -> dict[str, PerformanceTarget]:
    return {t.project: t for t in targets}


def test_reference_projects_unchanged_and_without_form_fields() -> None:
    d = load(REFERENCE)
    names = [t.project for t in d.performance]
    assert names == [
        "“智慧人大”建设项目（平乡县人大网上代表之家建设）",
        "平乡县第十七届人民代表大会第三次会议经费",
        "专门委员会、委员及人大代表活动经费",
        "综合业务和事务管理经费",
    ]
    meeting = d.performance[1]
    assert meeting.budget is None and meeting.department == ""
    cost = next(i for i in meeting.indicators if i.level2 == "成本指标")
    assert (cost.level3, cost.comparator, cost.value, cost.unit) == (
        "召开会议总成本",
        "≤",
        Decimal("25"),
        "万元",
    )
    assert cost.description == "会议费用总支出金额" and cost.basis == "转账记录"
    assert [len(t.indicators) for t in d.performance] == [9, 8, 11, 9]


def test_wanli_2023_forms_golden() -> None:
    """The golden was checked by eye on page 3 of the extract (p. 33 of the corpus file)."""
    want = json.loads(GOLDEN.read_text("utf-8"))
    d = load(WANLI)
    assert [t.project for t in d.performance] == [
        "新建万里街道社区公共服务中心",
        "就业援助基地补贴",
        "社区环境整治和建设经费",
        "各类工作经费",
        "公共服务设施运行经费",
    ]
    t = _by_name(d.performance)[want["project"]]
    assert t.source.page == want["page"]
    assert (t.budget, t.budget_unit) == (Decimal(want["budget"]), Unit(want["budget_unit"]))
    assert (t.department, t.agency) == (want["department"], want["agency"])
    assert t.goals.startswith(want["goals_start"])
    got = [
        [i.level1, i.level2, i.level3, i.value_text, i.comparator, str(i.value), i.unit]
        for i in t.indicators
    ]
    assert got == want["indicators"]
    assert all(i.source.page == want["page"] for i in t.indicators)


def test_wanli_2023_no_form_field_is_an_indicator() -> None:
    d = load(WANLI)
    texts = {i.level3 for t in d.performance for i in t.indicators} | {
        i.value_text for t in d.performance for i in t.indicators
    }
    for field in ("2023-12-31", "4,563,800.00", "三级指标", "年度资金申请总额", "其他资金"):
        assert field not in texts
    assert all(t.project and t.budget for t in d.performance)
    assert [len(t.indicators) for t in d.performance] == [5, 4, 4, 43, 9]


VARIANTS = [
    FormVariant(),
    FormVariant(left_column=False),
    FormVariant(described=True),
    FormVariant(merged=False),
    FormVariant(per_page=2),
    FormVariant(form=False, left_column=False, described=True),
    FormVariant(form=False, left_column=False, merged=False, per_page=2),
]


@pytest.mark.parametrize("v", VARIANTS, ids=str)
def test_generated_forms_read_back(v: FormVariant, tmp_path: Path) -> None:
    d = load(write_forms(v, tmp_path / "forms.pdf"))
    assert [t.project for t in d.performance] == [p.name for p in PROJECTS]
    for t, p in zip(d.performance, PROJECTS, strict=True):
        assert [(i.level1, i.level2, i.level3, i.value_text) for i in t.indicators] == list(
            p.indicators
        )
        assert t.goals == p.goal
        if v.form:
            assert (t.budget, t.budget_unit) == (p.budget, Unit.YUAN)
            assert t.department == "上海市普陀区某街道办事处" and t.agency == "某街道"
        if v.described:
            assert all(i.description == f"{i.level3}的情况" for i in t.indicators)
            assert all(i.basis == "年度计划" for i in t.indicators)
        else:
            assert all(not i.description and not i.basis for i in t.indicators)


def test_reference_overall_targets() -> None:
    """第一部分 部门整体绩效目标: the ≥20 次, ≥6 次 and ≥90% the issue names, from the prose."""
    o = load(REFERENCE).performance_overall
    assert o is not None and o.goals.startswith("2023年是全面贯彻落实党的二十大开局之年")
    stated = {(i.level3, i.comparator, i.value, i.unit) for i in o.indicators}
    assert ("开展监督检查", "≥", Decimal("20"), "次") in stated
    assert ("开展活动次数", "≥", Decimal("6"), "次") in stated
    assert ("执法检查和集中视察工作完成率", "≥", Decimal("90"), "%") in stated
    assert ("代表之家全年运行成本", "≤", Decimal("5"), "万元") in stated
    assert ("召开人代会的总成本", "≤", Decimal("25"), "万元") in stated
    # the 工作保障措施 are measures, not targets; a clause without a comparator is no indicator
    assert all(i.source.line is not None and i.source.line < 1718 for i in o.indicators)
    assert len(o.indicators) == 29


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("开展监督检查次数在20次以上", ("开展监督检查次数", "≥", Decimal("20"), "次")),
        ("2023年开展监督检查不少于20次", ("开展监督检查", "≥", Decimal("20"), "次")),
        ("代表之家全年运行成本不高于5万元", ("代表之家全年运行成本", "≤", Decimal("5"), "万元")),
        ("2023年6月底前投入使用", None),
        ("至少召开一次人民代表大会会议", None),
        ("支出预算16497.86万元", None),
    ],
)
def test_clause_indicator(clause: str, expected: object) -> None:
    assert clause_indicator(clause) == expected


#: sentences as the corpus prints them (the file and page in the comment)
STATEMENTS = [
    # putuo_wanli-jiedao_2024_dept-budget.pdf p. 32
    (
        "按照本区预算绩效管理工作的总体要求，本部门2个预算单位开展了2024年项目预算绩效目标编报工作，"
        "编报绩效目标的项目50个，涉及项目预算资金5634.81万元。",
        [("targets", 50, Decimal("5634.81"), None, ())],
    ),
    # putuo_caizhengju_2024_dept-final.pdf p. 23 (a 决算: tracking and 自评 with grades)
    (
        "绩效跟踪评价的2024年度项目4个，涉及预算金额598.42万元；绩效自评的2024年度项目4个，"
        "涉及预算金额598.42万元，平均得分99.43分（其中，绩效评级为“优”的项目4个；绩效评级为“良”"
        "的项目0个；绩效评级为“合格”的项目0个；绩效评级为“不合格”的项目0个）。",
        [
            ("tracking", 4, Decimal("598.42"), None, ()),
            (
                "self_evaluation",
                4,
                Decimal("598.42"),
                Decimal("99.43"),
                (("优", 4), ("良", 0), ("合格", 0), ("不合格", 0)),
            ),
        ],
    ),
    # js_jianchayuan_2018_dept-budget.pdf p. 30 (spaces and a thousands comma as printed)
    (
        "2018 年本部门共 5 个项目实行绩效目标管理，涉及财政性资金合计 5,086万元。",
        [("management", 5, Decimal("5086"), None, ())],
    ),
    # cq_jiaotongwei_2018_dept-budget.html (no count)
    (
        "2018年项目支出均实行了绩效目标管理，涉及一般公共预算当年财政拨款263928.15万元。",
        [("management", None, Decimal("263928.15"), None, ())],
    ),
    ("编报绩效目标的2024年度项目XX个，涉及预算金额XXX万元。", []),  # the template, unfilled
]


@pytest.mark.parametrize(("sentence", "expected"), STATEMENTS)
def test_performance_statements(sentence: str, expected: list[tuple[object, ...]]) -> None:
    narrative = Narrative(
        sections=(Section(title="预算绩效", style="cn", paragraphs=(Paragraph(text=sentence),)),)
    )
    got = [
        (s.kind, s.projects, s.amount, s.average_score, s.grades)
        for s in performance_statements(narrative)
    ]
    assert got == expected
