"""Progress of background work (imports, matching, reports).

Long jobs report progress while they read and check their input, before they open the one
transaction that writes; so the page polling a job sees it move on every database.
"""

from django.utils import timezone

from xiezuo.core.models import Job


def job_create(*, kind: str, title: str, user) -> Job:
    return Job.objects.create(kind=kind, title=title, created_by=user)


def job_progress(job_id, *, done: int, total: int | None = None, message: str = "") -> None:
    fields = {"done": done, "status": Job.Status.RUNNING, "message": message[:300]}
    if total is not None:
        fields["total"] = total
    Job.objects.filter(pk=job_id).update(**fields)


def job_finish(job_id, *, result: dict | None = None, result_url: str = "",
               failed: bool = False, message: str = "") -> None:
    Job.objects.filter(pk=job_id).update(
        status=Job.Status.FAILED if failed else Job.Status.DONE,
        finished_at=timezone.now(), result=result, result_url=result_url, message=message[:300],
    )
