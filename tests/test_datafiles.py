"""The data files' parse cache (:mod:`yusuan.datafiles`, :mod:`yusuan.pycache`), issue #17.

Real files and real processes: a cache written by one interpreter is read by the next, which
then does not import ``tomllib``; anything wrong with a cache file makes the file parsed again.
"""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from yusuan import datafiles, pycache
from yusuan.datafiles import FORMAT, cached_toml, data_toml

DATA_FILES = sorted(p.name for p in Path(datafiles.DATA).glob("*.toml"))


def _env(prefix: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", pycache.ENV)}
    return {**env, "PYTHONPYCACHEPREFIX": str(prefix), **extra}


def _parse_all(env: dict[str, str]) -> tuple[dict[str, object], bool]:
    """Every data file through :func:`data_toml` in a fresh interpreter: what it gave, and
    whether ``tomllib`` was imported."""
    probe = (
        "import json, sys\nfrom yusuan.datafiles import data_toml\n"
        f"out = {{n: data_toml(n) for n in {DATA_FILES!r}}}\n"
        "print(json.dumps([out, 'tomllib' in sys.modules], ensure_ascii=False))"
    )
    res = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, env=env, check=True
    )
    out, parser = json.loads(res.stdout)
    return out, parser


def _parsed() -> dict[str, object]:
    return {n: tomllib.loads(datafiles.data_text(n)) for n in DATA_FILES}


def test_a_second_process_reads_the_cache_and_gets_the_same_data(tmp_path: Path) -> None:
    first, parser_first = _parse_all(_env(tmp_path))
    assert parser_first  # nothing cached yet: parsed
    written = sorted(p.name for p in tmp_path.rglob("*.marshal"))
    tag = sys.implementation.cache_tag
    assert written == sorted(f"{n}.{tag}.marshal" for n in DATA_FILES)
    second, parser_second = _parse_all(_env(tmp_path))
    assert not parser_second  # every file from its cache
    assert first == second == json.loads(json.dumps(_parsed(), ensure_ascii=False))


def test_yusuan_cache_moves_every_cache_to_one_folder_or_turns_them_off(tmp_path: Path) -> None:
    """``YUSUAN_CACHE=DIR``: the data files' caches and the compiled patterns in DIR (nothing
    under the bytecode prefix), read back by the next process; ``off``: none written or read."""
    moved, prefix = tmp_path / "moved", tmp_path / "prefix"
    probe = (
        "from yusuan.datafiles import data_toml\nfrom yusuan import regex\n"
        + "".join(f"data_toml({n!r})\n" for n in DATA_FILES)
        + "regex.compile('[\\u4e00-\\u9fff]+年')\n"
    )
    env = _env(prefix, YUSUAN_CACHE=str(moved))
    subprocess.run([sys.executable, "-c", probe], env=env, check=True)
    tag = sys.implementation.cache_tag
    expected = [f"{n}.{tag}.marshal" for n in DATA_FILES] + [f"yusuan-patterns.{tag}.marshal"]
    assert sorted(p.name for p in moved.iterdir()) == sorted(expected)
    assert not list(prefix.rglob("*.marshal"))
    _, parser = _parse_all(env)
    assert not parser  # read back from the moved folder
    off = _env(prefix, YUSUAN_CACHE="off")
    subprocess.run([sys.executable, "-c", probe], env=off, check=True)
    out, parser = _parse_all(off)
    assert parser and not list(prefix.rglob("*.marshal"))  # nothing read, nothing written
    assert out == json.loads(json.dumps(_parsed(), ensure_ascii=False))


def test_no_cache_is_written_without_bytecode(tmp_path: Path) -> None:
    out, parser = _parse_all(_env(tmp_path, PYTHONDONTWRITEBYTECODE="1"))
    assert parser and list(tmp_path.rglob("*")) == []
    assert out == json.loads(json.dumps(_parsed(), ensure_ascii=False))


def test_a_folder_that_cannot_be_written_leaves_no_cache(tmp_path: Path) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    out, parser = _parse_all(_env(blocked / "cache"))
    assert parser and out == json.loads(json.dumps(_parsed(), ensure_ascii=False))
    assert [p.name for p in tmp_path.iterdir()] == ["a file"]


def test_processes_writing_at_once_leave_whole_files(tmp_path: Path) -> None:
    probe = "from yusuan.datafiles import data_toml\n" + "".join(
        f"data_toml({n!r})\n" for n in DATA_FILES
    )
    procs = [subprocess.Popen([sys.executable, "-c", probe], env=_env(tmp_path)) for _ in range(6)]
    assert [p.wait(timeout=120) for p in procs] == [0] * 6
    files = sorted(tmp_path.rglob("*"))
    assert not [p for p in files if p.name.endswith(".tmp")]
    for path in (p for p in files if p.suffix == ".marshal"):
        name = path.name.split(".")[0] + ".toml"
        assert cached_toml(path.read_bytes(), datafiles.data_text(name)) == _parsed()[name]


@pytest.fixture
def cache_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """This process caches under ``tmp_path`` and reads its data files from ``tmp_path/data``."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "t.toml").write_text('a = 1\nb = ["二", 3.5]\n', encoding="utf-8")
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    monkeypatch.setattr(sys, "pycache_prefix", str(tmp_path / "cache"))
    monkeypatch.setattr(datafiles, "DATA", str(data))
    return data


def _cache_of(data: Path) -> Path:
    where = pycache.cache_file(str(data / "t.toml"), "marshal")
    assert where is not None
    return Path(where)


def test_an_edited_data_file_is_parsed_again(cache_in: Path) -> None:
    parse = data_toml.__wrapped__  # not the per-process memo
    assert parse("t.toml") == {"a": 1, "b": ["二", 3.5]}
    assert _cache_of(cache_in).exists()
    (cache_in / "t.toml").write_text('a = 2\nb = ["二", 3.5]\n', encoding="utf-8")
    os.utime(cache_in / "t.toml", (0, 0))  # whatever the time stamps say
    assert parse("t.toml") == {"a": 2, "b": ["二", 3.5]}
    assert cached_toml(_cache_of(cache_in).read_bytes(), 'a = 2\nb = ["二", 3.5]\n') == {
        "a": 2,
        "b": ["二", 3.5],
    }


@pytest.mark.parametrize(
    "damage",
    [
        lambda b: b[: len(b) // 2],  # cut short
        lambda b: b"",
        lambda b: b"\x00garbage\xff" * 10,
        lambda b: marshal.dumps(("yusuan-data-0", *marshal.loads(b)[1:])),  # an older layout
        lambda b: marshal.dumps(marshal.loads(b)[:2]),
        lambda b: marshal.dumps([*marshal.loads(b)]),
        lambda b: marshal.dumps((FORMAT, marshal.loads(b)[1], ["not", "a", "table"])),
    ],
)
def test_a_damaged_cache_is_ignored_and_replaced(cache_in: Path, damage: object) -> None:
    parse = data_toml.__wrapped__
    parse("t.toml")
    cache = _cache_of(cache_in)
    cache.write_bytes(damage(cache.read_bytes()))  # type: ignore[operator]
    assert parse("t.toml") == {"a": 1, "b": ["二", 3.5]}
    assert cached_toml(cache.read_bytes(), datafiles.data_text("t.toml")) == {
        "a": 1,
        "b": ["二", 3.5],
    }


def test_a_cache_of_other_text_is_not_used(cache_in: Path) -> None:
    """The cache holds the text it was parsed from: a cache made from other text (copied from
    another install, or the file restored to an older version) is parsed over."""
    cache = _cache_of(cache_in)
    cache.parent.mkdir(parents=True)
    cache.write_bytes(marshal.dumps((FORMAT, "a = 9\n", {"a": 9})))
    assert data_toml.__wrapped__("t.toml") == {"a": 1, "b": ["二", 3.5]}


def test_a_value_marshal_cannot_hold_is_parsed_not_cached(cache_in: Path) -> None:
    (cache_in / "t.toml").write_text("day = 2024-01-31\n", encoding="utf-8")
    parsed = data_toml.__wrapped__("t.toml")
    assert str(parsed["day"]) == "2024-01-31"
    assert not _cache_of(cache_in).exists()


def test_the_cache_goes_where_bytecode_goes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Beside the source in ``__pycache__``, or under ``sys.pycache_prefix`` as Python puts
    ``.pyc`` files (:func:`importlib.util.cache_from_source`)."""
    import importlib.util

    tag = sys.implementation.cache_tag
    source = os.path.join(datafiles.DATA, "limits.toml")
    monkeypatch.setattr(sys, "pycache_prefix", None)
    where = pycache.cache_file(source, "marshal")
    assert where == os.path.join(datafiles.DATA, "__pycache__", f"limits.toml.{tag}.marshal")
    for prefix in ("/tmp/pfx", "relative/pfx"):
        monkeypatch.setattr(sys, "pycache_prefix", prefix)
        pyc = importlib.util.cache_from_source(source[: -len(".toml")] + ".py")
        assert pycache.cache_file(source, "marshal") == os.path.join(
            os.path.dirname(pyc), f"limits.toml.{tag}.marshal"
        )
