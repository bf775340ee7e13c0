"""The audit trail (sporingslogg): who saw or changed what, when, and why.

Append-only and tamper-evident: the rows form `CHAINS` hash chains side by side (ADR 0007);
each row carries a SHA-256 over its own content and the previous row's hash in its chain,
so changing, removing or reordering any row breaks its chain from that row on
(`manage.py audit_verify`). On PostgreSQL a trigger also refuses UPDATE and DELETE on the
table.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def about(self, person: models.Model) -> AuditEventQuerySet:
        """The events about one person (a `people.Person`; the audit app sits below the
        person register and names it only by its label)."""
        return self.filter(person_id=person.pk)

    def about_any(self, persons: models.QuerySet[Any]) -> AuditEventQuerySet:
        """The events about the persons of a queryset (read as a subquery)."""
        return self.filter(person_id__in=persons.values("pk"))

    def by_actor(self, actor_id: int) -> AuditEventQuerySet:
        return self.filter(actor_id=actor_id)

    def of_action(self, action: str) -> AuditEventQuerySet:
        return self.filter(action=action)

    def between(self, start: datetime | None, end: datetime | None) -> AuditEventQuerySet:
        """From `start` (inclusive) to `end` (exclusive); an open end where None."""
        found = self
        if start is not None:
            found = found.filter(occurred_at__gte=start)
        if end is not None:
            found = found.filter(occurred_at__lt=end)
        return found

    def newest_first(self) -> AuditEventQuerySet:
        return self.order_by("-id")


class AuditEvent(models.Model):
    id = models.BigAutoField(primary_key=True)
    # The chain the row is in. Along a chain ids grow, with gaps: the other chains' rows.
    chain = models.PositiveSmallIntegerField(default=0)
    occurred_at = models.DateTimeField(_("tidspunkt"))
    actor = models.ForeignKey(
        "core.Employee", null=True, on_delete=models.PROTECT, related_name="+"
    )
    # What the actor was called at the time, so the trail reads the same years later.
    actor_label = models.CharField(max_length=220)
    action = models.CharField(_("handling"), max_length=60)
    person = models.ForeignKey(
        "people.Person", null=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    reason = models.TextField(_("begrunnelse"), blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("hendelse i sporingsloggen")
        verbose_name_plural = _("sporingslogg")
        indexes = [
            models.Index(fields=["person", "-id"], name="audit_person_newest"),
            models.Index(fields=["actor", "-id"], name="audit_actor_newest"),
            models.Index(fields=["chain", "id"], name="audit_chain_order"),
        ]


class AuditHead(models.Model):
    """The end of one chain (one row per chain), moved with every append to that chain in
    the same transaction.

    `audit_verify` compares each with its chain's last row, so removing a chain's newest
    rows, or all of them, is found too. Anchor the heads outside the database (e.g. in the
    daily backup report) to catch someone who also rewrites these rows."""

    chain = models.PositiveSmallIntegerField(primary_key=True)
    last_id = models.BigIntegerField()
    last_hash = models.CharField(max_length=64)
