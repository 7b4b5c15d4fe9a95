"""The vocational-training pages (plan ch.4.3). Reads need READS_LABOUR, writes EDITS_LABOUR;
a record outside the user's scope is 404."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as L
from django.views.decorators.http import require_POST

from xiezuo.accounts.access import require
from xiezuo.accounts.roles import has
from xiezuo.accounts.versioned import StaleEditError
from xiezuo.core.lists import paginate
from xiezuo.labour.access import EDITS_LABOUR, READS_LABOUR
from xiezuo.labour.training import forms as f
from xiezuo.labour.training import selectors, services
from xiezuo.labour.training.choices import TraineeSource
from xiezuo.labour.training.filters import CourseFilters, TraineeFilters, YouthFilters
from xiezuo.labour.training.models import Course, CourseTrainee
from xiezuo.regions.scoping import scope_label
from xiezuo.regions.selectors import pair_side
from xiezuo.registry.models import Person
from xiezuo.tabular.listexport import XCol, wants_xlsx, xlsx_response


def _error(e: Exception) -> str:
    return "; ".join(e.messages) if isinstance(e, ValidationError) else str(e)


BASE_COLUMNS = [XCol(L("名称"), "name", width=30), XCol(L("所在地区"), "area.name"),
                XCol(L("类型"), "get_kind_display"), XCol(L("培训班"), "n_courses", kind="int")]


@require(READS_LABOUR)
def training_base_list(request):
    qs = selectors.training_bases(user=request.user)
    if wants_xlsx(request):
        return xlsx_response(title=_("培训基地"), columns=BASE_COLUMNS, rows=qs,
                             filename=_("培训基地"), scope=scope_label(request.user))
    return render(request, "labour/training/base_list.html", {"page": paginate(request, qs)})


COURSE_COLUMNS = [
    XCol(L("课程名称"), "title", width=30), XCol(L("培训类别"), "get_kind_display"),
    XCol(L("培训基地"), "base.name", width=28), XCol(L("培训地点"), "place"),
    XCol(L("开班日期"), "starts_on", kind="date"), XCol(L("结业日期"), "ends_on", kind="date"),
    XCol(L("结业证书"), "certificate"), XCol(L("计划人数"), "planned", kind="int"),
    XCol(L("学员"), "n_trainees", kind="int"), XCol(L("已结业"), "n_completed", kind="int"),
]


@require(READS_LABOUR)
def course_list(request):
    form = f.CourseFilterForm(request.GET or None, user=request.user)
    filters = CourseFilters.from_form(form)
    qs = selectors.course_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(title=_("职业技能培训班"), columns=COURSE_COLUMNS, rows=qs,
                             filename=_("职业技能培训班"), scope=scope_label(request.user))
    return render(request, "labour/training/course_list.html", {
        "form": form, "page": paginate(request, qs), "can_edit": has(request.user, EDITS_LABOUR)})


def _course(request, pk) -> Course:
    return get_object_or_404(Course.objects.visible_to(request.user).select_related("base"),
                             pk=pk)


@require(READS_LABOUR)
def course_detail(request, pk: int):
    c = _course(request, pk)
    trainees = selectors.trainee_list(user=request.user, filters=TraineeFilters(course=c))
    return render(request, "labour/training/course_detail.html", {
        "course": c, "page": paginate(request, trainees),
        "can_edit": has(request.user, EDITS_LABOUR),
        "trainees_query": TraineeFilters(course=c).query()})


@require(EDITS_LABOUR)
def course_create(request):
    form = f.CourseForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        d = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            c = services.course_create(actor=request.user,
                                       county=pair_side(request.user, "west"),
                                       **d)
        except ValidationError as e:
            form.add_error(None, e)
        else:
            messages.success(request, _("已登记培训班"))
            return redirect("labour:course_detail", pk=c.pk)
    return render(request, "labour/form.html", {"form": form, "title": _("登记培训班"),
                                                 "back": reverse("labour:course_list")})


@require(EDITS_LABOUR)
def course_edit(request, pk: int):
    c = _course(request, pk)
    initial = {k: getattr(c, k) for k in services.COURSE_FIELDS} | {"version": c.version}
    form = f.CourseForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        version = d.pop("version") or 0
        try:
            services.course_update(actor=request.user, course=c, version=version, **d)
        except (StaleEditError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, _("已保存"))
            return redirect("labour:course_detail", pk=c.pk)
    return render(request, "labour/form.html", {"form": form, "title": _("修改培训班"),
                                                 "back": reverse("labour:course_detail",
                                                                 args=[c.pk])})


TRAINEE_COLUMNS = [
    XCol(L("姓名"), "person.name"), XCol(L("证件号码"), "person.id_masked", width=20),
    XCol(L("乡镇"), "person.household.village.parent.name"),
    XCol(L("行政村"), "person.household.village.name"),
    XCol(L("培训班"), "course.title", width=28), XCol(L("状态"), "get_status_display"),
    XCol(L("来源"), "get_source_display"), XCol(L("报名日期"), "enrolled_on", kind="date"),
    XCol(L("结业日期"), "completed_on", kind="date"), XCol(L("证书编号"), "certificate_number"),
    XCol(L("发证日期"), "certificate_date", kind="date"),
]


@require(READS_LABOUR)
def trainee_list(request):
    form = f.TraineeFilterForm(request.GET or None, user=request.user)
    filters = TraineeFilters.from_form(form)
    qs = selectors.trainee_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(title=_("培训学员"), columns=TRAINEE_COLUMNS, rows=qs,
                             filename=_("培训学员"), scope=scope_label(request.user))
    return render(request, "labour/training/trainee_list.html", {
        "form": form, "page": paginate(request, qs),
        # the people among the places (the plan's labour.trainees_people counts the same)
        "n_people": qs.order_by().aggregate(n=Count("person", distinct=True))["n"]})


YOUTH_COLUMNS = [
    XCol(L("姓名"), "name"), XCol(L("证件号码"), "id_masked", width=20),
    XCol(L("出生日期"), "birth_date", kind="date"), XCol(L("文化程度"), "education"),
    XCol(L("乡镇"), "household.village.parent.name"), XCol(L("行政村"), "household.village.name"),
    XCol(L("参加培训"), lambda p: _("已报名培训") if p.trained else _("未参加培训")),
]


@require(READS_LABOUR)
def youth_list(request):
    form = f.YouthFilterForm(request.GET or None, user=request.user)
    filters = YouthFilters.from_form(form)
    qs = selectors.youth_list(user=request.user, filters=filters)
    if wants_xlsx(request):
        return xlsx_response(title=_("两后生名单"), columns=YOUTH_COLUMNS, rows=qs,
                             filename=_("两后生名单"), scope=scope_label(request.user))
    can_edit = has(request.user, EDITS_LABOUR)
    return render(request, "labour/training/youth_list.html", {
        "form": form, "page": paginate(request, qs), "can_edit": can_edit,
        "courses": Course.objects.visible_to(request.user) if can_edit else []})


@require(EDITS_LABOUR)
@require_POST
def trainee_enrol(request):
    """Enrol the people ticked on the 两后生 list in a course."""
    ids = [int(x) for x in request.POST.getlist("person") if x.isdigit()]
    form = f.EnrolForm(request.POST, user=request.user, people=ids)
    if not form.is_valid():
        messages.error(request, _("请选择培训班和人员"))
        return redirect("labour:youth_list")
    people = Person.objects.visible_to(request.user).filter(pk__in=form.cleaned_data["person"])
    try:
        n = services.enrol_many(actor=request.user, course=form.cleaned_data["course"],
                                persons=people.select_related("household__village"),
                                source=TraineeSource.YOUTH_LIST)
    except ValidationError as e:
        messages.error(request, _error(e))
        return redirect("labour:youth_list")
    messages.success(request, _("已报名 %(n)d 人") % {"n": n})
    return redirect("labour:course_detail", pk=form.cleaned_data["course"].pk)


def _trainee(request, pk) -> CourseTrainee:
    return get_object_or_404(CourseTrainee.objects.visible_to(request.user).select_related(
        "course", "person"), pk=pk)


@require(EDITS_LABOUR)
def trainee_complete(request, pk: int):
    t = _trainee(request, pk)
    form = f.CompleteForm(request.POST or None, initial={
        "version": t.version, "completed_on": t.course.ends_on})
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_complete(actor=request.user, trainee=t, **form.cleaned_data)
        except (StaleEditError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, _("已登记结业；证书已记入劳动力信息，下次人岗匹配即计入"))
            return redirect("labour:course_detail", pk=t.course_id)
    return render(request, "labour/form.html", {
        "form": form, "title": _("登记结业：%(n)s · %(c)s") % {"n": t.person.name,
                                                           "c": t.course.title},
        "back": reverse("labour:course_detail", args=[t.course_id])})


@require(EDITS_LABOUR)
def trainee_drop(request, pk: int):
    t = _trainee(request, pk)
    form = f.DropForm(request.POST or None, initial={"version": t.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.trainee_drop(actor=request.user, trainee=t, **form.cleaned_data)
        except (StaleEditError, ValidationError) as e:
            form.add_error(None, _error(e))
        else:
            messages.success(request, _("已登记退训"))
            return redirect("labour:course_detail", pk=t.course_id)
    return render(request, "labour/form.html", {
        "form": form, "title": _("登记退训：%(n)s · %(c)s") % {"n": t.person.name,
                                                           "c": t.course.title},
        "back": reverse("labour:course_detail", args=[t.course_id])})


