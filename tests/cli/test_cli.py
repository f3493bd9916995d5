"""The ``yusuan`` command as a user runs it: real subprocesses, real files."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import zipfile
from pathlib import Path

import pytest

from support import DATA, REFERENCE, run_yusuan
from yusuan.facts import HEADER


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return run_yusuan(*args)


def test_parse_facts_from_cli() -> None:
    res = run("parse", str(REFERENCE), "--format", "facts")
    assert res.returncode == 0, res.stderr
    rows = list(csv.reader(io.StringIO(res.stdout)))
    assert tuple(rows[0]) == HEADER
    assert rows[1] == ["summary", "收入", "", "一般公共预算拨款收入", "预算数", "593.58"]
    assert len(rows) == 220
    assert res.stdout == (DATA / "golden" / "pingxiang-renda-2023.facts.csv").read_text(
        encoding="utf-8"
    )


def test_parse_json_to_file(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    res = run("parse", str(REFERENCE), "-o", str(out))
    assert res.returncode == 0, res.stderr
    model = json.loads(out.read_text(encoding="utf-8"))
    assert model["department_name"] == "平乡县人民代表大会常务委员会"
    assert model["tables"][1]["rows"][0]["cells"]["3"]["value"] == "593.58"


def test_parse_xlsx(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "facts.xlsx"
    res = run("parse", str(REFERENCE), "--format", "xlsx", "-o", str(out))
    assert res.returncode == 0, res.stderr
    wb = load_workbook(out)
    ws = wb["facts"]
    assert [c.value for c in ws[1]] == list(HEADER)
    assert ws.max_row == 220
    assert len(wb.sheetnames) == 1 + 16


def _bad_inputs(tmp: Path) -> dict[str, Path]:
    files = {
        "empty.txt": b"",
        "garbage.bin": os.urandom(4096),
        "fake.docx": b"this is not a zip file at all" * 10,
        "no-table.txt": "这是一段普通的文字，没有任何表格。\n第二行。\n".encode(),
        "fake.pdf": b"hello",
    }
    out = {}
    for name, data in files.items():
        (tmp / name).write_bytes(data)
        out[name] = tmp / name
    good = tmp / "good.xlsx"
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    assert ws is not None
    for r in range(200):
        ws.append([f"row {r}", r * 1.5, "x" * 50])
    wb.save(good)
    data = good.read_bytes()
    (tmp / "truncated.xlsx").write_bytes(data[: len(data) // 2])
    out["truncated.xlsx"] = tmp / "truncated.xlsx"
    bad_zip = tmp / "other.docx"
    with zipfile.ZipFile(bad_zip, "w") as z:
        z.writestr("hello.txt", "hi")
    out["other.docx"] = bad_zip
    out["missing.txt"] = tmp / "does-not-exist.txt"
    return out


@pytest.mark.parametrize(
    "name",
    [
        "empty.txt",
        "garbage.bin",
        "fake.docx",
        "no-table.txt",
        "truncated.xlsx",
        "other.docx",
        "missing.txt",
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, name: str) -> None:
    path = _bad_inputs(tmp_path)[name]
    res = run("parse", str(path))
    assert res.returncode == 2, (res.stdout, res.stderr)
    assert res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1, res.stderr
    assert "Traceback" not in res.stderr
    line = lines[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in line)  # a Chinese reason
    assert " / " in line and any(ch.isascii() and ch.isalpha() for ch in line.split(" / ", 1)[1])


def test_oversized_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(3 * 1024 * 1024)  # sparse: refused by size, never read
    res = run("parse", str(big), "--max-mb", "2")
    assert res.returncode == 2
    assert "文件过大" in res.stderr and "too large" in res.stderr


def test_gbk_text_export(tmp_path: Path) -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes(text.encode("gb18030"))
    bom = tmp_path / "bom.txt"
    bom.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    want = run("parse", str(REFERENCE), "-f", "facts").stdout
    assert run("parse", str(gbk), "-f", "facts").stdout == want
    assert run("parse", str(bom), "-f", "facts").stdout == want


def test_help_is_chinese_first() -> None:
    res = run("--help")
    assert res.returncode == 0
    assert "部门预决算" in res.stdout and "parse" in res.stdout
