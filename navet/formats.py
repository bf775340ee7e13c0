"""Amounts, dates and lists the way Navet writes them in nb, nn and en, from Babel (CLDR).

The one money formatter and the one date formatter of the project: the rules' texts
(navet.rules.texts), the letters (navet.letters) and the pages (navet.applications
.presenters) all call these. Pure Python without Django, at the bottom layer, so that
navet.rules may use it.

    nb/nn  "12 345 kr", "1 234,50 kr", "−3 500 kr", "+1 000 kr"
           "4. desember 2026"; numeric "4.12.2026"
    en     "NOK 12,345", "NOK 1,234.50", "NOK −3,500"
           "4 December 2026" (also when numeric is asked for: 4.12.2026 is ambiguous
           in English)
    lists  "A, B og C" (nb/nn), "A, B and C" (en)
    quotes «A» (nb/nn), “A” (en)

The spaces are no-break spaces (U+00A0: CLDR's thousands separator for Norwegian), so
an amount never breaks across lines; the minus is U+2212, CLDR's minus sign for
Norwegian (and the typographic minus in English). Any other language reads as bokmål.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from babel.dates import format_date as babel_format_date
from babel.lists import format_list
from babel.numbers import format_currency

NBSP = "\u00a0"
MINUS = "\u2212"
# British English: "4 December 2026", not "December 4, 2026".
_LOCALES = {"nb": "nb_NO", "nn": "nn_NO", "en": "en_GB"}
# CLDR's primary quotation marks: Norwegian «…», English “…”.
_QUOTES = {"nb": ("«", "»"), "nn": ("«", "»"), "en": ("\u201c", "\u201d")}


def _locale(language: str) -> str:
    return _LOCALES.get(language, _LOCALES["nb"])


def format_amount(amount: Decimal | int, language: str, *, signed: bool = False) -> str:
    """Kroner: whole kroner without decimals, else two decimals; `signed` puts a plus
    sign on positive amounts too."""
    value = Decimal(amount)
    sign = MINUS if value < 0 else ("+" if signed and value > 0 else "")
    digits = "#,##0" if value == value.to_integral_value() else "#,##0.00"
    # CLDR puts the currency after the number in Norwegian ("kr") and before it in
    # English ("NOK"); the sign goes next to the digits.
    pattern = f"¤{NBSP}{sign}{digits}" if language == "en" else f"{sign}{digits}{NBSP}¤"
    return format_currency(
        abs(value), "NOK", format=pattern, locale=_locale(language), currency_digits=False
    )


def format_date(day: date, language: str, *, numeric: bool = False) -> str:
    """A date in words ("4. desember 2026"), or in digits ("4.12.2026") if `numeric`."""
    if numeric and language != "en":
        return babel_format_date(day, "d.M.y", locale=_locale(language))
    return babel_format_date(day, "long", locale=_locale(language))


def join_words(items: Sequence[str], language: str) -> str:
    """ "A, B og C" (nb/nn) or "A, B and C" (en); one item alone, none as ""."""
    return format_list(list(items), locale=_locale(language)) if items else ""


def quote(text: str, language: str) -> str:
    """Text in the language's quotation marks: «text» (nb/nn), “text” (en)."""
    opening, closing = _QUOTES.get(language, _QUOTES["nb"])
    return f"{opening}{text}{closing}"
