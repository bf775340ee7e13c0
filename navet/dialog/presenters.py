"""What a thread looks like to the person and to the office."""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.dialog.models import Message, Thread, ThreadState


def when(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def person_state(thread: Thread) -> tuple[str, str]:
    """The thread's state as the person reads it, and a tag colour."""
    if thread.state == ThreadState.WAITING_FOR_NAV:
        return _("Venter på svar fra Nav"), "info"
    if thread.state == ThreadState.WAITING_FOR_PERSON:
        return _("Nav har svart"), "success"
    return _("Avsluttet"), "neutral"


def office_state(thread: Thread) -> tuple[str, str]:
    variants = {
        ThreadState.WAITING_FOR_NAV: "warning",
        ThreadState.WAITING_FOR_PERSON: "info",
        ThreadState.DONE: "neutral",
    }
    return thread.get_state_display(), variants[ThreadState(thread.state)]


def person_messages(thread: Thread, messages: list[Message]) -> list[dict[str, Any]]:
    """The office is the sender of every staff message: never an employee's name or ident."""
    return [
        {
            "sender": _("Du") if message.from_person else thread.office.name,
            "mine": message.from_person,
            "when": when(message.sent_at),
            "body": message.body,
        }
        for message in messages
    ]


def office_messages(thread: Thread, messages: list[Message]) -> list[dict[str, Any]]:
    return [
        {
            "sender": thread.person.full_name
            if message.from_person
            else message.author.name
            if message.author
            else thread.office.name,
            "mine": not message.from_person,
            "when": when(message.sent_at),
            "body": message.body,
            "read": when(message.read_at) if message.read_at else "",
        }
        for message in messages
    ]
