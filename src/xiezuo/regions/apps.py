from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegionsConfig(AppConfig):
    name = "xiezuo.regions"
    verbose_name = _("区域")
    # The area pages are at /areas/ (the word users see), not at the app's label.
    url_prefix = "areas"
