"""Dates and amounts as a Norwegian letter writes them."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from navet.letters.formatting import format_amount, format_date, join_words

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


def test_lists_of_references_are_joined_with_og_or_and() -> None:
    refs = ["sosialtjenesteloven § 18", "§ 20", "§ 21"]
    assert join_words(refs, "nb") == "sosialtjenesteloven § 18, § 20 og § 21"
    assert join_words(refs[:2], "nn") == "sosialtjenesteloven § 18 og § 20"
    assert join_words(refs[:2], "en") == "sosialtjenesteloven § 18 and § 20"
    assert join_words(refs[:1], "nb") == "sosialtjenesteloven § 18"
