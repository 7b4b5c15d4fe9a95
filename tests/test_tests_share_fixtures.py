"""Test modules share helpers as fixtures (tests/conftest.py, tests/<app>/conftest.py), never by
importing a conftest or another test module through the path (issue 9)."""

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parent
# Every folder is held to the rule (the parts built on 2026-12-01 included).
BEING_BUILT: set[str] = set()


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text("utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append(node.module)
        elif isinstance(node, ast.Import):
            out += [a.name for a in node.names]
    return out


def _offences(root: Path) -> list[str]:
    bad = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if rel.parts[0] in BEING_BUILT:
            continue
        for module in _imports(path):
            first = module.split(".")[0]
            if first in {"conftest", "tests_root_conftest"} or first.startswith("test_"):
                bad.append(f"{rel}: import {module}")
    return bad


def test_no_test_module_imports_a_conftest_or_another_test_module():
    assert _offences(TESTS) == []


def test_the_check_finds_such_an_import(tmp_path):
    (tmp_path / "registry").mkdir()
    (tmp_path / "registry" / "test_a.py").write_text("from test_b import helper\n", "utf-8")
    (tmp_path / "test_c.py").write_text("from conftest import TAOYANG\n", "utf-8")
    (tmp_path / "pairing").mkdir()
    (tmp_path / "pairing" / "test_d.py").write_text("from conftest import area\n", "utf-8")
    assert _offences(tmp_path) == ["pairing/test_d.py: import conftest",
                                   "registry/test_a.py: import test_b",
                                   "test_c.py: import conftest"]
