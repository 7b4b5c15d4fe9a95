"""The register's forms: the list's filters and the organisation's record (the edit form carries
its version). Area choices are the sides of the user's partnerships, never beyond."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.orgs import creditcode
from xiezuo.orgs.access import EDITS_ORGS, partnership_prefixes
from xiezuo.orgs.choices import OrgKind, OrgRole, Sector, Side
from xiezuo.orgs.filters import OrganisationFilters
from xiezuo.orgs.models import Organisation
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.scoping import prefix_q


def partnership_areas(user, capability=None, levels=(Level.CITY, Level.COUNTY, Level.TOWNSHIP,
                                                      Level.VILLAGE)):
    qs = Area.objects.filter(level__in=levels)
    prefixes = partnership_prefixes(user, capability) if capability else \
        partnership_prefixes(user)
    if prefixes is not None:
        qs = qs.filter(prefix_q("code", prefixes))
    return qs.order_by("code")


class AreaChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.code} {obj.name}"


ALL = _("全部")


def _blank(choices):
    return [("", ALL), *choices]


class OrganisationFilterForm(forms.Form):
    q = forms.CharField(label=_("名称或统一社会信用代码"), max_length=200, required=False)
    role = forms.ChoiceField(label=_("角色"), choices=_blank(OrgRole.choices), required=False)
    kind = forms.ChoiceField(label=_("类型"), choices=_blank(OrgKind.choices), required=False)
    side = forms.ChoiceField(label=_("协作方"), choices=_blank(Side.choices), required=False)
    area = AreaChoiceField(label=_("地区"), queryset=Area.objects.none(), required=False,
                           empty_label=_("全部"))

    def __init__(self, *args, user, **kw):
        super().__init__(*args, **kw)
        self.fields["area"].queryset = partnership_areas(
            user, levels=(Level.CITY, Level.COUNTY, Level.TOWNSHIP))

    def filters(self) -> OrganisationFilters:
        return OrganisationFilters.from_form(self)


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    credit_code = forms.CharField(
        label=_("统一社会信用代码"), max_length=24, required=False,
        help_text=_("18 位；企业和农民专业合作社必填，个人和没有代码的机构可不填"))
    kind = forms.ChoiceField(label=_("类型"), choices=OrgKind.choices)
    roles = forms.MultipleChoiceField(label=_("角色"), choices=OrgRole.choices, required=False,
                                      widget=forms.CheckboxSelectMultiple)
    area = AreaChoiceField(label=_("所在地区"), queryset=Area.objects.none())
    sector = forms.ChoiceField(label=_("行业"), choices=Sector.choices, initial=Sector.OTHER)
    contact_name = forms.CharField(label=_("联系人"), max_length=64, required=False)
    contact_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    note = forms.CharField(label=_("备注"), max_length=500, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, organisation: Organisation | None = None, **kw):
        super().__init__(*args, **kw)
        self.organisation = organisation
        self.fields["area"].queryset = partnership_areas(user, EDITS_ORGS)

    def clean_credit_code(self):
        raw = self.cleaned_data["credit_code"]
        if not creditcode.normalise(raw):
            return ""
        try:
            return creditcode.validate_credit_code(raw)
        except creditcode.CreditCodeError as err:
            raise forms.ValidationError(str(err)) from err


class OrganisationEditForm(OrganisationForm):
    """The whole record with the version read: a form saved by someone else meanwhile is
    refused (StaleEditError), nothing written."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    @staticmethod
    def initial_for(o: Organisation) -> dict:
        return {"version": o.version, "name": o.name, "credit_code": o.credit_code,
                "kind": o.kind, "roles": o.role_list, "area": o.area_id, "sector": o.sector,
                "contact_name": o.contact_name, "contact_phone": o.contact_phone,
                "address": o.address, "note": o.note}
