"""The layering stays as docs/DEVELOPING.md draws it: sources below, the pipeline above, faces on top.

Every import of the project's own modules (top-level or inside a function) is read with ``ast``
and checked against the layer table below. A layer may import itself and the layers it lists;
nothing imports the faces; no test module imports another test module.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROJECT = ("collectors", "pipeline", "quotas", "reports", "config")

# layer -> the layers it may import (besides itself); more specific prefixes first
LAYERS: dict[str, set[str]] = {
    "collectors": set(),
    "pipeline": {"collectors"},  # the stages: settings, store, ingest, attribution, locks, runs
    "quotas": {"collectors", "pipeline"},
    "reports": {"collectors", "pipeline", "quotas"},
    "pipeline.nightly": {"collectors", "pipeline", "quotas", "reports"},  # jobs over all of it
    "pipeline.demo": {"collectors", "pipeline", "quotas", "reports"},
    "pipeline.cli": {"collectors", "pipeline", "quotas", "reports", "pipeline.nightly",
                     "pipeline.demo", "pipeline.desk"},
    "pipeline.desk": {"collectors", "pipeline", "quotas", "reports", "pipeline.nightly",
                      "pipeline.demo"},
    "config": set(),  # data only
}
FACES = {"pipeline.cli", "pipeline.desk"}


def layer_of(module: str) -> str | None:
    for name in sorted(LAYERS, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name
    return None


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the package
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            out.append((node.lineno, target))
            # ``from pipeline import cli`` names a module: check it as one
            out += [(node.lineno, f"{target}.{a.name}") for a in node.names if a.name != "*"]
    return [(line, name) for line, name in out if name.split(".")[0] in PROJECT]


def source_files() -> list[Path]:
    return sorted(p for pkg in PROJECT for p in (ROOT / pkg).rglob("*.py"))


def is_module(name: str) -> bool:
    path = ROOT.joinpath(*name.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def violations() -> list[str]:
    bad = []
    for path in source_files():
        me = module_name(path)
        mine = layer_of(me)
        assert mine is not None, f"{me}: in no layer of LAYERS"
        for line, target in imports_of(path):
            if not is_module(target) and not is_module(target.rpartition(".")[0]):
                continue
            if not is_module(target):  # ``from x import name``: the module is x
                continue
            theirs = layer_of(target)
            if theirs == mine or theirs in LAYERS[mine]:
                continue
            bad.append(f"{path.relative_to(ROOT)}:{line}: {me} ({mine}) imports {target} ({theirs})")
    return bad


def test_every_import_follows_the_layers():
    assert violations() == []


def test_collectors_import_nothing_of_the_project():
    for path in (ROOT / "collectors").rglob("*.py"):
        for line, target in imports_of(path):
            assert target.startswith("collectors"), f"{path.relative_to(ROOT)}:{line} imports {target}"


def test_no_cycle_between_layers():
    graph: dict[str, set[str]] = {name: set() for name in LAYERS}
    for path in source_files():
        mine = layer_of(module_name(path))
        for _line, target in imports_of(path):
            theirs = layer_of(target)
            if is_module(target) and theirs and theirs != mine:
                graph[mine].add(theirs)
    seen: dict[str, int] = {}  # 1 visiting, 2 done

    def visit(node: str, trail: list[str]) -> None:
        seen[node] = 1
        for nxt in graph[node]:
            assert seen.get(nxt) != 1, "import cycle: " + " -> ".join([*trail, node, nxt])
            if nxt not in seen:
                visit(nxt, [*trail, node])
        seen[node] = 2

    for node in graph:
        if node not in seen:
            visit(node, [])


def test_nothing_imports_the_faces():
    for path in source_files():
        me = module_name(path)
        for line, target in imports_of(path):
            face = layer_of(target) if is_module(target) else None
            if face in FACES and layer_of(me) not in FACES:
                raise AssertionError(f"{path.relative_to(ROOT)}:{line}: {me} imports the face {target}")


def test_the_checker_sees_a_violation(tmp_path):
    """The walk is not vacuous: an import against the layers in a collector is reported."""
    bad = ROOT / "collectors" / "_layer_probe_tmp.py"
    bad.write_text("from pipeline.store import Store\n", encoding="utf-8")
    try:
        found = violations()
    finally:
        bad.unlink()
    assert any("_layer_probe_tmp" in v and "pipeline.store" in v for v in found)


def test_no_test_module_imports_another():
    tests = ROOT / "tests"
    names = {p.stem for p in tests.glob("test_*.py")}
    for path in tests.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                targets = [node.module]
            for t in targets:
                last = t.rpartition(".")[2]
                assert last not in names, f"{path.relative_to(ROOT)}:{node.lineno} imports the test module {t}"


def test_no_sql_outside_the_store():
    """The store is one facade: nothing outside ``pipeline/store/`` runs SQL on a connection."""
    store = ROOT / "pipeline" / "store"
    found = []
    for path in source_files():
        if store in path.parents:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("execute", "executemany", "executescript", "create_function")):  # fmt: skip
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert found == []
