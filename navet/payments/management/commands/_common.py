"""What the payment commands share: finding the run and the employee, and the errors."""

from __future__ import annotations

from uuid import UUID

from django.core.management.base import CommandError

from navet.core.models import Employee
from navet.payments.models import PaymentRun


def employee(username: str) -> Employee:
    found = Employee.objects.filter(user__username=username, user__is_active=True).first()
    if found is None:
        raise CommandError(f"No active employee with the username {username!r} (--as).")
    return found


def run(reference: str) -> PaymentRun:
    """A run by its reference (0315-2026-U0001) or its id."""
    found = PaymentRun.objects.filter(reference=reference).first()
    if found is None:
        try:
            found = PaymentRun.objects.filter(pk=UUID(reference)).first()
        except ValueError:
            found = None
    if found is None:
        raise CommandError(f"No payment run {reference!r} (give its reference or id).")
    return found
