"""Access to decisions and appeals (through their application: 404 for what the employee
may not see, audited) and what an employee may do with them and with rate sets."""

from __future__ import annotations

from uuid import UUID

from django.core.exceptions import PermissionDenied
from django.http import Http404

from navet.applications.models import Application
from navet.applications.permissions import get_application_for_user
from navet.core.http import AuthedRequest
from navet.core.models import Employee
from navet.decisions.models import Appeal, Decision, DecisionState


def can_decide(employee: Employee, application: Application) -> bool:
    """Caseworkers of the application's office assess and decide."""
    return employee.is_caseworker and application.office_id in employee.office_ids()


def may_approve_at(employee: Employee, office_id: int) -> bool:
    """Four eyes: an employee of the office authorised to approve decisions (leaders by
    default, designated caseworkers)."""
    return employee.may_approve_decisions and office_id in employee.office_ids()


def can_approve(employee: Employee, decision: Decision) -> bool:
    """An approver of the application's office, never the one who proposed."""
    return (
        decision.state == DecisionState.PROPOSED
        and may_approve_at(employee, decision.case.application.office_id)
        and decision.proposed_by_id != employee.pk
    )


def can_edit_rates(employee: Employee) -> bool:
    return employee.is_administrator


def _application_of(request: AuthedRequest, application_id: UUID | None) -> Application:
    if application_id is None:
        raise Http404
    return get_application_for_user(request, application_id)


def get_decision_for_user(request: AuthedRequest, decision_id: UUID) -> Decision:
    found = (
        Decision.objects.filter(pk=decision_id)
        .values_list("case__application_id", flat=True)
        .first()
    )
    application = _application_of(request, found)
    decision = Decision.objects.select_related("case").get(pk=decision_id)
    decision.case.application = application
    return decision


def get_appeal_for_user(request: AuthedRequest, appeal_id: UUID) -> Appeal:
    found = (
        Appeal.objects.filter(pk=appeal_id)
        .values_list("decision__case__application_id", flat=True)
        .first()
    )
    application = _application_of(request, found)
    appeal = Appeal.objects.select_related("decision__case").get(pk=appeal_id)
    appeal.decision.case.application = application
    return appeal


def require_decide(request: AuthedRequest, application: Application) -> None:
    if not can_decide(request.employee, application):
        raise PermissionDenied
