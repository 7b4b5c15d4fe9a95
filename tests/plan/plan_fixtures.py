"""Fixtures of the plan tests (imported by each test module: `from plan_fixtures import *`)."""

import pytest
from django.core.files.base import ContentFile


@pytest.fixture(autouse=True)
def no_indicator_cache(settings):
    """Each test computes afresh (the shared cache would carry numbers across test databases)."""
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0


@pytest.fixture
def plan(areas):
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    p, _ = plan_load(text=default_plan_text(), source=DEFAULT_PLAN_FILE)
    return p


@pytest.fixture
def no_parts(monkeypatch):
    """Every part's selector missing: all targets fall back to aggregate entries."""
    from xiezuo.plan import indicators

    monkeypatch.setattr(indicators, "resolve", lambda path: None)


@pytest.fixture
def fake_parts(monkeypatch):
    """Hand-counted answers of the parts' selectors (what a small fixture county would give)."""
    from decimal import Decimal

    from xiezuo.plan import indicators

    answers = {
        "xiezuo.registry.selectors:exit_counts": lambda *, user: {2017: 100, 2018: 150, 2019: 0},
        "xiezuo.registry.selectors:registered_total": lambda *, user: 400,
        "xiezuo.funds.selectors:funds_per_year": lambda *, user: {
            2017: Decimal("5000000.00"), 2018: Decimal("4800000.00"),
            2019: Decimal("6100000.00"), 2020: Decimal("6100000.00")},
        "xiezuo.funds.selectors:deep_poverty_share": lambda *, user, year: {
            2017: Decimal("0.30"), 2018: Decimal("0.35"), 2019: Decimal("0.34"),
            2020: Decimal("0.50")}[year],
        "xiezuo.labour.selectors:transferred_to_east": lambda *, user: {2017: 300, 2018: 500},
        "xiezuo.labour.selectors:job_fairs": lambda *, user: {2017: 2, 2018: 1, 2019: 3, 2020: 4},
        "xiezuo.labour.selectors:workstations": lambda *, user: 1,
        "xiezuo.labour.selectors:graduates_employed": lambda *, user: {},
        "xiezuo.labour.selectors:interns_placed": lambda *, user: {2017: 2500},
    }
    monkeypatch.setattr(indicators, "resolve", lambda path: answers.get(path))
    return answers


def make_evidence(name="minutes.txt", text="会议纪要（测试）"):
    return ContentFile(text.encode("utf-8"), name=name)


@pytest.fixture
def approved_entry(users):
    """Enter and approve an entry (county admin enters, the eastern officer approves)."""
    from xiezuo.plan.services import entry_create, entry_decide
    from xiezuo.regions.models import Area

    def make(target, year, value, *, area_code="621124000000", member="", venue_side="",
             entrant=None, approver=None):
        e = entry_create(actor=entrant or users["county_admin"], target=target, year=year,
                         area=Area.objects.get(code=area_code), value=value,
                         evidence=make_evidence(f"{target.key}-{year}.txt"), member=member,
                         venue_side=venue_side)
        return entry_decide(actor=approver or users["east_officer"], entry=e, approve=True)

    return make
