"""Output paths given to ``-o`` (issue #13): refused before the work, written atomically.

Every case runs the real command in a subprocess on real files; the read-only and full disks
are real tmpfs mounts (the tests run as root, where ``chmod`` stops nothing).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from support import REFERENCE, run_yusuan


def one_line_error(res: subprocess.CompletedProcess[str], *words: str) -> None:
    """Exit 2, one ``错误 / error`` line naming ``words``, no traceback, nothing on stdout."""
    assert res.returncode == 2, res.stdout + res.stderr
    assert "Traceback" not in res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("错误 / error: "), res.stderr
    for w in words:
        assert w in lines[0], (w, lines[0])


def mount_tmpfs(where: Path, options: str) -> Iterator[Path]:
    where.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], check=True)
    try:
        yield where
    finally:
        subprocess.run(["umount", str(where)], check=True)


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs: the reference's JSON model (hundreds of KiB) does not fit."""
    yield from mount_tmpfs(tmp_path / "full", "size=64k")


@pytest.fixture
def read_only(tmp_path: Path) -> Iterator[Path]:
    yield from mount_tmpfs(tmp_path / "ro", "ro,size=64k")


VERBS = [
    ("parse", [str(REFERENCE), "-o"]),
    ("check", [str(REFERENCE), "-o"]),
    ("check", [str(REFERENCE), "--format", "json", "-o"]),
    ("parse", [str(REFERENCE), "--format", "xlsx", "-o"]),
    ("template", ["-o"]),
]


@pytest.mark.parametrize(("verb", "args"), VERBS)
def test_a_missing_folder_is_one_line_exit_2(tmp_path: Path, verb: str, args: list[str]) -> None:
    res = run_yusuan(verb, *args, str(tmp_path / "no" / "such" / "out.file"))
    one_line_error(res, "文件夹不存在", "does not exist")
    assert not (tmp_path / "no").exists()


@pytest.mark.parametrize(("verb", "args"), VERBS)
def test_a_directory_is_one_line_exit_2(tmp_path: Path, verb: str, args: list[str]) -> None:
    one_line_error(run_yusuan(verb, *args, str(tmp_path)), "文件夹", "is a directory")


@pytest.mark.parametrize(("verb", "args"), VERBS)
def test_an_existing_file_is_kept_unless_overwrite(
    tmp_path: Path, verb: str, args: list[str]
) -> None:
    out = tmp_path / "out.file"
    out.write_text("mine", encoding="utf-8")
    one_line_error(run_yusuan(verb, *args, str(out)), "已存在", "--overwrite")
    assert out.read_text(encoding="utf-8") == "mine"
    res = run_yusuan(verb, *args, str(out), "--overwrite")
    assert res.returncode == 0, res.stderr
    assert out.read_bytes() != b"mine" and out.stat().st_size > 1000
    assert out.stat().st_mode & 0o777 == 0o644  # the umask's mode, not mkstemp's 0600
    assert [p.name for p in tmp_path.iterdir()] == ["out.file"]  # no temporary file left


def test_template_refuses_to_overwrite_a_filled_workbook(tmp_path: Path) -> None:
    made = run_yusuan("template", "-o", str(tmp_path / "填报.xlsx"))
    assert made.returncode == 0, made.stderr
    book = openpyxl.load_workbook(tmp_path / "填报.xlsx")
    book.worksheets[0]["A1"] = "已填报"
    book.save(tmp_path / "填报.xlsx")
    again = subprocess.run(
        [sys.executable, "-m", "yusuan", "template"], cwd=tmp_path, capture_output=True, text=True
    )
    one_line_error(again, "填报.xlsx", "已存在")
    assert openpyxl.load_workbook(tmp_path / "填报.xlsx").worksheets[0]["A1"].value == "已填报"


def test_a_full_disk_leaves_nothing_half_written(full_disk: Path) -> None:
    res = run_yusuan("parse", str(REFERENCE), "-o", str(full_disk / "model.json"))
    one_line_error(res, "磁盘空间已满", "no space left")
    assert list(full_disk.iterdir()) == []
    # an older file is kept whole when its replacement does not fit
    (full_disk / "model.json").write_text("old", encoding="utf-8")
    res = run_yusuan("parse", str(REFERENCE), "-o", str(full_disk / "model.json"), "--overwrite")
    one_line_error(res, "磁盘空间已满")
    assert [p.name for p in full_disk.iterdir()] == ["model.json"]
    assert (full_disk / "model.json").read_text(encoding="utf-8") == "old"


def test_a_full_disk_stops_render_without_partial_files(full_disk: Path) -> None:
    res = run_yusuan("render", str(REFERENCE), "--to", "html,xlsx", "-o", str(full_disk))
    one_line_error(res, "磁盘空间已满")
    assert [p.name for p in full_disk.iterdir() if p.name.startswith(".")] == []


@pytest.mark.parametrize(
    "args",
    [
        ["parse", str(REFERENCE), "-o"],
        ["check", str(REFERENCE), "-o"],
        ["template", "-o"],
    ],
)
def test_a_read_only_disk_is_one_line_exit_2(read_only: Path, args: list[str]) -> None:
    one_line_error(run_yusuan(*args, str(read_only / "out.file")), "只读", "read-only")


def test_render_refuses_an_existing_file_before_writing_any(tmp_path: Path) -> None:
    first = run_yusuan("render", str(REFERENCE), "--to", "html", "-o", str(tmp_path))
    assert first.returncode == 0, first.stderr
    (html,) = tmp_path.iterdir()
    html.write_text("mine", encoding="utf-8")
    res = run_yusuan("render", str(REFERENCE), "--to", "xlsx,html", "-o", str(tmp_path))
    one_line_error(res, "已存在", "nothing written")
    assert [p.name for p in tmp_path.iterdir()] == [html.name]  # no xlsx written first
    assert html.read_text(encoding="utf-8") == "mine"
    again = run_yusuan(
        "render", str(REFERENCE), "--to", "xlsx,html", "-o", str(tmp_path), "--overwrite"
    )
    assert again.returncode == 0, again.stderr
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".html", ".xlsx"]


def test_render_into_a_missing_parent_is_refused(tmp_path: Path) -> None:
    res = run_yusuan("render", str(REFERENCE), "--to", "html", "-o", str(tmp_path / "a" / "b"))
    one_line_error(res, "文件夹不存在")
    assert not (tmp_path / "a").exists()
