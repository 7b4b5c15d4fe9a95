from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def num(value) -> str:
    """A plan number as people write it: thousands separated, decimals only when there are any."""
    if value is None or value == "":
        return "—"
    v = Decimal(value)
    return f"{v:,.0f}" if v == v.to_integral_value() else f"{v:,.2f}"
