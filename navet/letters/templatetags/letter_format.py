"""Filters for letter templates: dates and amounts in the active language."""

from __future__ import annotations

from datetime import date

from django import template
from django.utils import translation

from navet import formats

register = template.Library()


def _language() -> str:
    return translation.get_language() or "nb"


@register.filter
def letter_date(day: date) -> str:
    return formats.format_date(day, _language())


@register.filter
def kroner(amount: int) -> str:
    return formats.format_amount(amount, _language())
