"""Forms of the talent pages. Choices of areas and people are limited to the user's scope, so a
form can never name a record the user may not see."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.amounts import AmountField
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.tabular.upload import TableFileField, TableUploadForm
from xiezuo.talent.choices import (
    ActivityKind,
    ClassKind,
    ExpertStatus,
    Held,
    KindGroup,
    MergeState,
    NeedKind,
    Sex,
)

YEAR_MIN, YEAR_MAX = 2000, 2100  # a year outside is a form error, never a query


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def _year(label):
    return forms.IntegerField(label=label, required=False, min_value=YEAR_MIN, max_value=YEAR_MAX)


def _blank(choices):
    return [("", _("全部")), *choices]


def west_areas(user):
    """The western county and its townships the user may see."""
    return Area.objects.visible_to(user).filter(
        level__in=[Level.COUNTY, Level.TOWNSHIP], side="west").order_by("code")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


# --- filters ------------------------------------------------------------------------------------

class ClassFilterForm(forms.Form):
    year = _year(_("开班年度"))
    group = forms.ChoiceField(label=_("类别组"), required=False, choices=_blank(KindGroup.choices))
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=_blank(ClassKind.choices))
    held = forms.ChoiceField(label=_("举办地"), required=False, choices=_blank(Held.choices))
    q = forms.CharField(label=_("编号或名称"), required=False, max_length=100)


class TraineeFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名或单位"), required=False, max_length=100)
    township = forms.ModelChoiceField(label=_("乡镇"), queryset=Area.objects.none(),
                                      required=False, empty_label=_("全部"))
    group = forms.ChoiceField(label=_("参加过的培训"), required=False,
                              choices=_blank(KindGroup.choices))
    year = _year(_("培训年度"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].queryset = west_areas(user)


class AttendanceFilterForm(forms.Form):
    year = _year(_("开班年度"))
    group = forms.ChoiceField(label=_("类别组"), required=False, choices=_blank(KindGroup.choices))
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=_blank(ClassKind.choices))
    held = forms.ChoiceField(label=_("举办地"), required=False, choices=_blank(Held.choices))
    training_class = forms.CharField(label=_("班次编号"), required=False, max_length=32)
    completed = forms.BooleanField(label=_("只看已结业"), required=False)
    first = forms.BooleanField(label=_("每人只计首次"), required=False)


class MergeFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("状态"), required=False, choices=MergeState.choices)


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=_blank(ExpertStatus.choices))
    overdue = forms.BooleanField(label=_("只看逾期"), required=False)
    year = _year(_("提出年度"))


class EnrolmentFilterForm(forms.Form):
    year = _year(_("录取年份"))
    q = forms.CharField(label=_("姓名或院校"), required=False, max_length=100)


# --- edits --------------------------------------------------------------------------------------

class ClassForm(forms.Form):
    code = forms.CharField(label=_("班次编号"), max_length=32,
                           help_text=_("学员名单用它指明培训班，例如 2018-GB-01"))
    name = forms.CharField(label=_("名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=ClassKind.choices)
    held = forms.ChoiceField(label=_("举办地"), choices=Held.choices)
    start_date = forms.DateField(label=_("开班日期"), widget=DateInput())
    end_date = forms.DateField(label=_("结业日期"), widget=DateInput())
    hours = forms.DecimalField(label=_("学时"), min_value=0, max_digits=6, decimal_places=1)
    organiser = forms.ModelChoiceField(label=_("主办单位（登记的组织）"), required=False,
                                       queryset=Area.objects.none())
    organiser_name = forms.CharField(label=_("主办单位"), max_length=200, required=False,
                                     help_text=_("主办单位不在组织登记中时填写名称"))
    teachers = forms.CharField(label=_("授课教师或专家"), max_length=500, required=False)
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)
        from xiezuo.orgs.choices import OrgRole
        from xiezuo.orgs.models import Organisation

        self.fields["organiser"].queryset = (
            Organisation.objects.visible_to(user).filter(roles__role__in=[
                OrgRole.TRAINING_BASE, OrgRole.HOSPITAL, OrgRole.SCHOOL]).distinct()
            .order_by("name"))


class ClassEditForm(ClassForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        del self.fields["code"]

    @staticmethod
    def initial_for(c) -> dict:
        return {"version": c.version, "name": c.name, "kind": c.kind, "held": c.held,
                "start_date": c.start_date, "end_date": c.end_date, "hours": c.hours,
                "organiser": c.organiser_id, "organiser_name": c.organiser_name, "teachers": c.teachers, "place": c.place,
                "note": c.note}


class TraineeEditForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    name = forms.CharField(label=_("姓名"), max_length=64)
    sex = forms.ChoiceField(label=_("性别"), required=False, choices=[("", "—"), *Sex.choices])
    birth_date = forms.DateField(label=_("出生日期"), required=False, widget=DateInput())
    unit = forms.CharField(label=_("工作单位"), max_length=200)
    post = forms.CharField(label=_("职务"), max_length=100, required=False)
    area = AreaChoiceField(label=_("乡镇"), queryset=Area.objects.none())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].queryset = west_areas(user)

    @staticmethod
    def initial_for(t) -> dict:
        return {"version": t.version, "name": t.name, "sex": t.sex, "birth_date": t.birth_date,
                "unit": t.unit, "post": t.post, "area": t.area_id}


class ImportUploadForm(TableUploadForm):
    file = TableFileField(label=_("学员名单（.xlsx、.xls 或 .csv）"))
    training_class = forms.ChoiceField(label=_("培训班"), required=False)
    strict = forms.BooleanField(label=_("有任何错误行则全部不保存"), required=False)

    field_order = ["file", "training_class", "strict"]

    def __init__(self, *args, classes=(), **kw):
        super().__init__(*args, **kw)
        self.fields["training_class"].choices = [
            ("", _("按文件中的“班次编号”列")), *[(c.code, f"{c.code} {c.name}") for c in classes]]


class RequestForm(forms.Form):
    title = forms.CharField(label=_("需求名称"), max_length=200)
    need_kind = forms.ChoiceField(label=_("需求类别"), choices=NeedKind.choices)
    subject = forms.CharField(label=_("项目或企业"), max_length=200)
    area = AreaChoiceField(label=_("所在地区"), queryset=Area.objects.none())
    difficulty = forms.CharField(label=_("难点问题"), max_length=1000, widget=forms.Textarea)
    skills_sought = forms.CharField(label=_("所需人才"), max_length=500)
    filed_on = forms.DateField(label=_("提出日期"), widget=DateInput())
    due_on = forms.DateField(label=_("要求完成日期"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].queryset = west_areas(user)
        self.fields["filed_on"].initial = timezone.localdate()


class AdvanceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(widget=forms.HiddenInput, choices=ExpertStatus.choices)
    on = forms.DateField(label=_("日期"), widget=DateInput())
    outcome = forms.CharField(label=_("帮扶成效"), max_length=1000, required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    evaluation = forms.CharField(label=_("评价意见"), max_length=1000, required=False,
                                 widget=forms.Textarea(attrs={"rows": 2}))


class ExpertForm(forms.Form):
    name = forms.CharField(label=_("姓名"), max_length=64)
    unit = forms.CharField(label=_("工作单位"), max_length=200)
    speciality = forms.CharField(label=_("专业领域"), max_length=200, required=False)
    from_date = forms.DateField(label=_("开始日期"), required=False, widget=DateInput())
    to_date = forms.DateField(label=_("结束日期"), required=False, widget=DateInput())


class EnrolmentForm(forms.Form):
    id_number = forms.CharField(label=_("学生证件号码"), max_length=20,
                                help_text=_("建档立卡贫困家庭的学生（在您负责的区域内）"))
    college = forms.CharField(label=_("录取院校"), max_length=200)
    major = forms.CharField(label=_("专业"), max_length=100, required=False)
    admitted_year = forms.IntegerField(label=_("录取年份"), min_value=2017, max_value=YEAR_MAX)
    years = forms.IntegerField(label=_("学制（年）"), min_value=1, max_value=8, initial=4)
    work_study = forms.BooleanField(label=_("安排勤工俭学岗位"), required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)


class EnrolmentYearForm(forms.Form):
    year = forms.IntegerField(label=_("学年（起始年）"), min_value=2017, max_value=YEAR_MAX)
    tuition_waived = AmountField(label=_("减免学费（元）"), min_value=0, max_digits=12,
                                 decimal_places=2)
    subsidy = AmountField(label=_("住宿和生活补助（元）"), min_value=0, max_digits=12,
                          decimal_places=2)


# --- hospital pairings --------------------------------------------------------------------------

def hospitals(user, side: str):
    from xiezuo.orgs.choices import OrgRole
    from xiezuo.orgs.models import Organisation

    return (Organisation.objects.visible_to(user).with_role(OrgRole.HOSPITAL)
            .filter(side=side).order_by("name"))


class PairingFilterForm(forms.Form):
    year = _year(_("协作年度"))


class ActivityFilterForm(forms.Form):
    year = _year(_("年度"))
    kind = forms.ChoiceField(label=_("类别"), required=False,
                             choices=_blank(ActivityKind.choices))
    pairing = forms.IntegerField(required=False, widget=forms.HiddenInput)


class PairingForm(forms.Form):
    west_hospital = forms.ModelChoiceField(label=_("临洮县医院"), queryset=Area.objects.none())
    east_hospital = forms.ModelChoiceField(label=_("仓山区协作医院"),
                                           queryset=Area.objects.none())
    agreement_no = forms.CharField(label=_("协议编号"), max_length=64, required=False)
    signed_on = forms.DateField(label=_("协议签订日期"), widget=DateInput())
    start_on = forms.DateField(label=_("协作开始日期"), widget=DateInput(), required=False,
                               help_text=_("空着即为签订日期"))
    end_on = forms.DateField(label=_("协作结束日期"), widget=DateInput(), required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["west_hospital"].queryset = hospitals(user, "west")
        self.fields["east_hospital"].queryset = hospitals(user, "east")


class PairingEditForm(PairingForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(p) -> dict:
        return {"version": p.version, "west_hospital": p.west_hospital_id,
                "east_hospital": p.east_hospital_id, "agreement_no": p.agreement_no,
                "signed_on": p.signed_on, "start_on": p.start_on, "end_on": p.end_on,
                "note": p.note}


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ActivityKind.choices)
    date = forms.DateField(label=_("日期"), widget=DateInput())
    title = forms.CharField(label=_("内容"), max_length=200)
    east_staff = forms.IntegerField(label=_("仓山方人数"), min_value=0, initial=0)
    west_staff = forms.IntegerField(label=_("临洮方人数"), min_value=0, initial=0)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)
