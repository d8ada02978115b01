"""The code's shape is checked with the tests: import layers, no import cycle, ruff and mypy.

The layer contract lives in pyproject.toml ([tool.importlinter]); a violation, a cycle, a lint
error or a type error fails ``pytest``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def _run(*cmd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)


def test_import_layers_hold():
    res = _run(str(BIN / "lint-imports"), "--no-cache")
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-2000:]
    assert "0 broken" in res.stdout


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in graph.find_modules_directly_imported_by(v):
            if w not in graph.modules:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    sys.setrecursionlimit(max(10_000, sys.getrecursionlimit()))
    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return out


def test_no_import_cycle_anywhere():
    graph = grimp.build_graph("dashboard")
    assert len(graph.modules) > 30  # the whole package was read
    assert _cycles(graph) == []


def test_cycle_finder_finds_a_cycle():
    graph = grimp.ImportGraph()
    for m in ("p.a", "p.b", "p.c"):
        graph.add_module(m)
    graph.add_import(importer="p.a", imported="p.b")
    graph.add_import(importer="p.b", imported="p.a")
    graph.add_import(importer="p.b", imported="p.c")
    assert _cycles(graph) == [["p.a", "p.b"]]


def test_ruff_lint_and_import_order():
    res = _run(str(BIN / "ruff"), "check", ".")
    assert res.returncode == 0, res.stdout[-3000:]


def test_mypy():
    res = _run(str(BIN / "mypy"))
    assert res.returncode == 0, res.stdout[-3000:]


def test_no_module_outside_content_is_longer_than_400_lines():
    # Content (indicators, dimensions, rules, labels, aliases, exceptions) is TOML under dashboard/content/, not
    # Python, so no module is exempt. An exemption would be path -> written reason.
    exempt: dict[str, str] = {}
    long = {str(p.relative_to(ROOT)): n for p in (ROOT / "dashboard").rglob("*.py")
            if (n := len(p.read_text().splitlines())) > 400 and str(p.relative_to(ROOT)) not in exempt}
    assert long == {}


def test_test_modules_have_unique_basenames():
    """pytest imports test files by basename (no __init__.py): two files of one name in tests/unit and
    tests/browser break collection of the whole suite ("import file mismatch")."""
    names = [p.name for p in (ROOT / "tests").rglob("test_*.py")]
    assert sorted(n for n in set(names) if names.count(n) > 1) == []
