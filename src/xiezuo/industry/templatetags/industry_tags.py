"""Money as the industry pages show it: 1234567.5 -> "1,234,567.50"."""

from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def yuan(value) -> str:
    return "" if value is None or value == "" else f"{Decimal(value):,.2f}"
