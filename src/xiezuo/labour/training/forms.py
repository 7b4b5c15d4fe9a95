"""Forms of the vocational-training pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.labour.forms import DateInput
from xiezuo.labour.outreach.forms import YEAR_MAX, YEAR_MIN, AreaChoice, _townships
from xiezuo.labour.training.choices import CourseKind, TraineeStatus
from xiezuo.labour.training.models import Course
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation


def _bases(user):
    return Organisation.objects.visible_to(user).with_role(OrgRole.TRAINING_BASE).order_by("name")


class CourseFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    kind = forms.ChoiceField(label=_("培训类别"), required=False,
                             choices=[("", _("全部")), *CourseKind.choices])
    base = forms.ModelChoiceField(label=_("培训基地"), queryset=Organisation.objects.none(),
                                  required=False, empty_label=_("全部"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["base"].queryset = _bases(user)


class TraineeFilterForm(forms.Form):
    course = forms.ModelChoiceField(label=_("培训班"), queryset=Course.objects.none(),
                                    required=False, empty_label=_("全部"))
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部")), *TraineeStatus.choices])
    year = forms.IntegerField(label=_("开班年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    completed_year = forms.IntegerField(label=_("结业年度"), required=False, min_value=YEAR_MIN,
                                        max_value=YEAR_MAX)
    township = AreaChoice(label=_("乡镇"), queryset=Course.objects.none(), required=False,
                          empty_label=_("全部"))
    q = forms.CharField(label=_("姓名"), required=False, max_length=64)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["course"].queryset = Course.objects.visible_to(user)
        self.fields["township"].queryset = _townships(user)


class YouthFilterForm(forms.Form):
    township = AreaChoice(label=_("乡镇"), queryset=Course.objects.none(), required=False,
                          empty_label=_("全部"))
    trained = forms.ChoiceField(label=_("参加培训"), required=False, choices=[
        ("", _("全部")), ("yes", _("已报名培训")), ("no", _("未参加培训"))])
    q = forms.CharField(label=_("姓名"), required=False, max_length=64)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].queryset = _townships(user)


class CourseForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    base = forms.ModelChoiceField(label=_("培训基地"), queryset=Organisation.objects.none(),
                                  help_text=_("在“企业与组织”中具有“培训基地”角色的院校或企业"))
    title = forms.CharField(label=_("课程名称"), max_length=200)
    kind = forms.ChoiceField(label=_("培训类别"), choices=CourseKind.choices)
    skill = forms.CharField(label=_("培训技能"), max_length=64, required=False,
                            help_text=_("结业后写入劳动力信息的技能，如“电工”"))
    certificate = forms.CharField(label=_("结业证书"), max_length=64, required=False,
                                  help_text=_("与岗位“证书要求”写法一致，如“电工证”"))
    starts_on = forms.DateField(label=_("开班日期"), widget=DateInput())
    ends_on = forms.DateField(label=_("结业日期"), widget=DateInput())
    place = forms.CharField(label=_("培训地点"), max_length=200)
    planned = forms.IntegerField(label=_("计划人数"), min_value=0, max_value=100000,
                                 required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["base"].queryset = _bases(user)

    def clean_planned(self):
        return self.cleaned_data.get("planned") or 0


class CompleteForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completed_on = forms.DateField(label=_("结业日期"), widget=DateInput())
    certificate_number = forms.CharField(label=_("证书编号"), max_length=64, required=False)
    certificate_date = forms.DateField(label=_("发证日期"), widget=DateInput(), required=False)


class DropForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(label=_("退训原因"), max_length=300, required=False)


class EnrolForm(forms.Form):
    """Enrol the people ticked on the 两后生 list (or a person's page) in a course."""

    course = forms.ModelChoiceField(label=_("培训班"), queryset=Course.objects.none())
    person = forms.TypedMultipleChoiceField(coerce=int, choices=[], required=True)

    def __init__(self, *args, user, people=(), **kw):
        super().__init__(*args, **kw)
        self.fields["course"].queryset = Course.objects.visible_to(user)
        self.fields["person"].choices = [(p, p) for p in people]
