"""Labour's home figures and to-do items. Every count is its list's selector with the filter the
link carries, so the number and the list agree.

The eastern officer's figures are Cangshan's side of box 3: its employers and openings, the
Lintao workers in work there and everyone ever placed there, and how many stay.
"""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.accounts.roles import READ_ONLY, has
from xiezuo.core.cards import Card, Todo
from xiezuo.core.numbers import percent
from xiezuo.labour import selectors
from xiezuo.labour.access import EDITS_LABOUR, READS_LABOUR
from xiezuo.labour.choices import OpeningStatus, PlacementStatus, ProposalStatus
from xiezuo.labour.filters import (
    EmployerFilters,
    FollowUpFilters,
    OpeningFilters,
    PlacementFilters,
)
from xiezuo.regions.scoping import below_county, on_east_side

RETENTION_MONTHS = 6


def cards(user) -> list[Card]:
    if not has(user, READS_LABOUR):
        return []
    if on_east_side(user):
        return _east_cards(user)
    s = selectors.labour_summary(user=user)
    return [
        Card(_("转移到东部就业"), s["transferred"],
             reverse("labour:placement_list") + "?" + PlacementFilters(first=True).query(),
             _("建档立卡贫困劳动力，每人只计一次（专栏3目标 1500 人）"), _("人")),
        Card(_("在岗人数"), s["in_work"],
             reverse("labour:placement_list") + "?status=hired",
             _("已调查劳动力 %(n)s 人，有就业意愿 %(w)s 人")
             % {"n": s["profiles"], "w": s["willing"]}, _("人")),
        _outreach_card(user),
    ]


def _east_cards(user) -> list[Card]:
    """Cangshan's side: employers and openings in the district, Lintao's workers placed there."""
    employers = EmployerFilters(east=True)
    openings = OpeningFilters(status=OpeningStatus.OPEN, east=True)
    in_work = PlacementFilters(east=True, status=PlacementStatus.HIRED)
    placed = PlacementFilters(first=True)
    n_openings = selectors.opening_list(user=user, filters=openings)
    return [
        Card(_("仓山区用工单位"),
             selectors.employer_list(user=user, filters=employers).count(),
             reverse("labour:employer_list") + "?" + employers.query(),
             _("在招岗位 %(n)s 个") % {"n": n_openings.count()}, _("家")),
        Card(_("在仓山在岗的临洮贫困劳动力"),
             selectors.placement_list(user=user, filters=in_work).count(),
             reverse("labour:placement_list") + "?" + in_work.query(),
             _("上岗满 %(m)s 个月仍在岗的占 %(p)s（全部输转）") % {
                 "m": RETENTION_MONTHS,
                 "p": percent(selectors.retention(user=user, months=RETENTION_MONTHS) * 100)},
             _("人")),
        Card(_("累计转移到仓山就业"),
             selectors.placement_list(user=user, filters=placed).count(),
             reverse("labour:placement_list") + "?" + placed.query(),
             _("每人只计首次在仓山上岗（专栏3目标 1500 人）"), _("人")),
    ]


def todos(user) -> list[Todo]:
    """Follow-ups for those who make them (and the township clerk, whose families they are),
    proposals of the latest matching run for the case workers, households not yet told of
    this year's policies for the township clerk, who visits them."""
    if not has(user, READS_LABOUR) or has(user, READ_ONLY):
        return []
    today = timezone.localdate()
    due = FollowUpFilters()
    rows = selectors.follow_up_list(user=user, filters=due, today=today)
    out = [Todo(_("到期和逾期的跟踪回访"), rows.count(), reverse("labour:follow_up_list"),
                _("次"), _("其中已逾期 %(n)s 次；14 天内到期的也列入")
                % {"n": rows.filter(due_on__lt=today).count()})]
    if has(user, EDITS_LABOUR):
        out.extend(_proposal_todos(user))
    if below_county(user):
        out.append(_unreached_todo(user))
    return out


def _proposal_todos(user) -> list[Todo]:
    from xiezuo.labour.models import MatchRun, Proposal

    run = MatchRun.objects.visible_to(user).filter(finished_at__isnull=False).order_by(
        "-finished_at", "-id").first()
    if run is None:
        return []
    waiting = Proposal.objects.visible_to(user).filter(run=run, rank=0,
                                                       status=ProposalStatus.PROPOSED)
    return [Todo(_("待处理的人岗匹配建议：采纳、拒绝或转企业"), waiting.count(),
                 reverse("labour:run_detail", args=[run.pk])
                 + f"?show=best&status={ProposalStatus.PROPOSED}", _("条"),
                 _("最近一次匹配（%(d)s）") % {"d": f"{timezone.localtime(run.finished_at):%Y-%m-%d}"})]


def _latest_campaign_year(user) -> int:
    from xiezuo.labour.outreach import selectors as outreach

    return outreach.campaigns_visible(user=user).order_by("-year").values_list(
        "year", flat=True).first() or timezone.localdate().year


def _unreached_todo(user) -> Todo:
    from xiezuo.labour.outreach import selectors as outreach
    from xiezuo.labour.outreach.filters import HouseholdCoverageFilters

    f = HouseholdCoverageFilters(year=_latest_campaign_year(user), reached="no")
    return Todo(_("%(y)s 年政策宣传尚未入户的贫困户") % {"y": f.year},
                outreach.household_coverage_list(user=user, filters=f).count(),
                reverse("labour:outreach_households") + "?" + f.query(),
                pgettext_lazy("unit", "户"))


def _outreach_card(user) -> Card:
    """Coverage of the latest year's campaigns (到每村每户), linking to the villages not
    reached."""
    from xiezuo.labour.outreach import selectors as outreach
    from xiezuo.labour.outreach.filters import VillageCoverageFilters

    latest = _latest_campaign_year(user)
    v = outreach.village_coverage(user=user, year=latest)
    h = outreach.household_coverage_counts(user=user, year=latest)
    return Card(
        _("%(y)s年政策宣传覆盖行政村") % {"y": latest},
        f"{v.reached} / {v.total}",
        reverse("labour:outreach_villages") + "?"
        + VillageCoverageFilters(year=latest, reached="no").query(),
        _("覆盖建档立卡贫困户 %(r)s / %(t)s 户（%(p)s）；点击查看未覆盖的村")
        % {"r": h.reached, "t": h.total, "p": percent(h.percent)}, _("个村"))
