"""State changes for access overrides."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from navet.access.models import AccessOverride, ReviewStatus
from navet.access.policy import check_person_access
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.people.models import Person


class OverrideNotAllowed(Exception):
    """The person is refused by a rule that can never be overridden."""


class ReviewNotAllowed(Exception):
    """Self-review, a second review, or an unknown verdict."""


@transaction.atomic
def create_override(
    *, employee: Employee, person: Person, reason: str, hours: int
) -> AccessOverride:
    decision = check_person_access(employee, person)
    if decision.allowed:
        raise OverrideNotAllowed("The employee already has access.")
    if not decision.overridable:
        raise OverrideNotAllowed("This person's access rule cannot be overridden.")
    if not 1 <= hours <= settings.ACCESS_OVERRIDE_MAX_HOURS:
        raise OverrideNotAllowed("The duration is outside the allowed range.")
    now = timezone.now()
    override = AccessOverride.objects.create(
        employee=employee,
        person=person,
        reason=reason,
        created_at=now,
        expires_at=now + timedelta(hours=hours),
    )
    trail.record(
        actor=employee,
        action=AuditAction.ACCESS_OVERRIDE_CREATED,
        person=person,
        target=override,
        reason=reason,
        data={"hours": hours, "expires_at": override.expires_at.isoformat()},
    )
    return override


@transaction.atomic
def review_override(
    *, override: AccessOverride, reviewer: Employee, status: str, comment: str
) -> AccessOverride:
    """Accept, or flag (which also ends the access at once). A review is final."""
    if status not in (ReviewStatus.ACCEPTED, ReviewStatus.FLAGGED):
        raise ReviewNotAllowed("A review accepts or flags an override.")
    if not reviewer.is_leader or reviewer.pk == override.employee_id:
        raise ReviewNotAllowed("Only a leader other than the one who used it reviews an override.")
    if override.review_status != ReviewStatus.PENDING:
        raise ReviewNotAllowed("This override has already been reviewed.")
    now = timezone.now()
    override.review_status = status
    override.reviewed_by = reviewer
    override.reviewed_at = now
    override.review_comment = comment
    fields = ["review_status", "reviewed_by", "reviewed_at", "review_comment"]
    if status == ReviewStatus.FLAGGED and override.revoked_at is None and override.is_active:
        override.revoked_at = now
        fields.append("revoked_at")
    override.save(update_fields=fields)
    trail.record(
        actor=reviewer,
        action=AuditAction(f"access.override_{status}"),
        person=override.person,
        target=override,
        reason=comment,
    )
    return override
