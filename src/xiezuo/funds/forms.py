from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from xiezuo.funds.choices import Category, EntryKind, ProjectStatus, Source
from xiezuo.regions.choices import Level
from xiezuo.regions.models import Area
from xiezuo.regions.picker import AreaPickerField, VillagesWidget
from xiezuo.tabular.upload import TableFileField, TableUploadForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DisbursementForm(forms.Form):
    # Text, not a number field: the service parses and names what is wrong with the amount.
    amount = forms.CharField(label=_("金额（元）"), max_length=30,
                             widget=forms.TextInput(attrs={"inputmode": "decimal"}))
    date = forms.DateField(label=_("支付日期"), widget=DATE)
    payee = forms.CharField(label=_("收款单位或个人"), max_length=200)
    voucher_no = forms.CharField(label=_("凭证号"), max_length=60, required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
    #: shown (as a checkbox) only after the page warned that the voucher number is taken
    voucher_confirmed = forms.BooleanField(label=_("凭证号已用过，核对无误，仍然记账"),
                                           required=False, widget=forms.HiddenInput)

    def ask_voucher_confirmation(self, warning: str) -> None:
        """The voucher number is taken: say so over the form and show the checkbox."""
        self.add_error("voucher_no", warning)
        self.fields["voucher_confirmed"].widget = forms.CheckboxInput()


class ReverseForm(forms.Form):
    reason = forms.CharField(label=_("冲销原因"), max_length=300)


class AllocationForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    source = forms.ChoiceField(label=_("资金来源"), choices=Source.choices)
    amount = forms.CharField(label=_("金额（元）"), max_length=30)
    date = forms.DateField(label=_("到账日期"), widget=DATE)
    document_no = forms.CharField(label=_("文件编号"), max_length=100, required=False)
    donor = forms.CharField(label=_("捐赠或拨付单位"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)


class ProjectForm(forms.Form):
    code = forms.CharField(label=_("项目编号"), max_length=40)
    name = forms.CharField(label=_("项目名称"), max_length=200)
    category = forms.ChoiceField(label=_("项目类别"), choices=Category.choices)
    year = forms.IntegerField(label=_("资金年度"), min_value=2000, max_value=2100)
    villages = forms.ModelMultipleChoiceField(label=_("实施村"), queryset=Area.objects.none(),
                                              widget=VillagesWidget,
                                              help_text=_("点开乡镇，勾选其中的村"))
    budget = forms.CharField(label=_("预算（元）"), max_length=30)
    approval_doc = forms.CharField(label=_("批复文件"), max_length=100, required=False)
    start_date = forms.DateField(label=_("开工日期"), widget=DATE, required=False)
    planned_end = forms.DateField(label=_("计划完工日期"), widget=DATE, required=False)
    actual_end = forms.DateField(label=_("实际完工日期"), widget=DATE, required=False)
    status = forms.ChoiceField(label=_("状态"), choices=ProjectStatus.choices)
    plaque = forms.CharField(label=_("冠名"), max_length=100, required=False)
    note = forms.CharField(label=_("说明"), max_length=300, required=False)
    #: the version the edit form was read at; a save after someone else's is refused
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args, user, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["villages"].queryset = (Area.objects.visible_to(user)
                                            .filter(level=Level.VILLAGE, side="west")
                                            .select_related("parent").order_by("code"))
        self.fields["villages"].label_from_instance = lambda a: f"{a.parent.name} {a.name}"
        if editing:
            # The number and the funding year are what the ledger entries are booked under.
            for name in ("code", "year"):
                self.fields[name].disabled = True
            self.fields["version"].required = True


YEAR_MIN, YEAR_MAX = 2000, 2100  # a year outside is a form error, never a query
PK_MAX = 2**31 - 1  # the largest key either database stores: a longer number is an error


class ProjectFilterForm(forms.Form):
    year = forms.IntegerField(label=_("资金年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    category = forms.ChoiceField(label=_("项目类别"), required=False,
                                 choices=[("", _("全部"))] + list(Category.choices))
    status = forms.ChoiceField(label=_("状态"), required=False,
                               choices=[("", _("全部"))] + list(ProjectStatus.choices))
    township = AreaPickerField(label=_("乡镇或村"), required=False, to_code=True,
                               levels=(Level.TOWNSHIP, Level.VILLAGE))
    q = forms.CharField(label=_("编号或名称"), required=False, max_length=100)
    late = forms.BooleanField(label=_("只看逾期未完工"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["township"].bind(user)


class AllocationFilterForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    source = forms.ChoiceField(label=_("资金来源"), required=False,
                               choices=[("", _("全部"))] + list(Source.choices))


class LedgerFilterForm(forms.Form):
    kind = forms.ChoiceField(label=_("类型"), required=False,
                             choices=[("", _("全部"))] + list(EntryKind.choices))
    year = forms.IntegerField(label=_("资金年度"), required=False, min_value=YEAR_MIN,
                              max_value=YEAR_MAX)
    project = forms.IntegerField(label=_("项目"), required=False, min_value=1, max_value=PK_MAX)


class ImportForm(TableUploadForm):
    KIND_CHOICES = [("projects", pgettext_lazy("plural", "项目")), ("disbursements", _("资金支出"))]
    kind = forms.ChoiceField(label=_("导入内容"), choices=KIND_CHOICES)
    file = TableFileField(label=_("Excel 或 CSV 文件"))
    strict = forms.BooleanField(label=_("严格模式（有任何错误则全部不保存）"), required=False)

    field_order = ["kind", "file", "strict"]
