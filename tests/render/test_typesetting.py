"""Typesetting of the rendered package, checked on the files themselves.

Chinese line breaking (避头尾) in the PDF's extracted lines, every table inside its page,
no lone row at a page break, 目录 page numbers (PDF, and the docx TOC field's initial text),
HTML 目录 links, header labels without hard spaces, headings numbered once, fixed docx column
widths; the blank parent row filled and said; ``--strict``; the workbook hint.
"""

from __future__ import annotations

import itertools
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from support import REFERENCE
from yusuan.cli import app
from yusuan.model import Disclosure, Table, TableId
from yusuan.render.blocks import tidy
from yusuan.render.grid import Grid, Placed
from yusuan.render.linebreak import CANNOT_END, CANNOT_START, allowed, breaks
from yusuan.render.package import Heading, Package, Part, TableBlock, compose
from yusuan.render.pdf import KEEP_ROWS, MARGIN, write_pdf
from yusuan.render.run import GateBlocked, render

runner = CliRunner()


@pytest.fixture(scope="module", params=["预算", "决算"])
def source(request: pytest.FixtureRequest, reference: Disclosure) -> Disclosure:
    """What is typeset: the reference 预算, and a 决算 rebuilt from a corpus 决算 through its
    input workbook (parsed PDF → ``template --from`` → workbook, read back)."""
    if request.param == "预算":
        return reference
    from yusuan.api import load

    return load(request.getfixturevalue("final_workbook"))


@pytest.fixture(scope="module")
def files(source: Disclosure, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("typeset")
    result = render(source, ("docx", "html", "pdf"), out, stem="package")
    return {p.suffix[1:]: p for p in result.paths}


@pytest.fixture(scope="module")
def pages(files: dict[str, Path]) -> list[str]:
    with pdfplumber.open(files["pdf"]) as pdf:
        return [p.extract_text() or "" for p in pdf.pages]


# ------------------------------------------------------------------ line breaking


def _segments(text: str) -> list[str]:
    """Each line's runs between gaps (a table row prints one run per cell); dot leaders out."""
    return [s for line in text.splitlines() for s in line.split() if set(s) - {"."}]


def test_no_pdf_line_starts_or_ends_with_a_forbidden_mark(
    source: Disclosure, pages: list[str]
) -> None:
    bad = [
        (n, s)
        for n, text in enumerate(pages, 1)
        for s in _segments(text)
        if s[0] in CANNOT_START or s[-1] in CANNOT_END
    ]
    assert not bad
    # the text does wrap: many lines end just before a mark that went down with them
    assert sum(len(t.splitlines()) for t in pages) > (300 if source.kind == "预算" else 200)


TEXT = st.text(
    alphabet="预算收入支出合计（）《》“”，。、；：？！2023.5abc ", min_size=1, max_size=80
)


@settings(max_examples=300, deadline=None)
@given(text=TEXT, width=st.integers(min_value=2, max_value=12))
def test_breaks_keep_the_rule_wherever_a_line_can_break(text: str, width: int) -> None:
    starts = breaks(text, [1.0] * len(text), [float(width)])
    assert starts[0] == 0 and starts == sorted(set(starts))
    ends = [*starts[1:], len(text)]
    for a, b in zip(starts, ends, strict=True):
        assert 0 < b - a <= width  # every line fits and holds something
    for a, k in itertools.pairwise(starts):
        # a forbidden break only where the line had no allowed place at all
        assert allowed(text, k) or not any(allowed(text, j) for j in range(a + 1, k + 1))


def test_breaks_push_a_comma_down_with_its_character() -> None:
    text = "甲乙丙丁，戊己"
    starts = breaks(text, [1.0] * len(text), [4.0])
    assert starts == [0, 3, 7] or text[starts[1]] != "，"
    assert [text[a:b] for a, b in zip(starts, [*starts[1:], 7], strict=True)][1][0] != "，"
    number = "合计1,234.56万元"
    cut = breaks(number, [1.0] * len(number), [6.0])
    assert all(not (number[k - 1].isdigit() and number[k].isdigit()) for k in cut[1:])


# ------------------------------------------------------------------ tables on the page


def test_every_table_fits_its_page(source: Disclosure, files: dict[str, Path]) -> None:
    with pdfplumber.open(files["pdf"]) as pdf:
        assert len(pdf.pages) > (20 if source.kind == "预算" else 12)
        for page in pdf.pages:
            for edge in (*page.rects, *page.lines):
                assert MARGIN - 1 <= edge["x0"] and edge["x1"] <= page.width - MARGIN + 1
            for ch in page.chars:
                assert MARGIN - 1 <= ch["x0"] and ch["x1"] <= page.width - MARGIN + 1, ch["text"]


def _grid(k: int, rows: int) -> Grid:
    return Grid(
        title=f"测试表{k}",
        meta=["编制部门：测试局", "预算年度：2024", "单位：万元"],
        header=[Placed("项目", 0, 0, 0, 0), Placed("金额", 0, 1, 0, 1)],
        depth=1,
        lanci=None,
        body=[[f"T{k}R{i}项目名称", f"{i}.00"] for i in range(rows)],
        kinds=["item", "amount"],
    )


def test_a_page_break_leaves_no_lone_row(tmp_path: Path, reference: Disclosure) -> None:
    table = reference.tables[0]
    sizes = list(range(36, 60))  # around a page's worth, so one of them splits one row off
    pkg = Package("测试局", None, 2024, "预算", "部门", [])
    pkg.parts = [
        Part("第二部分 表", "表", [TableBlock(table, _grid(k, n)) for k, n in enumerate(sizes)])
    ]
    path = write_pdf(pkg, tmp_path / "rows.pdf")
    counts: dict[int, list[int]] = {}
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            text = page.extract_text() or ""
            for k in {int(m) for m in re.findall(r"T(\d+)R", text)}:
                counts.setdefault(k, []).append(len(re.findall(rf"T{k}R\d+", text)))
    split = [c for c in counts.values() if len(c) > 1]
    assert split, "some table runs over a page"
    for k, per_page in counts.items():
        assert sum(per_page) == sizes[k]
        assert min(per_page) >= KEEP_ROWS, (sizes[k], per_page)


# ------------------------------------------------------------------ 目录


def _toc_pages(toc_text: str) -> dict[str, int]:
    out = {}
    for line in toc_text.splitlines():
        m = re.match(r"^(.*?)[ .]*?(\d+)$", line.strip())
        if m and "." in line:
            out[m.group(1).strip(" .")] = int(m.group(2))
    return out


def test_pdf_toc_page_numbers_are_where_the_tables_are(
    source: Disclosure, pages: list[str]
) -> None:
    toc = _toc_pages(pages[1])
    pkg = compose(source)
    titles = [b.grid.title for b in pkg.tables()]
    assert len([t for t in titles if t in toc]) >= (12 if source.kind == "预算" else 9)
    for title in titles:
        if title in toc:
            assert title in pages[toc[title] - 1], title


def _printed(target: object) -> str:
    """The text a 目录 entry's target prints: a part's title, a heading, a table's title."""
    if isinstance(target, TableBlock):
        return target.grid.title
    assert isinstance(target, Part | Heading)
    return target.title if isinstance(target, Part) else target.text


def test_docx_toc_pages_are_pageref_fields_to_the_titles(
    source: Disclosure, files: dict[str, Path], pages: list[str]
) -> None:
    """Each 目录 entry's number is a PAGEREF field (Word updates it on opening, LibreOffice
    lays it out live) to a bookmark on its title; its text until then is the PDF's page."""
    with zipfile.ZipFile(files["docx"]) as z:
        body = z.read("word/document.xml").decode("utf-8")
        settings_xml = z.read("word/settings.xml").decode("utf-8")
    assert '<w:updateFields w:val="true"/>' in settings_xml
    refs = re.findall(r"<w:instrText[^>]*> PAGEREF (_Toc\d+) \\h </w:instrText>", body)
    marks = re.findall(r'<w:bookmarkStart w:id="\d+" w:name="(_Toc\d+)"/>', body)
    pkg = compose(source)
    assert len(refs) == len(pkg.toc()) and sorted(refs) == sorted(marks)
    import docx

    document = docx.Document(str(files["docx"]))
    entries = [p.text for p in document.paragraphs if re.fullmatch(r"[^\t]+\t\d+", p.text)]
    assert [e.split("\t")[0] for e in entries] == [t for _, t in pkg.toc()]
    pdf_pages = [int(m) for m in re.findall(r"\. (\d+)$", pages[1], flags=re.M)]
    assert [int(e.split("\t")[1]) for e in entries] == pdf_pages
    # the bookmarks sit on the part headings, section headings and table titles, in 目录 order
    titled = []
    for p in document.paragraphs:
        found = p._p.find(qn("w:bookmarkStart"))
        if found is not None and found.get(qn("w:name")).startswith("_Toc"):
            titled.append(p.text)
    assert titled == [_printed(target) for _, _, target in pkg.toc_blocks()]
    if source.kind == "预算":
        assert "三、机关运行经费安排情况" in titled  # a 情况说明 section heading
    titles = [b.grid.title for b in pkg.tables()]
    # table titles carry their own style (表标题), kept with the table
    styled = {
        p.text for p in document.paragraphs if p.style is not None and p.style.name == "表标题"
    }
    assert set(titles) <= styled


def test_docx_tables_keep_rows_and_widths(source: Disclosure, files: dict[str, Path]) -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(str(files["docx"]))
    for table in document.tables:
        tbl = table._tbl
        assert tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
        for row in table.rows:
            assert row._tr.trPr.find(qn("w:cantSplit")) is not None
        assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
        # the last rows keep together: the one before last keeps with the last
        if len(table.rows) > 4:
            assert table.rows[-2].cells[0].paragraphs[0].paragraph_format.keep_with_next
    if source.kind == "决算":  # no 序号: the 基本支出表's 科目名称 wider than its 科目编码
        basic = next(t for t in document.tables if "经济分类科目编码" in t.rows[0].cells[0].text)
        widths = [int(c.get(qn("w:w"))) for c in basic._tbl.tblGrid.findall(qn("w:gridCol"))]
        assert len(widths) == 6 and widths[1] > widths[0] and widths[4] > widths[3]
        return
    summary = next(t for t in document.tables if "项目" in t.rows[0].cells[1].text)
    widths = [int(c.get(qn("w:w"))) for c in summary._tbl.tblGrid.findall(qn("w:gridCol"))]
    assert widths[1] > 1.5 * widths[0]  # 项目 wide, 序号 narrow


def test_html_toc_links_resolve(source: Disclosure, files: dict[str, Path]) -> None:
    html = files["html"].read_text(encoding="utf-8")
    targets = re.findall(r'<a href="#([^"]+)">', html)
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    assert len(targets) >= len(compose(source).toc()) >= 12 and set(targets) <= ids


# ------------------------------------------------------------------ text of the package


def test_header_labels_have_no_hard_spaces(reference: Disclosure) -> None:
    assert tidy("财政拨款 收入") == "财政拨款收入" and tidy("项  目") == "项目"
    assert tidy("2023 年") == "2023 年"  # only between Chinese characters
    labels = [p.label for b in compose(reference).tables() for p in b.grid.header]
    assert "财政拨款收入" in labels
    assert not [x for x in labels if re.search(r"[\u4e00-\u9fff][\s\u3000]+[\u4e00-\u9fff]", x)]


def test_headings_are_numbered_once(reference: Disclosure) -> None:
    pkg = compose(reference)
    texts = [p.title for p in pkg.parts] + [
        b.text for p in pkg.parts for b in p.blocks if isinstance(b, Heading)
    ]
    for mark in ("第一部分", "第二部分", "第三部分"):
        assert sum(t.startswith(mark) for t in texts) == 1, mark
    assert "（二）预算项目绩效目标" in texts


def test_unit_package_says_unit(reference: Disclosure) -> None:
    pkg = compose(reference.model_copy(update={"level": "单位"}))
    generated = [pkg.title, *(p.title for p in pkg.parts), *(p.toc for p in pkg.parts)]
    assert not [t for t in generated if "部门" in t]
    blocks = [b for b in pkg.parts[0].blocks if not isinstance(b, TableBlock)]
    texts = [b.text for b in blocks]
    assert "一、单位职责及机构设置情况" in texts and "单位职责：" in texts
    assert "二、单位预算安排的总体情况" in texts
    assert any(t.startswith("2023年单位支出预算为") for t in texts)
    metas = [m for b in pkg.tables() for m in b.grid.meta if m.startswith("编制")]
    assert metas and all(m.startswith("编制单位：") for m in metas)


# ------------------------------------------------------------------ warnings and the gate


def _misordered(reference: Disclosure) -> Disclosure:
    """The reference with 2010101 and 2010102 printed in the wrong order in the 支出总表:
    YS208, a warning."""

    def swap(table: Table) -> Table:
        if table.id is not TableId.EXPENDITURE:
            return table
        at = {r.code: r.index for r in table.rows}
        order = {"2010101": at["2010102"], "2010102": at["2010101"]}
        rows = tuple(
            r.model_copy(update={"index": order[r.code]}) if r.code in order else r
            for r in table.rows
        )
        return table.model_copy(update={"rows": tuple(sorted(rows, key=lambda r: r.index))})

    return reference.model_copy(update={"tables": tuple(swap(t) for t in reference.tables)})


def test_strict_blocks_on_warnings(reference: Disclosure, tmp_path: Path) -> None:
    d = _misordered(reference)
    done = render(d, ("html",), tmp_path / "lax")
    assert done.report.summary["warning"] >= 1 and not done.report.has_errors
    with pytest.raises(GateBlocked) as blocked:
        render(d, ("html",), tmp_path / "strict", strict=True)
    assert blocked.value.strict and not (tmp_path / "strict").exists()
    model = tmp_path / "model.json"
    model.write_text(d.model_dump_json(), encoding="utf-8")
    lax = runner.invoke(app, ["render", str(model), "--to", "html", "-o", str(tmp_path / "c")])
    assert lax.exit_code == 0, lax.output
    assert "警告 YS208" in lax.output and "校验：错误 0 · 警告 1" in lax.output
    strict = runner.invoke(
        app, ["render", str(model), "--to", "html", "-o", str(tmp_path / "d"), "--strict"]
    )
    assert strict.exit_code == 1 and "校验发现警告（--strict）" in strict.output


def test_render_fills_and_says_the_blank_parent_row(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["render", str(REFERENCE), "--to", "html", "-o", str(tmp_path), "--strict"]
    )
    assert result.exit_code == 0, result.output
    assert "已补：《部门预算财政拨款“三公”经费支出表》行“二、公务用车购置及运维费”列“合计”" in (
        result.output
    )
    assert "校验：错误 0 · 警告 0" in result.output


def test_a_published_package_missing_a_reason_points_at_template_from(
    reference: Disclosure, tmp_path: Path
) -> None:
    narrative = reference.narrative.model_copy(update={"sections": (), "stated": ()})
    bare = reference.model_copy(update={"narrative": narrative})
    model = tmp_path / "bare.json"
    model.write_text(bare.model_dump_json(), encoding="utf-8")
    result = runner.invoke(app, ["render", str(model), "--to", "html", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert f"yusuan template --from {model}" in result.output


def test_a_second_pdf_in_one_process_keeps_its_text(tmp_path: Path, reference: Disclosure) -> None:
    """Each font subset has its own PostScript name: ReportLab registers faces by that name,
    and a second document's subset under the first one's name extracted as NULs."""
    table = reference.tables[0]
    first = Package("测试局", None, 2024, "预算", "部门", [])
    first.parts = [Part("第二部分 表", "表", [TableBlock(table, _grid(0, 3))])]
    write_pdf(first, tmp_path / "first.pdf")
    second = write_pdf(compose(reference), tmp_path / "second.pdf")
    with pdfplumber.open(second) as pdf:
        cover = pdf.pages[0].extract_text() or ""
    assert "平乡县人民代表大会常务委员会" in cover and "\x00" not in cover
