"""Departments ranked side by side on headline figures (``yusuan compare``).

The figures are the ``metrics`` relation (:mod:`yusuan.store.metrics`): one row
per department of the year, one column per metric asked for, ranked by the
first metric, largest first; a document that does not print that figure is
listed last with a blank, never as 0. Each level is ranked on its own (部门 first, then
单位, each from 1), and a department with several documents of one kind and level has
one row, the others counted in ``同部门另有`` — as the ranking page does (``/compare``).
"""

from __future__ import annotations

from dataclasses import dataclass
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
    # one level at a time: a 部门's own filing and one of its 单位's are not two departments
    # (each level ranked from 1, 部门 first; an unread level counts as 部门), and within a
    # level one row per department and kind, its other documents counted beside it
    by_level: dict[str, list[list[Any]]] = {"部门": [], "单位": []}
    slots: dict[tuple[Any, ...], list[Any]] = {}
    for row in found:
        code, name, kind_, level_ = row[:4]
        lvl = level_ if level_ in by_level else "部门"
        slot = (code or name or row[-1], lvl, kind_)
        if slot in slots:
            slots[slot][-2] += 1
            continue
        line = [None, *row[:-1], 0, str(row[-1])[:12]]
        slots[slot] = line
        by_level[lvl].append(line)
    rows = []
    for lines in by_level.values():
        rank = 0
        for line in lines:
            if line[5] is not None:
                rank += 1
                line[0] = rank
            rows.append(tuple(line))
    units = ["%" if n.endswith("占比") else "万元" for n in names]
    columns = (
        "排名",
        "部门编码",
        "部门名称",
        "类型",
        "级次",
        *(f"{n}（{u}）" for n, u in zip(names, units, strict=True)),
        "同部门另有",
        "sha256",
    )
    return Ranking(names, columns, tuple(rows))
