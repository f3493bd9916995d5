"""The cache of compiled patterns (:mod:`yusuan.regex`, issue #17), with real processes and files.

Each test runs fresh interpreters with ``YUSUAN_CACHE`` set to a temporary directory
(or ``PYTHONPYCACHEPREFIX``, for the default place) and bytecode writing on, reads what they
leave, and compares every cached pattern with ``re.compile``'s.
"""

from __future__ import annotations

import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from support import REFERENCE
from yusuan import pycache, regex

DATA = Path(__file__).parent / "data"
TAG = sys.implementation.cache_tag
NAME = f"yusuan-patterns.{TAG}.marshal"


def env(cache: Path | str | None, **extra: str) -> dict[str, str]:
    """This environment with bytecode writing on and the cache in ``cache`` (unset: default)."""
    out = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", pycache.ENV)}
    if cache is not None:
        out[pycache.ENV] = str(cache)
    return {**out, **extra}


def run(code: str, cache: Path | str | None, *args: str, timeout: int = 300, **extra: str) -> str:
    """Run ``code`` (with ``args``) in a fresh interpreter; its standard output."""
    res = subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env(cache, **extra),
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr, res.stderr
    return res.stdout


#: The start of a probe: counts the patterns ``re`` parses (``parsed``), then imports yusuan's.
COUNTING = r"""
import re._parser
parse, parsed = re._parser.parse, []
def counting(*args):
    parsed.append(args[0])
    return parse(*args)
re._parser.parse = counting
from yusuan import pycache, regex
"""


#: Compiles the patterns given as JSON [[pattern, flags], ...] (argv[1]) through yusuan.regex
#: and prints, as JSON, whether each equals re.compile's and whether the process parsed any.
COMPILE = (
    r"""
import json, re, sys
"""
    + COUNTING
    + r"""
pairs = json.loads(sys.argv[1]) if len(sys.argv) > 1 else PAIRS
same = []
for p, f in pairs:
    got = regex.compile(p, f)
    want = re.compile(p, f)  # re parses unless its own cache holds it
    same.append(got == want and got is regex.compile(p, f))
print(json.dumps({"same": same, "parsed": len(parsed) - sum(1 for _ in pairs), "missed": regex._missed}))
"""
)


def compile_in_process(
    pairs: list[tuple[str, int]], cache: Path | str | None, **extra: str
) -> dict:
    code = COMPILE.replace("PAIRS", repr([list(p) for p in pairs]))
    return json.loads(run(code, cache, **extra).splitlines()[-1])


PAIRS = [
    (r"(?P<year>(?:19|20)\d{2})\s*年", 0),
    (r"[\u4e00-\u9fff]+(?:（[类款项]）)?", 0),
    (r"^(?:合计|总计)$", int(re.MULTILINE)),
    (r"[。；;，,：:]", 0),
    (r"total|sum", int(re.IGNORECASE)),
]


def test_a_second_process_builds_the_patterns_from_what_the_first_wrote(tmp_path: Path) -> None:
    first = compile_in_process(PAIRS, tmp_path)
    assert first["same"] == [True] * len(PAIRS) and first["missed"]
    assert first["parsed"] == len(PAIRS)  # compiled: each parsed once by yusuan.regex
    file = tmp_path / NAME
    assert set(regex.read(str(file))) == set(PAIRS)
    written = file.stat().st_mtime_ns
    second = compile_in_process(PAIRS, tmp_path)
    assert second["same"] == [True] * len(PAIRS)
    assert second["parsed"] == 0 and not second["missed"]  # none parsed: all from the file
    assert file.stat().st_mtime_ns == written  # nothing new: not written again


def test_a_new_pattern_is_added_to_what_is_on_disk(tmp_path: Path) -> None:
    compile_in_process(PAIRS[:2], tmp_path)
    compile_in_process(PAIRS[2:], tmp_path)
    assert set(regex.read(str(tmp_path / NAME))) == set(PAIRS)


def test_the_default_place_is_the_package_pycache_under_the_pycache_prefix(tmp_path: Path) -> None:
    prefix = tmp_path / "prefix"
    out = run(
        "from yusuan import regex\nregex.compile(r'默认位置\\d+')\nprint(regex.cache_path())",
        None,
        PYTHONPYCACHEPREFIX=str(prefix),
    )
    package = Path(regex.__file__).resolve().parent
    expected = prefix / package.relative_to(package.anchor) / NAME
    assert out.strip() == str(expected)
    assert (r"默认位置\d+", 0) in regex.read(str(expected))


def test_off_and_dont_write_bytecode_write_nothing_and_still_work(tmp_path: Path) -> None:
    off = run("from yusuan import regex\nprint(regex.cache_path())", "off")
    assert off.strip() == "None"
    assert compile_in_process(PAIRS, "off")["same"] == [True] * len(PAIRS)
    got = compile_in_process(PAIRS, tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert got["same"] == [True] * len(PAIRS) and got["missed"]
    assert list(tmp_path.iterdir()) == []  # like bytecode: read, never written
    compile_in_process(PAIRS, tmp_path)
    readonly = compile_in_process(PAIRS, tmp_path, PYTHONDONTWRITEBYTECODE="1")
    assert readonly["parsed"] == 0  # but read


def test_a_directory_that_cannot_be_written_means_no_cache_silently(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    got = compile_in_process(PAIRS, blocker / "cache")  # makedirs fails under a file
    assert got["same"] == [True] * len(PAIRS)
    assert blocker.read_text() == "not a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]


def damaged_files(good: bytes) -> dict[str, bytes]:
    """Ways a cache file can be wrong, made from a good one."""
    head, entries = marshal.loads(good[len(regex._PREFIX) :])
    foreign = regex._PREFIX + marshal.dumps(((head[0], head[1] - 1, *head[2:]), entries))
    old_format = regex._PREFIX + marshal.dumps(((head[0] + 1, *head[1:]), entries))
    key = next(iter(entries))
    bad_code = dict(entries)
    flags, code, groups, gi, ig = marshal.loads(entries[key])
    bad_code[key] = marshal.dumps((flags, [999_999, *code[1:]], groups, gi, ig))
    bad_shape = dict(entries)
    bad_shape[key] = marshal.dumps(("not", "an", "entry"))
    not_bytes = {k: 42 for k in entries}
    return {
        "empty": b"",
        "garbage": b"\x00\xff" * 100,
        "truncated": good[: len(good) // 2],
        "no prefix": good[len(regex._PREFIX) :],
        "another Python": foreign,
        "another format": old_format,
        "bad code": regex._PREFIX + marshal.dumps((head, bad_code)),
        "bad shape": regex._PREFIX + marshal.dumps((head, bad_shape)),
        "entries not bytes": regex._PREFIX + marshal.dumps((head, not_bytes)),
        "not a dict": regex._PREFIX + marshal.dumps((head, [1, 2, 3])),
    }


def test_a_damaged_or_foreign_file_is_ignored_and_replaced(tmp_path: Path) -> None:
    compile_in_process(PAIRS, tmp_path)
    file = tmp_path / NAME
    good = file.read_bytes()
    for what, data in damaged_files(good).items():
        file.write_bytes(data)
        got = compile_in_process(PAIRS, tmp_path)
        assert got["same"] == [True] * len(PAIRS), what
        entries = regex.read(str(file))
        assert set(entries) == set(PAIRS), what  # written anew, whole
        for (p, f), blob in entries.items():
            assert regex.decode(p, blob) == re.compile(p, f), what


#: Each writer compiles its own patterns plus shared ones, all start together.
WRITER = r"""
import sys, time
from yusuan import pycache, regex
k = int(sys.argv[1])
while time.time() < float(sys.argv[2]):
    time.sleep(0.005)
for i in range(60):
    regex.compile(rf"writer{k}-{i}[\u4e00-\u9fff]{{{i % 5 + 1}}}")
regex.compile(r"shared[。；;]+")
"""


def test_writers_at_once_leave_a_valid_file(tmp_path: Path) -> None:
    import time

    for _round in range(3):
        start = time.time() + 2.0
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", WRITER, str(k), str(start)],
                env=env(tmp_path),
                stderr=subprocess.PIPE,
                text=True,
            )
            for k in range(4)
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=300)
            assert proc.returncode == 0 and not err, err
        entries = regex.read(str(tmp_path / NAME))
        assert (r"shared[。；;]+", 0) in entries
        writers = {p.split("-")[0] for p, _ in entries if isinstance(p, str) and "writer" in p}
        assert writers  # at least the last writer's 60, each whole
        for (p, f), blob in entries.items():
            assert regex.decode(p, blob) == re.compile(p, f)
        assert [p.name for p in tmp_path.iterdir()] == [NAME]  # no temporary file left


CAPPED = r"""
from yusuan import pycache, regex
regex.MAX_ENTRIES = 8
for i in range(12):
    regex.compile(rf"mine{i}\d+")
"""


def test_the_cap_keeps_this_process_entries(tmp_path: Path) -> None:
    compile_in_process([(rf"other{i}", 0) for i in range(6)], tmp_path)
    run(CAPPED, tmp_path)
    entries = regex.read(str(tmp_path / NAME))
    assert list(entries) == [(rf"mine{i}\d+", 0) for i in range(8)]  # in the order used
    # under the cap, merged: another process's patterns are kept beside
    compile_in_process([("another", 0)], tmp_path)
    assert len(regex.read(str(tmp_path / NAME))) == 9


def test_the_byte_cap_holds(tmp_path: Path) -> None:
    big = r"""
from yusuan import pycache, regex
regex.MAX_BYTES = 20_000
for i in range(40):
    regex.compile(rf"[\u4e00-\u9fff{chr(0x3000 + i)}{chr(0x2000 + i)}]x{i}")  # a bitmap each
"""
    run(big, tmp_path)
    file = tmp_path / NAME
    entries = regex.read(str(file))
    assert 0 < len(entries) < 40
    assert file.stat().st_size <= 20_000 + 200  # the header
    assert regex.bounded({}, entries) == entries


def test_an_unknown_python_gets_plain_re_compile() -> None:
    code = (
        "import re\nsaved = re._compiler\ndel re._compiler\n"
        "from yusuan import regex\nre._compiler = saved\n"
        "p = regex.compile(r'(\\d+)年')\n"
        "print(regex.SUPPORTED, regex.cache_path(), p == re.compile(r'(\\d+)年'), regex._missed)"
    )
    assert run(code, None).split() == ["False", "None", "True", "False"]


def test_patterns_left_to_re() -> None:
    """DEBUG prints, LOCALE (bytes) decides at match time, non-strings: all as re does them."""
    assert regex.compile(rb"[a-z]+", re.LOCALE) == re.compile(rb"[a-z]+", re.LOCALE)
    with pytest.raises(re.error):
        regex.compile(r"(unclosed")
    with pytest.raises(TypeError):
        regex.compile(42)  # type: ignore[call-overload]


#: Loads and checks every document of tests/data (argv[1]), the example among them.
EVERY_DOCUMENT = r"""
import sys
from pathlib import Path
from yusuan.api import load
from yusuan.check import check
for f in sorted(Path(sys.argv[1]).iterdir()):  # the example is among them
    if f.suffix in (".txt", ".pdf", ".html", ".xlsx", ".xls", ".docx"):
        check(load(f))
"""


def test_every_pattern_a_check_compiles_is_the_same_pattern_from_the_cache(tmp_path: Path) -> None:
    run(EVERY_DOCUMENT, tmp_path, str(DATA), timeout=600)
    entries = regex.read(str(tmp_path / NAME))
    from yusuan.recognize import identity
    from yusuan.rules.prose import terms

    assert len(entries) > 200  # collected through the cache itself: every pattern compiled
    assert (identity._NAMED.pattern, 0) in entries and (terms.CODE_NAME.pattern, 0) in entries
    text = REFERENCE.read_text(encoding="utf-8")
    sample = text[:20_000] + "".join(p for p, _ in entries if isinstance(p, str))
    for (p, f), blob in entries.items():
        cached, fresh = regex.decode(p, blob), re.compile(p, f)
        assert cached == fresh, p
        assert cached is not None and cached.groupindex == fresh.groupindex
        s = sample if isinstance(p, str) else sample.encode()
        assert [m.span() for m in cached.finditer(s)] == [m.span() for m in fresh.finditer(s)], p


#: Checks the example as `yusuan check` does, then says whether any pattern missed the cache.
CHECK_EXAMPLE = (
    r"""
import io, json, sys
"""
    + COUNTING
    + r"""
from yusuan.api import load
from yusuan.check import check
from yusuan.cli.checking import _print_to
_print_to([check(load(sys.argv[1]))], io.StringIO(), None)
mine = {p for p, _ in regex._used}
print(json.dumps({"missed": regex._missed, "used": len(regex._used),
                  "parsed": len([p for p in parsed if p in mine])}))
"""
)


def test_a_second_check_of_the_example_compiles_none_of_yusuans_patterns(tmp_path: Path) -> None:
    def checked() -> dict:
        return json.loads(run(CHECK_EXAMPLE, tmp_path, str(REFERENCE)).splitlines()[-1])

    first, second = checked(), checked()
    assert first["missed"] and first["parsed"] == first["used"] > 200
    assert not second["missed"] and second["used"] == first["used"] and second["parsed"] == 0
