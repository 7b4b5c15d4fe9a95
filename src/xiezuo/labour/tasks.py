"""Background work of the labour part (django-tasks; progress in core.Job)."""

from django_tasks import task


@task()
def match_run_task(run_id: int, job_id: str | None = None) -> dict:
    """`job_id` is the run's job, named here so that a worker that dies mid-run has its job
    marked failed (core.jobs.tasks_interrupted)."""
    from xiezuo.labour.runs import match_run_execute

    run = match_run_execute(run_id=run_id)
    return run.summary


@task()
def labour_import_task(job_id: str, kind: str, path: str, user_id: int, original_name: str = "",
                       dry_run: bool = False, strict: bool = False,
                       course_id: int | None = None) -> dict:
    """Run the survey, openings, SMS delivery report or course trainees import for the web
    upload, reporting to the core Job. A dry run (the page's check) keeps the file for 正式导入
    (views.import_confirm); the real run removes the page's copy (the import keeps its own)."""
    from django.urls import reverse

    from xiezuo.accounts.models import User
    from xiezuo.core.jobs import job_run_import
    from xiezuo.labour.choices import ImportKind
    from xiezuo.labour.imports import TableFormatError, openings_import, survey_import
    from xiezuo.labour.outreach.imports import sms_report_import
    from xiezuo.labour.training.imports import trainees_import
    from xiezuo.labour.training.models import Course

    actor = User.objects.get(pk=user_id)
    service = {ImportKind.SURVEY: survey_import, ImportKind.OPENINGS: openings_import,
               ImportKind.SMS_REPORT: sms_report_import}.get(kind)
    if kind == ImportKind.TRAINEES:
        course = Course.objects.get(pk=course_id)

        def service(**kw):
            return trainees_import(course=course, **kw)
    return job_run_import(
        job_id, lambda progress: service(actor=actor, path=path, dry_run=dry_run, strict=strict,
                                         progress=progress, original_name=original_name),
        result_url=reverse("labour:import_result", args=[job_id]), refused=(TableFormatError,),
        upload=path, confirm={"kind": kind, "original_name": original_name, "strict": strict,
                              "course_id": course_id} if dry_run else None)
