"""Forms of the registry pages: search, the household edit form, roster upload and export.

The search filters live here because the page and the API filter the same way
(`search_households`, `search_persons`); every query starts from `visible_to(user)`.
"""

import datetime

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from xiezuo.regions.choices import Level, Side
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField
from xiezuo.registry import crypto, idnumber
from xiezuo.registry.choices import (
    EXITED_STATUSES,
    MAX_OTHER_CAUSES,
    Cause,
    Education,
    ExitStatus,
    Health,
    LabourCapacity,
    PovertyAttribute,
    Relation,
    RemovalReason,
)
from xiezuo.registry.filters import EXITED, HouseholdFilters, PersonFilters
from xiezuo.registry.models import Household, Person
from xiezuo.registry.selectors import household_list, person_list
from xiezuo.registry.services import HOUSEHOLD_EDITABLE, PERSON_EDITABLE
from xiezuo.tabular.upload import TableFileField, TableUploadForm

FIRST_EXIT_YEAR = 2014  # the registry (建档立卡) began in 2014


# --- search ------------------------------------------------------------------------------------

def id_hash_of(raw: str) -> str:
    """The lookup hash of a typed ID number (normalised and widened first); IdNumberError if wrong.

    Only the hash leaves this function: a full number is never used in a query.
    """
    return crypto.id_hash(idnumber.parse(raw).number)


def visible_townships(user) -> QuerySet[Area]:
    return Area.objects.visible_to(user).filter(level=Level.TOWNSHIP, side=Side.WEST).order_by(
        "code")


def visible_villages(user, township_code: str = "") -> QuerySet[Area]:
    qs = Area.objects.visible_to(user).filter(level=Level.VILLAGE, side=Side.WEST)
    if township_code:
        qs = qs.filter(parent__code=township_code)
    return qs.select_related("parent").order_by("code")


def search_households(user, *, name: str = "", id_hash: str = "", township: str = "",
                      village: str = "", exit_status: str = "", exit_year: int | None = None,
                      ) -> QuerySet[Household]:
    """The households `user` may see that match every given filter (selectors.household_list)."""
    return household_list(user=user, filters=HouseholdFilters(
        name=name, idh=id_hash, township=township, village=village, exit_status=exit_status,
        exit_year=exit_year))


def search_persons(user, *, name: str = "", id_hash: str = "") -> QuerySet[Person]:
    return person_list(user=user, filters=PersonFilters(name=name, idh=id_hash))


class SearchForm(forms.Form):
    """The search filters. A typed ID number never goes into a URL: the page posts the form and
    redirects to the results with only the number's keyed hash (`idh`) in the query string.

    The area is the cascaded picker (county → township → village, regions.picker): a city
    user's form lists its counties, a township's villages only once the township is chosen, so
    the page never holds every village of the scope (thousands for a city). The results' query
    string names the area by level (`county=`, `township=` or `village=`, the list filters'
    keys), and a link with one of those keys (the dashboards', the incidence page's) fills the
    picker."""

    name = forms.CharField(label=_("姓名"), required=False, max_length=64)
    id_number = forms.CharField(label=_("证件号码（完整 18 位）"), required=False, max_length=24,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    idh = forms.RegexField(regex=r"^[0-9a-f]{64}$", required=False, widget=forms.HiddenInput)
    area = AreaPickerField(label=_("地区"), required=False, side=Side.WEST,
                           levels=(Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE))
    exit_status = forms.ChoiceField(label=_("脱贫属性"), required=False, choices=[
        ("", _("全部")), (EXITED, _("已脱贫（两类合计）"))] + list(ExitStatus.choices))
    exit_year = forms.IntegerField(label=_("脱贫年度"), required=False,
                                   min_value=FIRST_EXIT_YEAR, max_value=2100)
    incomplete = forms.BooleanField(label=_("只看信息不全的户"), required=False,
                                    help_text=_("缺贫困户属性、主要致贫原因、人均纯收入或首次识别时间，"
                                                "或人数与登记成员不符"))

    def __init__(self, data=None, *args, user, **kwargs):
        super().__init__(area_from_link(data), *args, **kwargs)
        self.fields["area"].bind(user)
        self.user = user

    def clean(self):
        d = super().clean()
        d["name"] = (d.get("name") or "").strip()
        raw = d.get("id_number", "")
        if raw:
            try:
                d["idh"] = id_hash_of(raw)
            except idnumber.IdNumberError as e:
                self.add_error("id_number", _("证件号码有误：%(r)s") % {"r": e.reason})
            d["id_number"] = ""
        area = d.get("area")
        for level in AREA_KEYS:
            d[level] = area.code if area is not None and area.level == level else ""
        return d

    @property
    def by_id(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("idh"))

    def query(self) -> dict[str, str]:
        """The filters as a query string may carry them (never the ID number itself)."""
        d = self.cleaned_data
        keys = ("name", "idh", *AREA_KEYS, "exit_status", "exit_year", "incomplete")
        return {k: str(d[k]) for k in keys if d.get(k) not in (None, "")}

    def filters(self) -> HouseholdFilters:
        """The list's filter object (the defaults when the form is not valid)."""
        return HouseholdFilters.from_form(self)


#: the list filters' area keys, top first: a link names its area by one of them
AREA_KEYS = (Level.COUNTY, Level.TOWNSHIP, Level.VILLAGE)


def area_from_link(data):
    """Submitted filters with the picker's value taken from a link's plain `county=`,
    `township=` or `village=` (the deepest given) when the picker itself was not submitted."""
    if data is None or any(k == "area" or k.startswith("area_") for k in data):
        return data
    deepest = next((data.get(k) for k in reversed(AREA_KEYS) if data.get(k)), "")
    if not deepest:
        return data
    data = data.copy()
    data["area"] = deepest
    return data


class PersonSearchForm(SearchForm):
    """The persons list's filters: the households' (a member's name or ID number, the
    household's area and exit)."""

    remaining = forms.IntegerField(required=False, min_value=FIRST_EXIT_YEAR, max_value=2100,
                                   widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["incomplete"]  # a household's data, on the household list only

    def filters(self) -> PersonFilters:
        return PersonFilters.from_form(self)


def village_choices(user, township: str = "") -> list:
    """Villages grouped by township, so the list stays readable when no township is chosen."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for v in visible_villages(user, township):
        groups.setdefault(v.parent.name, []).append((v.code, v.name))
    return [("", _("全部"))] + list(groups.items())


# --- editing -----------------------------------------------------------------------------------

class HouseholdEditForm(forms.ModelForm):
    """The household's editable fields and the version the form was read at."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    other_causes = forms.MultipleChoiceField(
        label=_("其他致贫原因"), required=False, choices=Cause.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("最多选 %(n)d 项，不含主要致贫原因") % {"n": MAX_OTHER_CAUSES})

    class Meta:
        model = Household
        fields = [f for f in HOUSEHOLD_EDITABLE if f != "other_causes"]
        widgets = {"first_identified": forms.DateInput(attrs={"type": "date"},
                                                       format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
            self.initial["other_causes"] = self.instance.other_causes_list
        self.fields["exit_year"].widget.attrs.update(min=FIRST_EXIT_YEAR)
        self.fields["size"].widget.attrs.update(min=1, max=99)
        self.fields["income_per_capita"].widget.attrs.update(min=0, step="0.01")
        self.fields["phone"].widget.attrs.update(inputmode="tel", autocomplete="off")

    def clean_other_causes(self) -> str:
        causes = self.cleaned_data["other_causes"]
        if len(causes) > MAX_OTHER_CAUSES:
            raise forms.ValidationError(_("其他致贫原因最多 %(n)d 项") % {"n": MAX_OTHER_CAUSES})
        return "、".join(causes)

    def clean_size(self):
        size = self.cleaned_data["size"]
        if size is not None and not 1 <= size <= 99:
            raise forms.ValidationError(_("人数应在 1 到 99 之间"))
        return size

    def clean_income_per_capita(self):
        income = self.cleaned_data["income_per_capita"]
        if income is not None and income < 0:
            raise forms.ValidationError(_("人均纯收入不能为负数"))
        return income

    def clean_phone(self) -> str:
        phone = idnumber.normalise(self.cleaned_data["phone"])  # full-width digits, spaces
        if phone and not all(ch.isdigit() or ch in "+-" for ch in phone):
            raise forms.ValidationError(_("联系电话只能含数字、“+”和“-”"))
        return phone

    def clean_first_identified(self):
        d = self.cleaned_data["first_identified"]
        if d is not None and d > timezone.localdate():
            raise forms.ValidationError(_("首次识别时间不能晚于今天"))
        return d

    def clean(self):
        d = super().clean()
        status, year = d.get("exit_status"), d.get("exit_year")
        this_year = timezone.localdate().year
        if year is not None and not FIRST_EXIT_YEAR <= year <= this_year:
            self.add_error("exit_year", _("脱贫年度应在 %(a)d 到 %(b)d 之间")
                           % {"a": FIRST_EXIT_YEAR, "b": this_year})
        if status in EXITED_STATUSES and year is None:
            self.add_error("exit_year", _("已脱贫的户须填写脱贫年度"))
        if status == ExitStatus.NOT_EXITED and year is not None:
            self.add_error("exit_year", _("未脱贫的户不能有脱贫年度"))
        main, others = d.get("main_cause"), d.get("other_causes") or ""
        if main and main in others.split("、"):
            self.add_error("other_causes", _("其他致贫原因不能与主要致贫原因相同"))
        return d

    def changes(self) -> dict:
        """The fields the user changed, as the service takes them."""
        return {f: self.cleaned_data[f] for f in HOUSEHOLD_EDITABLE if f in self.changed_data}


class PersonEditForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    class Meta:
        model = Person
        fields = list(PERSON_EDITABLE)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["version"] = self.instance.version
        self.fields["months_worked"].widget.attrs.update(min=0, max=12)

    def clean_months_worked(self):
        m = self.cleaned_data["months_worked"]
        if m is not None and not 0 <= m <= 12:
            raise forms.ValidationError(_("务工时间应在 0 到 12 个月之间"))
        return m

    def changes(self) -> dict:
        return {f: self.cleaned_data[f] for f in PERSON_EDITABLE if f in self.changed_data}


class BaseMemberFormSet(forms.BaseModelFormSet):
    def clean(self):
        super().clean()
        # Only the household's own members: a posted id of anyone else (or an added form)
        # arrives as a new, unsaved instance, and the form is refused.
        members = {p.pk for p in self.get_queryset()}
        if any(f.instance.pk not in members for f in self.forms):
            raise forms.ValidationError(_("成员记录与本户不符，请重新打开此页"))
        if any(f.errors for f in self.forms):
            return
        heads = sum(1 for f in self.forms if f.cleaned_data.get("relation") == Relation.HEAD)
        if heads != 1:
            raise forms.ValidationError(
                _("每户须恰有 1 个户主，此处有 %(n)d 个") % {"n": heads})


MemberFormSet = forms.modelformset_factory(Person, form=PersonEditForm, formset=BaseMemberFormSet,
                                           extra=0, can_delete=False)


# --- members by hand ----------------------------------------------------------------------------

class MemberForm(forms.Form):
    """A new member: name, ID number (sex and birth date are read from it), relation, and the
    roster's other person columns, all optional."""

    name = forms.CharField(label=_("姓名"), max_length=64)
    id_number = forms.CharField(label=_("证件号码（18 位）"), max_length=24,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    relation = forms.ChoiceField(label=_("与户主关系"), choices=Relation.choices)
    ethnicity = forms.CharField(label=_("民族"), max_length=16, required=False)
    education = forms.ChoiceField(label=_("文化程度"), required=False,
                                  choices=[("", "—")] + list(Education.choices))
    health = forms.ChoiceField(label=_("健康状况"), required=False,
                               choices=[("", "—")] + list(Health.choices))
    labour_capacity = forms.ChoiceField(label=_("劳动技能"), required=False,
                                        choices=[("", "—")] + list(LabourCapacity.choices))

    def clean_id_number(self) -> str:
        raw = self.cleaned_data["id_number"]
        error = idnumber.validation_error(raw)
        if error:
            raise forms.ValidationError(_("证件号码有误：%(r)s") % {"r": error})
        return raw

    def member(self):
        from xiezuo.registry.services import NewMember

        d = self.cleaned_data
        return NewMember(name=d["name"].strip(), id_number=d["id_number"], relation=d["relation"],
                         fields={k: d[k] for k in ("ethnicity", "education", "health",
                                                   "labour_capacity") if d.get(k)})


class HouseholdCreateForm(MemberForm):
    """A household registered by hand: its village and number, then its head."""

    township = forms.ChoiceField(label=_("乡(镇)"))
    village = forms.ChoiceField(label=_("行政村"))
    number = forms.CharField(label=_("户编号"), max_length=40,
                             help_text=_("全国扶贫开发信息系统中的户编号，本县内不能重复"))
    poverty_attribute = forms.ChoiceField(label=_("贫困户属性"), required=False,
                                          choices=[("", "—")] + list(PovertyAttribute.choices))
    main_cause = forms.ChoiceField(label=_("主要致贫原因"), required=False,
                                   choices=[("", "—")] + list(Cause.choices))
    first_identified = forms.DateField(label=_("首次识别时间"), required=False,
                                       widget=forms.DateInput(attrs={"type": "date"}))

    field_order = ["township", "village", "number", "poverty_attribute", "main_cause",
                   "first_identified", "name", "id_number"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        townships = list(visible_townships(user))
        self.fields["township"].choices = [("", "—")] + [(a.code, a.name) for a in townships]
        if len(townships) == 1:  # a township clerk: the one township, chosen already
            self.initial.setdefault("township", townships[0].code)
        township = (self.data.get("township", "") if self.is_bound
                    else self.initial.get("township", ""))
        self.fields["village"].choices = village_choices(user, township)
        self.fields["relation"].choices = [(Relation.HEAD, Relation.HEAD.label)]
        self.fields["relation"].initial = Relation.HEAD
        self.user = user

    def clean_village(self) -> Area:
        code = self.cleaned_data["village"]
        village = visible_villages(self.user).filter(code=code).first()
        if village is None:
            raise forms.ValidationError(_("请选择行政村"))
        return village

    def household_fields(self) -> dict:
        d = self.cleaned_data
        return {k: d[k] for k in ("poverty_attribute", "main_cause", "first_identified")
                if d.get(k)}


class MemberRemoveForm(forms.Form):
    reason = forms.ChoiceField(label=_("减少原因"), choices=RemovalReason.choices)
    note = forms.CharField(label=_("说明"), max_length=150, required=False)
    date = forms.DateField(label=_("日期"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}))


class IdCorrectForm(forms.Form):
    id_number = forms.CharField(label=_("正确的证件号码（18 位）"), max_length=24,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    reason = forms.CharField(label=_("更正原因"), max_length=150,
                             help_text=_("例如：登记时录错，已核对户口簿"))

    def clean_id_number(self) -> str:
        raw = self.cleaned_data["id_number"]
        error = idnumber.validation_error(raw)
        if error:
            raise forms.ValidationError(_("证件号码有误：%(r)s") % {"r": error})
        return raw


# --- import and export -------------------------------------------------------------------------

class RosterUploadForm(TableUploadForm):
    file = TableFileField(
        label=_("花名册文件"), help_text=_("Excel（.xlsx、.xls）或 CSV（UTF-8 或 GB18030）"))
    strict = forms.BooleanField(label=_("严格模式（有任何一行被拒绝则全部不保存）"),
                                required=False)
    allow_moves = forms.BooleanField(
        label=_("允许迁户（证件号码已在其他户登记的人员移入本文件中的户）"), required=False)


class ExportForm(forms.Form):
    county = forms.ChoiceField(label=_("县"), required=False)
    township = forms.ChoiceField(label=_("乡(镇)"), required=False)
    format = forms.ChoiceField(label=_("文件格式"), choices=[("xlsx", "Excel (.xlsx)"),
                                                          ("csv", "CSV (.csv)")])

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        counties = Area.objects.visible_to(user).filter(level=Level.COUNTY, side=Side.WEST)
        if counties.exists():
            self.fields["county"].choices = [("", _("全部（您负责的区域）"))] + [
                (a.code, a.name) for a in counties.order_by("code")]
        else:  # a township clerk: the township list below is the whole choice
            del self.fields["county"]
        self.fields["township"].choices = [("", _("全部（您负责的区域）"))] + [
            (a.code, a.name) for a in visible_townships(user)]

    def clean(self):
        d = super().clean()
        county, township = d.get("county"), d.get("township")
        if county and township and not township.startswith(county[:6]):
            self.add_error("township", _("该乡(镇)不属于所选的县"))
        return d


def export_file_name(township_name: str, fmt: str, today: datetime.date) -> str:
    stem = f"建档立卡花名册-{township_name}" if township_name else "建档立卡花名册"
    return f"{stem}-{today:%Y%m%d}.{fmt}"
