"""Meeting reminders: a day before, by SMS and e-mail, saying only that there is a meeting
and when (no topic, no place); once; cancelled with the meeting; planned again when it
moves; for a protected address only where the person asked."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from navet.caseload.reminders import plan_meeting_reminders
from navet.dialog.models import NoticeKind, Notification
from navet.dialog.notices import send_due
from navet.dialog.sms import MemoryBackend
from navet.followup import actions
from navet.followup.models import Meeting
from tests.conftest import World

SMS = "navet.dialog.sms.MemoryBackend"
AGENDA = "Gjelden til Lindorff og rusbehandlingen"
PLACE = "Nav Grünerløkka, møterom 3"


def _meeting(world: World, hours: float, person=None) -> Meeting:  # type: ignore[no-untyped-def]
    return actions.plan_meeting(
        person=person or world.citizen_oslo,
        employee=world.caseworker_oslo,
        starts_at=timezone.now() + timedelta(hours=hours),
        minutes_long=45,
        channel="in_person",
        place=PLACE,
        participants="Personen og veilederen",
        agenda=AGENDA,
    )


@override_settings(SMS_BACKEND=SMS, NAVET_MEETING_REMINDER_HOURS=24)
def test_a_reminder_says_there_is_a_meeting_and_when_and_nothing_more(world: World) -> None:
    MemoryBackend.outbox.clear()
    world.citizen_oslo.phone = "41234567"
    world.citizen_oslo.email = "kari@example.no"
    world.citizen_oslo.save()
    meeting = _meeting(world, hours=30)
    now = timezone.now()
    assert plan_meeting_reminders(now) == 0  # more than a day ahead
    later = now + timedelta(hours=7)
    assert plan_meeting_reminders(later) == 2  # SMS and e-mail
    assert plan_meeting_reminders(later) == 0  # planned once
    assert send_due(later).sent == 2
    assert send_due(later + timedelta(minutes=1)).sent == 0  # sent once
    ((to, text),) = MemoryBackend.outbox
    when = timezone.localtime(meeting.starts_at)
    assert to == "41234567" and "møte" in text
    assert when.strftime("%d.%m.%Y") in text and when.strftime("%H:%M") in text
    (email,) = mail.outbox
    for sent in (text, email.body, email.subject):
        assert AGENDA not in sent and PLACE not in sent and "Lindorff" not in sent


@override_settings(SMS_BACKEND=SMS)
def test_a_cancelled_meeting_is_not_reminded_and_a_moved_one_is_reminded_anew(
    world: World,
) -> None:
    MemoryBackend.outbox.clear()
    world.citizen_oslo.phone = "41234567"
    world.citizen_oslo.save()
    cancelled = _meeting(world, hours=3)
    moved = _meeting(world, hours=5)
    now = timezone.now()
    assert plan_meeting_reminders(now) == 2
    actions.cancel_meeting(meeting=cancelled, employee=world.caseworker_oslo, reason="Syk")
    Meeting.objects.filter(pk=moved.pk).update(starts_at=moved.starts_at + timedelta(hours=1))
    assert plan_meeting_reminders(now) == 1  # the moved meeting, at its new time
    assert send_due(now).sent == 1
    notices = Notification.objects.filter(kind=NoticeKind.MEETING)
    assert notices.filter(cancelled_at__isnull=False).count() == 2
    sent = notices.get(sent_at__isnull=False)
    assert sent.about_at == Meeting.objects.get(pk=moved.pk).starts_at


@override_settings(SMS_BACKEND=SMS)
def test_a_protected_persons_reminder_goes_only_where_the_person_asked(world: World) -> None:
    person = world.fortrolig_oslo
    person.phone = "41234567"
    person.save()
    _meeting(world, hours=2, person=person)
    out = StringIO()
    call_command("send_notifications", stdout=out)
    assert "Meeting reminders planned: 0." in out.getvalue()
    assert not Notification.objects.exists()


@override_settings(SMS_BACKEND=SMS)
def test_a_reminder_too_late_is_never_sent_and_one_is_planned_once(world: World) -> None:
    MemoryBackend.outbox.clear()
    world.citizen_oslo.phone = "41234567"
    world.citizen_oslo.save()
    meeting = _meeting(world, hours=2)
    now = timezone.now()
    assert plan_meeting_reminders(now) == 1
    plan_meeting_reminders(now)  # a second planner at the same moment
    assert Notification.objects.filter(kind=NoticeKind.MEETING).count() == 1
    # The sender was down until after the meeting began: the reminder is dropped.
    assert send_due(meeting.starts_at + timedelta(minutes=5)).sent == 0
    assert MemoryBackend.outbox == []
    assert Notification.objects.get().cancelled_at is not None
