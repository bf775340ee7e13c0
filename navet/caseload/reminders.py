"""Meeting reminders: a day before a meeting (NAVET_MEETING_REMINDER_HOURS), a notice by
SMS and e-mail that there is a meeting and when – never its topic or place – through the
dialog's outbox, to where the person gets notices of messages. A meeting planned closer
than that is reminded at once; a cancelled or moved meeting's unsent reminder is
cancelled (a moved one is planned again)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction

from navet.dialog.actions import notice_addresses
from navet.dialog.models import NoticeKind, Notification
from navet.followup.models import Meeting


def _source(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}"


@transaction.atomic
def plan_meeting_reminders(now: datetime) -> int:
    """Plan the reminders of the meetings in the coming window that have none; cancel the
    unsent ones whose meeting was cancelled or moved. Returns how many were planned."""
    hours = settings.NAVET_MEETING_REMINDER_HOURS
    unsent = Notification.objects.filter(
        kind=NoticeKind.MEETING, sent_at__isnull=True, cancelled_at__isnull=True
    )
    meetings = {
        _source(m): m
        for m in Meeting.objects.filter(
            pk__in=[s.removeprefix("meeting:") for s in unsent.values_list("source", flat=True)]
        )
    }
    for notice in unsent:
        meeting = meetings.get(notice.source)
        if (
            meeting is None
            or meeting.cancelled_at is not None
            or meeting.starts_at != notice.about_at
        ):
            Notification.objects.filter(pk=notice.pk).update(cancelled_at=now)
    coming = list(
        Meeting.objects.filter(
            cancelled_at__isnull=True,
            starts_at__gt=now,
            starts_at__lte=now + timedelta(hours=hours),
        )
        .select_related("person")
        .order_by("starts_at")
    )
    reminded = set(
        Notification.objects.filter(
            kind=NoticeKind.MEETING, source__in=[_source(m) for m in coming]
        )
        .exclude(cancelled_at__isnull=False, sent_at__isnull=True)
        .values_list("source", "about_at")
    )
    notices = [
        Notification(
            person=meeting.person,
            kind=NoticeKind.MEETING,
            source=_source(meeting),
            about_at=meeting.starts_at,
            channel=channel,
            address=address,
            due_at=max(now, meeting.starts_at - timedelta(hours=hours)),
        )
        for meeting in coming
        if (_source(meeting), meeting.starts_at) not in reminded
        for channel, address in notice_addresses(meeting.person)
    ]
    # Another planner may have planned the same reminder a moment ago: the unique index
    # keeps one, and this insert skips it.
    Notification.objects.bulk_create(notices, ignore_conflicts=True)
    return len(notices)
