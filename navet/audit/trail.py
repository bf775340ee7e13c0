"""Writing to and checking the audit trail. Every state change and every read of person
data calls `record` (or `record_many`) in the same transaction as the work it records."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from navet.audit.chain import GENESIS_HASH, Break, ChainRow, check_row
from navet.audit.models import AuditEvent, AuditHead
from navet.audit.vocabulary import AuditAction
from navet.request_context import current_request_id

# The audit app sits below every other app (docs/architecture.md), so the actor (a
# `core.Employee`) and the person (a `people.Person`) are typed here only as models.

# Any constant works; it names the lock that serialises appends to the chain.
_CHAIN_LOCK_KEY = 7_316_601


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])
    # SQLite: Navet opens every transaction IMMEDIATE, which already holds the write lock.


def _draft(
    actor: Model | None,
    action: AuditAction,
    person: Model | None,
    target: Model | None,
    reason: str,
    data: dict[str, Any] | None,
) -> AuditEvent:
    return AuditEvent(
        actor_id=actor.pk if actor is not None else None,
        actor_label=str(actor) if actor else "system",
        action=action,
        person_id=person.pk if person is not None else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        reason=reason,
        request_id=current_request_id.get(),
        data=data or {},
    )


@transaction.atomic
def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Number, chain and insert the events, and move the chain head, under one lock."""
    _lock_chain()
    last = AuditEvent.objects.order_by("-id").values_list("id", "hash").first()
    next_id, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    now = timezone.now()
    for offset, event in enumerate(events):
        event.id = next_id + offset
        event.occurred_at = now
        event.prev_hash = prev_hash
        event.hash = ChainRow.of(event).expected_hash(prev_hash)
        prev_hash = event.hash
    created = AuditEvent.objects.bulk_create(events)
    head = {"last_id": events[-1].id, "last_hash": prev_hash}
    if not AuditHead.objects.filter(pk=AuditHead.SINGLETON).update(**head):
        AuditHead.objects.create(pk=AuditHead.SINGLETON, **head)
    return created


def record(
    *,
    actor: Model | None,
    action: AuditAction,
    person: Model | None = None,
    target: Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain. Never pass a fødselsnummer in `data`."""
    return _append([_draft(actor, action, person, target, reason, data)])[0]


def record_many(
    *,
    actor: Model | None,
    action: AuditAction,
    persons: Sequence[Model],
    data: dict[str, Any] | None = None,
) -> list[AuditEvent]:
    """One event per person in a single insert (e.g. the persons on a result page)."""
    if not persons:
        return []
    return _append([_draft(actor, action, person, person, "", data) for person in persons])


def _chain_rows(chunk_size: int = 2000) -> Iterator[ChainRow]:
    fields = ChainRow.FIELDS
    rows = AuditEvent.objects.order_by("id").values_list(*fields)
    for values in rows.iterator(chunk_size=chunk_size):
        yield ChainRow.from_values(dict(zip(fields, values, strict=True)))


def verify_chain(progress: Callable[[int], None] | None = None) -> tuple[int, Break | None]:
    """Walk the whole chain in id order; return how many rows were checked and the first break.

    The chain head (updated with every append) catches what the chain alone cannot: the
    newest rows removed, or the table emptied. `progress` gets the count every 10 000 rows.
    """
    previous = GENESIS_HASH
    checked = 0
    last_id = 0
    for row in _chain_rows():
        checked += 1
        found = check_row(row, previous)
        if found is not None:
            return checked, found
        previous, last_id = row.hash, row.id
        if progress is not None and checked % 10_000 == 0:
            progress(checked)
    head = AuditHead.objects.filter(pk=AuditHead.SINGLETON).first()
    if head is None:
        if checked:
            return checked, Break(1, "the chain head is missing")
        return checked, None
    if (head.last_id, head.last_hash) != (last_id, previous):
        return checked, Break(
            last_id + 1,
            f"rows after row {last_id} are missing: the chain head ends at row {head.last_id}",
        )
    return checked, None
