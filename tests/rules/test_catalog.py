"""YS209–YS210: 科目编码 against the year's 科目 catalogue (official list, else other documents).

The official list is imported for real (``import_official``) into a temporary
``$YUSUAN_HOME``; without it only the bundled seen-in-documents catalogue is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import ROOT
from support.rules import (
    REF_TEXT,
    Case,
    assert_case,
    findings,
    parse,
    reference,
    set_code,
    set_name,
)
from yusuan.catalog import COLUMNS, Catalog, import_official
from yusuan.check import check
from yusuan.codes import classification
from yusuan.rules.base import Severity


def reference_codes() -> list[tuple[str, str]]:
    """Every (code, name) the reference prints in a coded table."""
    out: set[tuple[str, str]] = set()
    for t in reference().tables:
        if classification(t) is not None:
            out |= {(r.code, r.item) for r in t.rows if r.code and r.code.isdigit()}
    return sorted(out)


def write_official(folder: Path, codes: list[tuple[str, str]], kind: str | None = None) -> Path:
    """A temporary $YUSUAN_HOME holding an official 2023 list imported from a CSV."""
    folder.mkdir(parents=True, exist_ok=True)
    source = folder / "2023-official.csv"
    source.write_text(
        "科目编码,科目名称\n" + "".join(f"{c},{n}\n" for c, n in codes), encoding="utf-8"
    )
    import_official(source, 2023, kind, home=folder / "catalog")  # type: ignore[arg-type]
    return folder


@pytest.fixture(scope="module")
def official_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An official 2023 list holding every code the reference prints, by the reference's names."""
    return write_official(tmp_path_factory.mktemp("official"), reference_codes())


@pytest.fixture
def no_official(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YUSUAN_HOME", str(tmp_path))
    return tmp_path


@pytest.fixture
def with_official(official_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("YUSUAN_HOME", str(official_home))
    return official_home


CASES = [
    # YS209 a code the year's official list does not hold (runs only with an official list)
    Case("YS209", set_code("expenditure", "2010107", "2010150"), severity=(Severity.WARNING,)),
    Case(
        "YS209",
        set_code("gpb_basic", "30201", "30250"),
        severity=(Severity.WARNING,),
        id="economic",
    ),
    # YS210 a name other than the catalogue's: info against other documents (bundled) …
    Case(
        "YS210",
        set_name("expenditure", "2010101", "行政运行费"),
        severity=(Severity.INFO,),
        id="seen",
    ),
    # … and a warning against the official list
    Case(
        "YS210",
        set_name("gpb_expenditure", "2080505", "机关事业单位基本养老保险缴费"),
        severity=(Severity.WARNING,),
        id="official",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=str)
def test_case(
    case: Case, official_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    official = case.code == "YS209" or case.id == "official"
    monkeypatch.setenv("YUSUAN_HOME", str(official_home if official else tmp_path))
    assert_case(case)


def test_reference_is_silent_against_other_documents(no_official: Path) -> None:
    """Not even a hint on the reference; YS209 does not apply without an official list, and
    says how to make it apply."""
    assert findings("YS210", REF_TEXT) == []
    report = check(parse(REF_TEXT), select=["YS209", "YS210"])
    status = {c.code: (c.status, c.reason) for c in report.coverage}
    assert status["YS210"] == ("ran", None)
    assert status["YS209"][0] == "not_applicable"
    assert status["YS209"][1] == (
        "未导入 2023 年功能分类、经济分类官方科目目录（可用 yusuan catalog import 导入当年官方科目目录）"
    )


def test_reference_is_silent_against_its_official_list(with_official: Path) -> None:
    report = check(parse(REF_TEXT), select=["YS209", "YS210"])
    assert [(c.code, c.status, c.findings) for c in report.coverage] == [
        ("YS209", "ran", 0),
        ("YS210", "ran", 0),
    ]


def test_seen_name_message(no_official: Path) -> None:
    f = findings("YS210", set_name("expenditure", "2010101", "行政运行费")(REF_TEXT))
    assert len(f) == 1
    assert f[0].severity is Severity.INFO
    assert f[0].message == (
        "《部门预算支出总表》功能分类科目 2010101 印作“行政运行费”，"
        "其他文件 2023 年印作“行政运行”（pingxiang-renda-2023.txt）"
    )
    assert (f[0].expected, f[0].actual) == ("行政运行", "行政运行费")
    assert (f[0].location.table, f[0].location.row_code) == ("expenditure", "2010101")
    docs = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert f[0].message in docs


def test_many_documents_are_counted(tmp_path: Path) -> None:
    rows = [f"2023,function,2010101,行政运行,{c}.pdf expenditure p.3" for c in "abc"]
    text = set_name("expenditure", "2010101", "行政运行费")(REF_TEXT)
    (f,) = check(parse(text), select=["YS210"], catalog=bundled(tmp_path, rows)).findings
    assert f.message.endswith("其他文件 2023 年印作“行政运行”（a.pdf、b.pdf 等 3 份文件）")


def test_one_finding_per_code_and_name(no_official: Path) -> None:
    """Renamed in all three tables: one hint, at the first table that prints it."""
    text = REF_TEXT.replace("\t行政运行\n", "\t行政运行费\n")
    assert text.count("\t行政运行费\n") == 3
    f = findings("YS210", text)
    assert [(x.location.table, x.location.row_code) for x in f] == [("revenue", "2010101")]


def test_official_messages(with_official: Path) -> None:
    text = set_code("expenditure", "2010107", "2010150")(REF_TEXT)
    (f,) = findings("YS209", text)
    assert f.message == (
        "《部门预算支出总表》功能分类科目编码 2010150（人大代表履职能力提升）"
        "不在 2023 年官方科目目录（2023-function.official.csv）中"
    )
    assert findings("YS210", text) == []  # an unknown code is YS209's, not a name mismatch
    (g,) = findings("YS210", set_name("expenditure", "2010101", "行政运行费")(REF_TEXT))
    assert g.severity is Severity.WARNING
    assert g.message.endswith("2023 年官方科目目录（2023-function.official.csv）中为“行政运行”")


def test_only_the_imported_classification_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With an official function list only, economic codes are not checked against it."""
    functions = [(c, n) for c, n in reference_codes() if c[0] == "2"]
    monkeypatch.setenv("YUSUAN_HOME", str(write_official(tmp_path, functions, "function")))
    assert findings("YS209", set_code("gpb_basic", "30201", "30250")(REF_TEXT)) == []
    assert findings("YS209", set_code("expenditure", "2010107", "2010150")(REF_TEXT))


def bundled(folder: Path, rows: list[str]) -> Catalog:
    """A bundled-style catalogue of ``rows`` (``year,kind,code,name,seen`` lines)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "2023.csv").write_text(
        ",".join(COLUMNS) + "\n" + "".join(r + "\n" for r in rows), encoding="utf-8"
    )
    return Catalog(home=None, bundled=folder)


def test_any_name_other_documents_print_is_accepted(tmp_path: Path) -> None:
    """A code two documents print with two names: either name is silent."""
    catalog = bundled(
        tmp_path / "b",
        [
            "2023,function,2010101,行政运行,a.pdf expenditure p.3",
            "2023,function,2010101,行政运行费,b.pdf expenditure p.4",
        ],
    )
    text = set_name("expenditure", "2010101", "行政运行费")(REF_TEXT)
    report = check(parse(text), select=["YS210"], catalog=catalog)
    assert report.findings == ()
    text = set_name("expenditure", "2010101", "行政事务")(REF_TEXT)
    (f,) = check(parse(text), select=["YS210"], catalog=catalog).findings
    assert "其他文件 2023 年印作“行政运行”或“行政运行费”（a.pdf、b.pdf）" in f.message


def test_no_catalogue_for_the_year_does_not_apply(tmp_path: Path) -> None:
    catalog = Catalog(home=tmp_path / "none", bundled=tmp_path / "empty")
    report = check(parse(REF_TEXT), select=["YS209", "YS210"], catalog=catalog)
    assert [(c.code, c.status) for c in report.coverage] == [
        ("YS209", "not_applicable"),
        ("YS210", "not_applicable"),
    ]
    assert report.coverage[1].reason == (
        "没有 2023 年的科目目录（可用 yusuan catalog import 导入当年官方科目目录）"
    )


def test_official_list_is_read_once(with_official: Path) -> None:
    """The catalogue is cached: the same listing object serves every check."""
    from yusuan.catalog import default_catalog

    a = default_catalog().official(2023, "function")
    b = default_catalog().official(2023, "function")
    assert a is not None and a is b
