"""The days a date typed into a form may fall on.

A date field without bounds takes any day Python can hold: 0001-01-01 as the time an
application came in overflows the time zone arithmetic (a server error), and 9999-12-31
as a deadline is a typo nobody notices until the letter has gone out. So every date and
time a caseworker types has a range of its own:

- the range is given relative to today (`earliest` and `latest` are functions of today),
  and worked out when the form is checked and when it is drawn, as today moves;
- a day outside it is refused with a message that says the range, or with the field's own
  message for that side ("Datoen må være etter i dag.");
- the date picker gets the same range as `min` and `max`.

The range of each field, and why it is what it is, stands next to the field in its form.
Decisions import this module too (they sit above applications).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from navet.rules.dates import add_months

if TYPE_CHECKING:
    from django.utils.functional import _StrOrPromise

ISO_DATE = "%Y-%m-%d"
DATETIME_LOCAL = "%Y-%m-%dT%H:%M"

# A day as a function of today.
Edge = Callable[[date], date]

RANGE_MESSAGE = _("Velg en dato fra og med %(first)s til og med %(last)s.")


def today(day: date) -> date:
    return day


def days_from_today(days: int) -> Edge:
    """`days` days after today (before, when negative)."""

    def edge(day: date) -> date:
        return day + timedelta(days=days)

    return edge


def months_from_today(months: int) -> Edge:
    """The same day `months` months after today (before, when negative); the month's last
    day when it is shorter (31 August + 6 months = 28 or 29 February)."""

    def edge(day: date) -> date:
        return add_months(day, months)

    return edge


def years_before_today(years: int) -> Edge:
    return months_from_today(-12 * years)


def new_year(years_back: int) -> Edge:
    """1 January of the year `years_back` years before this one."""

    def edge(day: date) -> date:
        return date(day.year - years_back, 1, 1)

    return edge


@dataclass(frozen=True)
class DateBounds:
    """The days from `earliest(today)` to `latest(today)`, both included."""

    earliest: Edge
    latest: Edge
    too_early: _StrOrPromise = RANGE_MESSAGE
    too_late: _StrOrPromise = RANGE_MESSAGE

    def limits(self, on: date | None = None) -> tuple[date, date]:
        day = on or timezone.localdate()
        return self.earliest(day), self.latest(day)

    def check(self, day: date, on: date | None = None) -> None:
        """Raise a ValidationError saying the range when `day` is outside it."""
        first, last = self.limits(on)
        if first <= day <= last:
            return
        raise ValidationError(
            self.too_early if day < first else self.too_late,
            code="out_of_range",
            params={"first": formats.date_format(first), "last": formats.date_format(last)},
        )


class BoundedDateInput(forms.DateInput):
    """`<input type="date">` with the field's range as `min` and `max`."""

    input_type = "date"

    def __init__(self, bounds: DateBounds, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=ISO_DATE)
        self.bounds = bounds

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        first, last = self.bounds.limits()
        limits = {"min": first.isoformat(), "max": last.isoformat()}
        return super().get_context(name, value, {**(attrs or {}), **limits})


class BoundedDateTimeInput(forms.DateTimeInput):
    """`<input type="datetime-local">` with the field's days as `min` and `max`."""

    input_type = "datetime-local"

    def __init__(self, bounds: DateBounds, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format=DATETIME_LOCAL)
        self.bounds = bounds

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        first, last = self.bounds.limits()
        limits = {"min": f"{first.isoformat()}T00:00", "max": f"{last.isoformat()}T23:59"}
        return super().get_context(name, value, {**(attrs or {}), **limits})


class BoundedDateField(forms.DateField):
    """A date within `bounds`. The range is checked before the field's own validators, so
    they never see a day outside it."""

    def __init__(self, *, bounds: DateBounds, **kwargs: Any) -> None:
        self.bounds = bounds
        kwargs.setdefault("widget", BoundedDateInput(bounds))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, date):
            self.bounds.check(value)


class BoundedDateTimeField(forms.DateTimeField):
    """A date and time whose day is within `bounds`. The day is read as typed, in the
    office's time zone: converting 0001-01-01 to UTC is what overflows."""

    def __init__(self, *, bounds: DateBounds, **kwargs: Any) -> None:
        self.bounds = bounds
        kwargs.setdefault("widget", BoundedDateTimeInput(bounds))
        super().__init__(**kwargs)

    def validate(self, value: Any) -> None:
        super().validate(value)
        if isinstance(value, datetime):
            self.bounds.check(value.date())
