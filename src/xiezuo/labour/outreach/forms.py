"""Forms of the outreach pages; choices of villages and households limited to the user's scope."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.labour.forms import DateInput
from xiezuo.labour.outreach.choices import CampaignKind, Channel, ReachResult
from xiezuo.labour.outreach.models import Campaign
from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField

YEAR_MIN, YEAR_MAX = 2000, 2100
YES_NO = [("", _("全部")), ("yes", _("已覆盖")), ("no", _("未覆盖"))]


def _townships(user):
    return Area.objects.visible_to(user).filter(level=Level.TOWNSHIP, side=Side.WEST).order_by(
        "code")


class AreaChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class CampaignFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    kind = forms.ChoiceField(label=_("类别"), required=False,
                             choices=[("", _("全部")), *CampaignKind.choices])
    q = forms.CharField(label=_("标题"), required=False, max_length=100)


class CoverageFilterForm(forms.Form):
    campaign = forms.ModelChoiceField(label=_("宣传活动"), queryset=Campaign.objects.none(),
                                      required=False, empty_label=_("全部活动"))
    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    reached = forms.ChoiceField(label=_("覆盖情况"), required=False, choices=YES_NO)
    township = AreaChoice(label=_("乡镇"), queryset=Area.objects.none(), required=False,
                          empty_label=_("全部"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["campaign"].queryset = Campaign.objects.visible_to(user)
        self.fields["township"].queryset = _townships(user)


class HouseholdCoverageFilterForm(CoverageFilterForm):
    phone = forms.ChoiceField(label=_("手机号"), required=False, choices=[
        ("", _("全部")), ("yes", _("已登记")), ("no", _("未登记"))])


class CampaignForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(label=_("标题"), max_length=200)
    kind = forms.ChoiceField(label=_("类别"), choices=CampaignKind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=YEAR_MIN, max_value=YEAR_MAX)
    started_on = forms.DateField(label=_("开始日期"), widget=DateInput())
    channels = forms.MultipleChoiceField(label=_("宣传渠道"), choices=Channel.choices,
                                         widget=forms.CheckboxSelectMultiple, required=False)
    content = forms.CharField(label=_("内容"), widget=forms.Textarea(attrs={"rows": 5}),
                              required=False)
    sms_text = forms.CharField(label=_("短信内容"), max_length=500, required=False,
                               widget=forms.Textarea(attrs={"rows": 3}),
                               help_text=_("发送给各户的短信；建议以【临洮县扶贫办】等签名开头"))

    def __init__(self, *args, user=None, **kw):
        super().__init__(*args, **kw)
        if not self.initial.get("year"):
            self.initial.setdefault("year", timezone.localdate().year)


class DeliveryForm(forms.Form):
    # township, then its villages (regions.picker), instead of one select of every village
    village = AreaPickerField(label=_("行政村"), levels=(Level.TOWNSHIP, Level.VILLAGE),
                              accept=(Level.VILLAGE,))
    date = forms.DateField(label=_("宣传日期"), widget=DateInput())
    channel = forms.ChoiceField(label=_("渠道"), choices=Channel.choices)
    deliverer = forms.CharField(label=_("宣传人"), max_length=64)
    deliverer_post = forms.CharField(label=_("宣传人职务"), max_length=64, required=False)
    note = forms.CharField(label=_("备注"), max_length=300, required=False)

    def __init__(self, *args, user, campaign, **kw):
        super().__init__(*args, **kw)
        self.fields["village"].bind(user)
        self.campaign = campaign

    def clean_village(self):
        village = self.cleaned_data["village"]
        if village is not None and not village.code.startswith(self.campaign.county.prefix):
            raise forms.ValidationError(_("请选择本次宣传活动所在县的行政村"))
        return village


class VisitForm(forms.Form):
    date = forms.DateField(label=_("日期"), widget=DateInput())
    result = forms.ChoiceField(label=_("结果"), choices=[
        (ReachResult.REACHED, ReachResult.REACHED.label),
        (ReachResult.NOT_HOME, ReachResult.NOT_HOME.label)])
    note = forms.CharField(label=_("备注"), max_length=300, required=False)


class ContactForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    phone = forms.CharField(label=_("手机号"), max_length=20,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "off"}))


class SmsSendForm(forms.Form):
    township = AreaChoice(label=_("只发给乡镇"), queryset=Area.objects.none(), required=False,
                          empty_label=_("全部乡镇"))
    content = forms.CharField(label=_("短信内容"), max_length=500, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}),
                              help_text=_("留空则用活动登记的短信内容"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["township"].queryset = _townships(user)
