"""Writing to and checking the audit trail. Every state change and every read of person
data calls `record` in the same transaction as the work it records."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from navet.audit.chain import GENESIS_HASH, Break, ChainRow, check_row, row_hash
from navet.audit.models import AuditEvent
from navet.core.request_context import current_request_id

if TYPE_CHECKING:
    from navet.core.models import Employee
    from navet.people.models import Person

# Any constant works; it names the lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_316_601


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: Navet opens every transaction IMMEDIATE, which already holds the write lock.


@transaction.atomic
def record(
    *,
    actor: Employee | None,
    action: str,
    person: Person | None = None,
    target: Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Never pass a fødselsnummer in `data`."""
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    row_id, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    event = AuditEvent(
        id=row_id,
        occurred_at=timezone.now(),
        actor=actor,
        actor_label=str(actor) if actor else "system",
        action=action,
        person=person,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        reason=reason,
        request_id=current_request_id.get(),
        data=data or {},
        prev_hash=prev_hash,
    )
    event.hash = row_hash(
        prev_hash=prev_hash,
        row_id=row_id,
        occurred_at=event.occurred_at,
        actor_id=actor.pk if actor else None,
        actor_label=event.actor_label,
        action=action,
        person_id=str(person.pk) if person else None,
        target_type=event.target_type,
        target_id=event.target_id,
        reason=reason,
        request_id=event.request_id,
        data=event.data,
    )
    event.save(force_insert=True)
    return event


def _chain_rows(chunk_size: int = 2000) -> Iterator[ChainRow]:
    fields = (
        "id",
        "occurred_at",
        "actor_id",
        "actor_label",
        "action",
        "person_id",
        "target_type",
        "target_id",
        "reason",
        "request_id",
        "data",
        "prev_hash",
        "hash",
    )
    for values in (
        AuditEvent.objects.order_by("id").values_list(*fields).iterator(chunk_size=chunk_size)
    ):
        row = dict(zip(fields, values, strict=True))
        if row["person_id"] is not None:
            row["person_id"] = str(row["person_id"])
        yield ChainRow(**row)


def verify_chain(progress: Callable[[int], None] | None = None) -> tuple[int, Break | None]:
    """Walk the whole chain in id order; return how many rows were checked and the first break.

    `progress` is called with the running count every 10 000 rows.
    """
    previous = GENESIS_HASH
    checked = 0
    for row in _chain_rows():
        checked += 1
        found = check_row(row, previous)
        if found is not None:
            return checked, found
        previous = row.hash
        if progress is not None and checked % 10_000 == 0:
            progress(checked)
    return checked, None


@transaction.atomic
def record_many(
    *,
    actor: Employee | None,
    action: str,
    persons: list[Person],
    data: dict[str, Any] | None = None,
) -> list[AuditEvent]:
    """Append one event per person in a single insert (e.g. persons listed in search results)."""
    if not persons:
        return []
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    next_id, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    now = timezone.now()
    label = str(actor) if actor else "system"
    request_id = current_request_id.get()
    events = []
    for offset, person in enumerate(persons):
        event = AuditEvent(
            id=next_id + offset,
            occurred_at=now,
            actor=actor,
            actor_label=label,
            action=action,
            person=person,
            target_type=person._meta.label_lower,
            target_id=str(person.pk),
            request_id=request_id,
            data=data or {},
            prev_hash=prev_hash,
        )
        event.hash = row_hash(
            prev_hash=prev_hash,
            row_id=event.id,
            occurred_at=now,
            actor_id=actor.pk if actor else None,
            actor_label=label,
            action=action,
            person_id=str(person.pk),
            target_type=event.target_type,
            target_id=event.target_id,
            reason="",
            request_id=request_id,
            data=event.data,
        )
        prev_hash = event.hash
        events.append(event)
    return AuditEvent.objects.bulk_create(events)
