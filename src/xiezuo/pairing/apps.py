from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PairingConfig(AppConfig):
    name = "xiezuo.pairing"
    verbose_name = _("社会参与")
