"""The application's event history for Nav's innsyn (digisos-soker.json).

Events are appended by the actions in the same transaction as the change they report, so
the history is the casework as it happened (reference/digisos.md § 5). The rules innsyn
relies on are kept here in one place:

- every event gets a strictly later timestamp than the one before (innsyn sorts by time);
- an update of a case, condition or request is a new event with the same reference, and it
  repeats every field, because innsyn replaces, never merges;
- no key is ever null: absent values are left out.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from navet.applications.models import Application, InnsynEvent
from navet.digisos.validation import Problem, format_timestamp, innsyn_problems

FORMAT_VERSION = "1.0.0"
SYSTEM_NAME = "Navet"
ONE_MILLISECOND = timedelta(milliseconds=1)


@transaction.atomic
def append_event(
    application: Application, type_: str, *, at: datetime | None = None, **payload: Any
) -> InnsynEvent:
    """Append one event; call inside the transaction of the change it reports. `at` dates
    an event that happened before it was recorded (an application's receipt); it is still
    moved after the last event, so the order stays the order of recording."""
    return append_events(application, [(type_, payload)], at=at)[0]


@transaction.atomic
def append_events(
    application: Application,
    events: list[tuple[str, dict[str, Any]]],
    *,
    at: datetime | None = None,
) -> list[InnsynEvent]:
    """Append several events to one history in one go (a payment run tells innsyn of many
    payments): one lock and one insert, each event a millisecond after the one before."""
    # Lock the application row: two appends to one history never race for a number.
    list(Application.objects.select_for_update().filter(pk=application.pk).values_list("pk"))
    last = InnsynEvent.objects.filter(application=application).aggregate(
        sequence=Max("sequence"), at=Max("occurred_at")
    )
    now = at or timezone.now()
    now = now.replace(microsecond=now.microsecond // 1000 * 1000)
    if last["at"] is not None and now <= last["at"]:
        now = last["at"] + ONE_MILLISECOND
    sequence = last["sequence"] or 0
    rows = [
        InnsynEvent(
            application=application,
            sequence=sequence + number,
            type=type_,
            occurred_at=now + ONE_MILLISECOND * (number - 1),
            payload=_without_nulls(payload),
        )
        for number, (type_, payload) in enumerate(events, start=1)
    ]
    if len(rows) == 1:
        rows[0].save()
        return rows
    return InnsynEvent.objects.bulk_create(rows)


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def file_reference(document_id: object) -> dict[str, str]:
    """A Fiks dokumentlager reference: the document's own lower-case UUID."""
    return {"type": "dokumentlager", "id": str(document_id).lower()}


def innsyn_document(application: Application) -> dict[str, Any]:
    """The whole digisos-soker.json of the application: every event, oldest first."""
    events = InnsynEvent.objects.filter(application=application).order_by("sequence")
    return {
        "version": FORMAT_VERSION,
        "avsender": {"systemnavn": SYSTEM_NAME, "systemversjon": settings.NAVET_VERSION},
        "hendelser": [
            {
                "type": event.type,
                "hendelsestidspunkt": format_timestamp(event.occurred_at),
                **event.payload,
            }
            for event in events
        ],
    }


def checked_innsyn_document(application: Application) -> tuple[dict[str, Any], list[Problem]]:
    """The document and what is wrong with it against the official schema and the rules
    innsyn relies on. A document with problems is never sent or written."""
    document = innsyn_document(application)
    return document, innsyn_problems(document)
