"""The migration to several chains keeps the existing chain whole: its rows become chain 0,
its head chain 0's head, every other chain gets a head, and on PostgreSQL new ids continue
after the largest old one."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from django.apps.registry import Apps

from navet.audit import trail
from navet.audit.chain import CHAINS, GENESIS_HASH, ChainRow
from navet.audit.models import AuditEvent, AuditHead
from navet.audit.vocabulary import AuditAction
from tests.audit.tools import verify
from tests.migrations import migrate, state_at

BEFORE = [("audit", "0004_chain_head")]
AFTER = [("audit", "0005_chains")]


@pytest.fixture
def before() -> Iterator[Apps]:
    """The database with one chain; back at the latest state afterwards."""
    with state_at(BEFORE) as apps:
        yield apps


def one_chain(apps: Apps, rows: int) -> list[str]:
    """Rows as the one-chain trail appended them (ids 1, 2, ...), and its head."""
    Event = apps.get_model("audit", "AuditEvent")
    Head = apps.get_model("audit", "AuditHead")
    prev_hash, hashes = GENESIS_HASH, []
    for n in range(1, rows + 1):
        event = Event(
            id=n,
            occurred_at=datetime(2026, 11, 1, 12, n, tzinfo=UTC),
            actor_label="system",
            action="demo.seeded",
            data={"n": n},
            prev_hash=prev_hash,
        )
        event.person_id = None
        event.actor_id = None
        event.hash = ChainRow.of(event).expected_hash(prev_hash)
        event.save()
        prev_hash = event.hash
        hashes.append(event.hash)
    Head.objects.create(id=1, last_id=rows, last_hash=prev_hash)
    return hashes


@pytest.mark.django_db(transaction=True)
def test_the_old_chain_becomes_chain_0(before: Apps) -> None:
    hashes = one_chain(before, 3)
    migrate(AFTER)
    assert list(AuditEvent.objects.order_by("id").values_list("chain", "hash")) == [
        (0, h) for h in hashes
    ]
    assert sorted(AuditHead.objects.values_list("chain", flat=True)) == list(range(CHAINS))
    head = AuditHead.objects.get(chain=0)
    assert (head.last_id, head.last_hash) == (3, hashes[-1])
    assert verify() == 0

    event = trail.record(actor=None, action=AuditAction.DEMO_SEEDED)
    assert event.id > 3
    assert verify() == 0


@pytest.mark.django_db(transaction=True)
def test_going_back_gives_the_one_head_again(before: Apps) -> None:
    hashes = one_chain(before, 2)
    migrate(AFTER)
    apps = migrate(BEFORE)
    heads = list(apps.get_model("audit", "AuditHead").objects.values_list("id", "last_hash"))
    assert heads == [(1, hashes[-1])]
