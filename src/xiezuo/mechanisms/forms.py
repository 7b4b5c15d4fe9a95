"""Forms of the ch.8 pages. Edit forms carry the record's version (a hidden field): the
service refuses a stale save (accounts.versioned)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.mechanisms.choices import DecisionStatus, Direction, GroupKind, Level, MeetingKind
from xiezuo.mechanisms.models import (
    Decision,
    JointMeeting,
    LeadingGroup,
    Membership,
    ModelCase,
    Secondment,
    WorkSummary,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def _dates(form_class):
    for field in form_class.base_fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DateInput()
    return form_class


def _year_field(label):
    return forms.IntegerField(label=label, required=False, min_value=2000, max_value=2100)


class Versioned(forms.ModelForm):
    """An edit form: the version it was read at goes back with the save."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version


# --- filters -----------------------------------------------------------------------------------
class GroupFilterForm(forms.Form):
    side = forms.ChoiceField(label=_("协作方"), required=False,
                             choices=[("", _("全部")), *LeadingGroup._meta.get_field("side").choices])
    kind = forms.ChoiceField(label=_("类别"), required=False,
                             choices=[("", _("全部")), *GroupKind.choices])
    year = _year_field(_("年度（当年有成员在任）"))


class MeetingFilterForm(forms.Form):
    year = _year_field(_("年度"))
    kind = forms.ChoiceField(label=_("类别"), required=False,
                             choices=[("", _("全部")), *MeetingKind.choices])


class DecisionFilterForm(forms.Form):
    year = _year_field(_("会议年度"))
    status = forms.ChoiceField(label=_("办理状态"), required=False,
                               choices=[("", _("全部")), *DecisionStatus.choices])
    overdue = forms.BooleanField(label=_("只看逾期未办结"), required=False)
    q = forms.CharField(label=_("事项或责任单位"), required=False, max_length=100)
    meeting = forms.IntegerField(required=False, widget=forms.HiddenInput)


class SecondmentFilterForm(forms.Form):
    direction = forms.ChoiceField(label=_("挂职方向"), required=False,
                                  choices=[("", _("全部")), *Direction.choices])
    year = _year_field(_("选派年度"))
    in_post = _year_field(_("在岗年度"))
    level = forms.ChoiceField(label=_("职级"), required=False,
                              choices=[("", _("全部")), *Level.choices])


class CaseFilterForm(forms.Form):
    year = _year_field(_("年度"))


class OnDateForm(forms.Form):
    on = forms.DateField(label=_("查看日期"), required=False, widget=DateInput())


# --- records -----------------------------------------------------------------------------------
@_dates
class GroupForm(forms.ModelForm):
    class Meta:
        model = LeadingGroup
        fields = ["side", "kind", "name", "established", "document_no", "place", "dissolved",
                  "note"]


@_dates
class GroupEditForm(Versioned):
    class Meta:
        model = LeadingGroup
        fields = ["name", "established", "document_no", "place", "dissolved", "note"]


@_dates
class MemberForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["person_name", "post", "unit", "title", "start", "end", "note"]


@_dates
class MemberEditForm(Versioned):
    class Meta:
        model = Membership
        fields = ["person_name", "post", "unit", "title", "start", "end", "note"]


MEETING_FIELDS = ["kind", "title", "date", "venue_side", "place", "chair", "attendees", "agenda",
                  "summary", "minutes_no", "copy_to", "note"]


@_dates
class MeetingForm(forms.ModelForm):
    class Meta:
        model = JointMeeting
        fields = MEETING_FIELDS


@_dates
class MeetingEditForm(Versioned):
    class Meta:
        model = JointMeeting
        fields = MEETING_FIELDS


@_dates
class DecisionForm(forms.ModelForm):
    class Meta:
        model = Decision
        fields = ["text", "owner_unit", "owner_person", "due"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


@_dates
class DecisionEditForm(Versioned):
    class Meta:
        model = Decision
        fields = ["text", "owner_unit", "owner_person", "due"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class FollowUpForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("办理状态"), choices=DecisionStatus.choices)
    date = forms.DateField(label=_("日期"), widget=DateInput(), initial=timezone.localdate)
    note = forms.CharField(label=_("进展情况"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 3}))


SECONDMENT_FIELDS = ["batch", "direction", "person_name", "level", "home_unit", "home_post",
                     "host_unit", "host_post", "start", "end", "working_group", "note"]


class _SecondmentFields:
    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)
        self.fields["working_group"].queryset = LeadingGroup.objects.visible_to(user).filter(
            kind=GroupKind.WORKING)


@_dates
class SecondmentForm(_SecondmentFields, forms.ModelForm):
    class Meta:
        model = Secondment
        fields = SECONDMENT_FIELDS


@_dates
class SecondmentEditForm(_SecondmentFields, Versioned):
    class Meta:
        model = Secondment
        fields = SECONDMENT_FIELDS


class SummaryForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = WorkSummary
        fields = ["text", "assessment"]
        widgets = {"text": forms.Textarea(attrs={"rows": 10})}


CASE_FIELDS = ["title", "year", "place", "text", "media", "published_on", "note"]


@_dates
class CaseForm(forms.ModelForm):
    class Meta:
        model = ModelCase
        fields = CASE_FIELDS


@_dates
class CaseEditForm(Versioned):
    class Meta:
        model = ModelCase
        fields = CASE_FIELDS
