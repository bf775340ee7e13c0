"""Banking days, due dates and splitting an amount over months."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from navet.payments.calendar import (
    emergency_due_date,
    is_banking_day,
    monthly_due_date,
    next_banking_day,
    regular_due_date,
    split_by_days,
)
from navet.rules.dates import months_in


def test_banking_days() -> None:
    assert is_banking_day(date(2026, 12, 23))  # a Wednesday
    for closed in (date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26)):
        assert not is_banking_day(closed)
    assert not is_banking_day(date(2026, 12, 31))
    assert not is_banking_day(date(2027, 1, 1))
    assert not is_banking_day(date(2026, 12, 5))  # Saturday
    assert not is_banking_day(date(2026, 4, 3))  # Good Friday 2026
    assert next_banking_day(date(2026, 12, 24)) == date(2026, 12, 28)


def test_a_regular_payment_moves_to_the_banking_day_before_never_into_the_past() -> None:
    # 1 August 2026 is a Saturday: paid Friday 31 July.
    assert regular_due_date(date(2026, 8, 1), today=date(2026, 7, 1)) == date(2026, 7, 31)
    # ... unless that Friday has passed: then the first banking day from today.
    assert regular_due_date(date(2026, 8, 1), today=date(2026, 8, 1)) == date(2026, 8, 3)
    # 1 January 2027 (holiday, then 31 Dec closed, 30 Dec a Wednesday).
    assert regular_due_date(date(2027, 1, 1), today=date(2026, 12, 1)) == date(2026, 12, 30)
    assert monthly_due_date(date(2027, 2, 1), 31, today=date(2026, 12, 1)) == date(2027, 2, 26)


def test_emergency_help_is_paid_today_or_the_next_banking_day() -> None:
    wednesday = date(2026, 12, 2)
    assert emergency_due_date(wednesday, same_day=True) == wednesday
    assert emergency_due_date(wednesday, same_day=False) == date(2026, 12, 3)
    assert emergency_due_date(date(2026, 12, 23), same_day=False) == date(2026, 12, 28)
    assert emergency_due_date(date(2026, 12, 5), same_day=True) == date(2026, 12, 7)


@given(
    amount=st.integers(min_value=1, max_value=500_000),
    start=st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)),
    days=st.integers(min_value=0, max_value=370),
)
def test_a_split_adds_up_to_the_amount_and_follows_the_days(
    amount: int, start: date, days: int
) -> None:
    from datetime import timedelta

    months = list(months_in(start, start + timedelta(days=days)))
    parts = split_by_days(amount, months)
    assert sum(parts) == amount
    assert len(parts) == len(months)
    total_days = sum((last - first).days + 1 for first, last in months)
    for part, (first, last) in zip(parts, months, strict=True):
        exact = amount * ((last - first).days + 1) / total_days
        assert abs(part - exact) < 1
