"""Calendar helpers: months, ages, Norwegian public holidays, working days."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date, timedelta
from functools import cache


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def days_in_month(day: date) -> int:
    return calendar.monthrange(day.year, day.month)[1]


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))


def months_in(first: date, last: date) -> Iterator[tuple[date, date]]:
    """The calendar-month pieces of the period ``first``..``last`` (both inclusive)."""
    start = first
    while start <= last:
        end = min(month_end(start), last)
        yield start, end
        start = end + timedelta(days=1)


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on ``day`` (a person born 29 February turns a year older on 1 March)."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def birthday(birth_date: date, years: int) -> date:
    """The day a person turns ``years`` old."""
    try:
        return birth_date.replace(year=birth_date.year + years)
    except ValueError:  # 29 February in a year that has none
        return date(birth_date.year + years, 3, 1)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    month, day = divmod(h + ll - 7 * m + 114, 31)
    return date(year, month, day + 1)


@cache
def public_holidays(year: int) -> dict[date, str]:
    """Norwegian public holidays (helligdager, and høytidsdagene 1 and 17 May) in ``year``.

    Lov om helligdager og helligdagsfred (1995) § 2 and lov om 1. og 17. mai som
    høgtidsdager (1947). Sundays are holidays too but are not listed here.
    """
    easter = easter_sunday(year)
    return {
        date(year, 1, 1): "new_years_day",
        easter - timedelta(days=3): "maundy_thursday",
        easter - timedelta(days=2): "good_friday",
        easter: "easter_sunday",
        easter + timedelta(days=1): "easter_monday",
        date(year, 5, 1): "labour_day",
        date(year, 5, 17): "constitution_day",
        easter + timedelta(days=39): "ascension_day",
        easter + timedelta(days=49): "whit_sunday",
        easter + timedelta(days=50): "whit_monday",
        date(year, 12, 25): "christmas_day",
        date(year, 12, 26): "boxing_day",
    }


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in public_holidays(day.year)


def weekdays_between(first: date, last: date) -> int:
    """Monday-to-Friday days in ``first``..``last`` (both inclusive); holidays are counted."""
    if last < first:
        return 0
    days = (last - first).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    start = first.weekday()
    count += sum(1 for offset in range(rest) if (start + offset) % 7 < 5)
    return count
