from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.accounts.choices import AuditAction


class AuditFilterForm(forms.Form):
    actor = forms.CharField(label=_("操作人"), required=False)
    action = forms.ChoiceField(label=_("操作"), required=False,
                               choices=[("", _("全部"))] + list(AuditAction.choices))
    object_type = forms.CharField(label=_("对象类型"), required=False)
    date_from = forms.DateField(label=_("起始日期"), required=False,
                                widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label=_("截止日期"), required=False,
                              widget=forms.DateInput(attrs={"type": "date"}))
    text = forms.CharField(label=_("对象包含"), required=False)
