"""The mechanisms tests' set-up as fixtures: `partnership`, `east_user` (an eastern county
administrator), `groups` (both sides' leading groups and the working group), `meeting` (a
function making a joint meeting), `decision` (a function making a decision)."""

import datetime

import pytest

from xiezuo.accounts.choices import Role
from xiezuo.mechanisms import services
from xiezuo.mechanisms.choices import GroupKind, MeetingKind, Post, Side
from xiezuo.regions.reference import default_partnership


@pytest.fixture
def partnership(areas):
    return default_partnership()


@pytest.fixture
def east_user(make_user):
    return make_user(Role.EAST_OFFICER, "350104000000", "east-officer-2")


@pytest.fixture
def groups(partnership, areas):
    east = services.group_create(actor=None, partnership=partnership, side=Side.EAST,
                                 area=areas["350104000000"], name="仓山区东西部扶贫协作领导小组",
                                 established=datetime.date(2017, 5, 10), document_no="仓委办〔2017〕12号")
    west = services.group_create(actor=None, partnership=partnership, side=Side.WEST,
                                 area=areas["621124000000"], name="临洮县东西部扶贫协作领导小组",
                                 established=datetime.date(2017, 5, 20), document_no="临办发〔2017〕30号")
    working = services.group_create(actor=None, partnership=partnership, side=Side.EAST,
                                    kind=GroupKind.WORKING, area=areas["350104000000"],
                                    name="仓山区驻临洮县东西部扶贫协作工作组",
                                    established=datetime.date(2017, 8, 1), place="临洮县")
    for g, leader in ((east, "林书记"), (west, "王书记")):
        services.member_add(actor=None, group=g, person_name=leader, post=Post.LEADER,
                            unit="县（区）委", start=g.established)
    return {"east": east, "west": west, "working": working}


@pytest.fixture
def meeting(partnership):
    def make(date=datetime.date(2018, 6, 1), side=Side.WEST, kind=MeetingKind.JOINT, **kw):
        return services.meeting_create(
            actor=None, partnership=partnership, title=kw.pop("title", f"{date.year}年联席会议"),
            date=date, venue_side=side, place=kw.pop("place", "临洮县政府会议室"), kind=kind,
            **kw)

    return make


@pytest.fixture
def decision():
    def make(meeting, text="落实2018年帮扶资金", due=datetime.date(2018, 9, 30), **kw):
        return services.decision_add(actor=None, meeting=meeting, text=text,
                                     owner_unit=kw.pop("owner_unit", "临洮县扶贫办"), due=due, **kw)

    return make


@pytest.fixture
def default_plan(areas, settings):
    """The default plan file loaded (its ch.8 targets read these records); the plan's shared
    indicator cache off, so each test counts afresh."""
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    settings.PLAN_INDICATOR_CACHE_SECONDS = 0
    plan, _ = plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    return plan


@pytest.fixture
def approved_entry(users):
    """approved_entry(plan, target_key, year, value=1, venue_side="") -> an aggregate entry of
    the plan typed by the county admin and approved by the eastern officer (a year typed in
    before the part's records existed)."""
    from django.core.files.base import ContentFile

    from xiezuo.plan.services import entry_create, entry_decide
    from xiezuo.regions.models import Area

    def make(plan, key, year, value=1, *, venue_side=""):
        e = entry_create(actor=users["county_admin"], target=plan.targets.get(key=key),
                         year=year, area=Area.objects.get(code="621124000000"), value=value,
                         evidence=ContentFile(b"minutes", name=f"{key}-{year}.txt"),
                         venue_side=venue_side)
        return entry_decide(actor=users["east_officer"], entry=e, approve=True)

    return make
