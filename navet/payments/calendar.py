"""Banking days and when a payment falls due.

Norwegian banks settle on working days: not on Saturdays, Sundays or public holidays
(navet.rules.dates.public_holidays), and not on Christmas Eve or New Year's Eve, when the
interbank settlement (Norges Bank's NICS) is closed. A regular payment whose day is not a
banking day is moved to the banking day before it, so money is never later than promised,
but never to a day already past; emergency help is paid the next banking day, or today when
the office pays emergency help the same day and today is a banking day."""

from __future__ import annotations

from datetime import date, timedelta

from navet.rules.dates import days_in_month, is_working_day

BANK_CLOSED = ((12, 24), (12, 31))


def is_banking_day(day: date) -> bool:
    return is_working_day(day) and (day.month, day.day) not in BANK_CLOSED


def next_banking_day(day: date) -> date:
    """`day` itself when it is a banking day, else the first one after it."""
    while not is_banking_day(day):
        day += timedelta(days=1)
    return day


def regular_due_date(wanted: date, today: date) -> date:
    """The banking day on or before `wanted`; when that is before `today`, the first banking
    day from today."""
    day = wanted
    while not is_banking_day(day):
        day -= timedelta(days=1)
    if day < today:
        return next_banking_day(today)
    return day


def emergency_due_date(today: date, *, same_day: bool) -> date:
    if same_day and is_banking_day(today):
        return today
    return next_banking_day(today + timedelta(days=1))


def monthly_due_date(month_first: date, payment_day: int, today: date) -> date:
    """The office's payment day in the month (the last day when the month is shorter)."""
    day = min(payment_day, days_in_month(month_first))
    return regular_due_date(month_first.replace(day=day), today)


def split_by_days(amount: int, months: list[tuple[date, date]]) -> list[int]:
    """`amount` in whole kroner over the months by their number of days in the period, the
    kroner left by rounding down given to the months with the largest remainders (then the
    earliest), so the parts always add up to `amount`."""
    days = [(last - first).days + 1 for first, last in months]
    total = sum(days)
    exact = [amount * d for d in days]
    parts = [e // total for e in exact]
    left = amount - sum(parts)
    order = sorted(range(len(months)), key=lambda i: (-(exact[i] % total), i))
    for i in order[:left]:
        parts[i] += 1
    return parts
