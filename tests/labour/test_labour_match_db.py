"""Matching from the database end to end: seekers from the registry and the survey, openings,
the background run with its job, proposals with explanations, accept / reject / refer."""

import pytest
from django.core.exceptions import ValidationError

from xiezuo.core.models import Job
from xiezuo.labour import services
from xiezuo.labour.choices import PlacementStatus, ProposalStatus, RunStatus, Unmatched
from xiezuo.labour.models import MatchRun, Placement, Proposal, UnmatchedSeeker
from xiezuo.labour.runs import match_run_start
from xiezuo.registry.choices import ExitStatus, LabourCapacity
from xiezuo.registry.models import Person

V_TAOYANG = "621124100202"
V_TAOYANG_DEEP = "621124100201"
V_XINDIAN = "621124103202"


@pytest.fixture
def world(users, employer, opening, person, profile):
    deep, _ = person(V_TAOYANG_DEEP, name="深度")  # priority 3
    poor, _ = person(V_TAOYANG, name="一般", male=False)  # priority 2
    exited, _ = person(V_XINDIAN, name="已脱贫", exit_status=ExitStatus.EXITED)  # priority 1
    child, _ = person(V_TAOYANG, name="少年", age=15)
    unwilling, _ = person(V_TAOYANG, name="不愿")
    weak, _ = person(V_TAOYANG, name="弱劳力", capacity=LabourCapacity.WEAK)
    homebody, _ = person(V_XINDIAN, name="不外出")
    for p in (deep, poor, exited, child, weak):
        profile(p, skills=["缝纫"], wage="3000")
    profile(unwilling, willing=False)
    profile(homebody, away=False, wage="2000")
    emp = employer("仓山制衣厂")
    sewing = opening(emp, title="缝纫工", positions=1, wage="4500", skills=["缝纫", "熨烫"])
    driver = opening(emp, title="司机", positions=2, wage="6000", certificates=["B2驾驶证"])
    return {
        "deep": deep,
        "poor": poor,
        "exited": exited,
        "child": child,
        "unwilling": unwilling,
        "weak": weak,
        "homebody": homebody,
        "emp": emp,
        "sewing": sewing,
        "driver": driver,
    }


def _run(user) -> MatchRun:
    run = match_run_start(actor=user)
    run.refresh_from_db()
    return run


def test_run_end_to_end(users, world):
    cw = users["case_worker"]
    run = _run(cw)
    assert run.status == RunStatus.DONE
    job = Job.objects.get(pk=run.job_id)
    assert job.status == Job.Status.DONE and job.result_url == f"/labour/match/{run.pk}/"
    # Seekers: deep, poor, exited, homebody (the child, the unwilling and the weak are not).
    assert run.summary["seekers"] == 4 and run.summary["positions"] == 3
    best = Proposal.objects.get(run=run, rank=0)
    assert best.profile.person == world["deep"]  # priority 3 wins the one sewing position
    assert (best.opening, best.skill_points, best.wage_points, best.fit, best.priority) == (
        world["sewing"],
        35,
        15,
        50,
        3,
    )  # 70·1//2; 30·min(1500, 3000)//3000
    assert best.score == 3 * (100 + 50)
    reasons = dict(
        UnmatchedSeeker.objects.filter(run=run).values_list("profile__person__name", "reason")
    )
    assert reasons == {
        "一般": Unmatched.OUTCOMPETED,
        "已脱贫": Unmatched.OUTCOMPETED,
        "不外出": Unmatched.NO_ELIGIBLE,
    }
    assert run.summary["outcompeted"] == 2 and run.summary["no_eligible_opening"] == 1

    placement = services.proposal_accept(actor=cw, proposal=best)
    assert placement.status == PlacementStatus.REFERRED
    assert (placement.person, placement.opening) == (world["deep"], world["sewing"])
    best.refresh_from_db()
    assert best.status == ProposalStatus.ACCEPTED and best.placement == placement
    with pytest.raises(ValidationError):
        services.proposal_accept(actor=cw, proposal=best)  # decided already

    # The next run skips the referred seeker and the taken position.
    run2 = _run(cw)
    assert run2.summary["seekers"] == 3 and run2.summary["positions"] == 2
    assert not Proposal.objects.filter(run=run2, opening=world["sewing"]).exists()


def test_reject_needs_a_reason_and_refer_keeps_it_open(users, world):
    cw = users["case_worker"]
    run = _run(cw)
    best = Proposal.objects.get(run=run, rank=0)
    with pytest.raises(ValidationError):
        services.proposal_reject(actor=cw, proposal=best, reason="  ")
    services.proposal_refer(actor=cw, proposal=best, note="请企业面试")
    best.refresh_from_db()
    assert best.status == ProposalStatus.REFERRED
    services.proposal_reject(actor=cw, proposal=best, reason="企业不录用")
    best.refresh_from_db()
    assert (best.status, best.reason) == (ProposalStatus.REJECTED, "企业不录用")
    assert not Placement.objects.exists()


def test_sex_and_ethnicity_change_nothing(users, world):
    cw = users["case_worker"]

    def outcome(run):
        return sorted(
            Proposal.objects.filter(run=run).values_list(
                "profile_id", "opening_id", "rank", "fit", "priority"
            )
        )

    first = outcome(_run(cw))
    for p in Person.objects.all():
        p.sex = "女" if p.sex == "男" else "男"
        p.ethnicity = "回族"
        p.save()
    assert outcome(_run(cw)) == first


def test_a_run_sees_only_the_users_scope(users, world, make_user):
    clerk_cw = make_user("case_worker", "621124103000", "cw-xindian")
    run = _run(clerk_cw)
    assert run.summary["seekers"] == 2  # exited and homebody live in Xindian
    assert run.area.code == "621124103000"
    # The Lintao case worker sees the run (it is inside the county); the Taoyang clerk does not.
    assert MatchRun.objects.visible_to(users["case_worker"]).filter(pk=run.pk).exists()
    assert not MatchRun.objects.visible_to(users["township_clerk"]).filter(pk=run.pk).exists()


def test_a_person_under_16_is_never_proposed(users, world):
    run = _run(users["case_worker"])
    people = set(Proposal.objects.filter(run=run).values_list("profile__person", flat=True))
    people |= set(UnmatchedSeeker.objects.filter(run=run).values_list("profile__person", flat=True))
    assert world["child"].pk not in people
