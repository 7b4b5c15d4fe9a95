"""The import contracts in pyproject.toml (run by `make lint` through lint-imports) hold for the
code, and an import that breaks the shape makes lint-imports fail: one forbidden import per
contract, written into a copy of the package."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(root: Path) -> subprocess.CompletedProcess:
    """lint-imports over the package under root/src, with root's contracts."""
    env = {**os.environ, "PYTHONPATH": str(root / "src"), "COLUMNS": "200"}
    return subprocess.run([str(LINT_IMPORTS), "--no-cache", "--config", "pyproject.toml"],
                          cwd=root, env=env, capture_output=True, text=True, timeout=120)


def _python_only(directory, names):
    return [n for n in names if n == "__pycache__"
            or (not n.endswith(".py") and not os.path.isdir(os.path.join(directory, n)))]


@pytest.fixture
def copy(tmp_path) -> Path:
    """The package's Python files and the contracts, in a directory of their own."""
    shutil.copytree(ROOT / "src" / "xiezuo", tmp_path / "src" / "xiezuo", ignore=_python_only)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_code_keeps_every_import_contract():
    run = _lint_imports(ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "0 broken" in run.stdout


def test_the_copy_keeps_every_import_contract_before_a_break(copy):
    """The copy alone passes: a failure in the cases below is the added import's doing."""
    run = _lint_imports(copy)
    assert run.returncode == 0, run.stdout + run.stderr


@pytest.mark.parametrize(("module", "line", "contract"), [
    # The registry is below its readers.
    ("registry/probe.py", "import xiezuo.labour.models", "Layers"),
    # No part imports the plan.
    ("funds/probe.py", "import xiezuo.plan.models", "Layers"),
    # The parts are independent of each other.
    ("funds/probe.py", "import xiezuo.labour.models", "Layers"),
    ("labour/probe.py", "import xiezuo.funds.models", "Layers"),
    # Regions is the lowest part; the tabular frame imports no part at all.
    ("regions/probe.py", "import xiezuo.accounts.models", "Layers"),
    ("tabular/probe.py", "import xiezuo.regions.models", "Layers"),
    # The shell discovers the parts instead of importing them.
    ("core/probe.py", "import xiezuo.funds.models", "The shell"),
    # Readers of the registry use its public modules, not its services or internals.
    ("labour/probe.py", "import xiezuo.registry.services", "Readers of the registry"),
    ("plan/probe.py", "import xiezuo.registry.areas", "Readers of the registry"),
])
def test_a_forbidden_import_fails_lint_imports(copy, module, line, contract):
    (copy / "src" / "xiezuo" / module).write_text(line + "\n")
    run = _lint_imports(copy)
    assert run.returncode == 1, run.stdout + run.stderr
    assert contract in run.stdout.split("Broken contracts")[-1], run.stdout


def test_a_new_module_of_the_registry_is_internal_until_it_is_made_public(copy):
    (copy / "src" / "xiezuo" / "registry" / "newthing.py").write_text("X = 1\n")
    (copy / "src" / "xiezuo" / "funds" / "probe.py").write_text("import xiezuo.registry.newthing\n")
    run = _lint_imports(copy)
    assert run.returncode == 1, run.stdout + run.stderr
    assert "xiezuo.funds.probe -> xiezuo.registry.newthing" in run.stdout
