"""Dates, amounts and lists the way a Norwegian letter writes them.

nb/nn: "15. januar 2025", "12 345 kr" (a no-break space between thousands and before kr).
en:    "15 January 2025", "NOK 12,345", "NOK −3,500".
Month names come from Django's own translations (django.utils.dates.MONTHS).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils import translation
from django.utils.dates import MONTHS

NBSP = "\u00a0"
MINUS = "\u2212"


def format_date(day: date, language: str) -> str:
    with translation.override(language):
        month = str(MONTHS[day.month])
    if language == "en":
        return f"{day.day} {month} {day.year}"
    return f"{day.day}. {month} {day.year}"


def format_amount(amount: int, language: str, *, signed: bool = False) -> str:
    """Whole kroner; `signed` prints a plus sign on positive amounts too."""
    sign = MINUS if amount < 0 else ("+" if signed and amount > 0 else "")
    digits = f"{abs(amount):,}"
    if language == "en":
        return f"NOK{NBSP}{sign}{digits}"
    return f"{sign}{digits.replace(',', NBSP)}{NBSP}kr"


def join_words(items: Sequence[str], language: str) -> str:
    """ "A, B og C" (nb/nn) or "A, B and C" (en)."""
    if len(items) <= 1:
        return "".join(items)
    last = {"en": "and"}.get(language, "og")
    return f"{', '.join(items[:-1])} {last} {items[-1]}"
