"""The CLI is layered: verb modules import the shared helpers, the registry names the verbs
(imported when one runs), and nothing imports back up. (Circles anywhere in the package, inside functions too, are the
import-linter contracts' job: tests/test_architecture.py.)"""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT
from yusuan.cli.registry import VERBS

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


def test_verb_modules_import_only_the_shared_helpers() -> None:
    graph = _graph("yusuan.cli")
    shared = {
        "yusuan.cli.common",
        "yusuan.cli.store_io",
        "yusuan.cli.output",
        "yusuan.cli.progress",
        "yusuan.cli.checking",
    }
    verbs = set(graph) - shared - {"yusuan.cli", "yusuan.cli.registry", "yusuan.cli.entry"}
    assert {"yusuan.cli.check", "yusuan.cli.ingest", "yusuan.cli.diff"} <= verbs
    for verb in verbs:
        assert graph[verb] <= shared, verb
    # the registry imports no verb module: it names each one (yusuan.cli.registry.VERBS)
    assert graph["yusuan.cli.registry"] == set()
    named = {module for module, _ in VERBS.values()} - {"yusuan.cli.registry"}
    assert named == verbs
    assert graph["yusuan.cli.common"] == set()
    assert graph["yusuan.cli.output"] == {"yusuan.cli.common"}
    # the console script: a plain check through the shared work, anything else through the app
    assert graph["yusuan.cli.entry"] == {"yusuan.cli.checking", "yusuan.cli.registry"}
    assert graph["yusuan.cli.checking"] <= shared


def test_cli_modules_stay_small() -> None:
    sizes = {
        p.name: len(p.read_text(encoding="utf-8").splitlines())
        for p in (SRC / "yusuan" / "cli").glob("*.py")
    }
    assert len(sizes) >= 10
    assert max(sizes.values()) <= 400, sizes
