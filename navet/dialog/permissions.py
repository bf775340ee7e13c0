"""The access function for a message thread (staff): as visible as its person, and only
for the employees of the thread's office; every successful lookup is an audited read."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.permissions import read_of_person
from navet.core.models import Employee
from navet.dialog.models import Thread


def get_thread_for_user(request: HttpRequest, thread_id: UUID | str) -> Thread:
    employee: Employee | None = getattr(request, "employee", None)
    if employee is None or not employee.works_with_persons:
        raise Http404
    thread = (
        Thread.objects.select_related("person", "office", "caseworker", "application")
        .filter(pk=thread_id, office_id__in=employee.office_ids())
        .first()
    )
    if thread is None:
        raise Http404
    read_of_person(request, thread.person, thread)
    return thread
