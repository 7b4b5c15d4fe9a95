from decimal import Decimal

from django import template

from xiezuo.funds.money import yuan as _yuan

register = template.Library()


@register.filter
def yuan(value) -> str:
    return "" if value is None else _yuan(value)


@register.filter
def percent(value) -> str:
    """A share 0..1 as "42.5%"."""
    if value is None:
        return ""
    return f"{Decimal(value) * 100:.1f}%"
