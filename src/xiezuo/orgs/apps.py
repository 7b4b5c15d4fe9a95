from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "xiezuo.orgs"
    verbose_name = _("企业与组织")
