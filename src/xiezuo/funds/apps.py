from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "xiezuo.funds"
    verbose_name = _("资金支持")
