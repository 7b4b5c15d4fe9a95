"""The package keeps its own copies of the reference files in ../shared/reference/ (it never
reads ../shared), and each copy is the shared file byte for byte. CI has ../shared beside its
clone, so there a missing ../shared fails instead of skipping."""

from importlib import resources
from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"


@pytest.mark.parametrize(("package", "copy", "shared"), [
    ("xiezuo.registry", "data/registry-fields.md", "registry-fields.md"),
    ("xiezuo.regions", "data/divisions.csv", "divisions.csv"),
    ("xiezuo.regions", "data/divisions-cities.csv", "divisions-cities.csv"),
])
def test_the_package_copy_is_the_shared_reference(package, copy, shared, skip_or_fail_in_ci):
    original = SHARED / shared
    if not original.exists():
        skip_or_fail_in_ci(f"no {original} next to the repository")
    assert resources.files(package).joinpath(copy).read_bytes() == original.read_bytes()
