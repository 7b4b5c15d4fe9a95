"""Indicators computed from the parts' selectors (hand-counted fakes) and from aggregate entries."""

import datetime
from decimal import Decimal as D

from xiezuo.plan.choices import Status
from xiezuo.plan.evaluation import SOURCE_AGGREGATE, SOURCE_FALLBACK, SOURCE_RECORDS, evaluate
from xiezuo.plan.models import Target

FINAL = datetime.date(2021, 1, 1)  # every plan year is over


def _by_key(result):
    return {r.target.key: r for r in result.targets}


def _statuses(r):
    return [r.years[y].status for y in (2017, 2018, 2019, 2020)]


def test_computed_indicators_against_hand_counted_answers(plan, users, fake_parts):
    res = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))
    exits = res["poor-exit"]
    assert exits.source == SOURCE_RECORDS
    assert exits.required == 400  # the registered total replaces the plan's 57,004
    assert [exits.years[y].total for y in (2017, 2018, 2019, 2020)] == [100, 250, 250, 250]
    # 400 × 730/1461 = 199.9 ≤ 250: on track; 400 × 1095/1461 = 299.8 > 250: behind
    assert _statuses(exits) == [Status.ON_TRACK, Status.ON_TRACK, Status.BEHIND, Status.NOT_MET]
    assert _statuses(res["funds-minimum"]) == [Status.MET, Status.NOT_MET, Status.MET, Status.MET]
    assert res["funds-minimum"].years[2018].value == D("4800000.00")
    assert _statuses(res["funds-growth"]) == [Status.NOT_APPLICABLE, Status.NOT_MET, Status.MET,
                                              Status.NOT_MET]  # 2020 equals 2019: not more
    lean = res["deep-poverty-lean"]
    assert [lean.years[y].value for y in (2017, 2018, 2019, 2020)] == [30, 35, 34, 50]
    assert _statuses(lean)[1:] == [Status.MET, Status.NOT_MET, Status.MET]
    assert _statuses(res["job-fairs"]) == [Status.MET, Status.NOT_MET, Status.MET, Status.MET]
    assert res["interns-placed"].years[2017].status == Status.MET
    assert res["graduates-employed"].years[2020].status == Status.NOT_MET
    # A stock counted now is known for the current year only.
    ws = res["labour-workstation"]
    assert ws.years[2020].value == 1 and ws.years[2020].status == Status.MET
    assert ws.years[2018].value is None and not ws.years[2018].applies


def test_missing_part_falls_back_to_aggregate_entries(plan, users, no_parts, approved_entry):
    t = Target.objects.get(plan=plan, key="job-fairs")
    approved_entry(t, 2018, 2)
    approved_entry(t, 2018, 1)
    r = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))["job-fairs"]
    assert r.source == SOURCE_FALLBACK
    assert r.years[2018].value == 3 and r.years[2018].entries == 2
    assert r.years[2018].status == Status.MET
    assert "target=job-fairs&year=2018" in r.years[2018].drill_url
    assert "尚未上线" in str(r.source_label)


def test_aggregate_targets_sum_approved_entries_only(plan, users, no_parts, approved_entry, make_evidence):
    from xiezuo.plan.services import entry_create
    from xiezuo.regions.models import Area

    t = Target.objects.get(plan=plan, key="teachers-trained")
    approved_entry(t, 2018, 12)
    approved_entry(t, 2018, 6)
    entry_create(actor=users["county_admin"], target=t, year=2018,
                 area=Area.objects.get(code="621124000000"), value=100,
                 evidence=make_evidence())  # pending: shown, not counted
    r = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))["teachers-trained"]
    assert r.source == SOURCE_AGGREGATE
    assert (r.years[2018].value, r.years[2018].pending) == (18, 1)
    assert r.years[2018].status == Status.NOT_MET
    assert r.years[2018].percent == 60


def test_cumulative_milestone_and_alternating_venues(plan, users, no_parts, approved_entry):
    targets = {t.key: t for t in plan.targets.all()}
    for year, n in ((2017, 3), (2018, 3), (2019, 2), (2020, 3)):
        approved_entry(targets["medical-staff-trained"], year, n)
    approved_entry(targets["joint-meeting"], 2017, 1, venue_side="west")
    approved_entry(targets["joint-meeting"], 2018, 1, venue_side="west")  # same place again
    approved_entry(targets["joint-meeting"], 2019, 1, venue_side="east")
    approved_entry(targets["leading-group-west"], 2017, 1)
    res = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))
    med = res["medical-staff-trained"]
    assert [med.years[y].total for y in (2017, 2018, 2019, 2020)] == [3, 6, 8, 11]
    assert med.years[2020].status == Status.MET
    jm = res["joint-meeting"]
    assert _statuses(jm) == [Status.MET, Status.NOT_MET, Status.MET, Status.NOT_MET]
    assert "轮流" in jm.years[2018].note
    assert res["leading-group-west"].years[2017].status == Status.MET
    assert res["leading-group-east"].years[2017].status == Status.NOT_MET
    assert not res["leading-group-east"].years[2018].applies


def test_coverage_counts_members_within_the_users_scope(plan, users, no_parts, approved_entry):
    t = Target.objects.get(plan=plan, key="town-township-pairing")
    approved_entry(t, 2017, 1, area_code="621124100000", member="621124100000")
    approved_entry(t, 2018, 1, area_code="621124103000", member="621124103000")
    county = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))
    cov = county["town-township-pairing"]
    assert cov.required == 18
    assert [cov.years[y].value for y in (2017, 2018, 2019, 2020)] == [1, 2, 2, 2]
    assert cov.years[2020].status == Status.NOT_MET
    assert sum(1 for _c, _n, covered in cov.members if covered) == 2 and len(cov.members) == 18
    clerk = _by_key(evaluate(plan, user=users["township_clerk"], as_of=FINAL))
    assert clerk["town-township-pairing"].years[2020].value == 1
    # county-level entries are not the township clerk's
    approved_entry(Target.objects.get(plan=plan, key="teachers-trained"), 2018, 30)
    clerk = _by_key(evaluate(plan, user=users["township_clerk"], as_of=FINAL))
    assert clerk["teachers-trained"].years[2018].value is None
    leader = _by_key(evaluate(plan, user=users["leadership"], as_of=FINAL))
    assert leader["teachers-trained"].years[2018].value == 30


def test_eastern_and_western_views(plan, users, client):
    client.force_login(users["county_admin"])
    east = client.get("/plan/?side=east").content.decode()
    west = client.get("/plan/?side=west").content.decode()
    assert 'data-target="funds-minimum"' in east and 'data-target="funds-minimum"' not in west
    assert 'data-target="workers-transferred"' in west
    assert 'data-target="joint-meeting"' in east and 'data-target="joint-meeting"' in west


def test_numbers_from_records_are_shared_for_a_minute_per_scope(plan, users, fake_parts,
                                                                  settings, approved_entry, fake_indicator):
    from django.core.cache import cache

    from xiezuo.plan import indicators

    calls = []
    fairs = fake_indicator("labour.job_fairs",
                           lambda *, user: calls.append(user) or {2017: 2})
    found = indicators.find
    indicators.find = lambda key: fairs if key == "labour.job_fairs" else found(key)  # restored
    settings.PLAN_INDICATOR_CACHE_SECONDS = 60
    cache.clear()
    try:
        for _ in range(2):
            r = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))
            assert r["job-fairs"].years[2017].value == 2
        assert len(calls) == 1
        evaluate(plan, user=users["township_clerk"], as_of=FINAL)  # another scope: its own
        assert len(calls) == 2
        # aggregate entries are never cached: an approval shows at once
        approved_entry(Target.objects.get(plan=plan, key="teachers-trained"), 2017, 30)
        r = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))
        assert r["teachers-trained"].years[2017].status == Status.MET
    finally:
        cache.clear()


def test_shared_numbers_are_never_older_than_the_limit(plan, users, fake_parts, settings,
                                                      monkeypatch, fake_indicator):
    """One cache entry per scope: a figure added to it later (a target's own page) expires with
    the entry's first figure, so no figure shown is older than PLAN_INDICATOR_CACHE_SECONDS."""
    from django.core.cache import cache

    from xiezuo.plan import evaluation, indicators

    calls = []
    fairs = fake_indicator("labour.job_fairs", lambda *, user: calls.append("fairs") or {2017: 2})
    interns = fake_indicator("labour.interns",
                             lambda *, user: calls.append("interns") or {2017: 2500})
    found = indicators.find
    monkeypatch.setattr(indicators, "find", lambda key: {"labour.job_fairs": fairs,
                                                         "labour.interns": interns}.get(
                                                             key) or found(key))
    now = [1_000_000.0]
    monkeypatch.setattr(evaluation, "_now", lambda: now[0])
    settings.PLAN_INDICATOR_CACHE_SECONDS = 60
    cache.clear()
    admin = users["county_admin"]
    try:
        job_fairs = [Target.objects.get(plan=plan, key="job-fairs")]
        evaluate(plan, user=admin, as_of=FINAL, targets=job_fairs)
        now[0] += 50  # a target's page adds its figure to the same entry 50 s later
        evaluate(plan, user=admin, as_of=FINAL,
                 targets=[Target.objects.get(plan=plan, key="interns-placed")])
        evaluate(plan, user=admin, as_of=FINAL, targets=job_fairs)
        assert calls == ["fairs", "interns"]  # both shared so far
        now[0] += 11  # 61 s after the first figure: the whole entry is stale, both recounted
        evaluate(plan, user=admin, as_of=FINAL)
        assert sorted(calls[2:]) == ["fairs", "interns"]
    finally:
        cache.clear()


def test_computed_numbers_link_to_the_parts_lists_with_the_same_filters(plan, users,
                                                                       fake_parts):
    from django.urls import reverse

    from xiezuo.plan import indicators

    r = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))["job-fairs"]
    assert r.years[2018].drill_url == f"{reverse('labour:job_fair_list')}?year=2018"
    exits = _by_key(evaluate(plan, user=users["county_admin"], as_of=FINAL))["poor-exit"]
    assert exits.years[2018].drill_url == (
        f"{reverse('registry:household_list')}?exit_status=exited&exit_year=2018")
    assert indicators.drill_url("nowhere.thing", 2018) == ""
