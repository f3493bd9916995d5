"""绩效 in the store: the targets every stored package prints and the 自评 results, by year.

Four tables, added beside the base relations (the schema version is unchanged: a store
written before them works as it did, and gains them the first time it is opened for
writing by :func:`ensure`):

- ``performance_targets`` — one row per indicator of every 项目绩效目标表 of a stored
  document (sha256, department, year, kind, project, 预算金额 in 万元, 一级/二级/三级指标,
  指标值 as printed, comparator, number, unit);
- ``performance_scanned`` — the documents whose targets were written (so the migration of
  an older store reads each stored model once);
- ``performance_results`` — one row per project evaluated (``yusuan evaluate --db``):
  department, year, project, 全年预算数, 全年执行数, 执行率, 得分, 总分, 等级; evaluating
  the same department, year and project again replaces it;
- ``performance_indicator_results`` — its indicators: 指标值, 完成值 or grade, 分值, 得分,
  偏差原因.

Only a ``local`` store is written; a ``parquet`` store (a cluster's) is read as it is.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from yusuan.amounts import to_wan
from yusuan.model import Disclosure
from yusuan.rules.performance.evaluation import Evaluation
from yusuan.store.schema import MONEY
from yusuan.store.write import Store

SCORE = "DECIMAL(18,6)"
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "performance_targets": (
        ("sha256", "VARCHAR"), ("department_name", "VARCHAR"), ("year", "INTEGER"),
        ("kind", "VARCHAR"), ("project_no", "INTEGER"), ("project", "VARCHAR"),
        ("budget", MONEY), ("indicator_no", "INTEGER"), ("level1", "VARCHAR"),
        ("level2", "VARCHAR"), ("level3", "VARCHAR"), ("value_text", "VARCHAR"),
        ("comparator", "VARCHAR"), ("value", MONEY), ("unit", "VARCHAR"),
    ),
    "performance_scanned": (("sha256", "VARCHAR"),),
    "performance_results": (
        ("department", "VARCHAR"), ("year", "INTEGER"), ("project", "VARCHAR"),
        ("budget", MONEY), ("executed", MONEY), ("rate", SCORE), ("budget_score", SCORE),
        ("total", SCORE), ("level", "VARCHAR"), ("unexplained", "INTEGER"),
        ("achieved", "VARCHAR"), ("evaluated_at", "TIMESTAMP"),
    ),
    "performance_indicator_results": (
        ("department", "VARCHAR"), ("year", "INTEGER"), ("project", "VARCHAR"),
        ("indicator_no", "INTEGER"), ("kind", "VARCHAR"), ("level1", "VARCHAR"),
        ("level2", "VARCHAR"), ("level3", "VARCHAR"), ("value_text", "VARCHAR"),
        ("actual", MONEY), ("grade", "VARCHAR"), ("weight", SCORE), ("score", SCORE),
        ("reason", "VARCHAR"),
    ),
}  # fmt: skip


def present(store: Store) -> bool:
    """Whether the store has the 绩效 tables (an older, read-only store may not)."""
    names = {
        r[0]
        for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    return set(TABLES) <= names


def pending(store: Store) -> bool:
    """Whether :func:`ensure` has work: the 绩效 tables missing, or a stored document whose
    targets are not yet written."""
    if not present(store):
        return True
    row = store.con.execute(
        "SELECT count(*) FROM documents WHERE sha256 NOT IN (SELECT sha256 FROM performance_scanned)"
    ).fetchone()
    return bool(row and row[0])


def ensure(store: Store) -> None:
    """Create the 绩效 tables if missing and write the targets of every stored document not
    yet scanned (the migration of a store written before them)."""
    if store.mode != "local":
        return
    con = store.con
    with store.faults():
        con.execute("BEGIN")
        try:
            for name, cols in TABLES.items():
                defs = ", ".join(f'"{c}" {t}' for c, t in cols)
                con.execute(f'CREATE TABLE IF NOT EXISTS "{name}" ({defs})')
            todo = con.execute(
                "SELECT sha256, model FROM documents WHERE sha256 NOT IN "
                "(SELECT sha256 FROM performance_scanned)"
            ).fetchall()
            for sha, model in todo:
                d = Disclosure.model_validate_json(model)
                rows = target_rows(sha, d)
                if rows:
                    marks = ", ".join("?" * len(TABLES["performance_targets"]))
                    con.executemany(f"INSERT INTO performance_targets VALUES ({marks})", rows)
                con.execute("INSERT INTO performance_scanned VALUES (?)", [sha])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def target_rows(sha: str, d: Disclosure) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for p_no, t in enumerate(d.performance, 1):
        budget = to_wan(t.budget, t.budget_unit) if t.budget is not None and t.budget_unit else None
        for i_no, ind in enumerate(t.indicators, 1):
            rows.append(
                (
                    sha,
                    d.department_name,
                    d.year,
                    d.kind,
                    p_no,
                    t.project,
                    budget,
                    i_no,
                    ind.level1,
                    ind.level2,
                    ind.level3,
                    ind.value_text,
                    ind.comparator,
                    ind.value,
                    ind.unit,
                )
            )
    return rows


def add_evaluation(store: Store, e: Evaluation) -> int:
    """Store (or replace) the results of every project of ``e``; returns the projects."""
    ensure(store)
    con = store.con
    now = datetime.now(UTC).replace(tzinfo=None)
    with store.faults():
        con.execute("BEGIN")
        try:
            for p in e.projects:
                key = [e.department, e.year, p.filled.project]
                for name in ("performance_results", "performance_indicator_results"):
                    con.execute(
                        f"DELETE FROM {name} WHERE department = ? AND year IS NOT DISTINCT FROM ?"
                        " AND project = ?",
                        key,
                    )
                unexplained = sum(1 for f in p.findings if f.severity == "warning")
                con.execute(
                    "INSERT INTO performance_results VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [
                        *key,
                        p.filled.budget,
                        p.filled.executed,
                        p.rate,
                        p.score.budget_score,
                        p.score.shown,
                        p.score.level,
                        unexplained,
                        p.filled.achieved,
                        now,
                    ],
                )
                for n, s in enumerate(p.score.indicators, 1):
                    ind, r = s.result.indicator, s.result
                    con.execute(
                        "INSERT INTO performance_indicator_results VALUES "
                        "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [
                            *key,
                            n,
                            s.kind,
                            ind.level1,
                            ind.level2,
                            ind.level3,
                            ind.value_text,
                            r.actual,
                            r.grade,
                            s.weight,
                            s.score,
                            r.reason,
                        ],
                    )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return len(e.projects)


def results(store: Store, department: str | None, year: int | None) -> dict[str, dict[str, Any]]:
    """The stored results of one department and year, by project."""
    if not present(store) or not department:
        return {}
    cur = store.con.execute(
        "SELECT project, budget, executed, rate, total, level, unexplained FROM performance_results"
        " WHERE department = ? AND year IS NOT DISTINCT FROM ?",
        [department, year],
    )
    return {
        r[0]: {
            "budget": r[1],
            "executed": r[2],
            "rate": r[3],
            "total": r[4],
            "level": r[5],
            "unexplained": r[6],
        }
        for r in cur.fetchall()
    }


def indicator_results(
    store: Store, department: str | None, year: int | None
) -> dict[tuple[str, str], dict[str, Any]]:
    """The stored indicator results of one department and year, by (project, 三级指标)."""
    if not present(store) or not department:
        return {}
    cur = store.con.execute(
        "SELECT project, level3, actual, grade, weight, score, reason"
        " FROM performance_indicator_results WHERE department = ? AND year IS NOT DISTINCT FROM ?",
        [department, year],
    )
    return {
        (r[0], r[1]): {
            "actual": r[2],
            "grade": r[3],
            "weight": r[4],
            "score": r[5],
            "reason": r[6],
        }
        for r in cur.fetchall()
    }


def overview(store: Store) -> list[dict[str, Any]]:
    """Per department and year: documents' projects with targets and indicators, and the
    projects evaluated with their average 总分 and grade counts (years side by side)."""
    if not present(store):
        return []
    cur = store.con.execute(
        "WITH t AS (SELECT department_name AS department, year, count(DISTINCT sha256 || project)"
        " AS projects, count(*) AS indicators, sum(budget) AS budget FROM performance_targets"
        " GROUP BY ALL), "
        "r AS (SELECT department, year, count(*) AS evaluated, avg(total) AS average,"
        " count(*) FILTER (WHERE level = '优') AS you, count(*) FILTER (WHERE level = '良') AS liang,"
        " count(*) FILTER (WHERE level = '中') AS zhong, count(*) FILTER (WHERE level = '差') AS cha"
        " FROM performance_results GROUP BY ALL) "
        "SELECT coalesce(t.department, r.department), coalesce(t.year, r.year), t.projects,"
        " t.indicators, t.budget, r.evaluated, r.average, r.you, r.liang, r.zhong, r.cha"
        " FROM t FULL JOIN r ON t.department = r.department AND t.year = r.year"
        " ORDER BY 1, 2"
    )
    keys = ("department", "year", "projects", "indicators", "budget", "evaluated", "average",
            "优", "良", "中", "差")  # fmt: skip
    out = [dict(zip(keys, r, strict=True)) for r in cur.fetchall()]
    for row in out:
        if row["average"] is not None:
            row["average"] = Decimal(str(row["average"])).quantize(Decimal("0.01"))
    return out


__all__ = [
    "TABLES",
    "add_evaluation",
    "ensure",
    "indicator_results",
    "overview",
    "pending",
    "results",
]
