"""Access overrides (enkelttilgang): time-limited, reasoned, reviewed."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from navet.core.models import Employee


class ReviewStatus(models.TextChoices):
    PENDING = "pending", _("Venter på gjennomgang")
    ACCEPTED = "accepted", _("Godkjent")
    FLAGGED = "flagged", _("Flagget")


class AccessOverrideQuerySet(models.QuerySet["AccessOverride"]):
    def active(self) -> AccessOverrideQuerySet:
        return self.filter(expires_at__gt=timezone.now(), revoked_at__isnull=True)

    def for_review_by(self, leader: Employee) -> AccessOverrideQuerySet:
        """Overrides made by the leader's staff or on persons of the leader's offices,
        never the leader's own (nobody reviews themselves)."""
        offices = leader.office_ids()
        return (
            self.filter(Q(employee__offices__in=offices) | Q(person__office__in=offices))
            .exclude(employee=leader)
            .distinct()
        )

    def pending_first(self) -> AccessOverrideQuerySet:
        waiting = Case(When(review_status=ReviewStatus.PENDING, then=Value(0)), default=Value(1))
        return self.order_by(waiting, "-created_at")

    def pending(self) -> AccessOverrideQuerySet:
        return self.filter(review_status=ReviewStatus.PENDING)


class AccessOverride(models.Model):
    """An employee's time-limited access to one person outside their office."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    employee = models.ForeignKey(
        "core.Employee", on_delete=models.PROTECT, related_name="access_overrides"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="access_overrides"
    )
    reason = models.TextField(_("begrunnelse"))
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("utløper"))
    revoked_at = models.DateTimeField(null=True, blank=True)
    review_status = models.CharField(
        max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.PENDING
    )
    reviewed_by = models.ForeignKey(
        "core.Employee",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reviewed_overrides",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_comment = models.TextField(blank=True)

    objects = AccessOverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("enkelttilgang")
        verbose_name_plural = _("enkelttilganger")
        indexes = [models.Index(fields=["employee", "person", "expires_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_at__gt=F("created_at")),
                name="override_expires_after_created",
            ),
            models.CheckConstraint(
                condition=~Q(reviewed_by=F("employee")), name="override_not_self_reviewed"
            ),
        ]

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
