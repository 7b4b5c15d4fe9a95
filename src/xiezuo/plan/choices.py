"""Category values of the plan app: target kinds, statuses, entry states."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class TargetKind(models.TextChoices):
    AT_LEAST = "at_least", _("不少于（每年）")
    RANGE = "range", _("区间（每年）")
    CUMULATIVE = "cumulative", _("累计（截至期限）")
    GROWTH = "growth", _("逐年增长")
    MILESTONE = "milestone", _("节点任务（完成/未完成）")
    COVERAGE = "coverage", _("覆盖（集合全部成员）")
    # A figure the plan asks to be reported from records each year without a number (ch.3's
    # enterprises, money arrived, poor people lifted…): shown with its values and trend; with
    # a `value` it is judged like at_least.
    TRACKED = "tracked", _("逐年跟踪（规划未定数）")


class Status(models.TextChoices):
    # A context of their own: other parts use 已完成 for "done" (a job), not "met" (a target).
    MET = "met", pgettext_lazy("plan status", "已完成")
    ON_TRACK = "on_track", pgettext_lazy("plan status", "进度正常")
    BEHIND = "behind", pgettext_lazy("plan status", "进度滞后")
    NOT_MET = "not_met", pgettext_lazy("plan status", "未完成")
    NOT_APPLICABLE = "na", pgettext_lazy("plan status", "不适用")
    NOT_STARTED = "not_started", pgettext_lazy("plan status", "未开始")


class TargetSide(models.TextChoices):
    EAST = "east", _("东部（仓山）")
    WEST = "west", _("西部（临洮）")
    BOTH = "both", _("双方")


class EntryState(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已审批")
    REJECTED = "rejected", _("已退回")


class VenueSide(models.TextChoices):
    NONE = "", _("—")
    EAST = "east", _("在东部召开")
    WEST = "west", _("在西部召开")


class ReportFormat(models.TextChoices):
    DOCX = "docx", _("Word 报告")
    XLSX = "xlsx", _("Excel 指标表")
    PDF = "pdf", _("PDF")
