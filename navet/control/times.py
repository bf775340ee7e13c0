"""Processing times: days from an application's receipt to the first decision of each of
its cases, month by month (by the month the decision was made), as median and 90th
percentile. One query over the period; the percentiles are computed here (nearest rank),
so SQLite and PostgreSQL give the same figures."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import QuerySet
from django.utils import timezone

from navet.control.figures import Scope
from navet.decisions.models import Decision
from navet.rules.dates import add_months

MONTHS = 12


@dataclass(frozen=True)
class Month:
    first: date
    count: int
    median: int | None
    p90: int | None


def percentile(sorted_days: list[int], share: float) -> int | None:
    """Nearest-rank percentile: the smallest value with at least `share` of the values at
    or below it."""
    if not sorted_days:
        return None
    rank = max(1, math.ceil(share * len(sorted_days)))
    return sorted_days[rank - 1]


def first_decisions(scope: Scope, first: date, until: date) -> QuerySet[Decision]:
    """The first made decision of each case (not a change of an earlier one), made in
    [first, until)."""
    start = timezone.make_aware(datetime.combine(first, time.min))
    end = timezone.make_aware(datetime.combine(until, time.min))
    return (
        scope.decisions().made().filter(replaces__isnull=True, made_at__gte=start, made_at__lt=end)
    )


def days_taken(decision: Decision) -> int:
    assert decision.made_at is not None
    received = timezone.localdate(decision.case.application.received_at)
    return (timezone.localdate(decision.made_at) - received).days


def by_month(scope: Scope, months: int = MONTHS) -> list[Month]:
    """The last `months` months, this one included, oldest first."""
    this_month = scope.today.replace(day=1)
    first = add_months(this_month, -(months - 1))
    rows = first_decisions(scope, first, add_months(this_month, 1)).values_list(
        "made_at", "case__application__received_at"
    )
    days: dict[date, list[int]] = {add_months(first, n): [] for n in range(months)}
    for made_at, received_at in rows:
        made = timezone.localdate(made_at)
        days[made.replace(day=1)].append((made - timezone.localdate(received_at)).days)
    result = []
    for month, values in days.items():
        values.sort()
        result.append(Month(month, len(values), percentile(values, 0.5), percentile(values, 0.9)))
    return result
