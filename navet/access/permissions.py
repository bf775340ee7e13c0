"""The access function for overrides under review."""

from __future__ import annotations

from uuid import UUID

from django.http import Http404

from navet.access.models import AccessOverride
from navet.core.models import Employee


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
