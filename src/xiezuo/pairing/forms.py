"""Forms of the pairing pages. Choices of areas, organisations and volunteers are limited to
what the user sees, so a form can never name a record the user may not see."""

import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.core.amounts import AmountField
from xiezuo.orgs.choices import OrgRole
from xiezuo.orgs.models import Organisation
from xiezuo.pairing.choices import (
    ActivityKind,
    DonationKind,
    DonorCategory,
    EnterpriseForm,
    Purpose,
    VolunteerKind,
)
from xiezuo.pairing.models import Volunteer
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField
from xiezuo.registry.models import Household
from xiezuo.tabular.upload import TableFileField, TableUploadForm

YEAR_MIN, YEAR_MAX = 2000, 2100  # a year outside is a form error, never a query


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kw):
        super().__init__(format="%Y-%m-%d", **kw)


def _date(label, required=True, **kw):
    return forms.DateField(label=label, required=required, widget=DateInput(), **kw)


def _year():
    return forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name if obj.level != Level.VILLAGE else f"{obj.parent.name}{obj.name}"


def _areas(user, *, side: str, levels, deep: bool = False):
    qs = Area.objects.visible_to(user).filter(side=side, level__in=levels)
    if deep:
        qs = qs.filter(deep_poverty=True)
    return qs.select_related("parent").order_by("code")


def _orgs(user, *roles):
    qs = Organisation.objects.visible_to(user)
    if roles:
        qs = qs.filter(roles__role__in=roles).distinct()
    return qs.order_by("name")


# --- filter forms ----------------------------------------------------------------------------

class TownPairingFilterForm(forms.Form):
    year = _year()
    township = AreaPickerField(label=_("临洮县乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    east_town = AreaChoiceField(label=_("仓山区镇（街道）"), queryset=Area.objects.none(),
                                required=False, empty_label=_("全部"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].bind(user)
        self.fields["east_town"].queryset = _areas(user, side=Side.EAST, levels=[Level.TOWNSHIP])


class EnterprisePairingFilterForm(forms.Form):
    year = _year()
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    village = forms.ModelChoiceField(queryset=Area.objects.none(), required=False,
                                     widget=forms.HiddenInput)
    deep = forms.BooleanField(label=_("只看深度贫困村"), required=False)
    q = forms.CharField(label=_("企业名称"), required=False, max_length=100)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].bind(user)
        self.fields["village"].queryset = _areas(user, side=Side.WEST, levels=[Level.VILLAGE])


class ActivityFilterForm(forms.Form):
    year = _year()
    kind = forms.ChoiceField(label=_("类型"), required=False,
                             choices=[("", _("全部"))] + ActivityKind.choices)
    side = forms.ChoiceField(label=_("结对类别"), required=False, choices=[
        ("", _("全部")), ("town", _("镇村结对")), ("enterprise", _("村企结对"))])
    town_pairing = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    enterprise_pairing = forms.IntegerField(required=False, widget=forms.HiddenInput,
                                            min_value=1)

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)


class DonationFilterForm(forms.Form):
    year = _year()
    purpose = forms.ChoiceField(label=_("用途"), required=False,
                                choices=[("", _("全部"))] + Purpose.choices)
    kind = forms.ChoiceField(label=_("形式"), required=False,
                             choices=[("", _("全部"))] + DonationKind.choices)
    category = forms.ChoiceField(label=_("捐赠方类别"), required=False,
                                 choices=[("", _("全部"))] + DonorCategory.choices)
    funds = forms.ChoiceField(label=_("是否转入协作资金"), required=False, choices=[
        ("", _("全部")), ("in", _("已转入资金拨入")), ("out", _("未转入"))])
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    household = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    q = forms.CharField(label=_("捐赠方或收据编号"), required=False, max_length=100)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].bind(user)


class VolunteerOrgFilterForm(forms.Form):
    q = forms.CharField(label=_("名称"), required=False, max_length=100)

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)


class VolunteerFilterForm(forms.Form):
    q = forms.CharField(label=_("姓名"), required=False, max_length=64)
    kind = forms.ChoiceField(label=_("身份"), required=False,
                             choices=[("", _("全部"))] + VolunteerKind.choices)
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)


class ServiceFilterForm(forms.Form):
    year = _year()
    township = AreaPickerField(label=_("乡镇"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP,))
    organisation = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].bind(user)


class CoverageForm(forms.Form):
    year = _year()
    kind = forms.ChoiceField(required=False, choices=[("", ""), ("towns", ""), ("villages", "")])
    paired = forms.BooleanField(required=False)


# --- edit forms ------------------------------------------------------------------------------

class VersionedForm(forms.Form):
    """An edit form carries the record's version (accounts.versioned); a create form omits it."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class TownPairingForm(VersionedForm):
    east_town = AreaChoiceField(label=_("仓山区镇（街道）"), queryset=Area.objects.none())
    west_township = AreaChoiceField(label=_("临洮县乡镇"), queryset=Area.objects.none())
    started_on = _date(_("结对日期"))
    ended_on = _date(_("结束日期"), required=False, help_text=_("空：结对仍在继续"))
    agreement_no = forms.CharField(label=_("协议编号"), max_length=100, required=False)
    agreement_signed_on = _date(_("协议签订日期"), required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        # Both ends are offered from every area of the partnership the user works in: the
        # service refuses a pairing neither of whose ends is the user's.
        self.fields["east_town"].queryset = Area.objects.filter(
            side=Side.EAST, level=Level.TOWNSHIP).order_by("code")
        self.fields["west_township"].queryset = Area.objects.filter(
            side=Side.WEST, level=Level.TOWNSHIP).order_by("code")


class EnterprisePairingForm(VersionedForm):
    enterprise = forms.ModelChoiceField(label=_("企业"), queryset=Organisation.objects.none())
    village = AreaChoiceField(label=_("结对村"), queryset=Area.objects.none())
    form = forms.ChoiceField(label=_("结对形式"), choices=EnterpriseForm.choices)
    started_on = _date(_("结对日期"))
    ended_on = _date(_("结束日期"), required=False, help_text=_("空：结对仍在继续"))
    agreement_no = forms.CharField(label=_("协议编号"), max_length=100, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["enterprise"].queryset = _orgs(user)
        self.fields["village"].queryset = Area.objects.filter(
            side=Side.WEST, level=Level.VILLAGE).select_related("parent").order_by(
            "-deep_poverty", "code")


class ActivityForm(VersionedForm):
    date = _date(_("日期"))
    kind = forms.ChoiceField(label=_("类型"), choices=ActivityKind.choices)
    money_amount = AmountField(label=_("捐款（元）"), min_value=0, max_digits=14,
                               decimal_places=2, required=False)
    goods = forms.CharField(label=_("捐赠物资"), max_length=300, required=False)
    goods_value = AmountField(label=_("物资折价（元）"), min_value=0, max_digits=14,
                              decimal_places=2, required=False)
    projects_started = forms.IntegerField(label=_("启动项目数"), min_value=0, required=False)
    participants = forms.IntegerField(label=_("参加人数"), min_value=0, required=False)
    description = forms.CharField(label=_("内容"), max_length=500, required=False)

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)


def parse_household_numbers(text: str) -> list[str]:
    return [n for n in re.split(r"[、;；,，\s]+", text or "") if n]


class DonationForm(VersionedForm):
    donor = forms.ModelChoiceField(label=_("捐赠单位"), queryset=Organisation.objects.none(),
                                   required=False, help_text=_("登记的单位；个人捐赠填写捐赠人"))
    donor_name = forms.CharField(label=_("捐赠人"), max_length=100, required=False)
    donor_category = forms.ChoiceField(label=_("捐赠方类别"), choices=DonorCategory.choices)
    kind = forms.ChoiceField(label=_("形式"), choices=DonationKind.choices)
    amount = AmountField(label=_("金额或折价（元）"), min_value=0, max_digits=14,
                         decimal_places=2)
    goods = forms.CharField(label=_("物资"), max_length=300, required=False)
    purpose = forms.ChoiceField(label=_("用途"), choices=Purpose.choices)
    receipt_no = forms.CharField(label=_("收据编号"), max_length=100, required=False)
    date = _date(_("捐赠日期"))
    area = AreaPickerField(label=_("受赠地区"))
    school = forms.ModelChoiceField(label=_("受赠学校"), queryset=Organisation.objects.none(),
                                    required=False)
    project = forms.CharField(label=_("受赠项目"), max_length=200, required=False)
    household_numbers = forms.CharField(
        label=_("受助贫困户（户编号）"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("多户用“、”或换行分隔；须在受赠地区内"))
    note = forms.CharField(label=_("备注"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.user = user
        self.fields["donor"].queryset = _orgs(user)
        self.fields["school"].queryset = _orgs(user, OrgRole.SCHOOL)
        self.fields["area"].bind(user)

    def clean_household_numbers(self):
        numbers = parse_household_numbers(self.cleaned_data.get("household_numbers", ""))
        found = {h.number: h for h in Household.objects.visible_to(self.user).filter(
            number__in=numbers).select_related("village")}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(_("找不到贫困户：%(n)s") % {"n": "、".join(missing)})
        return [found[n] for n in dict.fromkeys(numbers)]


class DonationLinkForm(VersionedForm):
    allocation_id = forms.IntegerField(label=_("资金拨入编号"), min_value=1, required=False,
                                       help_text=_("空：解除关联"))


class VolunteerForm(VersionedForm):
    name = forms.CharField(label=_("姓名"), max_length=64)
    kind = forms.ChoiceField(label=_("身份"), choices=VolunteerKind.choices)
    organisation = forms.ModelChoiceField(label=_("所属组织"), queryset=Organisation.objects.none(),
                                          required=False)
    area = AreaChoiceField(label=_("所在地区"), queryset=Area.objects.none())
    skills = forms.CharField(label=_("专长"), max_length=200, required=False)
    registered_on = _date(_("登记日期"), initial=timezone.localdate)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = _orgs(user, OrgRole.SOCIAL_ORG)
        self.fields["area"].queryset = Area.objects.visible_to(user).exclude(
            level=Level.VILLAGE).select_related("parent").order_by("code")


class ServiceForm(VersionedForm):
    organisation = forms.ModelChoiceField(label=_("社会组织"), queryset=Organisation.objects.none())
    title = forms.CharField(label=_("活动名称"), max_length=200)
    area = AreaPickerField(label=_("服务地点"), levels=(Level.COUNTY, Level.TOWNSHIP))
    date = _date(_("日期"))
    hours = forms.DecimalField(label=_("服务时长（小时）"), min_value=0, max_digits=10,
                               decimal_places=1)
    people_served = forms.IntegerField(label=_("服务人数"), min_value=0, required=False)
    volunteers = forms.ModelMultipleChoiceField(label=_("参加志愿者"),
                                                queryset=Volunteer.objects.none(), required=False)
    description = forms.CharField(label=_("内容"), max_length=500, required=False)

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["organisation"].queryset = _orgs(user, OrgRole.SOCIAL_ORG)
        self.fields["area"].bind(user)
        self.fields["volunteers"].queryset = Volunteer.objects.visible_to(user).order_by("name")



class DonationImportForm(TableUploadForm):
    file = TableFileField(label=_("社会捐赠台账（.xlsx、.xls 或 .csv）"))
    strict = forms.BooleanField(label=_("有任何错误行则全部不保存"), required=False)


class PairingImportForm(TableUploadForm):
    """The page 导入结对或帮扶活动: which records the file holds, the file, --strict."""

    kind = forms.ChoiceField(label=_("导入内容"), choices=[
        ("towns", _("镇村结对")), ("enterprises", _("村企结对")),
        ("activities", _("结对帮扶活动"))])
    file = TableFileField(label=_("文件（.xlsx、.xls 或 .csv）"))
    strict = forms.BooleanField(label=_("有任何错误行则全部不保存"), required=False)
