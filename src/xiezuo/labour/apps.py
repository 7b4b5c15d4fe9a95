from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LabourConfig(AppConfig):
    name = "xiezuo.labour"
    verbose_name = _("劳务协作")
