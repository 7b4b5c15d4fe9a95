from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FundsConfig(AppConfig):
    name = "xiezuo.funds"
    verbose_name = _("资金支持")

    def ready(self) -> None:
        from xiezuo.funds import triggers

        # Also after `flush` (which emits post_migrate): tests and a rebuilt demo keep the guard.
        post_migrate.connect(triggers.ensure, sender=self, dispatch_uid="funds_ledger_triggers")
