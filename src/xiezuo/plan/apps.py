from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanConfig(AppConfig):
    name = "xiezuo.plan"
    verbose_name = _("规划目标与考核")
