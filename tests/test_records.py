"""The model's classes are frozen stdlib dataclasses (yusuan.records): a check imports no
pydantic, the pydantic-named methods behave as they did, the JSON edges still validate."""

from __future__ import annotations

import dataclasses
import json
import pickle
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from pydantic import ValidationError

from support import FINAL, REFERENCE
from support.typed import mistyped
from yusuan.api import load
from yusuan.catalog.entries import Entry
from yusuan.check import Report, check
from yusuan.errors import InputError
from yusuan.model import Cell, Disclosure, Source, StatedAmount, Table, TableId
from yusuan.records import Record
from yusuan.rules.base import Finding, Location, Severity

PYDANTIC = ("pydantic", "pydantic_core", "annotated_types")


def _modules_after(argv: list[str]) -> dict[str, object]:
    """Run the console script's ``main`` with ``argv`` in a fresh interpreter: its exit
    status and which of :data:`PYDANTIC` it left imported."""
    probe = (
        "import contextlib, io, json, sys\n"
        "from yusuan.cli import main\n"
        f"sys.argv = ['yusuan', *{argv!r}]\n"
        "code = 0\n"
        "with contextlib.redirect_stdout(io.StringIO()) as out:\n"
        "    try:\n"
        "        main()\n"
        "    except SystemExit as exc:\n"
        "        code = exc.code\n"
        f"print(json.dumps({{'code': code, 'out': out.getvalue(), "
        f"'loaded': [m for m in {PYDANTIC!r} if m in sys.modules]}}))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True
    )
    found: dict[str, object] = json.loads(res.stdout.splitlines()[-1])
    return found


@pytest.mark.parametrize("path", [REFERENCE, FINAL], ids=["text", "pdf"])
def test_a_check_imports_no_pydantic(path: Path) -> None:
    got = _modules_after(["check", str(path)])
    assert got["code"] in (0, 1) and "规则：运行" in str(got["out"]), got
    assert got["loaded"] == []


def test_a_json_report_imports_pydantic_to_serialize() -> None:
    """The probe sees pydantic when something serializes (it is not blind)."""
    got = _modules_after(["check", "--format", "json", str(REFERENCE)])
    assert got["code"] == 0 and json.loads(str(got["out"]))["summary"]["error"] == 0
    assert "pydantic" in got["loaded"]  # type: ignore[operator]


def test_every_value_has_its_annotated_type(
    reference: Disclosure, final_parsed: Disclosure
) -> None:
    """Nothing coerces at construction any more: the readers build tuples, enums, Decimals."""
    for d in (reference, final_parsed):
        assert mistyped(d) == []
        assert mistyped(check(d)) == []


def test_the_type_walk_sees_a_wrong_type() -> None:
    table = Table(id="summary", title="x", rows=[], source=Source(bbox=(1, 2.0, 3.0, 4.0)))  # type: ignore[arg-type]
    assert [line.split(":")[0] for line in mistyped(table)] == [".id", ".rows", ".source.bbox"]


def test_json_round_trip_is_exact(final_parsed: Disclosure) -> None:
    text = final_parsed.model_dump_json()
    back = Disclosure.model_validate_json(text)
    assert back == final_parsed and back.model_dump_json() == text
    assert mistyped(back) == []
    report = check(final_parsed)
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_model_copy_replaces_without_validating() -> None:
    cell = Cell(text="1", value=Decimal(1))
    copy = cell.model_copy(update={"text": "2"})
    assert type(copy) is Cell and copy == Cell(text="2", value=Decimal(1)) and cell.text == "1"
    assert cell.model_copy() == cell and cell.model_copy() is not cell
    assert cell.model_copy(update={"value": "x"}).value == "x"  # as pydantic's: no validation
    with pytest.raises(TypeError, match="no field valeu"):
        cell.model_copy(update={"valeu": Decimal(2)})


def test_cached_property_is_not_copied() -> None:
    stated = StatedAmount(
        subject="基本支出",
        phrase="基本支出",
        value=Decimal("1.5"),
        unit="万元",
        text="",
        sentence="",
    )
    assert stated.wan == Decimal("1.5")
    in_yuan = stated.model_copy(update={"unit": "元"})
    assert in_yuan.wan == Decimal("0.00015") and stated.wan == Decimal("1.5")
    assert in_yuan == StatedAmount.model_validate({**stated.model_dump(), "unit": "元"})


def test_frozen_hashable_picklable(final_parsed: Disclosure) -> None:
    src = Source(page=3, bbox=(1.0, 2.0, 3.0, 4.0))
    with pytest.raises(dataclasses.FrozenInstanceError):
        src.page = 4  # type: ignore[misc]
    assert hash(src) == hash(Source(page=3, bbox=(1.0, 2.0, 3.0, 4.0))) and src != Source(page=4)
    assert pickle.loads(pickle.dumps(final_parsed)) == final_parsed
    loc = Location(table="summary", page=2)
    f = Finding(code="YS101", name="n", severity=Severity.ERROR, message="m", location=loc)
    assert {f, f.model_copy()} == {f} and pickle.loads(pickle.dumps(f)) == f


def test_keyword_only_and_no_extra_argument() -> None:
    with pytest.raises(TypeError):
        Source(1)  # type: ignore[misc]
    with pytest.raises(TypeError):
        Source(pg=1)  # type: ignore[call-arg]


def test_validation_follows_each_class_config() -> None:
    """``__pydantic_config__`` (a plain dict) is pydantic's config: the model refuses a key it
    does not have; a report, as before, ignores one."""
    with pytest.raises(ValidationError, match="zz"):
        Source.model_validate({"page": 1, "zz": 2})
    with pytest.raises(ValidationError, match="Input should be"):
        Table.model_validate({"id": "summary", "title": "t", "recognized_by": "guess"})
    assert Table.model_validate({"id": "summary", "title": "t"}).id is TableId.SUMMARY
    assert Entry.model_validate_json('{"year":2024,"kind":"function","code":"201","name":"x"}')
    report = json.loads(check(load(REFERENCE)).model_dump_json())
    report["zz"] = 1
    assert Report.model_validate_json(json.dumps(report)).document.tables > 0


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda d: d.update(zz=1), "zz：Extra inputs are not permitted"),
        (lambda d: d["tables"][0]["columns"][0].update(zz=1), "tables.0.columns.0.zz：Extra"),
        (lambda d: d["tables"][0].update(id="nope"), "tables.0.id：Input should be"),
        (lambda d: d["tables"][0].pop("title"), "tables.0.title：Field required"),
        (lambda d: d.update(year="二〇二三"), "year：Input should be a valid integer"),
    ],
)
def test_the_json_reader_refuses_what_it_refused(
    change: object, said: str, reference: Disclosure, tmp_path: Path
) -> None:
    data = json.loads(reference.model_dump_json())
    change(data)  # type: ignore[operator]
    path = tmp_path / "model.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="JSON 文件不是 yusuan 的数据模型") as caught:
        load(path)
    assert said in str(caught.value)


def test_model_fields_and_dump(reference: Disclosure) -> None:
    assert list(Source.model_fields) == [f.name for f in dataclasses.fields(Source)]
    dumped = reference.model_dump(mode="json")
    assert isinstance(dumped["tables"], list) and json.dumps(dumped, ensure_ascii=False)
    assert reference.model_dump()["tables"][0]["id"] is reference.tables[0].id
    loc = Location(page=3).model_dump(exclude_none=True)
    assert loc == {"page": 3}


def test_every_record_class_is_a_frozen_keyword_dataclass() -> None:
    seen = _subclasses(Record)
    assert {"Disclosure", "Source", "Report", "Finding", "Location", "Entry"} <= {
        c.__name__ for c in seen
    }
    for cls in seen:
        assert dataclasses.is_dataclass(cls) and "__dataclass_fields__" in cls.__dict__, cls
        assert all(f.kw_only for f in dataclasses.fields(cls)), cls
        made = object.__new__(cls)
        for f in dataclasses.fields(cls):  # frozen: no field is set or deleted, nor another name
            with pytest.raises(dataclasses.FrozenInstanceError, match=f.name):
                setattr(made, f.name, 1)
            with pytest.raises(dataclasses.FrozenInstanceError, match=f.name):
                delattr(made, f.name)
        with pytest.raises(dataclasses.FrozenInstanceError):
            made.zz = 1


def _subclasses(cls: type) -> list[type]:
    out = []
    for sub in cls.__subclasses__():
        out += [sub, *_subclasses(sub)]
    return out


def test_a_catalogue_csv_with_a_bad_kind_is_refused(tmp_path: Path) -> None:
    """pydantic refused an unknown ``kind`` when it built the entry; the reader now does."""
    from yusuan.catalog.entries import read_csv

    path = tmp_path / "2024.csv"
    path.write_text("year,kind,code,name\n2024,function,201,一般公共服务支出\n", encoding="utf-8")
    (entry,) = read_csv(path)
    assert entry.kind == "function" and mistyped(entry) == []
    path.write_text("year,kind,code,name\n2024,functional,201,一般公共服务支出\n", encoding="utf-8")
    with pytest.raises(ValueError, match="functional"):
        read_csv(path)


@pytest.mark.parametrize(
    "name",
    [
        "chongqing-2018-jiaotongwei.html",
        "shanghai-putuo-2026-dept-budget-template.xlsx",
        "shanghai-putuo-2026-unit-budget-template.xls",
        "jiangsu-2019-renda-dept-budget.pdf",
    ],
)
def test_every_reader_builds_typed_values(name: str) -> None:
    d = load(REFERENCE.parent / name)
    assert d.tables or d.narrative.sections
    assert mistyped(d) == [] and mistyped(check(d)) == []


def test_a_json_model_and_the_blank_forms_are_typed(reference: Disclosure, tmp_path: Path) -> None:
    from yusuan.render import forms, standard

    path = tmp_path / "model.json"
    path.write_text(reference.model_dump_json(), encoding="utf-8")
    assert mistyped(load(path)) == []
    for kind in ("预算", "决算"):
        for form in forms.forms(kind):
            assert mistyped(standard.empty_table(form)) == [], form.title
