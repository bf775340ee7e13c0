"""Messages between the person and the office: the person writes in the portal, the office
reads and answers in its inbox, the person sees the office (never the employee) as sender,
and a notice says only that there is a message, once, and not if it was read first."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.dialog import actions
from navet.dialog.models import Message, Notification, NotificationContact, Thread, ThreadState
from navet.dialog.notices import send_due
from navet.dialog.sms import MemoryBackend
from navet.people.models import AddressProtection
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_application

SMS = "navet.dialog.sms.MemoryBackend"
SECRET = "Jeg har fått jobb fra mandag"


@pytest.fixture(autouse=True)
def _outbox() -> None:
    MemoryBackend.outbox.clear()


def _person_writes(world: World, body: str = SECRET) -> Thread:
    application = make_application(person=world.citizen_oslo, caseworker=world.caseworker_oslo)
    response = citizen_client(world.citizen_oslo).post(
        "/min-side/meldinger/ny/",
        {"subject": "Ny jobb", "application": str(application.pk), "body": body},
    )
    assert response.status_code == 302
    return Thread.objects.get()


def test_the_person_writes_and_the_office_finds_it_unread_in_its_inbox(world: World) -> None:
    thread = _person_writes(world)
    assert thread.state == ThreadState.WAITING_FOR_NAV
    assert thread.caseworker == world.caseworker_oslo
    client = client_for(world.caseworker_oslo)
    inbox = client.get("/meldinger/?hvem=mine&liste=ulest").content.decode()
    assert "Ny jobb" in inbox and world.citizen_oslo.full_name in inbox
    # On the application too.
    application_page = client.get(f"/soknader/{thread.application_id}/").content.decode()
    assert "Ny jobb" in application_page
    # Opening it reads it.
    assert SECRET in client.get(f"/meldinger/{thread.pk}/").content.decode()
    assert "Ny jobb" not in client.get("/meldinger/?hvem=mine&liste=ulest").content.decode()
    # Another office's caseworker does not see it at all.
    assert client_for(world.caseworker_bergen).get(f"/meldinger/{thread.pk}/").status_code == 404
    assert (
        "Ny jobb"
        not in client_for(world.caseworker_bergen)
        .get("/meldinger/?hvem=kontoret&liste=venter-nav")
        .content.decode()
    )


@override_settings(SMS_BACKEND=SMS, NOTIFICATION_DELAY_SECONDS=600)
def test_the_answer_comes_from_the_office_and_the_notice_says_nothing_of_it(
    world: World,
) -> None:
    world.citizen_oslo.phone = "41234567"
    world.citizen_oslo.email = "kari@example.no"
    world.citizen_oslo.save()
    thread = _person_writes(world)
    answer = "Takk, vi ser på det og setter ned stønaden fra neste måned."
    response = client_for(world.caseworker_oslo).post(
        f"/meldinger/{thread.pk}/svar/", {"body": answer}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.state == ThreadState.WAITING_FOR_PERSON
    assert Notification.objects.count() == 2  # SMS and e-mail
    # Not before the delay.
    assert send_due(timezone.now()).sent == 0
    later = timezone.now() + timedelta(seconds=601)
    assert send_due(later).sent == 2
    assert send_due(later).sent == 0  # once
    ((to, text),) = MemoryBackend.outbox
    assert to == "41234567"
    assert "ny melding" in text and "stønaden" not in text and "Takk" not in text
    (email,) = mail.outbox
    assert email.to == ["kari@example.no"]
    assert "stønaden" not in email.body and "Ny jobb" not in email.subject
    # The person sees the office as sender, never the employee.
    page = citizen_client(world.citizen_oslo).get(f"/min-side/meldinger/{thread.pk}/")
    text = page.content.decode()
    assert answer in text and world.oslo.name in text
    assert world.caseworker_oslo.name not in text
    assert world.caseworker_oslo.nav_ident not in text


@override_settings(SMS_BACKEND=SMS, NOTIFICATION_DELAY_SECONDS=600)
def test_a_message_read_before_its_notice_is_due_is_never_notified(world: World) -> None:
    world.citizen_oslo.phone = "41234567"
    world.citizen_oslo.save()
    thread = _person_writes(world)
    actions.office_replies(thread=thread, employee=world.caseworker_oslo, body="Svar", done=False)
    citizen_client(world.citizen_oslo).get(f"/min-side/meldinger/{thread.pk}/")
    assert send_due(timezone.now() + timedelta(hours=1)).sent == 0
    assert MemoryBackend.outbox == []
    assert Notification.objects.filter(cancelled_at__isnull=False).count() == 1


@override_settings(SMS_BACKEND=SMS, NOTIFICATION_DELAY_SECONDS=0)
def test_a_protected_persons_notices_go_only_where_the_person_asked(world: World) -> None:
    person = world.fortrolig_oslo
    assert person.address_protection != AddressProtection.NONE
    person.phone = "41234567"
    person.save()
    thread = actions.office_writes(
        employee=world.caseworker_confidential,
        person=person,
        subject="Time",
        body="Kan du komme tirsdag?",
        application=None,
    )
    assert not Notification.objects.exists()  # nothing registered by the person
    NotificationContact.objects.create(person=person, phone="99887766")
    actions.office_replies(
        thread=thread, employee=world.caseworker_confidential, body="Hei", done=False
    )
    send_due(timezone.now() + timedelta(seconds=1))
    assert [to for to, _text in MemoryBackend.outbox] == ["99887766"]


def test_the_person_registers_where_notices_go_with_a_norwegian_number(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    refused = client.post("/min-side/varsler/", {"phone": "12 34", "email": ""})
    assert refused.status_code == 400
    assert "8 til 15 siffer" in refused.content.decode()
    assert not NotificationContact.objects.exists()
    assert (
        client.post("/min-side/varsler/", {"phone": "412 34 567", "email": ""}).status_code == 302
    )
    assert NotificationContact.objects.get().phone == "41234567"


def test_an_empty_message_is_refused_and_nothing_is_sent(world: World) -> None:
    response = citizen_client(world.citizen_oslo).post(
        "/min-side/meldinger/ny/", {"subject": "", "body": ""}
    )
    assert response.status_code == 400
    assert not Thread.objects.exists()


def test_the_person_replies_and_the_thread_waits_for_nav_again(world: World) -> None:
    thread = _person_writes(world)
    actions.office_replies(thread=thread, employee=world.caseworker_oslo, body="Svar", done=True)
    client = citizen_client(world.citizen_oslo)
    assert (
        client.post(f"/min-side/meldinger/{thread.pk}/svar/", {"body": "Takk!"}).status_code == 302
    )
    thread.refresh_from_db()
    assert thread.state == ThreadState.WAITING_FOR_NAV
    assert Message.objects.filter(thread=thread).count() == 3
    actors = set(
        AuditEvent.objects.of_action(AuditAction.CITIZEN_SENT_MESSAGE).values_list(
            "actor_label", flat=True
        )
    )
    assert actors == {"citizen"}


def test_another_person_gets_404_on_the_thread(world: World) -> None:
    thread = _person_writes(world)
    other = citizen_client(world.citizen_bergen)
    assert other.get(f"/min-side/meldinger/{thread.pk}/").status_code == 404
    assert other.post(f"/min-side/meldinger/{thread.pk}/svar/", {"body": "x"}).status_code == 404
