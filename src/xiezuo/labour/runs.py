"""Matching from the database: a MatchRun's inputs, the engine, and its proposals stored.

`match_run_start` creates the run and its core Job and hands the work to a background task
(labour.tasks); `match_run_execute` does the work and can be called directly (tests, commands).
"""

import time

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from xiezuo.accounts.choices import AuditAction
from xiezuo.accounts.guard import guard
from xiezuo.accounts.services import audit_record
from xiezuo.core.jobs import job_create, job_finish, job_progress
from xiezuo.labour import seekers as seeker_inputs
from xiezuo.labour.access import EDITS_LABOUR
from xiezuo.labour.choices import ProposalStatus, RunStatus, Unmatched
from xiezuo.labour.matching.engine import (
    NO_ELIGIBLE_OPENING,
    OUTCOMPETED,
    build_tables,
    solve,
)
from xiezuo.labour.models import MatchRun, Proposal, UnmatchedSeeker
from xiezuo.regions.choices import Side
from xiezuo.regions.models import Area
from xiezuo.tabular.bulk import insert_rows


def _run_area(user) -> Area:
    """The area a run covers: the user's own scope on the western side, else the partner county."""
    if user.scope is not None and user.scope.side == Side.WEST:
        return user.scope
    from xiezuo.regions.selectors import pair_side

    return pair_side(user, Side.WEST)


@transaction.atomic
def _create(*, actor) -> MatchRun:
    job = job_create(kind="labour.match", title=_("人岗匹配"), user=actor)
    run = MatchRun.objects.create(area=_run_area(actor), created_by=actor, job_id=job.pk,
                                  settings_used={"weights": seeker_inputs.weights().__dict__,
                                                 "priority": seeker_inputs.priorities(),
                                                 "alternatives": seeker_inputs.alternatives()})
    audit_record(actor=actor, action=AuditAction.CREATE, obj=run, area_code=run.area.code,
                 note=_("发起人岗匹配"))
    return run


def match_run_start(*, actor) -> MatchRun:
    """Create a run and queue it; the caller shows the job's progress page."""
    guard(actor, EDITS_LABOUR, message=_("您没有发起人岗匹配的权限"))
    run = _create(actor=actor)
    from xiezuo.labour.tasks import match_run_task

    match_run_task.enqueue(run.pk, job_id=str(run.job_id) if run.job_id else None)
    return run


def match_run_execute(*, run_id: int) -> MatchRun:
    run = MatchRun.objects.select_related("created_by", "created_by__scope").get(pk=run_id)
    job_id = run.job_id
    try:
        MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
        if job_id:
            job_progress(job_id, done=0, total=4, steps=True, message=_("正在读取劳动力信息库和岗位"))
        started = time.perf_counter()
        today = timezone.localdate()
        s_records, o_records = seeker_inputs.load_inputs(user=run.created_by, today=today)
        if job_id:
            job_progress(job_id, done=1, total=4, message=_("%(s)d 名求职者，%(o)d 个岗位；正在计算")
                         % {"s": len(s_records), "o": len(o_records)})
        w = seeker_inputs.weights()
        k = run.settings_used.get("alternatives", seeker_inputs.alternatives())
        s_table, o_table = build_tables(s_records, o_records)
        result = solve(s_table, o_table, weights=w, alternatives=k)
        if job_id:
            job_progress(job_id, done=2, total=4, message=_("正在保存匹配建议"))
        _store(run, result, s_table, o_table, started=started)
        run.refresh_from_db()
        if job_id:
            job_finish(job_id, result=run.summary,
                       result_url=reverse("labour:run_detail", args=[run.pk]),
                       message=_("已完成：%(n)d 人获得匹配建议") % {"n": run.summary["placed"]})
        return run
    except Exception as e:
        MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.FAILED, message=str(e)[:300],
                                                  finished_at=timezone.now())
        if job_id:
            job_finish(job_id, failed=True, message=str(e))
        raise


@transaction.atomic
def _store(run: MatchRun, result, s_table, o_table, *, started: float) -> None:
    p = result.proposals
    s_ids, o_ids = s_table.ids, o_table.ids
    # Plain tuples through one prepared INSERT: a run over the whole county stores thousands.
    insert_rows(Proposal, ["run", "profile", "opening", "rank", "fit", "skill_points",
                           "wage_points", "priority", "status", "reason"], (
        (run.pk, int(s_ids[si]), int(o_ids[oi]), rk, fit, sp, wp, pr, ProposalStatus.PROPOSED,
         "")
        for si, oi, fit, sp, wp, pr, rk in zip(
            p.seeker.tolist(), p.opening.tolist(), p.fit.tolist(), p.skill_points.tolist(),
            p.wage_points.tolist(), p.priority.tolist(), p.rank.tolist(), strict=True)))
    reasons = {NO_ELIGIBLE_OPENING: Unmatched.NO_ELIGIBLE, OUTCOMPETED: Unmatched.OUTCOMPETED}
    insert_rows(UnmatchedSeeker, ["run", "profile", "reason"], (
        (run.pk, int(s_ids[i]), reasons[code])
        for i, code in enumerate(result.status.tolist()) if code in reasons))
    statuses = result.status.tolist()
    summary = {
        "seekers": result.seekers, "openings": result.openings, "positions": result.positions,
        "eligible_pairs": result.eligible_pairs, "placed": result.placed,
        "objective": result.objective, "greedy_placed": result.greedy_placed,
        "greedy_objective": result.greedy_objective, "upper_bound": result.upper_bound,
        "no_eligible_opening": statuses.count(NO_ELIGIBLE_OPENING),
        "outcompeted": statuses.count(OUTCOMPETED),
        "seconds": round(time.perf_counter() - started, 3),
    }
    MatchRun.objects.filter(pk=run.pk).update(status=RunStatus.DONE, summary=summary,
                                              finished_at=timezone.now())
    audit_record(actor=run.created_by, action=AuditAction.CREATE, obj=run,
                 area_code=run.area.code, new=summary, note=_("人岗匹配完成"))
