"""Money arithmetic: exact fractions inside a calculation, rounded half up at the edge."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

KRONE = Decimal(1)
ORE = Decimal("0.01")


def to_fraction(value: Decimal | Fraction | int) -> Fraction:
    return value if isinstance(value, Fraction) else Fraction(value)


def round_kroner(value: Decimal | Fraction | int) -> Decimal:
    """Round half up to whole kroner (0.5 → 1, −0.5 → −1)."""
    return _round(to_fraction(value), KRONE)


def round_ore(value: Decimal | Fraction | int) -> Decimal:
    """Round half up to whole øre."""
    return _round(to_fraction(value), ORE)


def _round(value: Fraction, unit: Decimal) -> Decimal:
    # Fraction → Decimal with enough digits, then one quantize: exact for every amount
    # Navet handles (well below 10^15 kroner with denominators from the rules).
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(unit, rounding=ROUND_HALF_UP)


def parse_fraction(text: str, field: str) -> Fraction:
    from navet.rules.errors import RulesInputError

    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        raise RulesInputError(field, "is not a number or a fraction like 2/3") from None
