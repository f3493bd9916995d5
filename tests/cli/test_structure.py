"""The CLI and the renderers are layered: verb modules import the shared helpers, the registry
imports the verbs, and no module imports back up (no import circle, not even inside a function)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from support import ROOT

SRC = ROOT / "src"


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, known: set[str]) -> set[str]:
    """The known modules ``path`` imports anywhere in its text (top level or in a function)."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # ``from pkg import sub`` imports the submodule; ``from pkg import name``, pkg itself
            subs = [f"{node.module}.{a.name}" for a in node.names]
            names = [n if n in known else node.module for n in subs]
        else:
            continue
        out |= {n for n in names if n in known}
    return out


def _graph(package: str) -> dict[str, set[str]]:
    folder = SRC.joinpath(*package.split("."))
    paths = {_module(p): p for p in folder.rglob("*.py")}
    return {m: _imports(p, set(paths)) - {m} for m, p in paths.items()}


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 on the path, 2 done

    def visit(m: str, path: list[str]) -> list[str] | None:
        state[m] = 1
        for n in sorted(graph[m]):
            if state.get(n) == 1:
                return [*path[path.index(n) :], n] if n in path else [*path, n]
            if n not in state and (found := visit(n, [*path, n])):
                return found
        state[m] = 2
        return None

    for m in sorted(graph):
        if m not in state and (found := visit(m, [m])):
            return found
    return None


@pytest.mark.parametrize("package", ["yusuan.cli", "yusuan.render"])
def test_no_import_circle(package: str) -> None:
    graph = _graph(package)
    assert len(graph) > 5
    assert _cycle(graph) is None


def test_the_circle_finder_finds_one() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None


def test_verb_modules_import_only_the_shared_helpers() -> None:
    graph = _graph("yusuan.cli")
    shared = {
        "yusuan.cli.common",
        "yusuan.cli.store_io",
        "yusuan.cli.output",
        "yusuan.cli.progress",
    }
    verbs = set(graph) - shared - {"yusuan.cli", "yusuan.cli.registry"}
    assert {"yusuan.cli.check", "yusuan.cli.ingest", "yusuan.cli.diff"} <= verbs
    for verb in verbs:
        assert graph[verb] <= shared, verb
    assert graph["yusuan.cli.registry"] >= verbs
    assert graph["yusuan.cli.common"] == set()
    assert graph["yusuan.cli.output"] == {"yusuan.cli.common"}


def test_cli_modules_stay_small() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (SRC / "yusuan" / "cli").glob("*.py")
    }
    assert len(sizes) >= 10
    assert max(sizes.values()) <= 400, sizes
