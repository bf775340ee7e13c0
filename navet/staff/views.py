"""The start page: the persons assigned to this employee and those recently opened."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from navet.access.policy import visible_persons
from navet.audit import trail
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.core.http import AuthedRequest
from navet.people import presenters


@require_GET
def start(request: AuthedRequest) -> HttpResponse:
    employee = request.employee
    if not employee.works_with_persons:
        if employee.is_administrator:
            return redirect("core:admin-home")
        raise PermissionDenied
    visible = visible_persons(employee).select_related("office")
    mine = list(visible.assigned_to(employee).order_by("name_key", "id")[:25])
    recent_ids: list[UUID] = []
    for person_id in (
        AuditEvent.objects.filter(actor=employee, action=AuditAction.PERSON_READ)
        .order_by("-id")
        .values_list("person_id", flat=True)[:100]
    ):
        if person_id is not None and person_id not in recent_ids:
            recent_ids.append(person_id)
    recent_by_id = {p.pk: p for p in visible.filter(pk__in=recent_ids[:10])}
    recent = [recent_by_id[pk] for pk in recent_ids[:10] if pk in recent_by_id]
    listed = {person.pk: person for person in [*mine, *recent]}
    trail.record_many(
        actor=employee, action=AuditAction.PERSON_LISTED, persons=list(listed.values())
    )
    today = timezone.localdate()
    context = {
        "person_columns": presenters.person_columns(),
        "mine_rows": presenters.person_rows(mine, today),
        "recent_rows": presenters.person_rows(recent, today),
    }
    return render(request, "core/start.html", context)
