"""Saying what a file does not hold, and the recognition ledger (items 3 and 9 of #11).

A narrative-only file (the Jiangsu 情况说明 PDF without its 公开表), an HTML page
whose tables are images, a 目录 naming a table no page prints.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from yusuan.model import Source, TableId
from yusuan.read.html import read_html
from yusuan.read.raw import RawCell, RawDocument, RawParagraph, RawTable
from yusuan.recognize import recognize

TOC = [
    "一、收支预算总表",
    "二、收入预算总表",
    "三、支出预算总表",
    "四、财政拨款收支预算总表",
    "七、一般公共预算支出预算表",
    "九、一般公共预算“三公”经费支出预算表",
]
PROSE = [
    "第一部分 部门概况",
    "一、主要职能",
    "本部门主要职能是负责全省检察工作。",
    "第二部分 部门预算情况说明",
    "一、收支预算总体情况",
    "2019年度收入总计12323.46万元，支出总计12323.46万元。",
]


def grid(*rows: list[str]) -> RawTable:
    return RawTable(
        [[RawCell(t, Source(page=2, row=r)) for t in row] for r, row in enumerate(rows)]
    )


@settings(max_examples=30, deadline=None)
@given(st.integers(1, len(TOC)), st.sampled_from(["", "…………3", " ......... 12", "  5"]))
def test_a_narrative_only_file_says_its_tables_are_elsewhere(n: int, leader: str) -> None:
    blocks = [RawParagraph("目  录"), *(RawParagraph(t + leader) for t in TOC[:n])]
    blocks += [RawParagraph(p) for p in PROSE]
    d = recognize(RawDocument(blocks, "pdf"))
    assert d.narrative_only and not d.tables
    assert len(d.unrecognized()) == n and all(e.listed and e.table is None for e in d.ledger)
    (notice,) = d.diagnostics
    assert notice.startswith("narrative-only: 本文件只有情况说明")
    assert f"目录列出 {n} 张公开表" in notice and "yusuan check --package" in notice


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 9))
def test_an_html_page_whose_tables_are_images(n: int) -> None:
    imgs = "".join(f'<p><img src="t{k}.gif"></p>' for k in range(n))
    page = f"<html><body><p>2018年部门预算情况说明</p><p>{PROSE[5]}</p>{imgs}</body></html>"
    d = recognize(read_html(page.encode()))
    assert d.images == n and not d.tables
    assert [x.split(":")[0] for x in d.diagnostics] == ["image-tables"]
    assert f"{n} 张图片" in d.diagnostics[0]


def test_a_page_with_tables_says_nothing_missing() -> None:
    blocks = [RawParagraph("收入预算总表"), grid(["项目", "合计"], ["合计", "1.00"])]
    d = recognize(RawDocument(blocks, "pdf"))
    assert not d.narrative_only and not d.diagnostics
    ((entry),) = d.ledger
    assert (entry.id, entry.titled, entry.table) == (TableId.REVENUE, True, 0)


def test_the_ledger_lists_a_printed_table_not_read() -> None:
    """A title line on a page whose grid was not read (an image, a broken grid)."""
    blocks = [
        RawParagraph("目录"),
        RawParagraph("一、收入预算总表……2"),
        RawParagraph("二、支出预算总表……3"),
        RawParagraph("收入预算总表", Source(page=2)),
        grid(["项目", "合计"], ["合计", "1.00"]),
        RawParagraph("支出预算总表", Source(page=3)),
        RawParagraph("注：本表为图片。", Source(page=3)),
    ]
    d = recognize(RawDocument(blocks, "pdf"))
    assert d.printed() == {TableId.REVENUE, TableId.EXPENDITURE}
    (missing,) = d.unrecognized()
    assert (missing.id, missing.listed, missing.titled, missing.source.page) == (
        TableId.EXPENDITURE,
        True,
        True,
        3,
    )
