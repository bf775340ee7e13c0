"""Processing times and the backlog. Processing times: days from an application's receipt
to the first decision of each of its cases, month by month (by the month the decision was
made), as median and 90th percentile. One query over the period; the percentiles are
computed here (nearest rank), so SQLite and PostgreSQL give the same figures. The backlog:
the applications open at the end of each month, by their innsyn history."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from navet.applications.models import InnsynEvent
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


# --- the backlog: applications open at the end of each month ----------------------------

DONE_STATUSES = ("FERDIGBEHANDLET", "BEHANDLES_IKKE")


def month_end(first: date) -> datetime:
    """The first moment after the month (local time)."""
    return timezone.make_aware(datetime.combine(add_months(first, 1), time.min))


def open_at(scope: Scope, moment: datetime) -> QuerySet[Any]:
    """The applications received before `moment` and not finished by then (finished: the
    first FERDIGBEHANDLET or BEHANDLES_IKKE in their innsyn history)."""
    finished = InnsynEvent.objects.filter(
        application=OuterRef("pk"),
        type="soknadsStatus",
        payload__status__in=DONE_STATUSES,
        occurred_at__lt=moment,
    )
    return scope.applications().filter(received_at__lt=moment).exclude(Exists(finished))


def backlog_by_month(scope: Scope, months: int = MONTHS) -> list[tuple[date, int]]:
    """The number open at the end of each of the last `months` months (this one: now), by
    the same rule as `open_at`, in one query: each application's receipt and the moment it
    was first finished, for those not finished before the first month."""
    this_month = scope.today.replace(day=1)
    firsts = [add_months(this_month, -n) for n in range(months - 1, -1, -1)]
    moments = [min(month_end(first), scope.now) for first in firsts]
    finished = (
        InnsynEvent.objects.filter(
            application=OuterRef("pk"), type="soknadsStatus", payload__status__in=DONE_STATUSES
        )
        .order_by("occurred_at")
        .values("occurred_at")[:1]
    )
    rows = (
        scope.applications()
        .filter(received_at__lt=moments[-1])
        .annotate(finished_at=Subquery(finished))
        # Not finished, or finished within the window (NULL is no finish: kept).
        .filter(Q(finished_at__isnull=True) | Q(finished_at__gte=moments[0]))
        .values_list("received_at", "finished_at")
    )
    counts = [0] * months
    for received_at, finished_at in rows:
        for index, moment in enumerate(moments):
            if received_at < moment and (finished_at is None or finished_at >= moment):
                counts[index] += 1
    return list(zip(firsts, counts, strict=True))
