"""YS209–YS210: 科目编码 against the year's 科目 catalogue (official list, else other documents).

The official list is imported for real (``import_official``) into a temporary
``$YUSUAN_HOME``; without it only the bundled seen-in-documents catalogue is there.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from support import DATA, REFERENCE, ROOT
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
from yusuan.api import load
from yusuan.catalog import COLUMNS, Catalog, Entry, import_official, seen_in, seen_label
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
    Case(
        "YS209",
        set_code("expenditure", "2010107", "2010150"),
        severity=(Severity.WARNING,),
        at={"table": "expenditure", "row_code": "2010150"},
    ),
    Case(
        "YS209",
        set_code("gpb_basic", "30201", "30250"),
        severity=(Severity.WARNING,),
        id="economic",
        at={"table": "gpb_basic", "row_code": "30250"},
    ),
    Case(  # near miss: a code one digit off that the list holds; the next one it does not
        "YS209",
        set_code("expenditure", "2010107", "2010108"),
        near=set_code("expenditure", "2010107", "2010106"),
        severity=(Severity.WARNING,),
        id="one-digit",
        at={"table": "expenditure", "row_code": "2010108"},
    ),
    # YS210 a name other than the catalogue's: info against other documents (bundled) …
    Case(
        "YS210",
        set_name("expenditure", "2010101", "行政运行费"),
        severity=(Severity.INFO,),
        id="seen",
        at={"table": "expenditure", "row_code": "2010101", "column": None},
    ),
    # … and a warning against the official list
    Case(
        "YS210",
        set_name("gpb_expenditure", "2080505", "机关事业单位基本养老保险缴费"),
        # near miss: the official name with a stray end mark, which names are compared without
        near=set_name("gpb_expenditure", "2080505", "机关事业单位基本养老保险缴费支出。"),
        severity=(Severity.WARNING,),
        id="official",
        at={"table": "gpb_expenditure", "row_code": "2080505", "column": None},
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
    """Not even a hint on the reference, compared with the other 2023 documents only (its
    own bundled entries are left out by its SHA-256: 11 function and 18 economic codes it
    prints are held by another document, 万里街道 2023); YS209 does not apply without an
    official list, and says how to make it apply."""
    d = load(REFERENCE)
    assert d.source is not None
    for kind, shared in (("function", 11), ("economic", 18)):
        whole = Catalog(home=None).seen(2023, kind)
        others = Catalog(home=None).seen(2023, kind, exclude=[d.source.sha256])
        assert whole is not None and others is not None
        labels = {seen_label(s) for e in others.entries for s in e.seen}
        assert REFERENCE.name in {seen_label(s) for e in whole.entries for s in e.seen}
        assert labels == {"putuo_wanli-jiedao_2023_dept-budget.pdf"}, labels
        printed = {e.code for e in seen_in(d, REFERENCE.name) if e.kind == kind}
        assert len({c for c in printed if others.knows(c)}) == shared
    report = check(d, select=["YS209", "YS210"])
    assert report.findings == ()
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


# -- leave-one-out: a document is never its own witness -------------------------------------
FULIYUAN = DATA / "shanghai-putuo-2024-fuliyuan-unit-budget.pdf"  # the corpus file, byte for byte
#: 社会福利院 2024 prints Shanghai's 部门经济分类 on p.14 where the other 2024 documents
#: print the national names (code: printed → what the others print)
FULIYUAN_NAMES = {
    "30108": ("机关事业单位基本养老保险费", "机关事业单位基本养老保险缴费"),
    "30202": ("咨询费", "印刷费"),
    "30203": ("水费", "咨询费"),
    "30204": ("电费", "手续费"),
    "30205": ("邮电费", "水费"),
    "30206": ("办公设备购置费", "电费"),
    "30207": ("工会经费", "邮电费"),
    "30208": ("福利费", "取暖费"),
    "30211": ("事业单位离退休人员福利费", "差旅费"),
    "30212": ("机关事业单位退休人员活动费", "因公出国（境）费用"),
    "30213": ("其他商品和服务支出", "维修（护）费"),
    "303": ("离退休人员经费", "对个人和家庭的补助"),
    "30301": ("退休费", "离休费"),
}


def test_ys210_fires_on_the_corpus_document_that_prints_other_names(no_official: Path) -> None:
    """The bundled 2024 data holds 福利院's own names (so, compared with itself, it was
    silent); left out by its hash, each of its 13 names is a hint at its cell on p.14."""
    d = load(FULIYUAN)
    whole = Catalog(home=None).seen(2024, "economic")
    assert whole is not None and all(whole.matches(c, n) for c, (n, _) in FULIYUAN_NAMES.items())
    report = check(d, select=["YS210"])
    got = {
        f.location.row_code: (f.actual, f.expected)
        for f in report.findings
        if f.severity is Severity.INFO
        and f.location.table == "gpb_basic"
        and f.location.page == 14
        and f.location.column is None
    }
    assert len(report.findings) == 13 and got == FULIYUAN_NAMES
    f = next(f for f in report.findings if f.location.row_code == "30202")
    assert f.message.startswith("《2024年预算单位一般公共预算基本支出部门预算经济分类预算表》")
    assert "经济分类科目 30202 印作“咨询费”，其他文件 2024 年印作“印刷费”（" in f.message
    assert "putuo_shehui-fuliyuan_2024_unit-budget.pdf" not in f.message


def test_other_documents_are_unchanged_by_leaving_one_out(no_official: Path) -> None:
    """An excerpt of a corpus file is other bytes: nothing of the corpus is left out for it."""
    excerpt = DATA / "shanghai-putuo-2025-caizhengju-dept-budget.pdf"
    d = load(excerpt)
    assert d.source is not None and d.year == 2025
    for kind in ("function", "economic"):
        whole = Catalog(home=None).seen(2025, kind)
        assert whole is not None
        assert Catalog(home=None).seen(2025, kind, exclude=[d.source.sha256]) is whole


def _entry(name: str, *docs: str) -> Entry:
    return Entry(
        year=2023,
        kind="function",
        code="2010101",
        name=name,
        seen=tuple(f"{d}.pdf expenditure p.3" for d in docs),
        sources=tuple(f"{d * 64} {d}.pdf" for d in docs),
    )


def test_leaving_a_document_out_keeps_what_the_others_saw(tmp_path: Path) -> None:
    rows = [_entry("行政运行", "a", "b"), _entry("行政运行费", "a")]
    catalog_dir = tmp_path / "b"
    catalog_dir.mkdir()
    from yusuan.catalog import write_csv

    write_csv([*rows, Entry(year=2023, kind="function", code="201", name="一般公共服务支出")],
              catalog_dir / "2023.csv")  # fmt: skip
    catalog = Catalog(home=None, bundled=catalog_dir)
    whole = catalog.seen(2023, "function")
    assert whole is not None and whole.names("2010101") == ("行政运行", "行政运行费")
    others = catalog.seen(2023, "function", exclude=["a" * 64])
    assert others is not None and others.names("2010101") == ("行政运行",)
    (kept,) = others.by_code["2010101"]
    assert kept.seen == ("b.pdf expenditure p.3",) and kept.sources == ("b" * 64 + " b.pdf",)
    assert others.knows("201")  # an entry without sources is nobody's own: kept
    assert catalog.seen(2023, "function", exclude=["a" * 64]) is others  # computed once
    assert catalog.seen(2023, "function", exclude=["c" * 64]) is whole
    only_a = Catalog(home=None, bundled=catalog_dir)
    gone = only_a.seen(2023, "function", exclude=["a" * 64, "b" * 64])
    assert gone is not None and gone.names("2010101") == () and gone.knows("201")
