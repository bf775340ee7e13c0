"""The dialog's state changes, each in a transaction with its audit event."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from navet.applications.models import Application
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.dialog.models import (
    Channel,
    Message,
    Notification,
    NotificationContact,
    Thread,
    ThreadState,
)
from navet.people.models import AddressProtection, Person


def _citizen_record(action: AuditAction, person: Person, target: Any) -> None:
    trail.record(
        actor=None, actor_label=trail.CITIZEN_ACTOR, action=action, person=person, target=target
    )


def _add(thread: Thread, *, body: str, author: Employee | None, now: datetime) -> Message:
    message = Message.objects.create(
        thread=thread, from_person=author is None, author=author, body=body, sent_at=now
    )
    thread.last_message_at = now
    return message


# ---------------------------------------------------------------------------------------
# The person (in the portal)
# ---------------------------------------------------------------------------------------


@transaction.atomic
def person_starts_thread(
    *, person: Person, subject: str, body: str, application: Application | None
) -> Thread:
    now = timezone.now()
    office = application.office if application is not None else person.office
    caseworker = application.caseworker if application is not None else person.caseworker
    thread = Thread.objects.create(
        person=person,
        office=office,
        caseworker=caseworker,
        application=application,
        subject=subject,
        state=ThreadState.WAITING_FOR_NAV,
        created_at=now,
        last_message_at=now,
    )
    message = _add(thread, body=body, author=None, now=now)
    _citizen_record(AuditAction.CITIZEN_SENT_MESSAGE, person, message)
    return thread


@transaction.atomic
def person_replies(*, thread: Thread, body: str) -> Message:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    now = timezone.now()
    message = _add(thread, body=body, author=None, now=now)
    thread.state = ThreadState.WAITING_FOR_NAV
    thread.save(update_fields=["state", "last_message_at"])
    _citizen_record(AuditAction.CITIZEN_SENT_MESSAGE, thread.person, message)
    return message


@transaction.atomic
def person_reads(*, thread: Thread) -> int:
    """The person opened the thread: the office's messages are read, and their notices not
    yet sent are not sent at all."""
    now = timezone.now()
    unread = Message.objects.filter(thread=thread, from_person=False, read_at__isnull=True)
    ids = list(unread.values_list("pk", flat=True))
    if ids:
        Message.objects.filter(pk__in=ids).update(read_at=now)
        Notification.objects.filter(
            message_id__in=ids, sent_at__isnull=True, cancelled_at__isnull=True
        ).update(cancelled_at=now)
    _citizen_record(AuditAction.CITIZEN_READ_MESSAGES, thread.person, thread)
    return len(ids)


@transaction.atomic
def set_notification_contact(*, person: Person, phone: str, email: str) -> NotificationContact:
    contact, _created = NotificationContact.objects.update_or_create(
        person=person, defaults={"phone": phone, "email": email}
    )
    _citizen_record(AuditAction.CITIZEN_NOTIFICATION_CONTACT_CHANGED, person, person)
    return contact


# ---------------------------------------------------------------------------------------
# The office
# ---------------------------------------------------------------------------------------


def notice_addresses(person: Person) -> list[tuple[str, str]]:
    """Where notices of new messages go: what the person registered in the portal; without
    such a registration, the contact details the office holds, except for a person with a
    protected address, whose notices go only where the person has asked."""
    contact = NotificationContact.objects.filter(person=person).first()
    if contact is not None:
        phone, email = contact.phone, contact.email
    elif person.address_protection != AddressProtection.NONE:
        return []
    else:
        phone, email = person.phone, person.email
    found = []
    if phone:
        found.append((Channel.SMS.value, phone))
    if email:
        found.append((Channel.EMAIL.value, email))
    return found


def _plan_notices(message: Message, person: Person, now: datetime) -> None:
    due = now + timedelta(seconds=settings.NOTIFICATION_DELAY_SECONDS)
    Notification.objects.bulk_create(
        Notification(person=person, message=message, channel=channel, address=address, due_at=due)
        for channel, address in notice_addresses(person)
    )


@transaction.atomic
def office_writes(
    *,
    employee: Employee,
    person: Person,
    subject: str,
    body: str,
    application: Application | None,
) -> Thread:
    """The office starts a thread with the person."""
    now = timezone.now()
    thread = Thread.objects.create(
        person=person,
        office=application.office if application is not None else person.office,
        caseworker=employee,
        application=application,
        subject=subject,
        state=ThreadState.WAITING_FOR_PERSON,
        created_at=now,
        last_message_at=now,
    )
    message = _add(thread, body=body, author=employee, now=now)
    _plan_notices(message, person, now)
    trail.record(actor=employee, action=AuditAction.MESSAGE_SENT, person=person, target=message)
    return thread


@transaction.atomic
def office_replies(*, thread: Thread, employee: Employee, body: str, done: bool) -> Message:
    thread = Thread.objects.select_for_update().select_related("person").get(pk=thread.pk)
    now = timezone.now()
    message = _add(thread, body=body, author=employee, now=now)
    thread.state = ThreadState.DONE if done else ThreadState.WAITING_FOR_PERSON
    if thread.caseworker_id is None:
        thread.caseworker = employee
    thread.save(update_fields=["state", "last_message_at", "caseworker"])
    # Answering is reading: what the person wrote before is read by the office now.
    Message.objects.filter(thread=thread, from_person=True, read_at__isnull=True).update(
        read_at=now
    )
    _plan_notices(message, thread.person, now)
    trail.record(
        actor=employee, action=AuditAction.MESSAGE_SENT, person=thread.person, target=message
    )
    return message


@transaction.atomic
def office_reads(*, thread: Thread, employee: Employee) -> int:
    now = timezone.now()
    return Message.objects.filter(thread=thread, from_person=True, read_at__isnull=True).update(
        read_at=now
    )


@transaction.atomic
def set_state(*, thread: Thread, employee: Employee, state: str) -> None:
    thread = Thread.objects.select_for_update().get(pk=thread.pk)
    before = thread.state
    thread.state = state
    thread.save(update_fields=["state"])
    trail.record(
        actor=employee,
        action=AuditAction.MESSAGE_THREAD_STATE_CHANGED,
        person=thread.person,
        target=thread,
        data={"from": before, "to": state},
    )
