"""The leader's picture of the office on the work lists: per caseworker, how many open
applications, how many due within a week, how many over the deadline and how many decisions
they proposed that wait for approval. Each application figure links to the work list
behind it, filtered to that caseworker, and counts what that list shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from navet.applications import presenters
from navet.applications.forms import UNASSIGNED
from navet.applications.models import Application
from navet.core.models import Employee
from navet.core.tables import Cell, Row
from navet.decisions.models import Decision


@dataclass
class Load:
    open: int = 0
    soon: int = 0
    overdue: int = 0
    proposed: int = 0
    name: str = ""
    key: str = ""  # the work list's saksbehandler filter: an employee's pk or "ufordelt"


def caseworker_loads(leader: Employee, today: date) -> list[Load]:
    """One Load per caseworker with open applications or proposals at the leader's offices,
    by name, then the unassigned ones. Three queries, whatever the office's size."""
    office_ids = leader.office_ids()
    soon_until = today + timedelta(days=presenters.SOON_DAYS)
    visible = Application.objects.visible_to(leader)
    counts = (
        visible.open()
        .of_offices(office_ids)
        .order_by()
        .values("caseworker")
        .annotate(
            open=Count("pk"),
            soon=Count("pk", filter=Q(due_on__gte=today, due_on__lte=soon_until)),
            overdue=Count("pk", filter=Q(due_on__lt=today)),
        )
    )
    loads: dict[int | None, Load] = {
        row["caseworker"]: Load(open=row["open"], soon=row["soon"], overdue=row["overdue"])
        for row in counts
    }
    proposals = (
        Decision.objects.awaiting_approval_in(office_ids)
        .filter(case__application__in=visible)
        .order_by()
        .values("proposed_by")
        .annotate(n=Count("pk"))
    )
    for row in proposals:
        loads.setdefault(row["proposed_by"], Load()).proposed = row["n"]
    names = dict(
        Employee.objects.filter(pk__in=[k for k in loads if k is not None]).values_list(
            "pk", "name"
        )
    )
    for pk, load in loads.items():
        load.name = names.get(pk, "") if pk is not None else _("Ufordelt")
        load.key = str(pk) if pk is not None else UNASSIGNED
    named = sorted((load for pk, load in loads.items() if pk is not None), key=lambda x: x.name)
    return named + ([loads[None]] if None in loads else [])


def picture_columns() -> list[str]:
    return [
        _("Saksbehandler"),
        _("Åpne"),
        _("Frist innen sju dager"),
        _("Over frist"),
        _("Foreslått, venter på godkjenning"),
    ]


def _figure(count: int, url: str) -> Cell | str:
    return Cell(str(count), href=url) if count else "0"


def picture_rows(loads: list[Load]) -> list[Row]:
    base = reverse("applications:worklist")

    def url(liste: str, key: str) -> str:
        return f"{base}?{urlencode({'liste': liste, 'saksbehandler': key})}"

    rows: list[Row] = []
    for load in loads:
        rows.append(
            [
                load.name,
                _figure(load.open, url("alle", load.key)),
                _figure(load.soon, url("frist", load.key)),
                _figure(load.overdue, url("over-frist", load.key)),
                str(load.proposed),
            ]
        )
    return rows
