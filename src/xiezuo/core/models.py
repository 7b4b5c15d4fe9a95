import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Job(models.Model):
    """A piece of background work (import, matching, report) whose progress the user can see."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("进行中")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    kind = models.CharField(_("类型"), max_length=64)
    title = models.CharField(_("标题"), max_length=200)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=Status.choices,
                              default=Status.QUEUED)
    total = models.PositiveIntegerField(_("总数"), default=0)
    done = models.PositiveIntegerField(_("已处理"), default=0)
    #: the job counts steps ("第 2 步，共 4 步") rather than rows ("已处理 2,000 行，共 57,004 行")
    by_steps = models.BooleanField(_("按步骤计"), default=False)
    message = models.CharField(_("进度说明"), max_length=300, blank=True)
    result = models.JSONField(_("结果"), null=True, blank=True)
    result_url = models.CharField(_("结果页面"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("后台任务")
        verbose_name_plural = _("后台任务")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(100, int(100 * self.done / self.total)) if self.total else 0

    @property
    def progress_text(self) -> str:
        """Progress in the words of the page: steps for a report or a matching run, rows for
        an import or an export; the percent only beside rows."""
        if not self.total:
            return ""
        done = self.total if self.status == self.Status.DONE else self.done
        if self.by_steps:
            step = min(done + (0 if self.finished else 1), self.total)
            return _("第 %(step)d 步，共 %(total)d 步") % {"step": step, "total": self.total}
        return _("已处理 %(done)s 行，共 %(total)s 行（%(pct)d%%）") % {
            "done": f"{done:,}", "total": f"{self.total:,}", "pct": self.percent}

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}


class DemoBuild(models.Model):
    """Marks a database as holding the synthetic demo (never real data), with its seed."""

    seed = models.BigIntegerField()
    built_at = models.DateTimeField(auto_now_add=True)
    logins = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"demo seed {self.seed}"
