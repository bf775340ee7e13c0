"""Dates and amounts in nb, nn and en (navet/formats.py, Babel): the letters, the rules'
texts and the pages all write them this way."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navet.formats import format_amount, format_date

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (date(2025, 1, 15), "nb", "15. januar 2025"),
        (date(2025, 1, 15), "nn", "15. januar 2025"),
        (date(2025, 1, 15), "en", "15 January 2025"),
        (date(2025, 5, 1), "nb", "1. mai 2025"),
        (date(2025, 12, 31), "nn", "31. desember 2025"),
        (date(2024, 2, 29), "en", "29 February 2024"),
    ],
)
def test_dates_are_written_in_words(day: date, language: str, expected: str) -> None:
    assert format_date(day, language) == expected


@pytest.mark.parametrize(
    ("amount", "language", "signed", "expected"),
    [
        (12_345, "nb", False, f"12{NBSP}345{NBSP}kr"),
        (0, "nn", False, f"0{NBSP}kr"),
        (999, "nb", False, f"999{NBSP}kr"),
        (1_234_567, "nb", False, f"1{NBSP}234{NBSP}567{NBSP}kr"),
        (-3_500, "nb", False, f"\u22123{NBSP}500{NBSP}kr"),
        (1_000, "nn", True, f"+1{NBSP}000{NBSP}kr"),
        (0, "nb", True, f"0{NBSP}kr"),
        (12_345, "en", False, f"NOK{NBSP}12,345"),
        (-3_500, "en", False, f"NOK{NBSP}\u22123,500"),
    ],
)
def test_amounts_have_no_break_spaces_and_kroner(
    amount: int, language: str, signed: bool, expected: str
) -> None:
    assert format_amount(amount, language, signed=signed) == expected


@given(st.integers(min_value=-(10**12), max_value=10**12), st.sampled_from(["nb", "nn"]))
def test_an_amount_reads_back_to_the_same_number(amount: int, language: str) -> None:
    text = format_amount(amount, language)
    assert text.endswith(f"{NBSP}kr")
    digits = text.removesuffix(f"{NBSP}kr").replace(NBSP, "").replace("\u2212", "-")
    assert int(digits) == amount
    groups = text.removesuffix(f"{NBSP}kr").lstrip("\u2212").split(NBSP)
    assert all(len(group) == 3 for group in groups[1:])
    assert 1 <= len(groups[0]) <= 3


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (date(2024, 1, 1), "nb", "1.1.2024"),
        (date(2025, 12, 31), "nn", "31.12.2025"),
        (date(2024, 1, 1), "en", "1 January 2024"),
    ],
)
def test_numeric_dates_are_digits_except_in_english(
    day: date, language: str, expected: str
) -> None:
    assert format_date(day, language, numeric=True) == expected


@pytest.mark.parametrize(
    ("amount", "language", "expected"),
    [
        (Decimal("13100"), "nb", f"13{NBSP}100{NBSP}kr"),
        (Decimal("1234.5"), "nb", f"1{NBSP}234,50{NBSP}kr"),
        (Decimal("1234.5"), "en", f"NOK{NBSP}1,234.50"),
        (Decimal("-0.25"), "nn", f"\u22120,25{NBSP}kr"),
    ],
)
def test_amounts_with_oere_have_two_decimals(amount: Decimal, language: str, expected: str) -> None:
    assert format_amount(amount, language) == expected


def test_other_languages_read_as_bokmaal() -> None:
    assert format_amount(12_345, "de") == f"12{NBSP}345{NBSP}kr"
    assert format_date(date(2026, 12, 4), "de") == "4. desember 2026"
