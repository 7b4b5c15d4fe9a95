"""Forms of the industry pages. Choices of areas, organisations, projects and households are
limited to the user's scope, so a form can never name a record the user may not see."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.amounts import AmountField
from xiezuo.core.years import year_choices
from xiezuo.industry.access import partnership_prefixes, west_prefixes
from xiezuo.industry.choices import (
    BuyerKind,
    Certification,
    Channel,
    EventKind,
    EventSeries,
    FollowUp,
    ImportKind,
    LinkageKind,
    Sector,
    Stage,
)
from xiezuo.industry.models import InvestmentProject, Sale, TradeEvent
from xiezuo.industry.selectors import record_years
from xiezuo.orgs.models import Organisation
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField
from xiezuo.regions.scoping import prefix_q, scope_prefixes
from xiezuo.tabular.upload import TableFileField, TableUploadForm


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def shown_years() -> list[tuple[int, int]]:
    """A filter's years, read when the form is shown: the plan's, and later ones only where
    industry records exist (core.years)."""
    return [(y, y) for y in year_choices(record_years(), today=timezone.localdate())]


def entry_years() -> list[tuple[int, int]]:
    """The years a new record may be entered for: the filter's, and this year."""
    today = timezone.localdate()
    return [(y, y) for y in year_choices(record_years() | {today.year}, today=today)]


def _year_field(label):
    # a callable: Django evaluates it whenever the choices are read, per request, not at import
    return forms.TypedChoiceField(label=label, required=False, coerce=int, empty_value=None,
                                  choices=lambda: [("", _("全部")), *shown_years()])


class AreaChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        if kwargs.get("required") is False:  # a filter: nothing chosen reads 全部, not ---------
            kwargs.setdefault("empty_label", _("全部"))
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


def areas_of(user, levels, *, partnership: bool = False):
    """The areas of `levels` within the user's scope (or both sides of its partnership)."""
    qs = Area.objects.filter(level__in=levels)
    prefixes = partnership_prefixes(user) if partnership else scope_prefixes(user)
    if prefixes is not None:
        qs = qs.filter(prefix_q("code", prefixes))
    return qs.order_by("code")


def west_townships(user):
    return areas_of(user, [Level.TOWNSHIP]).filter(prefix_q("code", west_prefixes()))


def _choices(cls, blank=True):
    return ([("", _("全部"))] if blank else []) + list(cls.choices)


# --- filters -------------------------------------------------------------------------------------

class ProjectFilterForm(forms.Form):
    q = forms.CharField(label=_("编号、名称或投资主体"), required=False, max_length=100)
    sector = forms.ChoiceField(label=_("产业"), required=False, choices=_choices(Sector))
    stage = forms.ChoiceField(label=_("阶段"), required=False, choices=_choices(Stage))
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    year = _year_field(_("签约年度"))
    east = forms.BooleanField(label=_("只看东部企业或东部引进"), required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["township"].bind(user)


class InvestorFilterForm(forms.Form):
    year = _year_field(_("签约年度"))
    east = forms.BooleanField(label=_("只看东部企业或东部引进"), required=False)


class ArrivalFilterForm(forms.Form):
    year = _year_field(_("年度"))
    east = forms.BooleanField(label=_("只看东部企业或东部引进"), required=False)
    project = forms.ModelChoiceField(label=_("项目"), required=False,
                                     queryset=InvestmentProject.objects.none())

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["project"].queryset = InvestmentProject.objects.visible_to(user)


class LinkageFilterForm(forms.Form):
    year = _year_field(_("年度"))
    kind = forms.ChoiceField(label=_("联结方式"), required=False, choices=_choices(LinkageKind))
    project = forms.ModelChoiceField(label=_("项目"), required=False,
                                     queryset=InvestmentProject.objects.none())
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["project"].queryset = InvestmentProject.objects.visible_to(user)
        self.fields["township"].bind(user)


class HouseholdFilterForm(forms.Form):
    via = forms.ChoiceField(label=_("带动方式"), required=False, choices=[
        ("linkage", _("利益联结")), ("sale", _("消费扶贫销售"))])
    year = _year_field(_("年度"))
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["township"].bind(user)


class EventFilterForm(forms.Form):
    year = _year_field(_("年度"))
    kind = forms.ChoiceField(label=_("类别"), required=False, choices=_choices(EventKind))
    series = forms.ChoiceField(label=_("平台"), required=False, choices=_choices(EventSeries))


class DealFilterForm(forms.Form):
    year = _year_field(_("年度"))
    follow_up = forms.ChoiceField(label=_("跟进情况"), required=False, choices=_choices(FollowUp))


class SaleFilterForm(forms.Form):
    q = forms.CharField(label=_("产品（包含）"), required=False, max_length=100)
    year = _year_field(_("年度"))
    product = forms.CharField(label=_("产品"), required=False, max_length=100,
                              widget=forms.HiddenInput)
    channel = forms.ChoiceField(label=_("销售渠道"), required=False, choices=_choices(Channel))
    buyer_kind = forms.ChoiceField(label=_("采购方类别"), required=False,
                                   choices=_choices(BuyerKind))
    buyer = forms.ModelChoiceField(label=_("采购单位"), required=False,
                                   queryset=Organisation.objects.none(),
                                   widget=forms.HiddenInput)
    township = AreaPickerField(label=_("产地乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    event = forms.ModelChoiceField(label=_("经贸活动"), required=False,
                                   queryset=TradeEvent.objects.none(), widget=forms.HiddenInput)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["township"].bind(user)
        self.fields["buyer"].queryset = Organisation.objects.visible_to(user)
        self.fields["event"].queryset = TradeEvent.objects.visible_to(user)


class ProductFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或供货主体"), required=False, max_length=100)
    published = forms.ChoiceField(label=_("公开展示"), required=False, choices=[
        ("", _("全部")), ("yes", _("已公开")), ("no", _("未公开"))])
    certification = forms.ChoiceField(label=_("认证"), required=False,
                                      choices=_choices(Certification))


# --- edit forms ------------------------------------------------------------------------------------

class VersionedForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


def _orgs(user):
    return Organisation.objects.visible_to(user).order_by("name")


class ProjectForm(VersionedForm):
    code = forms.CharField(label=_("项目编号"), max_length=32)
    name = forms.CharField(label=_("项目名称"), max_length=200)
    investor = forms.ModelChoiceField(label=_("投资主体"), queryset=Organisation.objects.none())
    introduced_by_east = forms.BooleanField(label=_("东部引进（投资主体不在东部）"), required=False)
    sector = forms.ChoiceField(label=_("产业"), choices=Sector.choices)
    area = AreaChoiceField(label=_("建设地点（乡镇/村）"), queryset=Area.objects.none())
    contracted_amount = AmountField(label=_("协议投资额（元）"), min_value=0, max_digits=14)
    jobs_created = forms.IntegerField(label=_("带动就业人数"), min_value=0, initial=0)
    poor_employed = forms.IntegerField(label=_("其中贫困人口就业"), min_value=0, initial=0)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["investor"].queryset = _orgs(user)
        self.fields["area"].queryset = areas_of(user, [Level.TOWNSHIP, Level.VILLAGE]).filter(
            prefix_q("code", west_prefixes()))


class ProjectCreateForm(ProjectForm):
    stage = forms.ChoiceField(label=_("阶段"), choices=Stage.choices, initial=Stage.TALKS)
    stage_on = forms.DateField(label=_("进入本阶段日期"), widget=DateInput())


class StageForm(VersionedForm):
    stage = forms.ChoiceField(label=_("新阶段"), choices=Stage.choices)
    date = forms.DateField(label=_("日期"), widget=DateInput())
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ArrivalForm(VersionedForm):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=entry_years)
    date = forms.DateField(label=_("到位日期"), widget=DateInput())
    amount = AmountField(label=_("到位资金（元）"), min_value=0, max_digits=14)
    note = forms.CharField(label=_("备注（凭证号等）"), max_length=300, required=False)


class LinkageForm(VersionedForm):
    household = forms.CharField(label=_("户编号或家庭成员证件号码"), max_length=40)
    kind = forms.ChoiceField(label=_("联结方式"), choices=LinkageKind.choices)
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=entry_years)
    amount = AmountField(label=_("户年收益（元）"), min_value=0, max_digits=14)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class LinkageEditForm(LinkageForm):
    household = None


class EventForm(VersionedForm):
    name = forms.CharField(label=_("活动名称"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=EventKind.choices)
    series = forms.ChoiceField(label=_("平台"), choices=EventSeries.choices,
                               initial=EventSeries.OTHER)
    area = AreaChoiceField(label=_("举办地区"), queryset=Area.objects.none())
    place = forms.CharField(label=_("地点"), max_length=200, required=False)
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    ended_on = forms.DateField(label=_("结束日期"), widget=DateInput())
    participants = forms.CharField(label=_("临洮参展单位与人员"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    participant_count = forms.IntegerField(label=_("参展单位数"), min_value=0, initial=0)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["area"].queryset = areas_of(
            user, [Level.PROVINCE, Level.CITY, Level.COUNTY, Level.TOWNSHIP], partnership=True)


class DealForm(VersionedForm):
    title = forms.CharField(label=_("签约内容"), max_length=200)
    organisations = forms.ModelMultipleChoiceField(label=_("签约单位"),
                                                   queryset=Organisation.objects.none())
    amount = AmountField(label=_("签约金额（元）"), min_value=0, max_digits=14, initial=0)
    follow_up = forms.ChoiceField(label=_("跟进情况"), choices=FollowUp.choices)
    project = forms.ModelChoiceField(label=_("落地项目"), required=False,
                                     queryset=InvestmentProject.objects.none())
    sale = forms.ModelChoiceField(label=_("形成的销售"), required=False,
                                  queryset=Sale.objects.none(), widget=forms.NumberInput,
                                  help_text=_("销售台账中的记录号"))
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["organisations"].queryset = _orgs(user)
        self.fields["project"].queryset = InvestmentProject.objects.visible_to(user)
        self.fields["sale"].queryset = Sale.objects.visible_to(user)


class SaleForm(VersionedForm):
    date = forms.DateField(label=_("销售日期"), widget=DateInput())
    product = forms.CharField(label=_("产品"), max_length=100)
    township = AreaChoiceField(label=_("产地乡镇"), queryset=Area.objects.none())
    supplier = forms.ModelChoiceField(label=_("供货主体（合作社、企业）"), required=False,
                                      queryset=Organisation.objects.none())
    buyer = forms.ModelChoiceField(label=_("采购单位"), queryset=Organisation.objects.none())
    buyer_kind = forms.ChoiceField(label=_("采购方类别"), choices=BuyerKind.choices)
    channel = forms.ChoiceField(label=_("销售渠道"), choices=Channel.choices)
    quantity = forms.DecimalField(label=_("数量"), min_value=0, max_digits=14, decimal_places=3)
    unit = forms.CharField(label=_("单位"), max_length=16, initial="公斤")
    amount = AmountField(label=_("金额（元）"), min_value=0, max_digits=14)
    households = forms.CharField(label=_("带动贫困户（户编号，多个用“、”分隔）"), required=False,
                                 max_length=2000)
    event = forms.ModelChoiceField(label=_("经贸活动"), required=False,
                                   queryset=TradeEvent.objects.none())
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["township"].queryset = west_townships(user)
        self.fields["supplier"].queryset = _orgs(user)
        self.fields["buyer"].queryset = _orgs(user)
        self.fields["event"].queryset = TradeEvent.objects.visible_to(user)

    def clean_date(self):
        d = self.cleaned_data["date"]
        if d and d > timezone.localdate():
            raise forms.ValidationError(_("销售日期晚于今天"))
        return d


class ProductForm(VersionedForm):
    name = forms.CharField(label=_("产品名称"), max_length=100)
    township = AreaChoiceField(label=_("产地乡镇"), queryset=Area.objects.none())
    supplier = forms.ModelChoiceField(label=_("供货主体"), queryset=Organisation.objects.none())
    certification = forms.ChoiceField(label=_("认证"), choices=Certification.choices)
    unit_price = AmountField(label=_("单价（元）"), min_value=0, max_digits=14)
    unit = forms.CharField(label=_("计价单位"), max_length=16, initial="公斤")
    how_to_order = forms.CharField(label=_("订购方式"), max_length=300)
    description = forms.CharField(label=_("产品介绍"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4}))
    photo = forms.FileField(label=_("照片（JPEG 或 PNG，不超过 5 MB）"), required=False,
                            widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}))
    published = forms.BooleanField(label=_("在公开展示馆中展示"), required=False)

    def __init__(self, *a, user, **kw):
        super().__init__(*a, **kw)
        self.fields["township"].queryset = west_townships(user)
        self.fields["supplier"].queryset = _orgs(user)


class ImportUploadForm(TableUploadForm):
    kind = forms.ChoiceField(label=_("文件内容"), choices=ImportKind.choices,
                             widget=forms.RadioSelect, initial=ImportKind.SALES)
    file = TableFileField()
    strict = forms.BooleanField(label=_("有任何错误行则全部不保存"), required=False)

    field_order = ["kind", "file", "strict"]


def today() -> datetime.date:
    return timezone.localdate()
