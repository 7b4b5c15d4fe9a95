from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "xiezuo.core"
    verbose_name = _("系统")

    def ready(self):
        from xiezuo.core import checks  # noqa: F401  (registers the deployment checks)
