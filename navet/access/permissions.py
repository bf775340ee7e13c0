"""The access functions for persons (every read audited) and for overrides under review,
and what an employee may do with a person."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from django.http import Http404, HttpRequest

from navet.access.models import AccessOverride
from navet.access.policy import check_person_access
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.people.models import Person


def get_override_for_review(leader: Employee, override_id: UUID) -> AccessOverride:
    """404 unless the employee is a leader whose office the override concerns."""
    if not leader.is_leader:
        raise Http404
    override = (
        AccessOverride.objects.for_review_by(leader)
        .select_related("employee", "person", "person__office", "reviewed_by")
        .filter(pk=override_id)
        .first()
    )
    if override is None:
        raise Http404
    return override


def get_person_for_user(request: HttpRequest, person_id: UUID | str) -> Person:
    """The person if this employee may see them, else 404 (never 403: that would confirm
    the person exists). Every successful lookup is an audited read of person data."""
    employee: Employee | None = getattr(request, "employee", None)
    if employee is None:
        raise Http404
    person = Person.objects.select_related("office", "caseworker").filter(pk=person_id).first()
    if person is None:
        raise Http404
    decision = check_person_access(employee, person)
    if not decision.allowed:
        raise Http404
    match = request.resolver_match
    trail.record(
        actor=employee,
        action=AuditAction.PERSON_READ,
        person=person,
        target=person,
        reason=decision.override_reason,
        data={
            "view": match.view_name if match else "",
            "method": request.method or "",
            "via_override": decision.via_override,
        },
    )
    return person


def can_see_access_log(employee: Employee, person: Person) -> bool:
    """Leaders see who has looked at the persons of their own offices."""
    return employee.is_leader and person.office_id in employee.office_ids()


def can_edit_contact(employee: Employee) -> bool:
    """Caseworkers correct contact details; leaders and administrators only read."""
    return employee.is_caseworker


def read_of_person(request: HttpRequest, person: Person, target: Any) -> None:
    """The last step of an access function for an object of a person (a message thread, a
    journal note): 404 unless the employee works with persons and may see this one, then
    the read is audited, with an override's reason when it is through one."""
    employee: Employee | None = getattr(request, "employee", None)
    if employee is None or not employee.works_with_persons:
        raise Http404
    decision = check_person_access(employee, person)
    if not decision.allowed:
        raise Http404
    trail.record(
        actor=employee,
        action=AuditAction.PERSON_READ,
        person=person,
        target=target,
        reason=decision.override_reason,
    )
