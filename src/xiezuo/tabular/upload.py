"""The one upload form of every import page: the file, refused at once when its suffix, size or
content is wrong (`xiezuo.tabular.guard.check_upload`). Pages add their own options."""

from django import forms
from django.utils.translation import gettext_lazy as _

from xiezuo.tabular import guard
from xiezuo.tabular.errors import FileRefused

UPLOAD_SUFFIXES = (".xlsx", ".xls", ".csv")


class TableFileField(forms.FileField):
    """An .xlsx, .xls or .csv file no larger than the import limit, of the type it claims."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("文件（.xlsx、.xls 或 .csv）"))
        kwargs.setdefault("widget", forms.ClearableFileInput(
            attrs={"accept": ",".join(UPLOAD_SUFFIXES)}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        f = super().clean(data, initial)
        if f:
            try:
                guard.check_upload(f, suffixes=UPLOAD_SUFFIXES)
            except FileRefused as e:
                raise forms.ValidationError(str(e)) from e
        return f


class TableUploadForm(forms.Form):
    """The base of every import page's form: `file`, checked. Subclasses may give the field
    another label (`file = TableFileField(label=…)`) and add their options."""

    file = TableFileField()
