"""The shell's own to-do item: the user's imports that need another look (issue 10)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from xiezuo.core.cards import Todo
from xiezuo.core.selectors import JobFilters, job_list


def cards(user) -> list:
    return []


def todos(user) -> list[Todo]:
    filters = JobFilters(attention=True)
    n = len(job_list(user=user, filters=filters))
    return [Todo(_("近 30 天导入失败或有被拒绝行的文件：看错误报告，改正后再导入"), n,
                 reverse("core:job_list") + "?" + filters.query(), _("个任务"))]
