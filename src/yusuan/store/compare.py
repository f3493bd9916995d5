"""Departments ranked side by side on headline figures (``yusuan compare``).

The figures are the ``metrics`` relation (:mod:`yusuan.store.metrics`): one row
per stored document of the year, one column per metric asked for, ranked by the
first metric, largest first; a document that does not print that figure is
listed last with a blank, never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from yusuan.errors import InputError
from yusuan.store.metrics import METRIC_ALIASES
from yusuan.store.templates import not_template_sql
from yusuan.store.write import Store


@dataclass(frozen=True, slots=True)
class Ranking:
    metrics: tuple[str, ...]
    columns: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]


def metric_name(alias: str) -> str:
    """The stored metric an alias names (``三公`` → ``三公经费``)."""
    name = METRIC_ALIASES.get(alias.strip())
    if name is None:
        known = "、".join(dict.fromkeys(METRIC_ALIASES))
        raise InputError(
            f"没有指标“{alias}”，可选：{known}", f"no metric {alias!r}; choose one of: {known}"
        )
    return name


def compare(
    store: Store,
    year: int,
    metrics: list[str],
    *,
    kind: str | None = None,
    level: str | None = None,
) -> Ranking:
    """Rank the stored documents of ``year`` by the first of ``metrics``."""
    names = tuple(dict.fromkeys(metric_name(m) for m in metrics or ["三公"]))
    pivots = ", ".join(
        f"max(CASE WHEN m.metric = ${i} THEN m.value END) AS m{i}" for i, _ in enumerate(names, 1)
    )
    args: list[Any] = [*names, year]
    where = f"d.year = ${len(args)} AND {not_template_sql()}"  # blank templates rank nowhere
    for column, value in (("kind", kind), ("level", level)):
        if value:
            args.append(value)
            where += f" AND d.{column} = ${len(args)}"
    sql = (
        f"SELECT d.department_code, d.department_name, d.kind, d.level, {pivots}, d.sha256 "
        "FROM documents d LEFT JOIN metrics m ON m.sha256 = d.sha256 "
        f"WHERE {where} "
        "GROUP BY d.sha256, d.department_code, d.department_name, d.kind, d.level "
        "ORDER BY m1 DESC NULLS LAST, d.department_name, d.sha256"
    )
    with store.faults():
        found = store.con.execute(sql, args).fetchall()
    rows = []
    rank = 0
    for row in found:
        first: Decimal | None = row[4]
        if first is not None:
            rank += 1
        rows.append((rank if first is not None else None, *row[:-1], str(row[-1])[:12]))
    units = ["%" if n.endswith("占比") else "万元" for n in names]
    columns = (
        "排名",
        "部门编码",
        "部门名称",
        "类型",
        "级次",
        *(f"{n}（{u}）" for n, u in zip(names, units, strict=True)),
        "sha256",
    )
    return Ranking(names, columns, tuple(rows))
