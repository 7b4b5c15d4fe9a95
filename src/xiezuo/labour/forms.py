"""Forms of the labour pages. Choices of areas, employers and people are limited to the user's
scope, so a form can never name a record the user may not see."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.amounts import AmountField
from xiezuo.labour.access import eastern_sides, partnership_prefixes
from xiezuo.labour.choices import (
    CaseKind,
    FairKind,
    Housing,
    ImportKind,
    LeaveReason,
    PlacementStatus,
    Problem,
    Sector,
)
from xiezuo.labour.models import Course, EmploymentBase, Opening, Workstation
from xiezuo.labour.selectors import employers
from xiezuo.orgs import creditcode as credit_code
from xiezuo.orgs.models import Organisation
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField
from xiezuo.regions.scoping import prefix_q
from xiezuo.tabular.upload import TableFileField, TableUploadForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def _today():
    return timezone.localdate()


def partnership_areas(user, levels=None):
    qs = Area.objects.all()
    prefixes = partnership_prefixes(user)
    if prefixes is not None:
        qs = qs.filter(prefix_q("code", prefixes))
    if levels:
        qs = qs.filter(level__in=levels)
    return qs.order_by("code")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


class ImportUploadForm(TableUploadForm):
    kind = forms.ChoiceField(label=_("文件内容"), choices=ImportKind.choices,
                             widget=forms.RadioSelect, initial=ImportKind.SURVEY)
    course = forms.ModelChoiceField(label=_("培训班（导入培训学员时必选）"), required=False,
                                    queryset=Course.objects.none())
    file = TableFileField()
    strict = forms.BooleanField(label=_("有任何错误行则全部不保存"), required=False)

    field_order = ["kind", "course", "file", "strict"]

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)
        self.fields["course"].queryset = (Course.objects.visible_to(user) if user is not None
                                          else Course.objects.none())

    def clean(self):
        data = super().clean()
        if data.get("kind") == ImportKind.TRAINEES and not data.get("course"):
            self.add_error("course", _("导入培训学员时请选择培训班"))
        return data


class ProfileForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    willing = forms.BooleanField(label=_("就业意愿"), required=False)
    can_work_away = forms.BooleanField(label=_("可外出务工"), required=False)
    skills = forms.CharField(label=_("技能"), required=False, max_length=300,
                             help_text=_("多项用“、”或“;”分隔"))
    certificates = forms.CharField(label=_("证书"), required=False, max_length=300,
                                   help_text=_("多项用“、”或“;”分隔"))
    expected_wage = AmountField(label=_("期望月薪（元）"), min_value=0, max_digits=10,
                                       decimal_places=2, required=False)
    current_employer = forms.CharField(label=_("现工作单位"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)


class SeekerFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名"), required=False)
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Area.objects.none(),
                                      required=False, empty_label=_("全部"))
    surveyed = forms.ChoiceField(label=_("劳动力调查"), required=False, choices=[
        ("", _("全部")), ("yes", _("已调查")), ("no", _("未调查"))])
    willing = forms.ChoiceField(label=_("就业意愿"), required=False, choices=[
        ("", _("全部")), ("yes", _("是")), ("no", _("否"))])
    away = forms.ChoiceField(label=_("可外出务工"), required=False, choices=[
        ("", _("全部")), ("yes", _("是")), ("no", _("否"))])
    skill = forms.CharField(label=_("技能"), required=False)
    working = forms.ChoiceField(label=_("就业状态"), required=False, choices=[
        ("", _("全部")), ("yes", _("在岗或推荐中")), ("no", _("待就业"))])

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].queryset = Area.objects.visible_to(user).filter(
            level=Level.TOWNSHIP, side="west").order_by("code")


YEAR_MIN, YEAR_MAX = 2000, 2100  # a year outside is a form error, never a query


def _year_field(label):
    return forms.IntegerField(label=label, required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)


class EmployerFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或信用代码"), required=False, max_length=100)
    east = forms.BooleanField(label=_("只看东部区县的用工单位"), required=False)


class OpeningFilterForm(forms.Form):
    status = forms.CharField(required=False, max_length=16)
    employer = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    east = forms.BooleanField(label=_("只看东部区县的岗位"), required=False)


class WorkstationFilterForm(forms.Form):
    open = forms.BooleanField(label=_("只看运行中的工作站"), required=False)
    status = forms.CharField(required=False, max_length=16)


class JobFairFilterForm(forms.Form):
    year = _year_field(_("年度"))


class PlacementFilterForm(forms.Form):
    year = _year_field(_("上岗年度"))
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部")), *PlacementStatus.choices])
    east = forms.BooleanField(label=_("只看东部区县就业"), required=False)
    first = forms.BooleanField(label=_("每人只计首次在东部上岗"), required=False)
    employer = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


class GraduateFilterForm(forms.Form):
    year = _year_field(_("就业年度"))
    east = forms.BooleanField(label=_("只看在福州就业"), required=False)


class InternFilterForm(forms.Form):
    year = _year_field(_("实习年度"))


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("单位名称"), max_length=200)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=24)
    area = AreaChoiceField(label=_("所在地区"), queryset=Area.objects.none())
    sector = forms.ChoiceField(label=_("行业"), choices=Sector.choices)
    contact_name = forms.CharField(label=_("联系人"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    employment_base = forms.BooleanField(label=_("就业基地"), required=False)

    def __init__(self, *args, user, employer: Organisation | None = None, **kw):
        super().__init__(*args, **kw)
        self.employer = employer
        self.fields["area"].queryset = partnership_areas(
            user, [Level.CITY, Level.COUNTY, Level.TOWNSHIP])

    def clean_credit_code(self):
        reason = credit_code.validation_error(self.cleaned_data["credit_code"])
        if reason:
            raise forms.ValidationError(reason)
        code = credit_code.normalise(self.cleaned_data["credit_code"])
        others = Organisation.objects.filter(credit_code=code)
        if self.employer is not None:
            others = others.exclude(pk=self.employer.pk)
        else:  # a new employer may be an organisation registered in another role
            others = others.filter(roles__role="employer")
        if others.exists():
            raise forms.ValidationError(_("该统一社会信用代码已登记"))
        return code


class EmployerEditForm(EmployerForm):
    """The whole record, with the version read: a form edited by someone else meanwhile is
    refused (services.StaleEditError)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    @staticmethod
    def initial_for(e: Organisation) -> dict:
        return {"version": e.version, "name": e.name, "credit_code": e.credit_code,
                "area": e.area_id, "sector": e.sector, "contact_name": e.contact_name,
                "contact_phone": e.contact_phone, "address": e.address,
                "employment_base": EmploymentBase.objects.filter(organisation=e).exists(),
                "note": e.note}


class OpeningForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("用工单位"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("岗位名称"), max_length=100)
    positions = forms.IntegerField(label=_("招聘人数"), min_value=1)
    wage = AmountField(label=_("月薪（元）"), min_value=0, max_digits=10,
                              decimal_places=2)
    area = AreaChoiceField(label=_("工作地点"), queryset=Area.objects.none())
    skills = forms.CharField(label=_("技能要求"), required=False,
                             help_text=_("多项用“、”或“;”分隔"))
    certificates = forms.CharField(label=_("证书要求"), required=False,
                                   help_text=_("多项用“、”或“;”分隔"))
    min_age = forms.IntegerField(label=_("最低年龄"), min_value=16, max_value=99, initial=16)
    max_age = forms.IntegerField(label=_("最高年龄"), min_value=16, max_value=99, initial=60)
    housing = forms.ChoiceField(label=_("住宿"), choices=Housing.choices)
    start_date = forms.DateField(label=_("到岗日期"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        if "employer" in self.fields:
            self.fields["employer"].queryset = employers(user=user)
        self.fields["area"].queryset = partnership_areas(
            user, [Level.CITY, Level.COUNTY, Level.TOWNSHIP])

    def clean(self):
        data = super().clean()
        if data.get("min_age") and data.get("max_age") and data["max_age"] < data["min_age"]:
            self.add_error("max_age", _("最高年龄不能小于最低年龄"))
        return data


class OpeningEditForm(OpeningForm):
    """An opening's record without its employer (fixed) and status (its own step)."""

    employer = None
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    @staticmethod
    def initial_for(o: Opening) -> dict:
        return {"version": o.version, "title": o.title, "positions": o.positions,
                "wage": o.wage, "area": o.area_id, "skills": "、".join(o.skill_list),
                "certificates": "、".join(o.certificate_list), "min_age": o.min_age,
                "max_age": o.max_age, "housing": o.housing, "start_date": o.start_date,
                "note": o.note}


class WorkstationForm(forms.Form):
    """A workstation stands in the eastern partner area (box 3: in Cangshan)."""

    name = forms.CharField(label=_("名称"), max_length=100)
    area = AreaChoiceField(label=_("所在地区"), queryset=Area.objects.none())
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    opened_on = forms.DateField(label=_("设立日期"), widget=DateInput())
    closed_on = forms.DateField(label=_("撤销日期"), required=False, widget=DateInput())
    staff = forms.IntegerField(label=_("工作人员数"), min_value=0, max_value=32767, initial=0)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        east = eastern_sides(user)
        field = self.fields["area"]
        field.queryset = partnership_areas(user, [Level.COUNTY, Level.TOWNSHIP]).filter(
            prefix_q("code", [a.prefix for a in east]))
        field.error_messages["invalid_choice"] = _(
            "劳务工作站应设在东部协作地区（%(a)s）内") % {"a": "、".join(a.name for a in east)}

    def clean(self):
        d = super().clean()
        if d.get("opened_on") and d.get("closed_on") and d["closed_on"] < d["opened_on"]:
            self.add_error("closed_on", _("撤销日期不能早于设立日期"))
        return d


class WorkstationEditForm(WorkstationForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(w: Workstation) -> dict:
        return {"version": w.version, "name": w.name, "area": w.area_id, "address": w.address,
                "phone": w.phone, "opened_on": w.opened_on, "closed_on": w.closed_on,
                "staff": w.staff, "note": w.note}


class ReferForm(forms.Form):
    opening = forms.ModelChoiceField(label=_("岗位"), queryset=Opening.objects.none())
    referred_on = forms.DateField(label=_("推荐日期"), initial=_today, widget=DateInput())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["opening"].queryset = Opening.objects.visible_to(user).filter(
            status="open").select_related("employer")


class InterviewForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    on = forms.DateField(label=_("面试日期"), initial=_today, widget=DateInput())


class HireForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    hired_on = forms.DateField(label=_("上岗日期"), initial=_today, widget=DateInput())
    wage = AmountField(label=_("月工资（元）"), min_value=0, max_digits=10,
                              decimal_places=2)


class NotHiredForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class LeaveForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    # nothing pre-filled: a leave is recorded when it happened, never by a stray click
    left_on = forms.DateField(label=_("离职日期"), widget=DateInput())
    reason = forms.ChoiceField(label=_("离职原因"),
                               choices=[("", _("请选择"))] + list(LeaveReason.choices))
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class FollowUpForm(forms.Form):
    done_on = forms.DateField(label=_("回访日期"), initial=_today, widget=DateInput())
    still_working = forms.TypedChoiceField(
        label=_("仍在岗"), choices=[("1", _("是")), ("0", _("否"))],
        coerce=lambda v: v == "1", widget=forms.RadioSelect, initial="1")
    wage = AmountField(label=_("月工资（元）"), min_value=0, max_digits=10,
                              decimal_places=2, required=False)
    problems = forms.MultipleChoiceField(label=_("问题"), choices=Problem.choices,
                                         required=False, widget=forms.CheckboxSelectMultiple)
    help_given = forms.CharField(label=_("提供的帮助"), max_length=500, required=False)
    #: the clerk confirms a visit before the month it falls due in (employment.follow_up_early)
    early_confirmed = forms.BooleanField(label=_("提前回访，确认记录"), required=False)

    def clean_done_on(self):
        d = self.cleaned_data["done_on"]
        if d > _today():
            raise forms.ValidationError(_("回访日期不能晚于今天"))
        return d


class AcceptForm(forms.Form):
    """Accepting a proposal refers the seeker: on the day the case worker says (today unless
    the referral was made earlier and is recorded now)."""

    referred_on = forms.DateField(label=_("推荐日期"), initial=_today, required=False,
                                  widget=DateInput())

    def clean_referred_on(self):
        d = self.cleaned_data["referred_on"] or _today()
        if d > _today():
            raise forms.ValidationError(_("推荐日期不能晚于今天"))
        return d


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("拒绝理由"), max_length=300)


class ReferToEmployerForm(forms.Form):
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class CaseForm(forms.Form):
    workstation = forms.ModelChoiceField(label=_("工作站"), queryset=Workstation.objects.none())
    id_number = forms.CharField(label=_("务工人员证件号码"), max_length=24)
    kind = forms.ChoiceField(label=_("类别"), choices=CaseKind.choices)
    opened_on = forms.DateField(label=_("受理日期"), initial=_today, widget=DateInput())
    summary = forms.CharField(label=_("诉求"), max_length=500, widget=forms.Textarea(
        attrs={"rows": 3}))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["workstation"].queryset = Workstation.objects.visible_to(user)


class CaseCloseForm(forms.Form):
    closed_on = forms.DateField(label=_("办结日期"), initial=_today, widget=DateInput())
    action = forms.CharField(label=_("处理情况"), max_length=500)


class JobFairForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=FairKind.choices)
    date = forms.DateField(label=_("日期"), widget=DateInput())
    place = forms.CharField(label=_("地点"), max_length=200)
    area = AreaChoiceField(label=_("举办地区"), queryset=Area.objects.none())
    employers = forms.ModelMultipleChoiceField(label=_("参会单位"), required=False,
                                               queryset=Organisation.objects.none())
    positions = forms.IntegerField(label=_("提供岗位数"), min_value=0, initial=0)
    attendance = forms.IntegerField(label=_("参会人数"), min_value=0, initial=0)
    offers = forms.IntegerField(label=_("达成意向人数"), min_value=0, initial=0)
    hires = forms.IntegerField(label=_("实际录用人数"), min_value=0, initial=0)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].queryset = partnership_areas(user, [Level.COUNTY, Level.TOWNSHIP])
        self.fields["employers"].queryset = employers(user=user)

    def clean(self):
        d = super().clean()
        if all(k in d for k in ("hires", "offers", "attendance")) and not (
                d["hires"] <= d["offers"] <= d["attendance"]):
            raise forms.ValidationError(_("应满足：录用人数 ≤ 达成意向人数 ≤ 参会人数"))
        return d


class RecruitmentForm(forms.Form):
    employer = forms.ModelChoiceField(label=_("用工单位"), queryset=Organisation.objects.none())
    # township, then its villages (regions.picker), instead of one select of every village
    village = AreaPickerField(label=_("行政村"), levels=(Level.TOWNSHIP, Level.VILLAGE),
                              accept=(Level.VILLAGE,))
    started_on = forms.DateField(label=_("开始日期"), initial=_today, widget=DateInput())
    planned = forms.IntegerField(label=_("计划招聘人数"), min_value=0)
    hired = forms.IntegerField(label=_("已录用人数"), min_value=0, initial=0)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["employer"].queryset = employers(user=user)
        self.fields["village"].bind(user)


class _RecordAreas:
    """Home areas in the user's western scope; places of work in the eastern city."""

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["home_area"].queryset = Area.objects.visible_to(user).filter(
            side="west").exclude(level=Level.PROVINCE).order_by("code")
        self.fields["employer"].queryset = employers(user=user)
        self.fields["work_area"].queryset = partnership_areas(user).filter(side="east")


class GraduateForm(_RecordAreas, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    home_area = AreaChoiceField(label=_("户籍地"), queryset=Area.objects.none())
    university = forms.CharField(label=_("毕业院校"), max_length=100)
    major = forms.CharField(label=_("专业"), max_length=100, required=False)
    graduation_year = forms.IntegerField(label=_("毕业年份"), min_value=2000, max_value=2100)
    employer = forms.ModelChoiceField(label=_("就业单位"), queryset=Organisation.objects.none())
    work_area = AreaChoiceField(label=_("就业地"), queryset=Area.objects.none())
    employed_on = forms.DateField(label=_("就业日期"), widget=DateInput())
    wage = AmountField(label=_("月工资（元）"), min_value=0, max_digits=10,
                              decimal_places=2, required=False)


class InternForm(_RecordAreas, forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    home_area = AreaChoiceField(label=_("户籍地"), queryset=Area.objects.none())
    school = forms.CharField(label=_("职业院校"), max_length=100)
    major = forms.CharField(label=_("专业"), max_length=100, required=False)
    employer = forms.ModelChoiceField(label=_("实习单位"), queryset=Organisation.objects.none())
    work_area = AreaChoiceField(label=_("实习地"), queryset=Area.objects.none())
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    ended_on = forms.DateField(label=_("结束日期"), required=False, widget=DateInput())
    allowance = AmountField(label=_("月实习补贴（元）"), min_value=0, max_digits=10,
                                   decimal_places=2, required=False)

    def clean(self):
        d = super().clean()
        if d.get("ended_on") and d.get("started_on") and d["ended_on"] < d["started_on"]:
            self.add_error("ended_on", _("结束日期不能早于开始日期"))
        return d


def year_choices() -> list[int]:
    return list(range(2017, max(2020, datetime.date.today().year) + 1))


PLACEMENT_STATUS_CHOICES = [("", _("全部")), *PlacementStatus.choices]
