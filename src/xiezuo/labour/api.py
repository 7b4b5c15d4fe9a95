"""The labour API (mounted at /api/labour/): the same reads as the pages, scoped the same way.

Reads need a labour role (403 otherwise); a record outside the user's scope is 404."""

import datetime
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Path, Query, Router, Schema
from ninja.errors import HttpError
from ninja.pagination import paginate

from xiezuo.accounts.roles import has
from xiezuo.core.apikit import CODE_LENGTH, ID_MAX, YEAR_MAX, YEAR_MIN, Pages, answers
from xiezuo.labour import selectors
from xiezuo.labour.access import READS_LABOUR
from xiezuo.labour.models import MatchRun, Opening, Proposal

router = Router(tags=["labour"])


def _guard(request) -> None:
    if not has(request.user, READS_LABOUR):
        raise HttpError(403, "forbidden")


class SeekerOut(Schema):
    id: int
    name: str
    id_masked: str
    village_code: str
    labour_capacity: str
    surveyed: bool
    willing: bool | None
    can_work_away: bool | None
    skills: list[str]
    expected_wage: Decimal | None

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.household.village.code

    @staticmethod
    def _profile(obj):
        return getattr(obj, "labour_profile", None)

    @staticmethod
    def resolve_surveyed(obj) -> bool:
        return SeekerOut._profile(obj) is not None

    @staticmethod
    def resolve_willing(obj):
        p = SeekerOut._profile(obj)
        return p.willing if p else None

    @staticmethod
    def resolve_can_work_away(obj):
        p = SeekerOut._profile(obj)
        return p.can_work_away if p else None

    @staticmethod
    def resolve_skills(obj) -> list[str]:
        p = SeekerOut._profile(obj)
        return p.skill_list if p else []

    @staticmethod
    def resolve_expected_wage(obj):
        p = SeekerOut._profile(obj)
        return p.expected_wage if p else None


class EmployerOut(Schema):
    id: int
    name: str
    credit_code: str
    area_code: str
    sector: str

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code


class OpeningOut(Schema):
    id: int
    employer_id: int
    employer: str
    title: str
    positions: int
    wage: Decimal
    area_code: str
    skills: list[str]
    certificates: list[str]
    min_age: int
    max_age: int
    status: str

    @staticmethod
    def resolve_employer(obj) -> str:
        return obj.employer.name

    @staticmethod
    def resolve_area_code(obj) -> str:
        return obj.area.code

    @staticmethod
    def resolve_skills(obj) -> list[str]:
        return obj.skill_list

    @staticmethod
    def resolve_certificates(obj) -> list[str]:
        return obj.certificate_list


class PlacementOut(Schema):
    id: int
    person_id: int
    person: str
    employer_id: int
    status: str
    referred_on: datetime.date
    hired_on: datetime.date | None
    wage: Decimal | None
    left_on: datetime.date | None

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person.name


class ProposalOut(Schema):
    id: int
    profile_id: int
    opening_id: int
    rank: int
    fit: int
    skill_points: int
    wage_points: int
    priority: int
    status: str


class FollowUpOut(Schema):
    id: int
    placement_id: int
    months: int
    due_on: datetime.date


class FiguresOut(Schema):
    transferred_to_east: dict[int, int]
    job_fairs: dict[int, int]
    workstations: int
    graduates_employed: dict[int, int]
    interns_placed: dict[int, int]
    retention: dict[int, Decimal]


@router.get("/seekers", response=answers({200: list[SeekerOut]}))
@paginate(Pages, page_size=100)
def list_seekers(request, township: str | None = Query(None, max_length=CODE_LENGTH)):
    """The labour force (16–60, with labour capacity) the user may see, with survey data."""
    _guard(request)
    qs = selectors.labour_force(user=request.user).order_by("id")
    if township:
        qs = qs.filter(household__township__code=township)
    return qs


@router.get("/employers", response=answers({200: list[EmployerOut]}))
@paginate(Pages, page_size=100)
def list_employers(request):
    _guard(request)
    return selectors.employers(user=request.user).select_related("area").order_by("name", "id")


@router.get("/openings", response=answers({200: list[OpeningOut]}))
@paginate(Pages, page_size=100)
def list_openings(request, status: str | None = Query(None, max_length=16)):
    _guard(request)
    qs = Opening.objects.visible_to(request.user).select_related("employer", "area")
    return qs.filter(status=status) if status else qs


@router.get("/placements", response=answers({200: list[PlacementOut]}))
@paginate(Pages, page_size=100)
def list_placements(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    _guard(request)
    qs = selectors.placements(user=request.user)
    return qs.filter(hired_on__year=year) if year else qs


@router.get("/placements/{pk}", response=answers({200: PlacementOut}, found=True))
def get_placement(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    return get_object_or_404(selectors.placements(user=request.user), pk=pk)


@router.get("/follow-ups/open", response=answers({200: list[FollowUpOut]}))
def open_follow_ups(request):
    """Follow-ups due within 14 days or overdue."""
    _guard(request)
    return list(selectors.follow_ups_open(user=request.user)[:1000])


@router.get("/runs/{pk}/proposals", response=answers({200: list[ProposalOut]}, found=True))
@paginate(Pages, page_size=100)
def run_proposals(request, pk: int = Path(..., ge=1, le=ID_MAX)):
    _guard(request)
    run = get_object_or_404(MatchRun.objects.visible_to(request.user), pk=pk)
    return Proposal.objects.visible_to(request.user).filter(run=run)


@router.get("/figures", response=answers({200: FiguresOut}))
def figures(request):
    """Box 3's figures per year, as the plan reads them."""
    _guard(request)
    u = request.user
    return {"transferred_to_east": selectors.transferred_to_east(user=u),
            "job_fairs": selectors.job_fairs(user=u), "workstations": selectors.workstations(user=u),
            "graduates_employed": selectors.graduates_employed(user=u),
            "interns_placed": selectors.interns_placed(user=u),
            "retention": {m: selectors.retention(user=u, months=m) for m in (3, 6, 12)}}


# --- policy outreach and vocational training (ch.4.2–4.3) ------------------------------------

class CampaignOut(Schema):
    id: int
    title: str
    kind: str
    year: int
    started_on: datetime.date
    channels: list[str]
    villages_reached: int

    @staticmethod
    def resolve_channels(obj) -> list[str]:
        return obj.channel_list

    @staticmethod
    def resolve_villages_reached(obj) -> int:
        return obj.n_villages


class CoverageOut(Schema):
    """Reached of all, with the unreached listed (village codes; household ids)."""

    villages_reached: int
    villages_total: int
    villages_unreached: list[str]
    households_reached: int
    households_total: int
    households_unreached: list[int]


class CourseOut(Schema):
    id: int
    title: str
    kind: str
    base: str
    starts_on: datetime.date
    ends_on: datetime.date
    certificate: str
    trainees: int
    completed: int

    @staticmethod
    def resolve_base(obj) -> str:
        return obj.base.name

    @staticmethod
    def resolve_trainees(obj) -> int:
        return obj.n_trainees

    @staticmethod
    def resolve_completed(obj) -> int:
        return obj.n_completed


class TraineeOut(Schema):
    id: int
    course_id: int
    person: str
    id_masked: str
    village_code: str
    status: str
    completed_on: datetime.date | None
    certificate_number: str

    @staticmethod
    def resolve_person(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_id_masked(obj) -> str:
        return obj.person.id_masked

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.person.household.village.code


class YouthOut(Schema):
    id: int
    name: str
    id_masked: str
    birth_date: datetime.date
    education: str
    village_code: str
    trained: bool

    @staticmethod
    def resolve_village_code(obj) -> str:
        return obj.household.village.code


@router.get("/outreach/campaigns", response=answers({200: list[CampaignOut]}))
@paginate(Pages, page_size=100)
def list_campaigns(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    from xiezuo.labour.outreach.filters import CampaignFilters
    from xiezuo.labour.outreach.selectors import campaign_list

    _guard(request)
    return campaign_list(user=request.user, filters=CampaignFilters(year=year))


@router.get("/outreach/coverage", response=answers({200: CoverageOut}, found=True))
def outreach_coverage(request, campaign: int | None = Query(None, ge=1, le=ID_MAX),
                      year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    """Villages and registered households reached (by a campaign, a year's campaigns, or
    ever) of those in the user's scope."""
    from xiezuo.labour.outreach import selectors as outreach

    _guard(request)
    c = None
    if campaign is not None:
        c = get_object_or_404(outreach.campaigns_visible(user=request.user), pk=campaign)
    v = outreach.village_coverage(user=request.user, campaign=c, year=year)
    h = outreach.household_coverage(user=request.user, campaign=c, year=year)
    return {"villages_reached": v.reached, "villages_total": v.total,
            "villages_unreached": list(v.unreached), "households_reached": h.reached,
            "households_total": h.total, "households_unreached": list(h.unreached)}


@router.get("/training/courses", response=answers({200: list[CourseOut]}))
@paginate(Pages, page_size=100)
def list_courses(request, year: int | None = Query(None, ge=YEAR_MIN, le=YEAR_MAX)):
    from xiezuo.labour.training.filters import CourseFilters
    from xiezuo.labour.training.selectors import course_list

    _guard(request)
    return course_list(user=request.user, filters=CourseFilters(year=year))


@router.get("/training/trainees", response=answers({200: list[TraineeOut]}, found=True))
@paginate(Pages, page_size=100)
def list_trainees(request, course: int | None = Query(None, ge=1, le=ID_MAX),
                  status: str | None = Query(None, max_length=16)):
    from xiezuo.labour.training.filters import TraineeFilters
    from xiezuo.labour.training.models import Course
    from xiezuo.labour.training.selectors import trainee_list

    _guard(request)
    c = get_object_or_404(Course.objects.visible_to(request.user), pk=course) if course else None
    return trainee_list(user=request.user, filters=TraineeFilters(course=c, status=status or ""))


@router.get("/training/youth", response=answers({200: list[YouthOut]}))
@paginate(Pages, page_size=100)
def list_youth(request):
    """The 两后生 list of the user's area (labour.training.youth)."""
    from xiezuo.labour.training.filters import YouthFilters
    from xiezuo.labour.training.selectors import youth_list

    _guard(request)
    return youth_list(user=request.user, filters=YouthFilters())
