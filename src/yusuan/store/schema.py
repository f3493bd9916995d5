"""The store's schema: base tables, the views for common questions, and its creation.

The base relations are the same in both storage modes:

- ``local``: one DuckDB file holds them as tables (``yusuan ingest --db``);
- ``parquet``: a DuckDB file holds views over Parquet partitions written by
  distributed workers (``yusuan ingest --scheduler``), one file per batch and
  relation, made visible by the batch's commit record (:mod:`yusuan.store.distributed`).

The derived views (:data:`VIEWS`) read only the base relations, so queries,
``compare`` and ``diff`` work the same on both. ``docs/store.md`` documents
every column; change both together.
"""

from __future__ import annotations

from yusuan.model import TableId

#: Bumped when a base table changes; a store of another version is refused.
SCHEMA_VERSION = "1"

Columns = tuple[tuple[str, str], ...]

#: Money in 万元, rounded to 6 places for SQL arithmetic; the exact value is kept as text.
MONEY = "DECIMAL(38,6)"

BASE: dict[str, Columns] = {
    "documents": (
        ("sha256", "VARCHAR"),
        ("path", "VARCHAR"),
        ("format", "VARCHAR"),
        ("size", "BIGINT"),
        ("encoding", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("level", "VARCHAR"),
        ("department_code", "VARCHAR"),
        ("department_name", "VARCHAR"),
        ("year", "INTEGER"),
        ("unit", "VARCHAR"),
        ("pages", "INTEGER"),
        ("n_tables", "INTEGER"),
        ("n_facts", "INTEGER"),
        ("n_stated", "INTEGER"),
        ("errors", "INTEGER"),
        ("warnings", "INTEGER"),
        ("infos", "INTEGER"),
        ("seconds", "DOUBLE"),
        ("yusuan_version", "VARCHAR"),
        ("ingested_at", "TIMESTAMP"),
        ("model", "VARCHAR"),
    ),
    "tables": (
        ("sha256", "VARCHAR"),
        ("table_no", "INTEGER"),
        ("table_id", "VARCHAR"),
        ("table_key", "VARCHAR"),
        ("title", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("unit_text", "VARCHAR"),
        ("department", "VARCHAR"),
        ("year", "INTEGER"),
        ("n_rows", "INTEGER"),
        ("n_columns", "INTEGER"),
        ("is_empty", "BOOLEAN"),
        ("notes", "VARCHAR"),
        ("line", "INTEGER"),
        ("page", "INTEGER"),
        ("sheet", "VARCHAR"),
    ),
    "facts": (
        ("sha256", "VARCHAR"),
        ("table_no", "INTEGER"),
        ("table_id", "VARCHAR"),
        ("table_key", "VARCHAR"),
        ("row_no", "INTEGER"),
        ("section", "VARCHAR"),
        ("code", "VARCHAR"),
        ("item", "VARCHAR"),
        ("label", "VARCHAR"),
        ("depth", "INTEGER"),
        ("column_index", "INTEGER"),
        ("column_key", "VARCHAR"),
        ("column_path", "VARCHAR"),
        ("value", MONEY),
        ("value_text", "VARCHAR"),
        ("printed", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("line", "INTEGER"),
        ("page", "INTEGER"),
    ),
    "stated": (
        ("sha256", "VARCHAR"),
        ("n", "INTEGER"),
        ("subject", "VARCHAR"),
        ("phrase", "VARCHAR"),
        ("value", MONEY),
        ("value_text", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("kind", "VARCHAR"),
        ("direction", "VARCHAR"),
        ("wan", MONEY),
        ("sentence", "VARCHAR"),
        ("section", "VARCHAR"),
        ("line", "INTEGER"),
        ("page", "INTEGER"),
    ),
    "findings": (
        ("sha256", "VARCHAR"),
        ("n", "INTEGER"),
        ("code", "VARCHAR"),
        ("name", "VARCHAR"),
        ("severity", "VARCHAR"),
        ("message", "VARCHAR"),
        ("table_id", "VARCHAR"),
        ("row_code", "VARCHAR"),
        ("row_item", "VARCHAR"),
        ("column_key", "VARCHAR"),
        ("expected", "VARCHAR"),
        ("actual", "VARCHAR"),
        ("difference", "VARCHAR"),
        ("line", "INTEGER"),
        ("page", "INTEGER"),
    ),
    "coverage": (
        ("sha256", "VARCHAR"),
        ("code", "VARCHAR"),
        ("name", "VARCHAR"),
        ("status", "VARCHAR"),
        ("reason", "VARCHAR"),
        ("findings", "INTEGER"),
    ),
    "metrics": (
        ("sha256", "VARCHAR"),
        ("metric", "VARCHAR"),
        ("value", MONEY),
        ("value_text", "VARCHAR"),
        ("unit", "VARCHAR"),
        ("basis", "VARCHAR"),
    ),
    "failures": (
        ("path", "VARCHAR"),
        ("sha256", "VARCHAR"),
        ("size", "BIGINT"),
        ("reason_zh", "VARCHAR"),
        ("reason_en", "VARCHAR"),
        ("error_type", "VARCHAR"),
        ("yusuan_version", "VARCHAR"),
        ("failed_at", "TIMESTAMP"),
    ),
}

#: The relations one stored document spans (all keyed by ``sha256``).
DOCUMENT_RELATIONS = ("documents", "tables", "facts", "stated", "findings", "coverage", "metrics")

_PRIMARY = {"documents": "sha256", "failures": "path"}

#: The tables a package must contain (the same nine ids for 预算 and 决算).
REQUIRED: tuple[tuple[str, str], ...] = (
    (TableId.SUMMARY.value, "收支总表"),
    (TableId.REVENUE.value, "收入总表"),
    (TableId.EXPENDITURE.value, "支出总表"),
    (TableId.FISCAL_SUMMARY.value, "财政拨款收支总表"),
    (TableId.GPB_EXPENDITURE.value, "一般公共预算财政拨款支出表"),
    (TableId.GPB_BASIC.value, "一般公共预算财政拨款基本支出表"),
    (TableId.GOV_FUND.value, "政府性基金预算财政拨款支出表"),
    (TableId.SOE_CAPITAL.value, "国有资本经营预算财政拨款支出表"),
    (TableId.THREE_PUBLIC.value, "“三公”经费支出表"),
)


def table_ddl(name: str, extra: Columns = ()) -> str:
    """``CREATE TABLE IF NOT EXISTS`` for a base table (``extra`` columns appended)."""
    cols = [f'"{c}" {t}' for c, t in (*BASE[name], *extra)]
    if name in _PRIMARY and not extra:
        cols.append(f"PRIMARY KEY ({_PRIMARY[name]})")
    return f'CREATE TABLE IF NOT EXISTS "{name}" ({", ".join(cols)})'


def _required_values() -> str:
    return ", ".join(f"({n}, '{tid}', '{title}')" for n, (tid, title) in enumerate(REQUIRED, 1))


_THREE_PUBLIC_ITEMS = (
    ("total", "三公经费"),
    ("abroad", "因公出国（境）费"),
    ("vehicles", "公务用车购置及运行费"),
    ("vehicle_purchase", "公务用车购置费"),
    ("vehicle_operation", "公务用车运行费"),
    ("reception", "公务接待费"),
    ("admin_running", "机关运行经费"),
)

_DOC_COLS = "d.sha256, d.department_code, d.department_name, d.year, d.kind, d.level"

#: Derived views, in creation order. Documented in docs/store.md.
VIEWS: dict[str, str] = {
    "required_tables": (f"SELECT * FROM (VALUES {_required_values()}) AS r(ord, table_id, title)"),
    "three_public_by_department": (
        f"SELECT {_DOC_COLS}, "
        + ", ".join(
            f"max(CASE WHEN m.metric = '{metric}' THEN m.value END) AS {col}"
            for col, metric in _THREE_PUBLIC_ITEMS
        )
        + " FROM documents d LEFT JOIN metrics m ON m.sha256 = d.sha256"
        " GROUP BY d.sha256, d.department_code, d.department_name, d.year, d.kind, d.level"
    ),
    "spending_by_function": (
        f"WITH first_table AS (SELECT sha256, min(table_no) AS table_no FROM tables"
        f" WHERE table_id = 'expenditure' GROUP BY sha256) "
        f"SELECT {_DOC_COLS}, "
        "CASE length(f.code) WHEN 3 THEN '类' WHEN 5 THEN '款' ELSE '项' END AS grade, "
        "f.code, min(f.item) AS item, "
        "max(CASE WHEN f.column_key IN ('合计', '本年支出合计', '支出合计', '总计') THEN f.value END)"
        " AS total, "
        "max(CASE WHEN f.column_key = '基本支出' THEN f.value END) AS basic, "
        "max(CASE WHEN f.column_key = '项目支出' THEN f.value END) AS project "
        "FROM documents d JOIN first_table ft ON ft.sha256 = d.sha256 "
        "JOIN facts f ON f.sha256 = ft.sha256 AND f.table_no = ft.table_no "
        "WHERE length(f.code) IN (3, 5, 7) AND regexp_full_match(f.code, '[0-9]+') "
        "GROUP BY d.sha256, d.department_code, d.department_name, d.year, d.kind, d.level, f.code"
    ),
    "compliance": (
        f"SELECT {_DOC_COLS}, d.path, "
        "(SELECT count(*) FROM required_tables) AS tables_required, "
        "(SELECT count(DISTINCT t.table_id) FROM tables t WHERE t.sha256 = d.sha256"
        " AND t.table_id IN (SELECT table_id FROM required_tables)) AS tables_present, "
        "coalesce((SELECT string_agg(r.title, '、' ORDER BY r.ord) FROM required_tables r"
        " WHERE r.table_id NOT IN (SELECT t.table_id FROM tables t WHERE t.sha256 = d.sha256)),"
        " '') AS tables_missing, "
        "d.errors, d.warnings, "
        "(SELECT count(*) FROM coverage c WHERE c.sha256 = d.sha256"
        " AND c.status = 'could_not_run') AS rules_not_run, "
        "coalesce((SELECT string_agg(c.code, ',' ORDER BY c.code) FROM coverage c"
        " WHERE c.sha256 = d.sha256 AND c.status = 'could_not_run'), '') AS rules_not_run_codes "
        "FROM documents d"
    ),
}


def create_views(con: object) -> None:
    """(Re)create the derived views over whatever the base relations are."""
    for name, sql in VIEWS.items():
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {sql}')  # type: ignore[attr-defined]
