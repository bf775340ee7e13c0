"""Tokens for machine clients of the API. Only a hash of the token is stored; the token
acts as the employee it belongs to, with exactly that employee's access."""

from __future__ import annotations

import hashlib
import secrets

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from navet.core.models import Employee

# "navet_" and 8 random characters: enough to tell tokens apart on the administrator's
# page and to revoke one by it (tokens made before kept their 8-character prefix).
PREFIX_LENGTH = 14


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def active(self) -> ApiTokenQuerySet:
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())

    def usable(self) -> ApiTokenQuerySet:
        """Active, and its employee can still log in and still holds a role that works
        with persons: a token stops working the moment either is taken away."""
        return self.active().filter(
            Q(employee__is_caseworker=True) | Q(employee__is_leader=True),
            employee__user__is_active=True,
        )

    def newest_first(self) -> ApiTokenQuerySet:
        return self.order_by("-created_at", "-pk")


class ApiToken(models.Model):
    employee = models.ForeignKey(Employee, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("navn"), max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API-nøkkel")
        verbose_name_plural = _("API-nøkler")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @staticmethod
    def new_secret() -> str:
        return f"navet_{secrets.token_urlsafe(32)}"
