"""What an employee may do with decisions, appeals and rate sets."""

from __future__ import annotations

from navet.applications.models import Application
from navet.core.models import Employee
from navet.decisions.models import Decision, DecisionState


def can_decide(employee: Employee, application: Application) -> bool:
    """Caseworkers of the application's office assess and decide."""
    return employee.is_caseworker and application.office_id in employee.office_ids()


def can_approve(employee: Employee, decision: Decision) -> bool:
    """Four eyes: another caseworker of the office, never the one who proposed."""
    return (
        decision.state == DecisionState.PROPOSED
        and can_decide(employee, decision.case.application)
        and decision.proposed_by_id != employee.pk
    )


def can_edit_rates(employee: Employee) -> bool:
    return employee.is_administrator
