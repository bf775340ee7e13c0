"""The access function for a journal note (staff): as visible as its person; 404 otherwise,
and every successful lookup is an audited read."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.policy import check_person_access
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.followup.models import JournalNote


def get_note_for_user(request: HttpRequest, note_id: UUID | str) -> JournalNote:
    employee: Employee | None = getattr(request, "employee", None)
    if employee is None or not employee.works_with_persons:
        raise Http404
    note = JournalNote.objects.select_related("person", "application").filter(pk=note_id).first()
    if note is None:
        raise Http404
    decision = check_person_access(employee, note.person)
    if not decision.allowed:
        raise Http404
    trail.record(
        actor=employee,
        action=AuditAction.PERSON_READ,
        person=note.person,
        target=note,
        reason=decision.override_reason,
    )
    return note
