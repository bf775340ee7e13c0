"""Sending the notices of new messages that are due: each once, by SMS or e-mail, saying only
that there is a new message. A message read before its notice is due is never notified
(navet.dialog.actions.person_reads cancels it)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from navet.dialog.models import Channel, Notification
from navet.dialog.sms import get_backend
from navet.people.models import WrittenLanguage


@dataclass
class Sent:
    sent: int = 0
    failed: int = 0


def notice_text(language: str) -> tuple[str, str]:
    """The subject and text of a notice, in the person's written language."""
    with translation.override(language):
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
            .filter(message__read_at__isnull=True)
            .select_related("message__thread__person")
            .select_for_update(skip_locked=True, of=("self",))
            .order_by("due_at", "id")[:limit]
        )
        Notification.objects.filter(pk__in=[n.pk for n in due]).update(sent_at=now)
        # Due, but the message was read in the meantime: never sent.
        Notification.objects.due(now).filter(message__read_at__isnull=False).update(
            cancelled_at=now
        )
    result = Sent()
    sms = get_backend()
    for notice in due:
        subject, text = notice_text(_language(notice.message.thread.person.written_language))
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
