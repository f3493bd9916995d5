"""A cover whose words are a picture (the title drawn as an image, only the page number as
text): the reader says so (``image-text page 1``), and YS318, which has no department name to
compare, says why in its could-not-run reason.  Near miss: the same cover with its title as
text is no image page."""

from __future__ import annotations

from pathlib import Path

from support.pdf_maker import Page, write_pdf
from yusuan.api import load
from yusuan.check import check

PROSE = "第一部分 部门概况"
SENTENCE = "2019年部门收入预算总计100.00万元，支出预算总计100.00万元。"


def package(tmp_path: Path, cover_text: str | None) -> Path:
    cover = Page(image=True).text(280, 800, "- 1 -")
    if cover_text:
        cover.text(120, 300, cover_text, size=20)
    body = Page().text(60, 80, PROSE, size=14).text(60, 120, SENTENCE).text(280, 800, "- 2 -")
    return write_pdf(tmp_path / "cover.pdf", [cover, body])


def test_image_cover_is_named_in_the_reason(tmp_path: Path) -> None:
    d = load(package(tmp_path, None))
    assert [x.split(":")[0] for x in d.diagnostics if x.startswith("image-text")] == [
        "image-text page 1"
    ]
    (cov,) = check(d, select=["YS318"]).coverage
    assert cov.status == "could_not_run"
    assert "封面（第1页）的文字是图片" in (cov.reason or "")


def test_text_cover_is_no_image_page(tmp_path: Path) -> None:
    d = load(package(tmp_path, "江苏省示例厅2019年度部门预算公开"))
    assert not [x for x in d.diagnostics if x.startswith("image-text")]
    (cov,) = check(d, select=["YS318"]).coverage
    assert "图片" not in (cov.reason or "")
