"""The audit trail is a hash chain; audit_verify finds a changed, a deleted and a reordered
row; on PostgreSQL the database itself refuses UPDATE and DELETE."""

from __future__ import annotations

import itertools

import pytest
from django.db import DatabaseError, connection, transaction

from navet.audit import trail
from navet.audit.models import AuditEvent
from tests.audit.tools import record_reads, tamper, verify
from tests.conftest import World


def test_intact_chain_verifies(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    record_reads(world, 5)
    assert verify() == 0
    assert "intact" in capsys.readouterr().out


def test_it_finds_a_changed_row(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    events = record_reads(world, 5)
    with tamper():
        AuditEvent.objects.filter(pk=events[2].pk).update(actor_label="someone else")
    assert verify() == 1
    assert f"row {events[2].pk}" in capsys.readouterr().err


def test_it_finds_a_deleted_row(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    events = record_reads(world, 5)
    with tamper():
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert verify() == 1
    assert f"row {events[2].pk}" in capsys.readouterr().err


def test_it_finds_the_newest_row_deleted(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    events = record_reads(world, 5)
    with tamper():
        AuditEvent.objects.filter(pk=events[-1].pk).delete()
    assert verify() == 1
    assert f"row {events[-1].pk}" in capsys.readouterr().err


def test_it_finds_an_emptied_table(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    record_reads(world, 5)
    with tamper():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("TRUNCATE audit_auditevent")
        else:
            AuditEvent.objects.all().delete()
    assert verify() == 1
    assert "missing" in capsys.readouterr().err


def test_it_finds_reordered_rows(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    events = record_reads(world, 5)
    first, second = events[1], events[2]
    # Swap everything but the id: the rows trade places in the chain, nothing else changes.
    fields = ["occurred_at", "data", "prev_hash", "hash"]
    a = {f: getattr(first, f) for f in fields}
    b = {f: getattr(second, f) for f in fields}
    with tamper():  # swap the two rows' contents, passing through a placeholder hash
        AuditEvent.objects.filter(pk=first.pk).update(hash="placeholder")
        AuditEvent.objects.filter(pk=second.pk).update(**a)
        AuditEvent.objects.filter(pk=first.pk).update(**b)
    assert verify() == 1
    assert f"row {first.pk}" in capsys.readouterr().err


def test_every_row_links_to_the_one_before(world: World) -> None:
    events = record_reads(world, 5)
    for before, after in itertools.pairwise(events):
        assert after.prev_hash == before.hash
        assert after.id == before.id + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger is PostgreSQL-only")
def test_postgresql_refuses_update_and_delete(world: World) -> None:
    event = record_reads(world, 5)[0]
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="changed")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()


def test_record_many_continues_the_chain(world: World) -> None:
    trail.record(actor=world.caseworker_oslo, action="x")
    trail.record_many(
        actor=world.caseworker_oslo,
        action="person.listed",
        persons=[world.citizen_oslo, world.citizen_bergen],
    )
    assert verify() == 0
    assert AuditEvent.objects.filter(action="person.listed").count() == 2
