from django.apps import AppConfig


class TabularConfig(AppConfig):
    """The import frame below the parts: no models, only its messages' catalogues."""

    name = "xiezuo.tabular"
    label = "tabular"
    verbose_name = "导入框架"
