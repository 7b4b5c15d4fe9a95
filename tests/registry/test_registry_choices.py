"""The category values in registry/choices.py are exactly those of the package's reference copy."""

import re
from importlib import resources

import pytest

from xiezuo.registry import choices as c

SECTIONS = {
    "与户主关系": c.Relation, "文化程度": c.Education, "在校生状况": c.Schooling,
    "健康状况": c.Health, "劳动技能": c.LabourCapacity, "务工状况": c.Employment,
    "贫困户属性": c.PovertyAttribute, "脱贫属性": c.ExitStatus, "主要致贫原因": c.Cause,
}


def reference_values() -> dict[str, list[str]]:
    text = resources.files("xiezuo.registry").joinpath("data/registry-fields.md").read_text("utf-8")
    block = text.split("## Category values", 1)[1].split("\n## ", 1)[0]
    items = re.split(r"\n- ", "\n" + block)
    out = {}
    for item in items:
        item = " ".join(line.strip() for line in item.strip().splitlines())
        m = re.match(r"(\S+?)(?: \([^)]*\))?: (.*)", item)
        if m:
            out[m[1]] = [v.strip() for v in m[2].split(",")]
    return out


@pytest.mark.parametrize("name, cls", SECTIONS.items())
def test_choices_match_the_reference(name, cls):
    assert list(cls.values) == reference_values()[name]


def test_monitoring_types_match_the_reference():
    text = resources.files("xiezuo.registry").joinpath("data/registry-fields.md").read_text("utf-8")
    for value in c.MonitoringType.values:
        assert value in text
