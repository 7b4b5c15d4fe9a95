from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MechanismsConfig(AppConfig):
    name = "xiezuo.mechanisms"
    verbose_name = _("保障机制")
