"""The journal: notes of conversations, phone calls, home visits and other things the office
learned or did, written down as the duty to record information given orally requires.

A note is never deleted and never changed in place: a correction is a new version with its
reason, and every version is kept. A note is the person's to see on request; sharing it
puts it in the portal at once."""

from __future__ import annotations

import uuid
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Application
from navet.core.models import Employee, Office
from navet.people.models import Person


class NoteKind(models.TextChoices):
    CONVERSATION = "conversation", _("Samtale")
    PHONE = "phone", _("Telefonsamtale")
    HOME_VISIT = "home_visit", _("Hjemmebesøk")
    MINUTES = "minutes", _("Møtereferat")
    NOTE = "note", _("Notat")


class NoteDeletionRefused(Exception):
    """A journal note is never deleted; correct it with a new version."""


class JournalNoteQuerySet(models.QuerySet["JournalNote"]):
    def of_person(self, person: Person) -> JournalNoteQuerySet:
        return self.filter(person=person)

    def shared(self) -> JournalNoteQuerySet:
        return self.filter(shared_at__isnull=False)

    def newest_first(self) -> JournalNoteQuerySet:
        return self.order_by("-happened_on", "-created_at")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class JournalNote(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="journal_notes")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    application = models.ForeignKey(
        Application, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("type"), max_length=20, choices=NoteKind.choices)
    happened_on = models.DateField(_("dato"))
    title = models.CharField(_("tittel"), max_length=120)
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    shared_at = models.DateTimeField(_("delt med personen"), null=True, blank=True)
    shared_by = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The number of the newest version (the text is in JournalNoteVersion).
    version = models.PositiveIntegerField(default=1)

    objects = JournalNoteQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalnotat")
        indexes = [models.Index(fields=["person", "-happened_on"], name="journal_person_newest")]

    def __str__(self) -> str:
        return self.title

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class JournalNoteVersion(models.Model):
    note = models.ForeignKey(JournalNote, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    text = models.TextField(_("tekst"))
    # Why the text was corrected (empty for the first version).
    reason = models.TextField(_("begrunnelse for rettingen"), blank=True)
    written_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField()

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["note", "number"], name="journal_version_number"),
            models.CheckConstraint(
                condition=models.Q(number=1) | ~models.Q(reason=""),
                name="journal_correction_has_reason",
            ),
        ]

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise NoteDeletionRefused


class MeetingChannel(models.TextChoices):
    IN_PERSON = "in_person", _("Oppmøte")
    PHONE = "phone", _("Telefon")
    VIDEO = "video", _("Video")


class MeetingQuerySet(models.QuerySet["Meeting"]):
    def of_person(self, person: Person) -> MeetingQuerySet:
        return self.filter(person=person)

    def soonest_first(self) -> MeetingQuerySet:
        return self.order_by("starts_at", "id")


class Meeting(models.Model):
    """A meeting with the person: when, how (and where), who takes part and what about.
    The person sees it in the portal as an invitation; its minutes are a journal note,
    seen by the person only when shared."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="meetings")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    starts_at = models.DateTimeField(_("tidspunkt"))
    minutes_long = models.PositiveSmallIntegerField(_("varighet i minutter"), default=60)
    channel = models.CharField(_("møteform"), max_length=12, choices=MeetingChannel.choices)
    place = models.CharField(_("sted eller lenke"), max_length=255, blank=True)
    participants = models.CharField(_("deltakere"), max_length=500, blank=True)
    agenda = models.TextField(_("hva møtet skal handle om"))
    created_by = models.ForeignKey(Employee, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    minutes = models.OneToOneField(
        JournalNote, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting"
    )

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("møte")
        indexes = [models.Index(fields=["person", "starts_at"], name="meeting_person_time")]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"
