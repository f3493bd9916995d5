"""The HTML reader, on a small page and on a published Chongqing JSP page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from support import DATA
from yusuan.errors import InputError
from yusuan.read.html import decode_html, read_html
from yusuan.read.raw import RawDocument, RawTable
from yusuan.recognize.narrative import build_narrative

CHONGQING = DATA / "chongqing-2018-jiaotongwei.html"

SMALL = """<html><head><meta charset="utf-8"><title>标题栏</title>
<script>var secret = "脚本内容";</script><style>p { color: red }</style></head>
<body>
<h1>XX局2023年部门预算</h1>
<p>第一段&nbsp;&nbsp;文字<br>第二行\u3000文字</p>
<div>直接文字<span>内联</span><p>块内段落</p>尾巴</div>
<table border="1">
<caption>收支 总表</caption>
<tr><th rowspan="2">项目</th><th colspan="2">金额</th></tr>
<tr><th>本年</th><th>上年</th></tr>
<tr><td>基本支出</td><td>1,234.50</td><td><table><tr><td>嵌套</td><td>表</td></tr>
<tr><td>第二行</td></tr></table></td></tr>
</table>
<ul><li>条目一</li><li>条目<b>二</b></li></ul>
<%@ include file="footer.jsp"%>${hidden.value}<% out.print("scriptlet"); %>
</body></html>
"""


def small() -> RawDocument:
    return read_html(SMALL.encode("utf-8"))


def test_small_page_paragraphs() -> None:
    doc = small()
    assert doc.format == "html" and doc.encoding == "utf-8"
    texts = [(p.text, p.heading, p.source.line) for p in doc.paragraphs()]
    assert texts == [
        ("XX局2023年部门预算", 1, 4),
        ("第一段 文字", None, 5),
        ("第二行 文字", None, 5),
        ("直接文字内联", None, 6),
        ("块内段落", None, 6),
        ("尾巴", None, 6),
        ("条目一", None, 14),
        ("条目二", None, 14),
    ]
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds.index("RawTable") == 6  # in document order, between 尾巴 and 条目一
    everything = " ".join(p.text for p in doc.paragraphs())
    for hidden in ("脚本内容", "color", "标题栏", "footer", "hidden", "scriptlet"):
        assert hidden not in everything


def test_small_page_table_cells() -> None:
    (table,) = small().tables()  # the nested table is flattened, not a table of its own
    assert isinstance(table, RawTable)
    assert table.title == "收支 总表"
    assert table.spans_known
    assert (table.source.table, table.source.line) == (0, 7)
    cells = [
        [(c.text, c.rowspan, c.colspan, c.source.row, c.source.col) for c in row]
        for row in table.rows
    ]
    assert cells == [
        [("项目", 2, 1, 0, 0), ("金额", 1, 2, 0, 1)],
        [("本年", 1, 1, 1, 1), ("上年", 1, 1, 1, 2)],
        [("基本支出", 1, 1, 2, 0), ("1,234.50", 1, 1, 2, 1), ("嵌套 表\n第二行", 1, 1, 2, 2)],
    ]
    assert table.rows[2][0].source.line == 11


def test_layout_table_is_read_as_flow() -> None:
    doc = read_html("<table><tr><td><p>一、概况</p><p>正文</p></td></tr></table>".encode())
    assert [p.text for p in doc.paragraphs()] == ["一、概况", "正文"]
    assert doc.tables() == []


def test_decoding() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>预算</p></body></html>'
    text, codec, diagnostics = decode_html(page.encode("gbk"))
    assert (codec, diagnostics) == ("gb18030", [])
    assert "预算" in text
    # undeclared: UTF-8, else GB18030
    assert decode_html("<p>预算</p>".encode())[1] == "utf-8"
    assert decode_html("<p>预算</p>".encode("gbk"))[1] == "gb18030"
    # a wrong declaration falls back, with a diagnostic
    wrong = '<meta charset="utf-8"><p>预算</p>'.encode("gbk")
    assert decode_html(wrong)[1:] == ("gb18030", ["page is not valid utf-8"])
    assert decode_html("<p>预算</p>".encode("gbk"), "gbk")[1] == "gb18030"
    with pytest.raises(InputError):
        decode_html(b"<p>\x80\xff\xfe</p>")


# --- the Chongqing page -----------------------------------------------------------


@pytest.fixture(scope="module")
def chongqing() -> RawDocument:
    return read_html(CHONGQING.read_bytes())


def test_chongqing_paragraphs(chongqing: RawDocument) -> None:
    paragraphs = chongqing.paragraphs()
    assert chongqing.encoding == "utf-8" and chongqing.diagnostics == []
    assert chongqing.tables() == []  # the tables are published as images
    assert 40 <= len(paragraphs) <= 50
    texts = [p.text for p in paragraphs]
    assert texts[0] == "当前位置： 首页 > 重庆市交通委员会2018年部门预算情况说明"
    assert (paragraphs[1].text, paragraphs[1].heading) == (
        "重庆市交通委员会2018年部门预算情况说明",
        2,
    )
    assert texts[2] == "更新时间：2018-03-06"
    assert texts[3] == "一、单位基本情况"
    assert "（一）职能职责。" in texts
    assert "重庆市道路运输管理局" in texts
    assert (
        "２.政府采购情况。所属各预算单位政府采购预算总额6060.41万元，其中：政府采购货物预算4728.6万元、政府采购工程预算0万元、政府采购服务预算1331.81万元。"
        in texts
    )
    assert texts[-1].startswith("（五）“三公”经费：指用一般公共预算财政拨款安排的因公出国（境）费")
    assert paragraphs[3].source.line == 88
    for text in texts:
        assert "${" not in text and "<%" not in text and text == text.strip()
        assert "\xa0" not in text and "download" not in text and "margin" not in text


def test_chongqing_gbk_copy(chongqing: RawDocument) -> None:
    page = CHONGQING.read_text(encoding="utf-8")
    page = re.sub(r"charset=UTF-8|pageEncoding=\"UTF-8\"", "", page)
    page = page.replace("<head>", '<head><meta charset="gbk">', 1)
    doc = read_html(page.encode("gb18030"))
    assert doc.encoding == "gb18030"
    assert [p.text for p in doc.paragraphs()] == [p.text for p in chongqing.paragraphs()]


def test_chongqing_narrative(chongqing: RawDocument) -> None:
    narrative = build_narrative(chongqing.paragraphs())
    assert [s.title for s in narrative.sections] == ["", "重庆市交通委员会2018年部门预算情况说明"]
    top = narrative.sections[1]
    assert [s.title for s in top.children] == [
        "单位基本情况",
        "部门预算情况说明",
        "“三公”经费情况说明",
        "其他重要事项的情况说明",
        "专业性名词解释",
    ]
    assert [s.title for s in top.children[0].children] == ["职能职责", "单位构成"]
    stated = {(a.subject, a.value, a.kind, a.direction, a.section[-1]) for a in narrative.stated}
    expected = [
        ("一般公共预算财政拨款收入", "324970.32", "amount", None, "部门预算情况说明"),
        ("一般公共预算财政拨款支出", "145261.52", "change", "减少", "部门预算情况说明"),
        ("基本支出", "61042.17", "amount", None, "部门预算情况说明"),
        ("基本支出", "4824.58", "change", "增加", "部门预算情况说明"),
        ("项目支出", "263928.15", "amount", None, "部门预算情况说明"),
        ("政府性基金预算收入", "38610", "amount", None, "部门预算情况说明"),
        ("三公经费预算", "2800.68", "amount", None, "“三公”经费情况说明"),
        ("三公经费预算", "295.18", "change", "减少", "“三公”经费情况说明"),
        ("因公出国(境)费用", "60", "amount", None, "“三公”经费情况说明"),
        ("公务用车购置费", "0", "amount", None, "“三公”经费情况说明"),
        ("一般公共预算财政拨款运行经费", "16252.11", "amount", None, "其他重要事项的情况说明"),
        ("一般公共预算财政拨款运行经费", "654.94", "change", "增加", "其他重要事项的情况说明"),
        ("政府采购预算", "6060.41", "amount", None, "其他重要事项的情况说明"),
        ("政府采购服务预算", "1331.81", "amount", None, "其他重要事项的情况说明"),
    ]
    for subject, value, kind, direction, section in expected:
        assert (subject, Decimal(value), kind, direction, section) in stated
    three = next(a for a in narrative.stated if a.value == Decimal("2800.68"))
    assert (three.text, three.unit, three.phrase) == ("2800.68万元", "万元", "2018年“三公”经费预算")
    assert three.wan == Decimal("2800.68")
    assert len(narrative.stated) == 26


def test_deep_nesting_does_not_recurse() -> None:
    deep = "<div>" * 3000 + "深" + "</div>" * 3000
    assert [p.text for p in read_html(deep.encode()).paragraphs()] == ["深"]
    cells = "<table><tr><td>a</td><td>" * 300 + "x" + "</td></tr></table>" * 300
    (table,) = read_html(cells.encode()).tables()
    assert table.rows[0][0].text == "a" and table.rows[0][1].text.endswith("x")
