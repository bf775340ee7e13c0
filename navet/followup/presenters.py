from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.core.tables import Cell
from navet.followup.models import JournalNote, JournalNoteVersion


def day(value: Any) -> str:
    return date_format(value, "SHORT_DATE_FORMAT")


def moment(value: Any) -> str:
    return date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


def note_rows(notes: list[JournalNote]) -> list[list[Any]]:
    return [
        [
            day(note.happened_on),
            Cell(note.title, href=reverse("journal:note", args=[note.pk])),
            note.get_kind_display(),
            note.created_by.name,
            moment(note.shared_at) if note.shared_at else _("Nei"),
        ]
        for note in notes
    ]


def version_items(version: JournalNoteVersion) -> dict[str, Any]:
    return {
        "number": version.number,
        "by": version.written_by.name,
        "when": moment(version.written_at),
        "text": version.text,
        "reason": version.reason,
    }


def meeting_state(meeting: Any) -> str:
    if meeting.cancelled_at is not None:
        return _("Avlyst")
    if meeting.starts_at > timezone.now():
        return _("Kommende")
    return _("Holdt, med referat") if meeting.minutes_id else _("Holdt, uten referat")
