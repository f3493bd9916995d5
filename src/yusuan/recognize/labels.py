"""Row labels: their numbering (一、 / （一） / 1、 / ①), depths and split 类/款/项 codes."""

from __future__ import annotations

from yusuan import regex
from yusuan.model import Row
from yusuan.recognize.header import key_of
from yusuan.regex import lazy

_NUMBERING = regex.compile(
    r"^\s*(?:其中\s*[:：])?\s*(?:[一二三四五六七八九十百]+\s*[、.．]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|\d{1,3}\s*[、.．](?!\d)|[①-⑳])?\s*(?:其中\s*[:：])?\s*"
)
CN_TOP = regex.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_PAREN = regex.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]")
ARABIC = regex.compile(r"^\d{1,2}\s*[、.．](?!\d)")
_SUB = regex.compile(r"^(?:[（(]\s*\d+\s*[)）]|[①-⑳])")
_TOTAL_ITEM = regex.compile(r"(合计|总计|小计|总额)$")


def strip_numbering(label: str) -> str:
    """Row label without 一、 / （一） / 1、 numbering, ``其中：`` or whitespace."""
    return key_of(_NUMBERING.sub("", label, count=1)) if label else ""


_DASHED_CODE = lazy(r"\d+(?:-\d+)+")


def with_depths(rows: list[Row]) -> list[Row]:
    """Set ``Row.depth`` from codes, numbering, indentation and 其中.

    In a table whose top rows are numbered 一、二、, an unnumbered, unindented row right
    after a 其中 row (or another row of its list) continues that list: a PDF does not keep
    the spaces a text export aligns it with (“其中：公务用车购置费 / 公务用车运行维护费”).
    """
    has_cn = any(CN_TOP.match(r.label.strip()) for r in rows)
    out: list[Row] = []
    last: dict[str | None, int] = {}  # last non-child depth per section
    run: dict[str | None, int] = {}  # the depth of the 其中 list the last row belongs to
    for r in rows:
        label = r.label.strip()
        depth: int | None
        goes_on = False
        if r.code and r.code.isdigit():
            depth = {3: 0, 5: 1, 7: 2}.get(len(r.code), 2)
        elif r.code and _DASHED_CODE.fullmatch(r.code):
            depth = r.code.count("-")  # split parts of a misprinted code: 类-款-项 is a 项
        elif _TOTAL_ITEM.search(r.item) and not CN_TOP.match(label):
            depth = None
        elif label.startswith("其中") or (r.label[:1].isspace() and label):
            depth = last.get(r.section, 0) + 1
        elif CN_TOP.match(label):
            depth = 0
        elif _PAREN.match(label):
            depth = 1
        elif ARABIC.match(label):
            depth = 1 if has_cn else 0
        elif _SUB.match(label):
            depth = 2 if has_cn else 1
        elif has_cn and r.section in run and label:
            depth = run[r.section]  # the 其中 list goes on
            goes_on = True
        else:
            depth = 0
        child = label.startswith("其中") or r.label[:1].isspace()
        if depth is not None and not (child or goes_on):
            last[r.section] = depth
        if depth is not None and (child or goes_on):
            run[r.section] = depth
        else:
            run.pop(r.section, None)
        out.append(r.model_copy(update={"depth": depth}) if depth != r.depth else r)
    return out


#: full-width digits (０–９, as a Chinese input method types them) in a 科目编码
_WIDE_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def ascii_digits(code: str) -> str:
    """A printed code with its full-width digits read as ASCII (２０１０１０４ → 2010104)."""
    return code.translate(_WIDE_DIGITS)


def join_codes(parts: list[str]) -> str | None:
    """One 科目编码 from the parts printed in split 类 / 款 / 项 columns.

    A 款 or 项 part printed as one digit (``2`` for ``02``, the cell formatted as a
    number) is padded back to two.  When a part still has the wrong width (a 类
    printed ``7``) the parts are kept apart (``7-11-02``), so the code reads as the
    malformed code it is instead of a different valid-looking one.  Full-width digits are
    read as ASCII ones.
    """
    parts = [ascii_digits(p) for p in parts]
    if len(parts) < 2 or not all(p.isdigit() for p in parts):
        return "".join(parts) or None
    tail = [p.zfill(2) if len(p) == 1 else p for p in parts[1:]]
    if len(parts[0]) != 3 or any(len(p) != 2 for p in tail):
        return "-".join([parts[0], *tail])
    return parts[0] + "".join(tail)
