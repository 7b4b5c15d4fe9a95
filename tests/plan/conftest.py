"""Fixtures of the plan tests: the default plan, hand-given indicators, approved entries, evidence
files (`make_evidence`, `fake_indicator` give the function of their name)."""

import pytest
from django.core.files.base import ContentFile


@pytest.fixture(autouse=True)
def no_indicator_cache(settings):
    """Each test computes afresh (the shared cache would carry numbers across test databases)."""
    settings.PLAN_INDICATOR_CACHE_SECONDS = 0


@pytest.fixture
def plan(areas):
    """The default plan, with the ch.5 targets still typed in (aggregate entries): these tests
    use them as their examples of entries, approval and evidence, while the plan file computes
    them from the talent part's records (tests/talent/test_talent_plan.py holds that)."""
    from xiezuo.plan.services import DEFAULT_PLAN_FILE, default_plan_text, plan_load

    p, _ = plan_load(text=typed_in_chapter_5(default_plan_text()), source=DEFAULT_PLAN_FILE)
    return p


def typed_in_chapter_5(text: str) -> str:
    """The plan file's text with the ch.5 targets' sources back to aggregate entries."""
    import re

    return re.sub(r"source: \{indicator: talent\.[a-z_]+\}", "source: aggregate", text)


@pytest.fixture
def no_parts(monkeypatch):
    """Every part's indicator missing: all targets fall back to aggregate entries."""
    from xiezuo.plan import indicators

    monkeypatch.setattr(indicators, "find", lambda key: None)


def _fake_indicator(key, answer, *, stock=False, share=False):
    """An indicator whose figures are given by hand (`answer(user=) -> {year: value}`)."""
    from decimal import Decimal

    from xiezuo.core.indicators import PER_YEAR, STOCK, Indicator

    return Indicator(key=key, label=key, unit="", compute=answer,
                     shape=STOCK if stock else PER_YEAR, zero_when_missing=share,
                     scale=Decimal(100) if share else Decimal(1))


@pytest.fixture
def fake_parts(monkeypatch):
    """Hand-counted figures in place of the parts' (what a small fixture county would give),
    for the status rules; tests/plan/test_plan_indicators_real.py counts real rows instead."""
    from decimal import Decimal

    from xiezuo.plan import indicators

    answers = {
        "registry.exits": lambda *, user: {2017: 100, 2018: 150, 2019: 0},
        "registry.registered": lambda *, user: {None: 400},
        "funds.east_fiscal": lambda *, user: {
            2017: Decimal("5000000.00"), 2018: Decimal("4800000.00"),
            2019: Decimal("6100000.00"), 2020: Decimal("6100000.00")},
        "funds.deep_poverty_share": lambda *, user: {
            2017: Decimal("0.30"), 2018: Decimal("0.35"), 2019: Decimal("0.34"),
            2020: Decimal("0.50")},
        "labour.transferred_east": lambda *, user: {2017: 300, 2018: 500},
        "labour.job_fairs": lambda *, user: {2017: 2, 2018: 1, 2019: 3, 2020: 4},
        "labour.workstations": lambda *, user: {None: 1},
        "labour.graduates_east": lambda *, user: {},
        "labour.interns": lambda *, user: {2017: 2500},
    }
    real = indicators.all_indicators()

    def find(key):
        if key not in answers:
            return None
        r = real[key]
        return _with_url(_fake_indicator(key, answers[key], stock=r.shape == "stock",
                                        share=r.zero_when_missing), r)

    monkeypatch.setattr(indicators, "find", find)
    return answers


def _with_url(fake, real):
    """The fake keeps the real indicator's list page and filters, so its links are real."""
    import dataclasses

    return dataclasses.replace(fake, url_name=real.url_name, filters=real.filters)


def _make_evidence(name="minutes.txt", text="会议纪要（测试）"):
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
                         evidence=_make_evidence(f"{target.key}-{year}.txt"), member=member,
                         venue_side=venue_side)
        return entry_decide(actor=approver or users["east_officer"], entry=e, approve=True)

    return make


@pytest.fixture
def make_evidence():
    """make_evidence(name="minutes.txt", text=...) -> a ContentFile to attach to an entry."""
    return _make_evidence


@pytest.fixture
def fake_indicator():
    """fake_indicator(key, answer, *, stock=False, share=False) -> an Indicator given by hand."""
    return _fake_indicator
