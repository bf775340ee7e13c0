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

import json
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from django.conf import settings
from django.db import connection, transaction
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
    application: Application | UUID,
    events: list[tuple[str, dict[str, Any]]],
    *,
    at: datetime | None = None,
) -> list[InnsynEvent]:
    """Append several events to one history in one go, each a millisecond after the one
    before. The application may be given by its id alone."""
    application_id = application.pk if isinstance(application, Application) else application
    return append_to_histories({application_id: events}, at=at)


# Histories locked and read per statement: a payment run tells innsyn of 150 000 payments,
# mostly one per application. From TABLE_LOCK_FROM applications, PostgreSQL locks the
# events' table once instead of every application's row.
CHUNK = 5000
TABLE_LOCK_FROM = 1000


@transaction.atomic
def append_to_histories(
    events_by_application: dict[UUID, list[tuple[str, dict[str, Any]]]],
    *,
    at: datetime | None = None,
) -> list[InnsynEvent]:
    """Append events to many applications' histories at once (a payment run's): the
    applications locked in the order of their ids (two runs never deadlock), their last
    numbers and times read in bulk, and every event written in one insert."""
    ids = sorted(events_by_application)
    last: dict[UUID, tuple[int, datetime]] = {}
    whole_table = connection.vendor == "postgresql" and len(ids) >= TABLE_LOCK_FROM
    if whole_table:
        # One lock instead of thousands of row locks (each one a write): other appends wait
        # the few seconds until this transaction ends, and this one waits for those under
        # way (they hold ROW EXCLUSIVE from before they read their last number).
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {InnsynEvent._meta.db_table} IN SHARE ROW EXCLUSIVE MODE")
    elif connection.vendor == "postgresql":
        # A small append declares that it writes to the table before it reads the last
        # numbers: it then waits for a large append that holds the table, and a large one
        # waits for it (ROW EXCLUSIVE does not conflict with itself, only with SHARE ROW
        # EXCLUSIVE).
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {InnsynEvent._meta.db_table} IN ROW EXCLUSIVE MODE")
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        if not whole_table:
            # Lock the rows: two appends to one history never race for a number.
            list(
                Application.objects.select_for_update()
                .filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk")
            )
        for application_id, sequence, latest in (
            InnsynEvent.objects.filter(application_id__in=chunk)
            .values("application_id")
            .annotate(sequence=Max("sequence"), latest=Max("occurred_at"))
            .values_list("application_id", "sequence", "latest")
        ):
            last[application_id] = (sequence, latest)
    moment = at or timezone.now()
    moment = moment.replace(microsecond=moment.microsecond // 1000 * 1000)
    rows = []
    for application_id in ids:
        sequence, latest = last.get(application_id, (0, None))
        now = latest + ONE_MILLISECOND if latest is not None and moment <= latest else moment
        rows += [
            InnsynEvent(
                application_id=application_id,
                sequence=sequence + number,
                type=type_,
                occurred_at=now + ONE_MILLISECOND * (number - 1),
                payload=_without_nulls(payload),
            )
            for number, (type_, payload) in enumerate(
                events_by_application[application_id], start=1
            )
        ]
    if len(rows) == 1:
        rows[0].save()
    elif connection.vendor == "postgresql" and len(rows) >= COPY_FROM:
        _copy(rows)
    else:
        InnsynEvent.objects.bulk_create(rows, batch_size=CHUNK)
    return rows


# From this many events (a payment run's), PostgreSQL takes them through COPY, some ten
# times as fast as INSERT for a national run.
COPY_FROM = 1000


def _copy(rows: list[InnsynEvent]) -> None:
    columns = "application_id, sequence, type, occurred_at, payload"
    with connection.cursor() as cursor:
        # The table name is the model's own; every value goes through COPY's data stream.
        statement = f"COPY {InnsynEvent._meta.db_table} ({columns}) FROM STDIN"
        with cursor.cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(
                    (
                        row.application_id,
                        row.sequence,
                        row.type,
                        row.occurred_at,
                        json.dumps(row.payload),
                    )
                )


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
