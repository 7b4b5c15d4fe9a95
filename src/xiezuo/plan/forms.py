from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.plan.choices import TargetKind, VenueSide
from xiezuo.regions.choices import Level
from xiezuo.regions.picker import AreaPickerField


class DashboardFilter(forms.Form):
    year = forms.TypedChoiceField(label=_("考核年度"), coerce=int, required=False)
    side = forms.ChoiceField(label=_("视图"), required=False, choices=[
        ("", _("双方")), ("east", _("东部（仓山）视图")), ("west", _("西部（临洮）视图"))])
    as_of = forms.DateField(label=_("评估日期"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]


class EntryForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int)
    # the county, or one of its townships: picked county first, then township (either side)
    area = AreaPickerField(label=_("区域"), levels=(Level.COUNTY, Level.TOWNSHIP), side="",
                           to_code=True)
    value = forms.DecimalField(label=_("数值"), min_value=0, max_digits=16, decimal_places=2)
    member = forms.ChoiceField(label=_("覆盖成员"), required=False)
    partner = forms.CharField(label=_("结对/合作单位"), required=False, max_length=200)
    venue_side = forms.ChoiceField(label=_("召开地"), required=False, choices=VenueSide.choices)
    description = forms.CharField(label=_("说明"), required=False, max_length=500,
                                  widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.FileField(label=_("佐证材料（文件）"))

    def __init__(self, *args, target, user, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.target = target
        self.fields["year"].choices = [(y, str(y)) for y in target.years]
        self.fields["area"].bind(user)
        if target.kind == TargetKind.COVERAGE:
            self.fields["member"].choices = [("", "—")] + [(c, n) for c, n, _ in members]
            self.fields["member"].required = True
        else:
            del self.fields["member"]
        if target.kind == TargetKind.MILESTONE:
            self.fields["value"].initial = 1
            self.fields["value"].help_text = _("1 表示已完成")
        if not target.params.get("alternate_venues"):
            del self.fields["venue_side"]


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("审批意见"), required=False, max_length=300)


class CommentForm(forms.Form):
    text = forms.CharField(label=_("评议意见"), max_length=4000,
                           widget=forms.Textarea(attrs={"rows": 4}))
