"""The work lists: mine, the office's open ones, unassigned, due soon, overdue, awaiting my
approval, and the office's decided applications."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import OuterRef, Subquery, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from navet.applications import presenters
from navet.applications.forms import WorklistFilterForm
from navet.applications.models import (
    Application,
    ApplicationQuerySet,
)
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.core.params import int_param
from navet.core.tables import Column
from navet.decisions.models import Decision, DecisionQuerySet
from navet.payments import presenters as payment_presenters
from navet.payments.models import Payment
from navet.staff import office_picture

PAGE_SIZE = 20
# Deeper than this is better narrowed than paged through; beyond the last page shows the last.
MAX_PAGE = 10_000

# ---------------------------------------------------------------------------------------
# Work lists
# ---------------------------------------------------------------------------------------

WORKLISTS = (
    ("mine", gettext_lazy("Mine")),
    ("alle", gettext_lazy("Alle åpne")),
    ("ufordelte", gettext_lazy("Ufordelte")),
    ("frist", gettext_lazy("Frist nærmer seg")),
    ("over-frist", gettext_lazy("Over frist")),
    ("godkjenning", gettext_lazy("Til godkjenning")),
    ("ferdig", gettext_lazy("Ferdigbehandlet")),
)
WORKLIST_EMPTY = {
    "mine": gettext_lazy("Du har ingen åpne søknader."),
    "alle": gettext_lazy("Kontoret har ingen åpne søknader."),
    "ufordelte": gettext_lazy("Ingen ufordelte søknader."),
    "frist": gettext_lazy("Ingen søknader har frist de neste sju dagene."),
    "over-frist": gettext_lazy("Ingen søknader er over fristen."),
    "godkjenning": gettext_lazy("Ingen vedtak venter på din godkjenning."),
    "ferdig": gettext_lazy("Kontoret har ingen ferdigbehandlede søknader."),
}
WORKLIST_EMPTY_FILTERED = gettext_lazy("Ingen søknader i listen passer til utvalget.")


def worklists_of(employee: Employee) -> list[tuple[str, str]]:
    """The lists the employee has: the approval list only for those who may approve."""
    return [
        (name, str(label))
        for name, label in WORKLISTS
        if name != "godkjenning" or employee.may_approve_decisions
    ]


# The orders a list can be sorted in (?sorter=); "-" is newest or latest first.
SORTINGS = {
    "mottatt": ("received_at", "pk"),
    "-mottatt": ("-received_at", "-pk"),
    "frist": ("due_on", "received_at", "pk"),
    "-frist": ("-due_on", "-received_at", "-pk"),
}
SORT_LABELS = {"mottatt": gettext_lazy("Mottatt"), "frist": gettext_lazy("Svarfrist")}


def sort_columns(url: str, sorter: str) -> dict[str, Column]:
    """The sortable headers: each a link that sorts by it (the other way round when the list
    is sorted by it already), the sorted one with its aria-sort."""
    columns = {}
    for name, label in SORT_LABELS.items():
        sort: Literal["ascending", "descending", ""] = ""
        if sorter == name:
            sort = "ascending"
        elif sorter == f"-{name}":
            sort = "descending"
        target = f"-{name}" if sort == "ascending" else name
        columns[name] = Column(str(label), sort_url=f"{url}&sorter={target}", sort=sort)
    return columns


def default_worklist(employee: Employee) -> str:
    """The list a work day starts on: a caseworker's own applications; a leader who is no
    caseworker has none of their own and starts on the office's open applications."""
    if employee.is_caseworker:
        return "mine"
    return "alle"


def worklist_queryset(employee: Employee, key: str) -> ApplicationQuerySet:
    """One work list. Only applications of persons the employee may see, ever."""
    today = timezone.localdate()
    office_ids = employee.office_ids()
    visible = Application.objects.visible_to(employee)
    if key == "mine":
        return visible.open().assigned_to(employee)
    if key == "alle":
        return visible.open().of_offices(office_ids)
    if key == "ferdig":
        return visible.decided().of_offices(office_ids)
    if key == "ufordelte":
        return visible.open().of_offices(office_ids).unassigned()
    if key == "frist":
        return (
            visible.open()
            .of_offices(office_ids)
            .due_between(today, today + timedelta(days=presenters.SOON_DAYS))
        )
    if key == "over-frist":
        return visible.open().of_offices(office_ids).overdue(today)
    if key == "godkjenning":
        if not employee.may_approve_decisions:
            raise Http404  # the list is the approvers' own: no tab, no page
        waiting = Decision.objects.awaiting_approval_in(office_ids).exclude(proposed_by=employee)
        return visible.filter(pk__in=waiting.values("case__application_id"))
    raise Http404


def with_amounts(queryset: ApplicationQuerySet) -> ApplicationQuerySet:
    """The amounts the list shows, in the same query: the sum of the decisions in force, and
    of those not yet made (drafts and proposals)."""

    def total(decisions: DecisionQuerySet) -> Subquery:
        return Subquery(
            decisions.filter(case__application=OuterRef("pk"))
            .order_by()
            .values("case__application")
            .annotate(total=Sum("amount"))
            .values("total")[:1]
        )

    return queryset.annotate(
        amount_in_force=total(Decision.objects.in_force()),
        amount_pending=total(Decision.objects.drafts()),
    )


def _url(base: str, **params: str | int) -> str:
    return f"{base}?{urlencode(params)}"


@require_GET
def worklist(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    if not employee.works_with_persons:
        raise PermissionDenied
    key = request.GET.get("liste") or default_worklist(employee)
    today = timezone.localdate()
    office_ids = employee.office_ids()
    filters = WorklistFilterForm(
        request.GET if {"saksbehandler", "nodhjelp"} & set(request.GET) else None,
        caseworkers=list(Employee.objects.caseworkers_of(office_ids)),
        by_caseworker=key != "mine",
    )
    queryset = with_amounts(
        filters.narrow(worklist_queryset(employee, key))
        .with_work_state(today)
        .select_related("person", "caseworker")
    )
    sorter = request.GET.get("sorter", "")
    if sorter not in SORTINGS:
        sorter = ""  # the list's own order
    if sorter:
        queryset = queryset.order_by(*SORTINGS[sorter])
    elif key == "ferdig":
        queryset = queryset.newest_decided_first()
    else:
        queryset = queryset.order_by("due_on", "received_at", "pk")
    page_number = int_param(request.GET, "side", default=1, minimum=1, maximum=MAX_PAGE)
    page = Paginator(queryset, PAGE_SIZE).get_page(page_number)
    applications = list(page.object_list)
    trail.record_many(
        actor=employee, action=AuditAction.PERSON_LISTED, persons=[a.person for a in applications]
    )
    base = reverse("applications:worklist")
    kept = filters.query()
    sorting = {"sorter": sorter} if sorter else {}
    tab_filters = {k: v for k, v in kept.items() if k != "saksbehandler" or key != "mine"}
    context = {
        "tabs": [
            {
                "label": label,
                "url": _url(base, liste=name, **tab_filters),
                "current": name == key,
                "count": filters.narrow(worklist_queryset(employee, name)).count()
                if name != "mine"
                else worklist_queryset(employee, name).count(),
            }
            for name, label in worklists_of(employee)
        ],
        "list_key": key,
        "list_label": next(label for name, label in WORKLISTS if name == key),
        "filters": filters,
        "filtered": bool(kept),
        "clear_url": _url(base, liste=key),
        "columns": presenters.worklist_columns(
            sort_columns(_url(base, liste=key, **kept, side=page.number), sorter)
        ),
        "rows": presenters.worklist_rows(applications, today),
        "empty_text": WORKLIST_EMPTY_FILTERED if kept else WORKLIST_EMPTY[key],
        "previous_url": _url(base, liste=key, **kept, **sorting, side=page.previous_page_number())
        if page.has_previous()
        else None,
        "next_url": _url(base, liste=key, **kept, **sorting, side=page.next_page_number())
        if page.has_next()
        else None,
    }
    if key == "mine":
        context.update(rejected_payments(employee))
    if employee.is_leader and key == "alle":
        context["picture_columns"] = office_picture.picture_columns()
        context["picture_rows"] = office_picture.picture_rows(
            office_picture.caseworker_loads(employee, today)
        )
    return render(request, "applications/application_worklist.html", context)


REJECTED_SHOWN = 20


def rejected_payments(employee: Employee) -> dict[str, object]:
    """A caseworker's tasks from the bank: payments of their applications that the bank
    rejected, until the account is corrected or the payment stopped."""
    rejected = list(
        Payment.objects.rejected_for_caseworker(employee)
        .filter(person__in=Application.objects.visible_to(employee).values("person"))
        .select_related("person")
        .order_by("due_on", "reference")[:REJECTED_SHOWN]
    )
    if not rejected:
        return {}
    persons = list({p.person_id: p.person for p in rejected}.values())
    trail.record_many(actor=employee, action=AuditAction.PERSON_LISTED, persons=persons)
    return {
        "rejected_columns": payment_presenters.followup_columns(),
        "rejected_rows": payment_presenters.followup_rows(rejected, {p.pk for p in persons}),
    }
