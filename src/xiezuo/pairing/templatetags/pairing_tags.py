from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    """Money as clerks write it: thousands grouped, 2 places (5,756,000.00)."""
    return "" if value is None or value == "" else f"{Decimal(value):,.2f}"
