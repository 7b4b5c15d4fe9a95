"""From registry people to the engine's seekers: priority, age, capacity; sex never an input."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from xiezuo.labour import seekers as s
from xiezuo.labour.matching.engine import Seeker
from xiezuo.registry.choices import ExitStatus, LabourCapacity

TODAY = dt.date(2019, 6, 1)


@pytest.mark.parametrize(
    "status, deep, expected",
    [
        (ExitStatus.NOT_EXITED, True, 3),
        (ExitStatus.RETURNED, True, 3),
        (ExitStatus.EXITED_SUPPORTED, True, 3),
        (ExitStatus.NOT_EXITED, False, 2),
        (ExitStatus.EXITED_SUPPORTED, False, 2),
        (ExitStatus.EXITED, True, 1),
        (ExitStatus.EXITED, False, 1),
    ],
)
def test_priority_from_the_registry(status, deep, expected):
    assert s.seeker_priority(exit_status=status, deep_poverty_village=deep) == expected


def test_priority_table_is_a_setting(settings):
    settings.XIEZUO_MATCH_PRIORITY = {"deep_poverty": 5}
    assert s.priorities() == {"deep_poverty": 5, "registered_poor": 2, "other": 1}


def _row(**kw):
    row = {
        "id": 7,
        "willing": True,
        "can_work_away": True,
        "skills": "电工;焊工",
        "certificates": "电工证",
        "expected_wage": Decimal("3500.50"),
        "destinations": "350104000000;350100000000",
        "person__birth_date": dt.date(1990, 6, 2),
        "person__labour_capacity": LabourCapacity.ORDINARY,
        "person__household__exit_status": ExitStatus.NOT_EXITED,
        "person__household__village__deep_poverty": False,
        "person__household__county__code": "621124000000",
    }
    row.update(kw)
    return row


def test_seeker_from_a_profile_row():
    seeker = s.seeker_from(_row(), today=TODAY)
    assert seeker == Seeker(
        seeker_id="7",
        age=28,
        skills=("电工", "焊工"),
        certificates=("电工证",),
        min_wage=3500,
        regions=("3501", "350104"),
        priority=2,
    )


@pytest.mark.parametrize(
    "change",
    [
        {"willing": False},
        {"person__labour_capacity": LabourCapacity.WEAK},
        {"person__labour_capacity": ""},
        {"person__birth_date": dt.date(2003, 6, 2)},  # 15
        {"person__birth_date": dt.date(1958, 6, 1)},  # 61
    ],
)
def test_not_a_seeker(change):
    assert s.seeker_from(_row(**change), today=TODAY) is None


def test_age_bounds_are_inclusive():
    assert s.seeker_from(_row(person__birth_date=dt.date(2003, 6, 1)), today=TODAY).age == 16
    assert s.seeker_from(_row(person__birth_date=dt.date(1958, 6, 2)), today=TODAY).age == 60


def test_who_cannot_work_away_is_offered_the_home_county_only():
    seeker = s.seeker_from(_row(can_work_away=False), today=TODAY)
    assert seeker.regions == ("621124",)


def test_sex_and_ethnicity_are_not_inputs():
    assert not {"sex", "ethnicity"} & {f.name for f in dataclasses.fields(Seeker)}
    assert not any("sex" in c or "ethnicity" in c for c in s.SEEKER_COLUMNS)
    # Extra keys in a row are never read.
    plain = s.seeker_from(_row(), today=TODAY)
    assert (
        s.seeker_from({**_row(), "person__sex": "女", "person__ethnicity": "回族"}, today=TODAY)
        == plain
    )
