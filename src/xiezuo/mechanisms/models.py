"""The mechanisms part (plan ch.8): leading groups and their members over time, the eastern
working group in the western county, joint meetings with their decisions and follow-ups, cadre
secondments with their yearly work summaries, and model cases.

Scopes (mechanisms.access): a leading group and its members are seen by the users of its side;
everything else belongs to the partnership and is seen by the readers of either side.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.mechanisms.access import (
    PartnershipScopedQuerySet,
    SideScopedQuerySet,
    overlap_q,
    partnership_q,
)
from xiezuo.mechanisms.choices import (
    OPEN_DECISION,
    DecisionStatus,
    Direction,
    GroupKind,
    Level,
    MeetingKind,
    Post,
    Side,
)


def _version():
    return models.PositiveIntegerField(_("版本"), default=1)


class GroupQuerySet(SideScopedQuerySet):
    area_code_field = "area__code"

    def scope_q(self, prefixes):
        # the working group stands in the western county: both sides see it
        return overlap_q(self.area_code_field, prefixes) | (
            Q(kind=GroupKind.WORKING) & partnership_q("partnership", prefixes))


class LeadingGroup(models.Model):
    """A side's East–West cooperation leading group (领导小组, ch.8.1), or the working group (工作组)
    the eastern side keeps in the western county."""

    partnership = models.ForeignKey("regions.Partnership", verbose_name=_("协作关系"),
                                    on_delete=models.PROTECT, related_name="+")
    side = models.CharField(_("协作方"), max_length=8, choices=Side.choices)
    kind = models.CharField(_("类别"), max_length=12, choices=GroupKind.choices,
                            default=GroupKind.LEADING)
    #: the side's district or county (whose users see the group)
    area = models.ForeignKey("regions.Area", verbose_name=_("所属地区"), on_delete=models.PROTECT,
                             related_name="+")
    name = models.CharField(_("名称"), max_length=120)
    established = models.DateField(_("成立日期"))
    document_no = models.CharField(_("成立文号"), max_length=80, blank=True)
    place = models.CharField(_("驻地"), max_length=120, blank=True,
                             help_text=_("工作组的驻地，如“临洮县”"))
    dissolved = models.DateField(_("撤销日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = _version()
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("领导小组")
        verbose_name_plural = _("领导小组")
        ordering = ["kind", "side", "established", "id"]

    def __str__(self) -> str:
        return self.name

    def exists_in(self, year: int) -> bool:
        return self.established.year <= year and (self.dissolved is None
                                                  or self.dissolved.year >= year)


class MembershipQuerySet(GroupQuerySet):
    area_code_field = "group__area__code"

    def scope_q(self, prefixes):
        return overlap_q(self.area_code_field, prefixes) | (
            Q(group__kind=GroupKind.WORKING) & partnership_q("group__partnership", prefixes))


class Membership(models.Model):
    """A person's place in a group for a period: from `start` to `end` (both included)."""

    group = models.ForeignKey(LeadingGroup, verbose_name=_("小组"), on_delete=models.CASCADE,
                              related_name="memberships")
    person_name = models.CharField(_("姓名"), max_length=64)
    post = models.CharField(_("小组职务"), max_length=16, choices=Post.choices)
    unit = models.CharField(_("代表单位"), max_length=120, blank=True)
    title = models.CharField(_("本单位职务"), max_length=120, blank=True)
    start = models.DateField(_("任职起始"))
    end = models.DateField(_("任职截止"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=300, blank=True)
    version = _version()

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("小组成员")
        verbose_name_plural = _("小组成员")
        ordering = ["group_id", "start", "id"]
        constraints = [models.CheckConstraint(
            condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
            name="mechanisms_membership_period_ordered")]

    def __str__(self) -> str:
        return f"{self.person_name}（{self.get_post_display()}）"


class MeetingQuerySet(PartnershipScopedQuerySet):
    pass


class JointMeeting(models.Model):
    """A joint meeting (联席会议), mutual visit (互访) or high-level meeting (高层对接), ch.8.2."""

    partnership = models.ForeignKey("regions.Partnership", verbose_name=_("协作关系"),
                                    on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("类别"), max_length=12, choices=MeetingKind.choices,
                            default=MeetingKind.JOINT)
    title = models.CharField(_("会议名称"), max_length=200)
    date = models.DateField(_("会议日期"))
    venue_side = models.CharField(_("举办地"), max_length=8, choices=Side.choices)
    place = models.CharField(_("会议地点"), max_length=200)
    chair = models.CharField(_("主持人"), max_length=120, blank=True)
    #: one attendee a line: 姓名 单位职务
    attendees = models.TextField(_("出席人员"), blank=True, help_text=_("每行一人：姓名、单位职务"))
    agenda = models.TextField(_("会议议程"), blank=True, help_text=_("每行一项"))
    summary = models.TextField(_("会议主要内容"), blank=True)
    minutes_no = models.CharField(_("纪要编号"), max_length=80, blank=True,
                                  help_text=_("如：仓临协〔2018〕1号"))
    copy_to = models.CharField(_("抄送"), max_length=300, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = _version()
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("联席会议")
        verbose_name_plural = _("联席会议")
        ordering = ["-date", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def attendee_list(self) -> list[str]:
        return [a.strip() for a in self.attendees.splitlines() if a.strip()]

    @property
    def agenda_list(self) -> list[str]:
        return [a.strip() for a in self.agenda.splitlines() if a.strip()]


class DecisionQuerySet(PartnershipScopedQuerySet):
    partnership_path = "meeting__partnership"

    def overdue(self, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(status__in=OPEN_DECISION, due__lt=today)


class Decision(models.Model):
    """One agreed item (议定事项) of a meeting: who does it, by when, and how far it is."""

    meeting = models.ForeignKey(JointMeeting, verbose_name=_("会议"), on_delete=models.CASCADE,
                                related_name="decisions")
    number = models.PositiveSmallIntegerField(_("序号"))
    text = models.TextField(_("议定事项"))
    owner_unit = models.CharField(_("责任单位"), max_length=120)
    owner_person = models.CharField(_("责任人"), max_length=64, blank=True)
    due = models.DateField(_("完成时限"), null=True, blank=True)
    status = models.CharField(_("办理状态"), max_length=12, choices=DecisionStatus.choices,
                              default=DecisionStatus.TODO, db_index=True)
    status_on = models.DateField(_("状态日期"), null=True, blank=True)
    version = _version()

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("议定事项")
        verbose_name_plural = _("议定事项")
        ordering = ["meeting__date", "meeting_id", "number"]
        constraints = [models.UniqueConstraint(fields=["meeting", "number"],
                                               name="mechanisms_decision_number")]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        from xiezuo.mechanisms.rules import is_overdue

        return is_overdue(self.status, self.due, today or timezone.localdate())


class DecisionUpdateQuerySet(PartnershipScopedQuerySet):
    partnership_path = "decision__meeting__partnership"


class DecisionUpdate(models.Model):
    """A dated step in following a decision up: the status it reached and what was done."""

    decision = models.ForeignKey(Decision, verbose_name=_("议定事项"), on_delete=models.CASCADE,
                                 related_name="updates")
    date = models.DateField(_("日期"))
    status = models.CharField(_("办理状态"), max_length=12, choices=DecisionStatus.choices)
    note = models.TextField(_("进展情况"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("记录人"), null=True,
                           blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    objects = DecisionUpdateQuerySet.as_manager()

    class Meta:
        verbose_name = _("办理进展")
        verbose_name_plural = _("办理进展")
        ordering = ["date", "id"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_status_display()}"


class SecondmentQuerySet(PartnershipScopedQuerySet):
    pass


class Secondment(models.Model):
    """A cadre seconded to the partner side (挂职, ch.8.4)."""

    partnership = models.ForeignKey("regions.Partnership", verbose_name=_("协作关系"),
                                    on_delete=models.PROTECT, related_name="+")
    batch = models.PositiveSmallIntegerField(_("批次"), help_text=_("本方向的第几批"))
    direction = models.CharField(_("挂职方向"), max_length=16, choices=Direction.choices)
    person_name = models.CharField(_("姓名"), max_length=64)
    level = models.CharField(_("职级"), max_length=20, choices=Level.choices)
    home_unit = models.CharField(_("派出单位"), max_length=120)
    home_post = models.CharField(_("原任职务"), max_length=120)
    host_unit = models.CharField(_("挂职单位"), max_length=120)
    host_post = models.CharField(_("挂职职务"), max_length=120)
    start = models.DateField(_("挂职起始"))
    end = models.DateField(_("挂职截止"))
    working_group = models.ForeignKey(LeadingGroup, verbose_name=_("所在工作组"), null=True,
                                      blank=True, on_delete=models.SET_NULL,
                                      related_name="secondments")
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = _version()
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = SecondmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("挂职干部")
        verbose_name_plural = _("挂职干部")
        ordering = ["direction", "start", "batch", "person_name", "id"]
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")),
                                              name="mechanisms_secondment_period_ordered")]

    def __str__(self) -> str:
        return self.person_name

    @property
    def home_side(self) -> str:
        return Side.EAST if self.direction == Direction.EAST_TO_WEST else Side.WEST


class WorkSummaryQuerySet(PartnershipScopedQuerySet):
    partnership_path = "secondment__partnership"


class WorkSummary(models.Model):
    """A seconded cadre's work in one year (年度工作总结), the body of the yearly report to the
    home organisation department (ch.8.6)."""

    secondment = models.ForeignKey(Secondment, verbose_name=_("挂职干部"),
                                   on_delete=models.CASCADE, related_name="summaries")
    year = models.PositiveSmallIntegerField(_("年度"))
    text = models.TextField(_("工作总结"))
    assessment = models.CharField(_("考核等次"), max_length=20, blank=True,
                                  help_text=_("如：优秀、称职"))
    version = _version()
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    objects = WorkSummaryQuerySet.as_manager()

    class Meta:
        verbose_name = _("年度工作总结")
        verbose_name_plural = _("年度工作总结")
        ordering = ["secondment_id", "year"]
        constraints = [models.UniqueConstraint(fields=["secondment", "year"],
                                               name="mechanisms_summary_year")]

    def __str__(self) -> str:
        return f"{self.secondment} {self.year}"


class CaseQuerySet(PartnershipScopedQuerySet):
    pass


class ModelCase(models.Model):
    """A model case (典型案例, ch.8.5): its story, its photos (evidence) and where it was
    published."""

    partnership = models.ForeignKey("regions.Partnership", verbose_name=_("协作关系"),
                                    on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("标题"), max_length=200)
    text = models.TextField(_("案例内容"))
    place = models.CharField(_("地点"), max_length=120, blank=True)
    year = models.PositiveSmallIntegerField(_("年度"))
    media = models.CharField(_("刊发媒体"), max_length=200, blank=True)
    published_on = models.DateField(_("刊发日期"), null=True, blank=True)
    note = models.CharField(_("备注"), max_length=500, blank=True)
    version = _version()
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    objects = CaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["-year", "-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
