"""The figure formats of core.numbers as template filters (built in: settings.TEMPLATES)."""

from django import template

from xiezuo.core import numbers

register = template.Library()

register.filter("yuan", numbers.yuan)
register.filter("wan_yuan", numbers.wan_yuan)
register.filter("pct", numbers.percent)
register.filter("count", numbers.count)
