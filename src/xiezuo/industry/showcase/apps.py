from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ShowcaseConfig(AppConfig):
    """The public product showcase (定西好货·临洮馆): the industry part's only public pages,
    an app of their own so that they are mounted at /showcase/."""

    name = "xiezuo.industry.showcase"
    label = "showcase"
    url_prefix = "showcase"
    verbose_name = _("定西好货·临洮馆")
