"""Background production of a draft assessment report, with progress on the job page."""

from django_tasks import task


@task()
def report_draft_task(*, job_id: str, plan_id: int, year: int, user_id: int) -> None:
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_finish, job_progress
    from xiezuo.plan.models import Plan
    from xiezuo.plan.report import build_charts, build_docx, build_pdf, build_xlsx, report_data
    from xiezuo.plan.services import report_dir

    try:
        user = User.objects.get(pk=user_id)
        plan = Plan.objects.get(pk=plan_id)
        job_progress(job_id, done=0, total=5, steps=True, message="计算指标")
        data = report_data(plan=plan, year=year, user=user)
        out = report_dir() / "drafts" / str(job_id)
        out.mkdir(parents=True, exist_ok=True)
        stem = f"{plan.key}-{year}-assessment-draft"
        job_progress(job_id, done=1, message="绘制图表")
        charts = build_charts(data, out)
        job_progress(job_id, done=2, message="生成 Word")
        build_docx(data, out / f"{stem}.docx", charts)
        job_progress(job_id, done=3, message="生成 Excel")
        build_xlsx(data, out / f"{stem}.xlsx")
        job_progress(job_id, done=4, message="生成 PDF")
        build_pdf(data, out / f"{stem}.pdf", charts)
        job_finish(job_id, result={"stem": stem, "year": year},
                   result_url=reverse("plan:draft", args=[job_id]))
    except Exception as exc:  # the job page must show the failure, not spin for ever
        job_finish(job_id, failed=True, message=str(exc)[:300])
        raise
