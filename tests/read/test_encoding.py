"""Text exports in the encodings they come in: UTF-16/32, GBK, Big5, a few bad bytes (#13)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from support import REFERENCE, golden, run_yusuan
from yusuan.api import load
from yusuan.errors import InputError
from yusuan.facts import facts
from yusuan.read.encoding import MAX_BAD, decode, score

TEXT = REFERENCE.read_text(encoding="utf-8")
# A 情况说明 passage in traditional characters, as a Big5 (Taiwan / Hong Kong) export prints it.
TRADITIONAL = (
    "一、部門預算安排的總體情況\n"
    "2023年部門預算收入593.58萬元，較上年增加2.75萬元。其中：財政撥款收入593.58萬元。\n"
    "（一）收入說明\n本部門當年全部收入均為一般公共預算撥款收入，無政府性基金預算收入。\n"
    "（二）支出說明\n基本支出用於保障機構正常運轉、完成日常工作任務，項目支出用於履行職責。\n"
)


@pytest.mark.parametrize(
    ("codec", "name"),
    [
        ("utf-16", "utf-16"),  # with BOM: Excel's “Unicode 文本”
        ("utf-16-le", "utf-16"),  # no BOM: told by the NUL pattern
        ("utf-16-be", "utf-16"),
        ("utf-32", "utf-32"),
        ("utf-8-sig", "utf-8"),
        ("gb18030", "gb18030"),
    ],
)
def test_reference_in_every_encoding_reads_the_same(codec: str, name: str, tmp_path: Path) -> None:
    path = tmp_path / "ref.txt"
    path.write_bytes(TEXT.encode(codec))
    d = load(path)
    assert d.source is not None and d.source.encoding == name
    assert facts(d) == golden()
    assert not d.diagnostics


def test_utf16_export_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "unicode.txt"
    path.write_bytes(TEXT.encode("utf-16"))
    done = run_yusuan("check", str(path))
    assert done.returncode == 0, done.stderr
    assert "二进制" not in done.stderr and "binary" not in done.stderr


def test_big5_is_read_as_big5_not_gbk_mojibake() -> None:
    data = TRADITIONAL.encode("big5")
    assert score(data.decode("gb18030", "replace")) < 0.3  # the GBK reading is mojibake
    got = decode(data)
    assert (got.encoding, got.text) == ("big5", TRADITIONAL)


def test_gbk_stays_gbk() -> None:
    got = decode(TRADITIONAL.encode("gb18030"))
    assert (got.encoding, got.text) == ("gb18030", TRADITIONAL)
    simplified = decode(TEXT.encode("gbk"))
    assert (simplified.encoding, simplified.text) == ("gb18030", TEXT)


def test_chinese_in_no_known_encoding_is_refused() -> None:
    """EUC-KR bytes decode as GBK without error; they must not pass as Chinese."""
    korean = ("예산 총괄표 세입 세출 합계 일반회계 " * 40).encode("euc-kr")
    with pytest.raises(InputError) as err:
        decode(korean)
    assert "GBK" in err.value.en


def test_one_bad_byte_is_replaced_and_reported(tmp_path: Path) -> None:
    at = TEXT.index("一、部门职责")
    line = TEXT.count("\n", 0, at) + 1
    data = TEXT.encode()
    cut = data.index("一、部门职责".encode())
    path = tmp_path / "bad.txt"
    path.write_bytes(data[:cut] + b"\xff" + data[cut:])
    d = load(path)
    assert d.source is not None and d.source.encoding == "utf-8"
    assert facts(d) == golden()
    assert [x.split(":")[0] for x in d.diagnostics] == [f"bad-bytes line {line}"]
    assert f"第{line}行" in d.diagnostics[0] and "U+FFFD" in d.diagnostics[0]
    texts = [p.text for s in d.narrative.walk() for p in s.paragraphs]
    assert "\ufffd一、部门职责及机构设置情况" in texts  # the line is kept, its bad byte marked


def test_a_bad_byte_in_gbk_is_tolerated_too() -> None:
    data = TEXT.encode("gbk")
    got = decode(data[:5000] + b"\xff" + data[5000:])
    assert got.encoding == "gb18030"
    assert len(got.diagnostics) == 1 and got.diagnostics[0].startswith("bad-bytes line ")


def test_many_bad_bytes_refuse_the_file() -> None:
    data = bytearray(TEXT.encode())
    for i in range(MAX_BAD + 1):
        data.insert(100 + i * 200, 0xFF)
    with pytest.raises(InputError):
        decode(bytes(data))


def test_binary_is_still_binary() -> None:
    with pytest.raises(InputError, match="二进制"):
        decode(bytes(range(256)) * 50)


def test_bad_bytes_in_utf16_are_reported_on_their_line() -> None:
    """Lines are counted in the text, not by 0x0A bytes (上 is 0A 4E in UTF-16LE)."""
    at = TEXT.index("一、部门职责")
    line = TEXT.count("\n", 0, at) + 1
    data = TEXT[:at].encode("utf-16-le") + b"\x00\xd8" + TEXT[at:].encode("utf-16-le")
    got = decode(codecs.BOM_UTF16_LE + data)
    assert got.encoding == "utf-16"
    assert [x.split(":")[0] for x in got.diagnostics] == [f"bad-bytes line {line}"]
    assert got.text.replace("\ufffd", "") == TEXT
