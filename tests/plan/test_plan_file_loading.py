"""Loading the plan file: the default file, idempotent loads, and each kind of malformed file."""

import json
import re

import pytest
from django.core.management import call_command

from xiezuo.plan.choices import TargetKind
from xiezuo.plan.models import Plan, Target
from xiezuo.plan.planfile import PlanFileError, parse_plan
from xiezuo.plan.services import default_plan_text, plan_load

MINIMAL = """\
plan:
  key: test-plan
  name: {zh: 测试规划, en: Test plan}
  east: "350104000000"
  west: "621124000000"
  years: [2017, 2020]
targets:
  - key: teachers
    chapter: 5
    text: {zh: 每年培训教师30名, en: 30 teachers a year}
    unit: {zh: 名, en: teachers}
    kind: at_least
    value: 30
    source: aggregate
"""


def test_default_plan_holds_every_quantified_promise():
    spec = parse_plan(default_plan_text())
    by_key = {t.key: t for t in spec.targets}
    assert spec.start_year == 2017 and spec.end_year == 2020
    assert {t.kind for t in spec.targets} == set(TargetKind.values)
    expect = {  # key: (kind, value, value_max)
        "workers-transferred": ("cumulative", 1500, None),
        "graduates-employed": ("cumulative", 1000, None),
        "interns-placed": ("cumulative", 2500, None),
        "job-fairs": ("range", 2, 3),
        "labour-workstation": ("at_least", 1, None),
        "cadre-training-sessions": ("range", 1, 2),
        "cadre-training-people": ("at_least", 20, None),
        "expert-lectures": ("range", 1, 2),
        "expert-lecture-trainees": ("at_least", 20, None),
        "teachers-trained": ("at_least", 30, None),
        "medical-staff-trained": ("cumulative", 10, None),
        "nursing-staff-trained": ("cumulative", 10, None),
        "mch-staff-trained": ("cumulative", 10, None),
        "cdc-staff-trained": ("cumulative", 10, None),
        "hospital-pairings": ("range", 1, 2),
        "funds-minimum": ("at_least", 5000000, None),
        "poor-exit": ("cumulative", 57004, None),
        # ch.3 sets no number: tracked from records, shown with values and trend
        "industry-enterprises": ("tracked", None, None),
        "industry-invested": ("tracked", None, None),
        "industry-poor-lifted": ("tracked", None, None),
        "consumption-sales": ("tracked", None, None),
        "consumption-households": ("tracked", None, None),
    }
    for key, (kind, value, vmax) in expect.items():
        t = by_key[key]
        assert (t.kind, t.value, t.value_max) == (kind, value, vmax), key
    assert by_key["consumption-sales"].years == [2019, 2020]  # assessed from 2019
    assert by_key["industry-poor-lifted"].indicator == "industry.poor_lifted"
    assert by_key["cadres-east-to-west"].years == [2017, 2019]
    assert by_key["cadres-west-to-east"].years == [2017, 2018, 2019]
    assert by_key["joint-meeting"].params == {"each_year": True, "alternate_venues": True}
    assert by_key["town-township-pairing"].params["members"]["level"] == "township"
    assert by_key["funds-growth"].kind == "growth"
    assert {"county-exit", "leading-group-east", "leading-group-west", "annual-report",
            "deep-poverty-lean", "enterprise-village-pairing"} <= set(by_key)
    assert spec.config["pairing_east_streets"] == []  # which 2 streets is not known


def test_load_is_idempotent_and_init_loads_the_plan(areas):
    call_command("init", verbosity=0)
    assert Plan.objects.count() == 1
    n = Target.objects.count()
    assert n >= 28
    plan, summary = plan_load(text=default_plan_text(), source="again.yaml")
    assert summary["unchanged"] == 1 and Target.objects.count() == n


def test_load_plan_command_and_show_plan(tmp_path, areas, capsys):
    f = tmp_path / "other.yaml"
    f.write_text(MINIMAL, encoding="utf-8")
    call_command("load_plan", str(f))
    assert Plan.objects.get(key="test-plan").targets.count() == 1
    assert "targets_created=1" in capsys.readouterr().out
    call_command("show_plan", "--json", "--plan", "test-plan")
    data = json.loads(capsys.readouterr().out)
    t = data[0]["targets"][0]
    assert (t["key"], t["kind"], t["value"], t["text"]["en"]) == (
        "teachers", "at_least", "30", "30 teachers a year")
    call_command("show_plan")
    assert "每年培训教师30名" in capsys.readouterr().out


def test_show_plan_names_each_targets_indicator(plan, capsys):
    call_command("show_plan", "--json")
    targets = {t["key"]: t for t in json.loads(capsys.readouterr().out)[0]["targets"]}
    assert (targets["poor-exit"]["source"], targets["poor-exit"]["indicator"]) == (
        "records", "registry.exits")
    assert targets["poor-exit"]["value_source"] == {"indicator": "registry.registered"}
    aggregate = [t for t in targets.values() if not t["indicator"]]
    assert aggregate and {t["source"] for t in aggregate} == {"aggregate"}
    call_command("show_plan")
    assert "[records labour.job_fairs]" in capsys.readouterr().out


def test_update_changes_targets_and_refuses_to_drop_one_with_entries(plan, users, make_evidence):
    from xiezuo.plan.services import entry_create
    from xiezuo.regions.models import Area

    text = default_plan_text().replace("value: 30\n", "value: 35\n")
    plan_load(text=text, source="v2.yaml")
    assert Target.objects.get(plan=plan, key="teachers-trained").value == 35
    t = Target.objects.get(plan=plan, key="annual-report")
    entry_create(actor=users["county_admin"], target=t, year=2017,
                 area=Area.objects.get(code="621124000000"), value=1,
                 evidence=make_evidence())
    without = re.sub(r"  - key: annual-report\n(    .*\n|\n)*", "", text)
    assert "annual-report" not in without
    with pytest.raises(PlanFileError, match="annual-report"):
        plan_load(text=without, source="v3.yaml")


def _line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


BAD = [  # (what, replace this, with that, the line the error must name: a needle on it, message)
    ("YAML syntax", "value: 30", "value: 30: x", "value: 30: x", "YAML"),
    ("unknown kind", "kind: at_least", "kind: at_most", "kind: at_most", "kind"),
    ("not a number", "value: 30", "value: thirty", "value: thirty", "number"),
    ("negative", "value: 30", "value: -3", "value: -3", "negative"),
    ("missing value", "    value: 30\n", "", "- key: teachers", "needs 'value'"),
    ("one language only", "text: {zh: 每年培训教师30名, en: 30 teachers a year}",
     "text: 每年培训教师30名", "text: 每年培训教师30名", "both languages"),
    ("unknown indicator", "source: aggregate", "source: {indicator: nowhere.thing}",
     "nowhere.thing", "unknown indicator"),
    ("a dotted selector path", "source: aggregate",
     "source: {selector: \"xiezuo.labour.selectors:job_fairs\"}", "xiezuo.labour",
     "{indicator: app.name}"),
    ("a flow as the target value", "source: aggregate",
     "source: aggregate\n    value_source: {indicator: registry.exits}", "value_source",
     "counted now"),
    ("year outside the plan", "    value: 30\n", "    value: 30\n    years: [2016, 2017]\n",
     "years: [2016", "outside"),
    ("unknown key", "    value: 30\n", "    value: 30\n    colour: red\n", "colour: red",
     "unknown key"),
    ("bad chapter", "chapter: 5", "chapter: 12", "chapter: 12", "chapter"),
    ("bad code", 'east: "350104000000"', 'east: "3501"', 'east: "3501"', "12-digit"),
    ("range without max", "kind: at_least\n    value: 30", "kind: range\n    min: 3",
     "- key: teachers", "min' and 'max"),
    ("range upside down", "kind: at_least\n    value: 30", "kind: range\n    min: 3\n    max: 2",
     "min: 3", "above"),
    ("duplicate mapping key", "    value: 30\n", "    value: 30\n    value: 31\n", "value: 31",
     "duplicate"),
    ("tracked from nowhere", "kind: at_least\n    value: 30\n    source: aggregate",
     "kind: tracked", "- key: teachers", "needs 'source: {indicator"),
]


@pytest.mark.parametrize("what, old, new, needle, message", BAD, ids=[b[0] for b in BAD])
def test_malformed_file_names_the_line(what, old, new, needle, message):
    assert old in MINIMAL, what
    text = MINIMAL.replace(old, new, 1)
    with pytest.raises(PlanFileError) as exc:
        parse_plan(text, source="bad.yaml")
    line = _line_of(text, needle)
    assert any(f"bad.yaml:{line}:" in e and message in e for e in exc.value.errors), (
        what, line, exc.value.errors)


def test_alternating_venues_need_an_indicator_that_says_where():
    """`alternate_venues` from records: the indicator must give each meeting's side
    (Indicator.venues), or the rule could not be judged and every year would pass."""
    text = MINIMAL.replace("kind: at_least\n    value: 30\n    source: aggregate",
                           "kind: milestone\n    each_year: true\n    alternate_venues: true\n"
                           "    source: {indicator: labour.job_fairs}")
    with pytest.raises(PlanFileError) as exc:
        parse_plan(text, source="bad.yaml")
    [error] = exc.value.errors
    assert error.startswith(f"bad.yaml:{_line_of(text, 'labour.job_fairs')}:")
    assert "Indicator.venues" in error and "mechanisms.joint_meetings" in error
    ok = parse_plan(text.replace("labour.job_fairs", "mechanisms.joint_meetings"))
    assert ok.targets[0].params["alternate_venues"] and ok.targets[0].indicator


def test_repeated_target_key_names_both_lines():
    text = MINIMAL + MINIMAL.split("targets:\n")[1]
    with pytest.raises(PlanFileError) as exc:
        parse_plan(text, source="bad.yaml")
    assert "repeats (first on line 8)" in exc.value.errors[0]
    assert exc.value.errors[0].startswith("bad.yaml:15:")


def test_load_plan_command_reports_errors(tmp_path, areas):
    from django.core.management.base import CommandError

    f = tmp_path / "bad.yaml"
    f.write_text(MINIMAL.replace("kind: at_least", "kind: sometimes"), encoding="utf-8")
    with pytest.raises(CommandError, match=r"bad.yaml:12: target 'teachers': 'kind'"):
        call_command("load_plan", str(f))
    assert not Plan.objects.filter(key="test-plan").exists()
