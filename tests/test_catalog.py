"""The 科目 catalogue: the bundled seen-in-documents data, importing official lists, the CLI."""

from __future__ import annotations

import csv
import hashlib
import io
import re
import subprocess
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from support import DATA, REFERENCE, ROOT, blocks_after, fenced, run_yusuan
from yusuan.api import load
from yusuan.catalog import (
    BUNDLED,
    COLUMNS,
    Catalog,
    catalog_home,
    import_official,
    read_csv,
    seen_in,
    seen_label,
    source_hash,
    source_label,
)
from yusuan.cli import app
from yusuan.errors import InputError

runner = CliRunner()


def cli(home: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args), env={"YUSUAN_HOME": str(home), "COLUMNS": "200"})
    return result.exit_code, result.output


def run(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess with ``$YUSUAN_HOME`` set."""
    return run_yusuan(*args, home=home)


def stored(home: Path) -> dict[str, bytes]:
    folder = home / "catalog"
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*"))} if folder.exists() else {}


# -- the bundled catalogue --------------------------------------------------------------
def test_bundled_holds_the_references_codes_where_they_were_seen() -> None:
    listing = Catalog(home=None).seen(2023, "function")
    assert listing is not None and not listing.official
    assert listing.names("2010101") == ("行政运行",)
    (entry,) = listing.by_code["2010101"]
    assert "pingxiang-renda-2023.txt revenue l.308" in entry.seen
    digest = hashlib.sha256(REFERENCE.read_bytes()).hexdigest()
    assert entry.sources == (f"{digest} pingxiang-renda-2023.txt",)
    economic = Catalog(home=None).seen(2023, "economic")
    assert economic is not None and economic.names("30201") == ("办公费",)


def test_bundled_is_what_the_builder_makes_of_the_reference() -> None:
    """Every code the reference prints is in the bundled 2023 data, with that name and place."""
    listing = {k: Catalog(home=None).seen(2023, k) for k in ("function", "economic")}
    found = seen_in(load(REFERENCE), REFERENCE.name)
    assert len(found) > 60
    for e in found:
        have = listing[e.kind]
        assert have is not None and have.matches(e.code, e.name), e
        assert set(e.seen) <= {s for x in have.by_code[e.code] for s in x.seen}, e


def test_bundled_files_are_well_formed() -> None:
    files = sorted(BUNDLED.glob("*.csv"))
    assert [p.stem for p in files] == ["2017", "2018", "2019", "2023", "2024", "2025", "2026"]
    for path in files:
        with path.open(encoding="utf-8", newline="") as fh:
            assert tuple(next(csv.reader(fh))) == COLUMNS
        entries = read_csv(path)
        assert entries and {e.year for e in entries} == {int(path.stem)}
        assert all(e.seen and e.code.isdigit() for e in entries)
        for e in entries:  # each document the entry was seen in, with its SHA-256
            labels = {source_label(s) for s in e.sources}
            assert labels == {seen_label(s) for s in e.seen}, e
            assert all(re.fullmatch(r"[0-9a-f]{64}", source_hash(s)) for s in e.sources), e
        keys = [(e.kind, e.code, e.name) for e in entries]
        assert len(keys) == len(set(keys)), path


def test_one_code_with_two_names_keeps_both() -> None:
    """A 2024 unit budget prints Shanghai's own economic names (302 02 咨询费 …): both kept."""
    listing = Catalog(home=None).seen(2024, "economic")
    assert listing is not None
    assert set(listing.names("30202")) == {"印刷费", "咨询费"}
    assert "30202" in listing.conflicts
    assert listing.matches("30213", "维修(护)费")  # brackets and whitespace do not count


def test_the_package_never_reads_the_corpus() -> None:
    for path in (ROOT / "src").rglob("*"):
        if path.is_file() and path.suffix in (".py", ".csv", ".toml"):
            assert "/work/shared" not in path.read_text(encoding="utf-8"), path


# -- importing official lists ---------------------------------------------------------------
OFFICIAL = "科目编码,科目名称\n201,一般公共服务支出\n20101,人大事务\n2010101,行政运行\n301,工资福利支出\n30101,基本工资\n101,税收收入\n"


def test_import_csv_from_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(OFFICIAL, encoding="utf-8")
    res = run(tmp_path, "catalog", "import", str(source), "--year", "2024")
    assert res.returncode == 0, res.stderr
    folder = tmp_path / "catalog"
    assert res.stdout.splitlines() == [
        f"已导入 2024 年功能分类官方科目目录：3 个科目 → {folder / '2024-function.official.csv'}"
        " / imported 3 function codes for 2024",
        f"已导入 2024 年经济分类官方科目目录：2 个科目 → {folder / '2024-economic.official.csv'}"
        " / imported 2 economic codes for 2024",
        "收入分类科目 1 个未导入",
    ]
    official = Catalog(home=folder).official(2024, "function")
    assert official is not None and official.official
    assert [(e.code, e.name) for e in official.entries] == [
        ("201", "一般公共服务支出"),
        ("20101", "人大事务"),
        ("2010101", "行政运行"),
    ]
    code, out = cli(tmp_path, "catalog", "list")
    assert code == 0
    assert "2024  功能分类     3  官方目录（2024-function.official.csv）" in out


def test_import_gbk_csv_with_tabs_and_one_kind(tmp_path: Path) -> None:
    source = tmp_path / "gbk.csv"
    text = "科目代码\t科目名称\t说明\n201\t一般公共服务支出\t\n2010101\t行政运行\t\n30101\t基本工资\t\n"
    source.write_bytes(text.encode("gbk"))
    result = import_official(source, 2024, "function", home=tmp_path / "catalog")
    assert list(result.paths) == ["function"]
    assert [e.name for e in result.entries["function"]] == ["一般公共服务支出", "行政运行"]
    assert result.skipped == 1  # the economic code, not asked for
    assert stored(tmp_path).keys() == {"2024-function.official.csv"}


def test_import_xlsx_with_a_title_and_split_columns(tmp_path: Path) -> None:
    """A sheet as 财政 prints it: a title, 科目编码 merged over 类 | 款 | 项, numbers as numbers."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["2024年政府收支分类科目（节选）"])
    ws.append(["科目编码", None, None, "科目名称"])
    ws.append(["类", "款", "项", None])
    ws.append([201, None, None, "一般公共服务支出"])
    ws.append([201, 1, None, "人大事务"])
    ws.append([None, None, 1, "行政运行"])  # 类 and 款 carried from the row above
    ws.append([None, None, 2, "一般行政管理事务"])
    ws.append([208, 5, 5, "机关事业单位基本养老保险缴费支出"])
    ws.merge_cells("A2:C2")
    path = tmp_path / "list.xlsx"
    book.save(path)
    code, out = cli(tmp_path, "catalog", "import", str(path), "--year", "2024")
    assert code == 0, out
    listing = Catalog(home=tmp_path / "catalog").official(2024, "function")
    assert listing is not None
    assert [(e.code, e.name) for e in listing.entries] == [
        ("201", "一般公共服务支出"),
        ("20101", "人大事务"),
        ("2010101", "行政运行"),
        ("2010102", "一般行政管理事务"),
        ("2080505", "机关事业单位基本养老保险缴费支出"),
    ]


def test_import_xls_sheet(tmp_path: Path) -> None:
    """A real .xls (the 2026 Putuo template): 功能分类 and 经济分类 codes from its tables."""
    source = DATA / "shanghai-putuo-2026-unit-budget-template.xls"
    result = import_official(source, 2026, home=tmp_path / "catalog")
    names = {(e.code, e.name) for e in result.entries["function"]}
    assert ("2050205", "高等教育") in names
    assert ("30101", "基本工资") in {(e.code, e.name) for e in result.entries["economic"]}


def test_reimport_replaces(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(OFFICIAL, encoding="utf-8")
    import_official(source, 2024, home=tmp_path / "catalog")
    source.write_text("编码,名称\n201,一般公共服务支出\n", encoding="utf-8")
    import_official(source, 2024, "function", home=tmp_path / "catalog")
    listing = Catalog(home=tmp_path / "catalog").official(2024, "function")
    assert listing is not None and [e.code for e in listing.entries] == ["201"]
    economic = Catalog(home=tmp_path / "catalog").official(2024, "economic")
    assert economic is not None and len(economic.entries) == 2  # the other kind is kept


BAD = {
    "empty": (b"", "文件是空的 / the file is empty"),
    "blank": (b"\xef\xbb\xbf \r\n", "文件是空的 / the file is empty"),
    "no-code-column": (
        "名称,金额\n行政运行,1\n".encode(),
        "找不到科目编码列和科目名称列",
    ),
    "no-code": ("科目编码,科目名称\n合计,\n".encode(), "文件中没有功能分类或经济分类科目编码"),
    "two-names": (
        "科目编码,科目名称\n2010101,行政运行\n2010101,一般行政管理事务\n".encode(),
        "科目编码 2010101 出现两次，名称不同（第2行“行政运行”，第3行“一般行政管理事务”）",
    ),
    "binary": (b"\x00\x01\x02" * 100, "文件是二进制数据"),
    "damaged-xlsx": (b"PK\x03\x04" + b"\x00" * 64, "Excel (.xlsx) 文件已损坏"),
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_bad_input_exits_2_and_keeps_the_stored_catalogue(tmp_path: Path, name: str) -> None:
    good = tmp_path / "good.csv"
    good.write_text(OFFICIAL, encoding="utf-8")
    import_official(good, 2024, home=tmp_path / "catalog")
    before = stored(tmp_path)
    data, message = BAD[name]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(data)
    res = run(tmp_path, "catalog", "import", str(bad), "--year", "2024")
    assert res.returncode == 2
    lines = res.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"错误 / error: {bad}: "), res.stderr
    assert message in lines[0]
    assert res.stdout == ""
    assert stored(tmp_path) == before  # nothing replaced, no temporary file left


def test_bad_year_and_missing_file(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(OFFICIAL, encoding="utf-8")
    with pytest.raises(InputError, match="年度 24 不合理"):
        import_official(source, 24, home=tmp_path / "catalog")
    code, out = cli(tmp_path, "catalog", "import", str(tmp_path / "none.csv"), "--year", "2024")
    assert code == 2 and "无法读取文件" in out
    assert stored(tmp_path) == {}


def test_home_folder_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("YUSUAN_HOME", str(tmp_path))
    assert catalog_home() == tmp_path / "catalog"
    monkeypatch.delenv("YUSUAN_HOME")
    assert catalog_home() == Path.home() / ".yusuan" / "catalog"


# -- list and show ----------------------------------------------------------------------------
def test_show_one_code_lists_where_it_was_seen(tmp_path: Path) -> None:
    code, out = cli(tmp_path, "catalog", "show", "--year", "2023", "--code", "2010101")
    assert code == 0
    assert out.splitlines() == [
        "2023 年功能分类科目 · 文件所见（2 份文件）",
        "2010101  行政运行  见于 1 份文件 3 处",
        "    pingxiang-renda-2023.txt expenditure l.597",
        "    pingxiang-renda-2023.txt gpb_expenditure l.1165",
        "    pingxiang-renda-2023.txt revenue l.308",
    ]


def test_show_marks_codes_with_two_names_and_gives_csv(tmp_path: Path) -> None:
    code, out = cli(tmp_path, "catalog", "show", "--year", "2024", "--kind", "economic")
    assert code == 0
    assert re.search(r"^30202  印刷费 +见于 4 份文件 4 处  同码异名$", out, re.M)
    code, out = cli(tmp_path, "catalog", "show", "--year", "2024", "--code", "303", "-f", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert tuple(rows[0]) == COLUMNS
    assert {(r[2], r[3]) for r in rows[1:]} >= {("303", "对个人和家庭的补助"), ("30301", "离休费")}


def test_show_nothing_exits_2(tmp_path: Path) -> None:
    code, out = cli(tmp_path, "catalog", "show", "--year", "1999")
    assert code == 2 and "没有 1999 年的科目目录" in out
    code, out = cli(tmp_path, "catalog", "show", "--year", "2023", "--code", "999")
    assert code == 2 and "2023 年科目目录中没有编码 999" in out


def test_show_official_first(tmp_path: Path) -> None:
    source = tmp_path / "list.csv"
    source.write_text(OFFICIAL, encoding="utf-8")
    import_official(source, 2023, "function", home=tmp_path / "catalog")
    code, out = cli(tmp_path, "catalog", "show", "--year", "2023", "--code", "2010101")
    assert code == 0
    assert out.split("\n\n")[0].splitlines() == [
        "2023 年功能分类科目 · 官方目录（2023-function.official.csv）",
        "2010101  行政运行",
    ]


# -- docs/catalog.md shows real output ----------------------------------------------------------
def doc_blocks() -> list[tuple[str, list[str]]]:
    text = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    return [
        (lines[0][2:], lines[1:])
        for _, lines in fenced(text)
        if lines and lines[0].startswith("$ ")
    ]


def test_docs_examples_are_real(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each ``$ command`` block of docs/catalog.md, run in order in an empty $YUSUAN_HOME
    (``cat FILE`` blocks write FILE), prints what the page shows."""
    monkeypatch.chdir(tmp_path)
    home = tmp_path / "home"
    blocks = doc_blocks()
    assert len(blocks) >= 5
    for command, shown in blocks:
        words = command.split()
        if words[0] == "cat":
            (tmp_path / words[1]).write_text("\n".join(shown) + "\n", encoding="utf-8")
            continue
        assert words[0] == "yusuan", command
        failing = shown[0].startswith("错误 / error: ")
        if failing:  # the file named is an empty one
            (tmp_path / words[3]).touch()
        code, out = cli(home, *words[1:])
        assert code == (2 if failing else 0), (command, out)
        out = out.replace(str(home / "catalog"), "~/.yusuan/catalog")
        assert out.rstrip("\n").split("\n") == shown, command
    text = (ROOT / "docs" / "catalog.md").read_text(encoding="utf-8")
    assert len(blocks_after(text, "yusuan catalog list")) == 1
    (csv_block,) = [lines for info, lines in fenced(text) if info == "csv"]
    bundled = (BUNDLED / "2023.csv").read_text(encoding="utf-8").splitlines()
    assert csv_block[0] == bundled[0] and csv_block[1] in bundled
