"""The shell's own reads: the user's background jobs (imports, exports, reports)."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from xiezuo.core.lists import ListFilters
from xiezuo.core.models import Job

#: the list and the home's to-do look back this many days
JOB_DAYS = 30


@dataclass(frozen=True)
class JobFilters(ListFilters):
    attention: bool = False  # only the jobs that need the user (needs_attention)


def needs_attention(*, kind: str, status: str, result: dict | None) -> bool:
    """A job its starter must look at again: it failed, or an import stored its rows but
    rejected some (a check before 正式导入 is not counted: its page was the answer)."""
    if status == Job.Status.FAILED:
        return True
    r = result or {}
    return (status == Job.Status.DONE and kind.endswith("import") and not r.get("dry_run")
            and (r.get("rejected") or 0) > 0)


def job_list(*, user, filters: JobFilters) -> list[Job]:
    """The user's own jobs of the last JOB_DAYS days, newest first (a job is its starter's
    only: others never see it)."""
    since = timezone.now() - datetime.timedelta(days=JOB_DAYS)
    jobs = list(Job.objects.filter(created_by=user, created_at__gte=since)
                .order_by("-created_at")) if user.is_authenticated else []
    if filters.attention:
        jobs = [j for j in jobs
                if needs_attention(kind=j.kind, status=j.status, result=j.result)]
    return jobs
