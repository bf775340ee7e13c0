from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.core.tables import Cell
from navet.followup.models import ENDED, ActivityStatus, JournalNote, JournalNoteVersion


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


# --- the plan ---------------------------------------------------------------------------

STATUS_VARIANTS = {
    "proposed": "neutral",
    "planned": "info",
    "ongoing": "warning",
    "done": "success",
    "cancelled": "neutral",
}


def author_label(author: str, employee: Any, *, for_person: bool) -> str:
    """Who made a change: the citizen sees "Nav" for any staff or system change and "Du"
    for their own; staff see the employee's name."""
    if author == "person":
        return _("Du") if for_person else _("Personen")
    if for_person:
        return _("Nav")
    return employee.name if employee is not None else _("Navet (fra vedtaket)")


def change_text(version: Any) -> str:
    if version.change == "status":
        return _("Flyttet fra «%(old)s» til «%(new)s»") % {
            "old": ActivityStatus(version.previous_status).label,
            "new": version.get_status_display(),
        }
    return str(version.get_change_display())


def history_items(versions: list[Any], *, for_person: bool) -> list[dict[str, Any]]:
    return [
        {
            "what": change_text(v),
            "by": author_label(v.author, v.employee, for_person=for_person),
            "when": moment(v.at),
            "reason": v.end_reason if v.change == "status" else "",
        }
        for v in reversed(versions)
    ]


def condition_state(condition: Any) -> str:
    """Where a condition stands by its latest follow-up (prefetched as `follow_ups`)."""
    follow_ups = list(condition.follow_ups.all())
    if not follow_ups:
        return _("Ikke fulgt opp ennå")
    latest = follow_ups[-1]
    return _("%(result)s (vurdert %(day)s)") % {
        "result": latest.get_result_display(),
        "day": day(latest.assessed_on),
    }


def activity_card(activity: Any) -> dict[str, Any]:
    """What both audiences see of an activity in a list."""
    details: list[tuple[str, Any]] = [(_("Type"), activity.get_kind_display())]
    if activity.from_date:
        details.append((_("Fra"), day(activity.from_date)))
    if activity.to_date:
        details.append((_("Frist"), day(activity.to_date)))
    if activity.condition_id:
        details.append((_("Følge hvis vilkåret ikke oppfylles"), activity.condition.consequence))
        details.append((_("Oppfølging"), condition_state(activity.condition)))
    return {
        "id": activity.pk,
        "title": activity.title,
        "status": activity.get_status_display(),
        "variant": STATUS_VARIANTS[activity.status],
        "agreed": activity.is_agreed,
        "overdue": bool(
            activity.to_date
            and activity.to_date < timezone.localdate()
            and activity.status not in ENDED
        ),
        "details": details,
    }
