"""部门 = Σ 所属单位: a 部门 package against the sum of its stored 单位 packages.

A 部门 package consolidates the department's own unit (本级/本部) and the units
under it; when they are all stored, each line of the 部门 package should equal the
sum of the same line over the 单位 packages (same year and kind). The units of a
department are the stored 单位 packages whose code extends the department's code
(``101`` → ``101001``), or whose name the 部门 package names in its narrative
(Shanghai's 机构设置 lists them: ``1. 上海市普陀区万里街道社区事务受理服务中心。``).

A line is flagged when the difference exceeds what rounding explains: half a unit
of the last printed digit of every figure involved.
"""

from __future__ import annotations

from decimal import Decimal

from yusuan import regex
from yusuan.model import Disclosure
from yusuan.store.diff import DiffLine, lines, percent
from yusuan.store.write import Store

_SUFFIX = regex.compile(r"[（(](?:本级|本部|机关)[）)]$")


def _narrative_text(d: Disclosure) -> str:
    return "".join(p.text for s in d.narrative.walk() for p in s.paragraphs).replace(" ", "")


def unit_documents(store: Store, dept_sha: str) -> list[str]:
    """The stored 单位 packages that belong to the 部门 package ``dept_sha``."""
    dept = store.load(dept_sha)
    text = _narrative_text(dept)
    with store.faults():
        rows = store.con.execute(
            "SELECT sha256, department_code, department_name FROM documents "
            "WHERE level = '单位' AND year IS NOT DISTINCT FROM ? AND kind IS NOT DISTINCT FROM ? "
            "AND sha256 <> ? ORDER BY department_code, department_name, sha256",
            [dept.year, dept.kind, dept_sha],
        ).fetchall()
    out = []
    for sha, code, name in rows:
        by_code = bool(
            dept.department_code
            and code
            and code != dept.department_code
            and code.startswith(dept.department_code)
        )
        short = _SUFFIX.sub("", (name or "").replace(" ", ""))
        by_name = bool(short) and (short in text or short == (dept.department_name or ""))
        if by_code or by_name:
            out.append(str(sha))
    return out


def units_of(store: Store, dept: Disclosure) -> list[Disclosure]:
    """The stored 单位 packages of the 部门 package ``dept`` (an InputError when
    ``dept`` is not a 部门 package or none of its units is stored)."""
    from yusuan.errors import InputError
    from yusuan.store.diff import describe
    from yusuan.store.rows import model_key

    if dept.level != "部门":
        raise InputError(
            f"{describe(dept)} 不是部门预决算", f"{describe(dept)} is not a 部门 package"
        )
    shas = unit_documents(store, model_key(dept))
    if not shas:
        raise InputError(
            f"库中没有 {describe(dept)} 的单位文档", "no stored 单位 package belongs to it"
        )
    return [store.load(s) for s in shas]


def consolidate(dept: Disclosure, units: list[Disclosure]) -> list[DiffLine]:
    """Each line of ``dept`` that some unit prints: A = 部门, B = Σ 单位."""
    unit_lines = [lines(u) for u in units]
    out: list[DiffLine] = []
    for key, line in lines(dept).items():
        present = [lu[key] for lu in unit_lines if key in lu]
        if not present:
            continue
        total = sum((u.value for u in present), Decimal(0))
        change = total - line.value
        bound = line.half_ulp + sum((u.half_ulp for u in present), Decimal(0))
        flagged = abs(change) > bound
        out.append(
            DiffLine.of(
                line,
                line.value,
                total,
                change,
                flagged,
                pct=percent(line.value, change),
                status="mismatch" if flagged else None,
                evidence=f"{len(present)}/{len(units)} 个单位有此行",
            )
        )
    return out
