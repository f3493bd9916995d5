"""The collector is paused inside recognition and checking, and restored after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

import pytest

from support import REFERENCE
from yusuan.api import load
from yusuan.check import check
from yusuan.collector import collector_paused


def test_paused_inside_and_enabled_after_even_on_error() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
        with collector_paused():  # nested: the outer block still owns it
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError), collector_paused():
        raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_disabled_before_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_check_runs_without_the_collector_and_gives_it_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: list[bool] = []
    import yusuan.check as checking

    real = checking.CheckContext

    def spy(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)  # type: ignore[arg-type]

    d = load(REFERENCE)
    monkeypatch.setattr(checking, "CheckContext", spy)
    report = check(d)
    assert seen == [False]
    assert gc.isenabled()
    assert report.coverage


def test_a_json_model_is_validated_and_printed_back_without_the_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Validating a JSON model and printing it back (``api.load`` of ``model.json``) build as
    many objects as recognizing it: the collector is off for both too (#17: rows flat)."""
    import yusuan.read.json_model as json_model
    import yusuan.render.lowered as lowering

    model = tmp_path / "model.json"
    model.write_text(load(REFERENCE).model_dump_json(), encoding="utf-8")
    seen: dict[str, bool] = {}
    validated, printed_back = json_model._check_amounts, lowering.lowered

    def validating(d: Any) -> None:
        seen["validating"] = gc.isenabled()
        validated(d)

    def printing_back(raw: Any) -> Any:
        seen["printing back"] = gc.isenabled()
        return printed_back(raw)

    monkeypatch.setattr(json_model, "_check_amounts", validating)
    monkeypatch.setattr(lowering, "lowered", printing_back)
    assert load(model).tables
    assert seen == {"validating": False, "printing back": False}
    assert gc.isenabled()
