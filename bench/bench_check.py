"""Benchmark: checking the reference in-process, and scaling with table size.

    python bench/bench_check.py [--repeat 30]

Prints the median time to check the reference (parsing excluded), the median time to
parse it, and the check time on synthetic expenditure tables of 500 … 5,000 rows, with
the time per row (linear growth keeps it flat).
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from decimal import Decimal
from pathlib import Path

from yusuan.api import load
from yusuan.check import check
from yusuan.read.text import parse_text
from yusuan.recognize import recognize

REFERENCE = Path(__file__).parent.parent / "examples" / "pingxiang-renda-2023.txt"


def median_time(fn: object, repeat: int, clock: object = time.perf_counter) -> float:
    """Median of ``repeat`` runs, by wall clock or (``time.process_time``) this
    process's CPU time, which other load on a shared machine disturbs far less."""
    times = []
    for _ in range(repeat):
        t = clock()  # type: ignore[operator]
        fn()  # type: ignore[operator]
        times.append(clock() - t)  # type: ignore[operator]
    return statistics.median(times)


def synthetic_body(rows: int) -> list[list[str]]:
    """The body of a synthetic 支出总表: a 合计 row, then per ten 项 rows their 款 row;
    each row is 科目编码, 科目名称, 合计, 基本支出, 项目支出 (blank), totals consistent."""
    body: list[list[str]] = []
    per_kuan = 10
    kuans = max(1, rows // per_kuan)
    lei_total = Decimal(0)
    kuan_rows: list[list[str]] = []
    for k in range(kuans):
        kcode = f"201{k % 100:02d}" if k < 100 else f"2{(k // 100) % 90 + 10:02d}{k % 100:02d}"
        items = [
            [f"{kcode}{i:02d}", f"项目{k}-{i}", Decimal(i + 1) + Decimal("0.25")]
            for i in range(per_kuan)
        ]
        ktotal = sum((it[2] for it in items), Decimal(0))
        lei_total += ktotal
        kuan_rows.append([kcode, f"款{k}", str(ktotal), str(ktotal), ""])
        kuan_rows += [[c, n, str(v), str(v), ""] for c, n, v in items]
    body.append(["", "合计", str(lei_total), str(lei_total), ""])
    body += kuan_rows
    return body


def synthetic_expenditure(rows: int) -> str:
    """A 支出总表 text export with ``rows`` 项 rows under consistent 类/款 totals."""
    lines = ["部门预算支出总表", "\t999测试部门", "\t预算年度：2023", "\t单位：万元", ""]
    header = ["序号", "功能分类科目", "合计", "基本支出", "项目支出"]
    lines += [f"\t{h}" for h in header] + [""]
    lines += ["\t", "\t科目编码", "\t科目名称", "\t", "\t", "\t", ""]
    for n, row in enumerate(synthetic_body(rows), 1):
        lines += [f"\t{n}", *(f"\t{c}" for c in row), ""]
    return "\n".join(lines) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=30)
    args = ap.parse_args()
    print(
        f"machine: {platform.machine()} · {platform.python_implementation()} {platform.python_version()}"
    )
    ref = load(REFERENCE)
    check(ref)
    for label, clock in (("wall", time.perf_counter), ("cpu", time.process_time)):
        parse_s = median_time(lambda: load(REFERENCE), args.repeat, clock)
        check_s = median_time(lambda: check(ref), args.repeat, clock)
        print(
            f"reference ({label}): parse median {parse_s * 1000:.1f} ms · "
            f"check median {check_s * 1000:.1f} ms ({len(check(ref).coverage)} rules)"
        )
    for rows in (500, 1000, 2000, 5000):
        d = recognize(parse_text(synthetic_expenditure(rows)))
        n = len(d.tables[0].rows)
        s = median_time(lambda d=d: check(d), max(3, args.repeat // 6), time.process_time)
        print(
            f"synthetic {n:5d} rows: check median {s * 1000:8.1f} ms cpu · {s / n * 1e6:6.1f} µs/row"
        )


if __name__ == "__main__":
    main()
