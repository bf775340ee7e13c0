"""State changes for API tokens: create and revoke, each with its audit event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from navet.api.models import PREFIX_LENGTH, ApiToken, hash_token
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee


@dataclass(frozen=True)
class NewToken:
    token: ApiToken
    secret: str  # shown once, never stored


@transaction.atomic
def create_api_token(*, employee: Employee, name: str, days: int) -> NewToken:
    secret = ApiToken.new_secret()
    token = ApiToken.objects.create(
        employee=employee,
        name=name,
        prefix=secret[:PREFIX_LENGTH],
        token_hash=hash_token(secret),
        expires_at=timezone.now() + timedelta(days=days),
    )
    trail.record(
        actor=employee,
        action=AuditAction.API_TOKEN_CREATED,
        target=token,
        data={"name": token.name, "days": days},
    )
    return NewToken(token=token, secret=secret)


@transaction.atomic
def revoke_api_token(*, token: ApiToken, actor: Employee | None) -> bool:
    """Revoke one token at once; False when it was already revoked. `actor` None is the
    operator at the command line."""
    revoked = ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
    if revoked:
        trail.record(
            actor=actor,
            action=AuditAction.API_TOKEN_REVOKED,
            target=token,
            data={"name": token.name, "prefix": token.prefix, "employee": token.employee_id},
        )
    return bool(revoked)
