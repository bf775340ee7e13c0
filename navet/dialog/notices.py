"""Sending the notices that are due: each once, by SMS or e-mail, saying only that there is
a new message, or that there is a meeting and when (never its topic or place). A message
read before its notice is due is never notified (navet.dialog.actions.person_reads
cancels it); a meeting reminder is planned and cancelled by navet.caseload.reminders."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.dialog.models import Channel, NoticeKind, Notification
from navet.dialog.sms import get_backend
from navet.people.models import WrittenLanguage


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0


def notice_text(language: str, notice: Notification | None = None) -> tuple[str, str]:
    """The subject and text of a notice, in the person's written language."""
    with translation.override(language):
        if notice is not None and notice.kind == NoticeKind.MEETING:
            assert notice.about_at is not None
            when = timezone.localtime(notice.about_at)
            return _("Påminnelse om møte med Nav"), _(
                "Du har et møte med Nav-kontoret ditt %(day)s klokka %(time)s. Logg inn på "
                "Min side for å se mer: %(url)s"
            ) % {
                "day": date_format(when, "SHORT_DATE_FORMAT"),
                "time": date_format(when, "H:i"),
                "url": settings.CITIZEN_PORTAL_URL,
            }
        subject = _("Ny melding fra Nav")
        text = _(
            "Du har fått en ny melding fra Nav-kontoret ditt. Logg inn på Min side for å "
            "lese den: %(url)s"
        ) % {"url": settings.CITIZEN_PORTAL_URL}
    return subject, text


def _language(code: str) -> str:
    return "nn" if code == WrittenLanguage.NYNORSK else "nb"


def send_due(now: datetime, limit: int = 500) -> Sent:
    """Claim the due notices (each by one sender only, even with several at once), then
    send them. A notice is marked sent before it goes: at most once, never twice."""
    with transaction.atomic():
        due = list(
            Notification.objects.due(now)
            .filter(Q(message__isnull=True) | Q(message__read_at__isnull=True))
            .exclude(kind=NoticeKind.MEETING, about_at__lte=now)
            .select_related("person")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("due_at", "id")[:limit]
        )
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(sent_at=now)
        # A reminder of a meeting that has begun (the sender was down): too late, never sent.
        Notification.objects.due(now).filter(kind=NoticeKind.MEETING, about_at__lte=now).update(
            cancelled_at=now
        )
        # Due, but the message was read in the meantime: never sent.
        Notification.objects.due(now).filter(message__read_at__isnull=False).update(
            cancelled_at=now
        )
    result = Sent()
    sms = get_backend()
    for notice in due:
        subject, text = notice_text(_language(notice.person.written_language), notice)
        try:
            if notice.channel == Channel.SMS:
                sms.send(to=notice.address, text=text)
            else:
                send_mail(subject, text, None, [notice.address])
        except Exception as error:
            Notification.objects.filter(pk=notice.pk).update(failure=type(error).__name__[:200])
            result.failed += 1
        else:
            result.sent += 1
    return result
