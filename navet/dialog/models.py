"""Threads of messages between a person and their Nav office.

The office is the sender of every staff message the person sees; the employee is kept for
the office's own record. A notification says only that there is a new message, never what
it says, and is not sent if the message was read first."""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from navet.applications.models import Application
from navet.core.models import Employee, Office
from navet.people.models import Person


class ThreadState(models.TextChoices):
    WAITING_FOR_NAV = "waiting_for_nav", _("Venter på svar fra Nav")
    WAITING_FOR_PERSON = "waiting_for_person", _("Venter på svar fra bruker")
    DONE = "done", _("Ferdig behandlet")


class ThreadQuerySet(models.QuerySet["Thread"]):
    def of_person(self, person: Person) -> ThreadQuerySet:
        return self.filter(person=person)

    def of_offices(self, office_ids: list[int]) -> ThreadQuerySet:
        return self.filter(office_id__in=office_ids)

    def of_caseworker(self, employee: Employee) -> ThreadQuerySet:
        return self.filter(caseworker=employee)

    def in_state(self, state: str) -> ThreadQuerySet:
        return self.filter(state=state)

    def unread_by_office(self) -> ThreadQuerySet:
        """With a message from the person the office has not opened."""
        return self.filter(
            Exists(
                Message.objects.filter(
                    thread=OuterRef("pk"), from_person=True, read_at__isnull=True
                )
            )
        )

    def with_unread_for_person(self) -> ThreadQuerySet:
        return self.annotate(
            unread_for_person=Exists(
                Message.objects.filter(
                    thread=OuterRef("pk"), from_person=False, read_at__isnull=True
                )
            )
        )

    def with_unread_for_office(self) -> ThreadQuerySet:
        return self.annotate(
            unread_for_office=Exists(
                Message.objects.filter(
                    thread=OuterRef("pk"), from_person=True, read_at__isnull=True
                )
            )
        )

    def oldest_waiting_first(self) -> ThreadQuerySet:
        return self.order_by("last_message_at", "id")

    def newest_first(self) -> ThreadQuerySet:
        return self.order_by("-last_message_at", "-id")


class Thread(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="threads")
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="threads")
    caseworker = models.ForeignKey(
        Employee, on_delete=models.SET_NULL, null=True, blank=True, related_name="threads"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="threads"
    )
    subject = models.CharField(_("emne"), max_length=120)
    state = models.CharField(
        _("status"),
        max_length=20,
        choices=ThreadState.choices,
        default=ThreadState.WAITING_FOR_NAV,
    )
    created_at = models.DateTimeField()
    last_message_at = models.DateTimeField()

    objects = ThreadQuerySet.as_manager()

    class Meta:
        verbose_name = _("meldingstråd")
        indexes = [
            models.Index(fields=["office", "state", "last_message_at"], name="thread_office_state"),
            models.Index(fields=["caseworker", "state", "last_message_at"], name="thread_cw_state"),
            models.Index(fields=["person", "-last_message_at"], name="thread_person_newest"),
        ]

    def __str__(self) -> str:
        return self.subject


class Message(models.Model):
    thread = models.ForeignKey(Thread, on_delete=models.PROTECT, related_name="messages")
    from_person = models.BooleanField()
    # The employee who wrote it (None when the person did): the office's record, never
    # shown to the person.
    author = models.ForeignKey(
        Employee, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("melding"))
    sent_at = models.DateTimeField()
    # When the other side first opened it.
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(
                fields=["thread", "from_person"],
                condition=Q(read_at__isnull=True),
                name="message_unread",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(from_person=True, author__isnull=True)
                | Q(from_person=False, author__isnull=False),
                name="message_author_is_staff",
            )
        ]

    def __str__(self) -> str:
        return f"{self.thread_id} {self.sent_at:%Y-%m-%d %H:%M}"


class Channel(models.TextChoices):
    SMS = "sms", _("SMS")
    EMAIL = "email", _("E-post")


class NotificationQuerySet(models.QuerySet["Notification"]):
    def due(self, now: object) -> NotificationQuerySet:
        return self.filter(due_at__lte=now, sent_at__isnull=True, cancelled_at__isnull=True)


class NoticeKind(models.TextChoices):
    MESSAGE = "message", _("Ny melding")
    MEETING = "meeting", _("Påminnelse om møte")


class Notification(models.Model):
    """One notice to the person by one channel, sent when due: that there is a new message
    (after a delay), or a reminder that there is a meeting and when (a day before). It
    never says what a message says, nor a meeting's topic or place."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=10, choices=NoticeKind.choices, default=NoticeKind.MESSAGE)
    message = models.ForeignKey(
        Message, on_delete=models.PROTECT, null=True, blank=True, related_name="notifications"
    )
    # A reminder's meeting, by id (the meeting lives in navet.followup), and its time.
    source = models.CharField(max_length=60, blank=True)
    about_at = models.DateTimeField(null=True, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    # Where it goes: a phone number or an e-mail address, as known when it was planned.
    address = models.CharField(max_length=254)
    due_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    failure = models.CharField(max_length=200, blank=True)

    objects = NotificationQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["due_at"],
                condition=Q(sent_at__isnull=True, cancelled_at__isnull=True),
                name="notification_due",
            ),
            models.Index(fields=["source"], condition=~Q(source=""), name="notification_source"),
        ]
        constraints = [
            # One live reminder per meeting time and channel, however many planners run.
            models.UniqueConstraint(
                fields=["source", "about_at", "channel"],
                condition=Q(kind="meeting", cancelled_at__isnull=True),
                name="notification_one_reminder",
            ),
            models.CheckConstraint(
                condition=Q(kind="message", message__isnull=False)
                | Q(kind="meeting", message__isnull=True, about_at__isnull=False) & ~Q(source=""),
                name="notification_has_its_subject",
            ),
        ]


class NotificationContact(models.Model):
    """Where the person has asked, in the portal, to be told of new messages. For a person
    with a protected address this is the only place notices go."""

    person = models.OneToOneField(
        Person, on_delete=models.CASCADE, related_name="notification_contact"
    )
    phone = models.CharField(_("mobilnummer"), max_length=20, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
