"""Document identity from cover and title: level 部门/单位, the department's name when no
编制部门 line is printed, names through the alias list (item 6 of #11).

The covers are generated: Hypothesis combines names, years, region words, the
level's wording and a name wrapped over two lines.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.model import Source, TableId
from yusuan.read.raw import RawCell, RawDocument, RawParagraph, RawTable
from yusuan.recognize import recognize
from yusuan.recognize.identity import normalize_name

NAMES = st.sampled_from(
    [
        "上海市普陀区财政局",
        "上海市普陀区规划和自然资源局",
        "中共上海市普陀区委社会工作部",
        "江苏省人民检察院",
        "上海市普陀区人民政府万里街道办事处",
        "平乡县人民代表大会常务委员会",
    ]
)


def table(title: str) -> list[RawParagraph | RawTable]:
    rows = [["项目", "合计"], ["合计", "1.00"]]
    grid = RawTable([[RawCell(t, Source(row=r)) for t in row] for r, row in enumerate(rows)])
    return [RawParagraph(title), RawParagraph("单位：万元"), grid]


@settings(max_examples=60, deadline=None)
@given(
    NAMES,
    st.integers(2017, 2026),
    st.sampled_from(["年", "年度"]),
    st.booleans(),
    st.sampled_from(["预算", "决算"]),
    st.booleans(),
)
def test_the_department_name_comes_from_the_cover(
    name: str, year: int, nian: str, wrapped: bool, kind: str, same_line: bool
) -> None:
    """No 编制部门 line (every Putuo 决算): the cover names the department."""
    if same_line:
        cover = [f"{name}{year}{nian}部门{kind}"]
    elif wrapped:
        cover = [name[:-3], name[-3:], f"{year}{nian}部门{kind}"]
    else:
        cover = [name, f"{year}{nian}部门{kind}"]
    blocks = [*map(RawParagraph, cover), RawParagraph("目 录"), *table(f"收入{kind}表")]
    d = recognize(RawDocument(blocks, "text"))
    assert (d.department_name, d.year, d.level, d.kind) == (name, year, "部门", kind)


@settings(max_examples=40, deadline=None)
@given(NAMES, st.sampled_from(["区级", "市级", ""]), st.booleans())
def test_a_unit_budget_is_level_unit_whatever_its_table_titles_say(
    name: str, region: str, label: bool
) -> None:
    """The cover says 单位预算 (or 预算单位：); the tables keep the 部门 template titles."""
    cover = [f"上海市普陀区2026年{region}单位预算"] + ([f"预算单位：{name}"] if label else [])
    titles = ["部门财务收支预算总表", "部门收入预算总表", "部门支出预算总表"]
    blocks = [*map(RawParagraph, cover), RawParagraph("目录")]
    for t in titles:
        blocks += table(t)
    d = recognize(RawDocument(blocks, "text"))
    assert d.level == "单位"
    if label:
        assert d.department_name == name


def test_a_region_alone_is_no_department() -> None:
    blocks = [
        RawParagraph("上海市普陀区2025年区级部门预算"),
        RawParagraph("目录"),
        *table("收入预算表"),
    ]
    assert recognize(RawDocument(blocks, "text")).department_name is None


def test_names_are_normalized_through_the_alias_list() -> None:
    assert normalize_name("中共江苏省委办公厅") == "中国共产党江苏省委员会办公厅"
    assert normalize_name("江苏省政协办公厅") == "中国人民政治协商会议江苏省委员会办公厅"
    assert normalize_name("上海市普陀区财政局") == "上海市普陀区财政局"
    blocks = [RawParagraph("部门：中共江苏省委办公厅    单位：万元"), *table("收入预算总表")[2:]]
    blocks.insert(0, RawParagraph("收入预算总表"))
    d = recognize(RawDocument(blocks, "text"))
    assert d.tables[0].id == TableId.REVENUE
    assert d.department_name == "中共江苏省委办公厅"  # as printed
    assert d.department_canonical == "中国共产党江苏省委员会办公厅"
