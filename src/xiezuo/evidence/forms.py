from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.evidence import filetypes
from xiezuo.evidence.choices import Kind

ACCEPT = ",".join(s for t in filetypes.TYPES if t is not filetypes.TEXT for s in t.suffixes)


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类别"), choices=Kind.choices)
    title = forms.CharField(label=_("标题"), max_length=200, required=False,
                            help_text=_("留空则用文件名"))
    file = forms.FileField(label=_("文件"), widget=forms.ClearableFileInput(
        attrs={"accept": ACCEPT}))
    next = forms.CharField(widget=forms.HiddenInput, required=False)


class RemoveForm(forms.Form):
    reason = forms.CharField(label=_("移除原因"), max_length=300)
    next = forms.CharField(widget=forms.HiddenInput, required=False)
