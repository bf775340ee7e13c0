"""Writing to and checking the audit trail. Every state change and every read of person
data calls `record` (or `record_many`) in the same transaction as the work it records.

The trail is `CHAINS` hash chains side by side (ADR 0007): an append takes the lock of one
chain only, so appends from different requests do not wait for each other."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from navet.audit.chain import CHAINS, GENESIS_HASH, Break, ChainRow, check_row
from navet.audit.models import AuditEvent, AuditHead
from navet.audit.vocabulary import AuditAction
from navet.request_context import current_request_id

# The audit app sits below every other app (docs/architecture.md), so the actor (a
# `core.Employee`) and the person (a `people.Person`) are typed here only as models.

# Any constant works; with the chain number it names the lock that serialises appends to
# one chain (pg_advisory_xact_lock(int, int)).
_CHAIN_LOCK_KEY = 7_316_601


def _preferred_chain() -> int:
    """Where this process starts looking for a free chain: its own, most of the time."""
    return os.getpid() % CHAINS


def _lock_a_chain() -> int:
    """Lock a chain for this transaction and return its number.

    On PostgreSQL the first free chain from the preferred one on, tried without waiting;
    only when all are busy, a short pause and another round. Never waiting for a lock means
    two transactions that append more than once cannot deadlock on the chains. SQLite:
    Navet opens every transaction IMMEDIATE, which already holds the database's write
    lock, so any chain will do."""
    start = _preferred_chain()
    if connection.vendor != "postgresql":
        return start
    pause = 0.001
    with connection.cursor() as cursor:
        while True:
            for offset in range(CHAINS):
                chain = (start + offset) % CHAINS
                cursor.execute("SELECT pg_try_advisory_xact_lock(%s, %s)", [_CHAIN_LOCK_KEY, chain])
                row = cursor.fetchone()
                if row is not None and row[0]:
                    return chain
            time.sleep(pause)
            pause = min(pause * 2, 0.05)


def _chain_end(chain: int, count: int) -> tuple[str, list[int]]:
    """The chain's last hash, and `count` new ids that no other chain can take.

    PostgreSQL: both in one statement, the ids from the table's sequence. SQLite: the write
    lock is held, so the numbers after the largest id."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence('audit_auditevent', 'id')), "
                "(SELECT hash FROM audit_auditevent WHERE chain = %s ORDER BY id DESC LIMIT 1) "
                "FROM generate_series(1, %s)",
                [chain, count],
            )
            rows = cursor.fetchall()
        return rows[0][1] or GENESIS_HASH, sorted(int(row[0]) for row in rows)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT hash FROM audit_auditevent WHERE chain = %s ORDER BY id DESC LIMIT 1), "
            "(SELECT MAX(id) FROM audit_auditevent)",
            [chain],
        )
        row = cursor.fetchone()
    last_hash, last_id = (row[0], row[1] or 0) if row is not None else (None, 0)
    return last_hash or GENESIS_HASH, list(range(last_id + 1, last_id + 1 + count))


def _draft(
    actor: Model | None,
    action: AuditAction,
    person: Model | None,
    target: Model | None,
    reason: str,
    data: dict[str, Any] | None,
    actor_label: str = "",
) -> AuditEvent:
    return AuditEvent(
        actor_id=actor.pk if actor is not None else None,
        actor_label=str(actor) if actor else (actor_label or "system"),
        action=action,
        person_id=person.pk if person is not None else None,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        reason=reason,
        request_id=current_request_id.get(),
        data=data or {},
    )


def _move_head(chain: int, last_id: int, last_hash: str) -> None:
    """Move one chain's head. A database without heads (a fresh or flushed one) gets every
    chain's head first, so `verify_chain` can tell a missing head from a never-used chain."""
    head = {"last_id": last_id, "last_hash": last_hash}
    if AuditHead.objects.filter(chain=chain).update(**head):
        return
    AuditHead.objects.bulk_create(
        [AuditHead(chain=n, last_id=0, last_hash=GENESIS_HASH) for n in range(CHAINS)],
        ignore_conflicts=True,
    )
    AuditHead.objects.filter(chain=chain).update(**head)


@transaction.atomic
def _append(events: list[AuditEvent]) -> list[AuditEvent]:
    """Number, chain and insert the events, and move their chain's head, under its lock."""
    chain = _lock_a_chain()
    prev_hash, ids = _chain_end(chain, len(events))
    now = timezone.now()
    for event, event_id in zip(events, ids, strict=True):
        event.id = event_id
        event.chain = chain
        event.occurred_at = now
        event.prev_hash = prev_hash
        event.hash = ChainRow.of(event).expected_hash(prev_hash)
        prev_hash = event.hash
    created = AuditEvent.objects.bulk_create(events)
    _move_head(chain, events[-1].id, prev_hash)
    return created


# The actor label of what a person does themself in the portal (navet.citizen).
CITIZEN_ACTOR = "citizen"


def record(
    *,
    actor: Model | None,
    action: AuditAction,
    person: Model | None = None,
    target: Model | None = None,
    reason: str = "",
    data: dict[str, Any] | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to a chain. Never pass a fødselsnummer in `data`. Without an
    employee, `actor_label` says who acted (CITIZEN_ACTOR: the person themself in the
    portal); an empty one means Navet itself ("system")."""
    return _append([_draft(actor, action, person, target, reason, data, actor_label)])[0]


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


def _chain_rows(chain: int, chunk_size: int = 2000) -> Iterator[ChainRow]:
    fields = ChainRow.FIELDS
    rows = AuditEvent.objects.filter(chain=chain).order_by("id").values_list(*fields)
    for values in rows.iterator(chunk_size=chunk_size):
        yield ChainRow.from_values(dict(zip(fields, values, strict=True)))


def _verify_one(chain: int, head: AuditHead | None, counted: Callable[[], None]) -> Break | None:
    """Walk one chain in id order and compare its end with its head."""
    previous = GENESIS_HASH
    last_id = 0
    for row in _chain_rows(chain):
        counted()
        found = check_row(row, previous, chain)
        if found is not None:
            return found
        previous, last_id = row.hash, row.id
    if head is None:
        return Break(last_id, f"the head of chain {chain} is missing", chain)
    if (head.last_id, head.last_hash) != (last_id, previous):
        return Break(
            head.last_id,
            f"rows after row {last_id} are missing: the head of chain {chain} ends at row "
            f"{head.last_id}",
            chain,
        )
    return None


def verify_chain(progress: Callable[[int], None] | None = None) -> tuple[int, Break | None]:
    """Walk every chain in id order; return how many rows were checked and the first break.

    Each chain's head (moved with every append to it) catches what the chain alone cannot:
    its newest rows removed, or all of them. Once the heads exist, every one of the
    `CHAINS` must. `progress` gets the count every 10 000 rows."""
    heads = {head.chain: head for head in AuditHead.objects.all()}
    with_rows = set(AuditEvent.objects.values_list("chain", flat=True).distinct())
    chains = sorted(with_rows | set(heads) | (set(range(CHAINS)) if heads else set()))
    checked = 0

    def count() -> None:
        nonlocal checked
        checked += 1
        if progress is not None and checked % 10_000 == 0:
            progress(checked)

    for chain in chains:
        found = _verify_one(chain, heads.get(chain), count)
        if found is not None:
            return checked, found
    return checked, None
