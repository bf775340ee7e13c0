"""The trail is several hash chains side by side (ADR 0007): each append goes to one chain
and continues it; audit_verify finds a changed, deleted, reordered or truncated row in any
chain, and a missing head; on PostgreSQL an append does not wait for a busy chain."""

from __future__ import annotations

import itertools
import threading
from collections.abc import Callable

import pytest
from django.db import connection, connections, transaction

from navet.audit import trail
from navet.audit.chain import CHAINS
from navet.audit.models import AuditEvent, AuditHead
from tests.audit.tools import tamper, verify
from tests.conftest import World

FIRST, SECOND = 2, 7


def _recorder(world: World, monkeypatch: pytest.MonkeyPatch) -> Callable[[int, int], AuditEvent]:
    def record(chain: int, n: int) -> AuditEvent:
        monkeypatch.setattr(trail, "_preferred_chain", lambda: chain)
        return trail.record(
            actor=world.caseworker_oslo,
            action="person.read",
            person=world.citizen_oslo,
            data={"n": n},
        )

    return record


def _two_chains(world: World, monkeypatch: pytest.MonkeyPatch) -> dict[int, list[AuditEvent]]:
    """Four events in each of two chains, appended in turn."""
    record = _recorder(world, monkeypatch)
    chains: dict[int, list[AuditEvent]] = {FIRST: [], SECOND: []}
    for n in range(4):
        for chain, events in chains.items():
            events.append(record(chain, n))
    return chains


def test_each_append_continues_its_own_chain(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    chains = _two_chains(world, monkeypatch)
    for chain, events in chains.items():
        assert [event.chain for event in events] == [chain] * 4
        assert events[0].prev_hash == "0" * 64
        for before, after in itertools.pairwise(events):
            assert after.prev_hash == before.hash
            assert after.id > before.id
        head = AuditHead.objects.get(chain=chain)
        assert (head.last_id, head.last_hash) == (events[-1].id, events[-1].hash)
    assert AuditHead.objects.count() == CHAINS
    assert verify() == 0


def test_record_many_goes_to_one_chain(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    _recorder(world, monkeypatch)(FIRST, 0)
    events = trail.record_many(
        actor=world.caseworker_oslo,
        action="person.listed",
        persons=[world.citizen_oslo, world.citizen_bergen],
    )
    assert {event.chain for event in events} == {FIRST}
    assert verify() == 0


@pytest.mark.parametrize("chain", [FIRST, SECOND])
def test_it_finds_a_changed_row_in_either_chain(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: int
) -> None:
    changed = _two_chains(world, monkeypatch)[chain][1]
    with tamper():
        AuditEvent.objects.filter(pk=changed.pk).update(reason="nothing to see")
    assert verify() == 1
    assert f"row {changed.pk} (chain {chain})" in capsys.readouterr().err


@pytest.mark.parametrize("chain", [FIRST, SECOND])
def test_it_finds_a_deleted_row_in_either_chain(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: int
) -> None:
    events = _two_chains(world, monkeypatch)[chain]
    with tamper():
        AuditEvent.objects.filter(pk=events[1].pk).delete()
    assert verify() == 1
    assert f"row {events[2].pk} (chain {chain})" in capsys.readouterr().err


@pytest.mark.parametrize("chain", [FIRST, SECOND])
def test_it_finds_reordered_rows_in_either_chain(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: int
) -> None:
    events = _two_chains(world, monkeypatch)[chain]
    first, second = events[1], events[2]
    fields = ["occurred_at", "data", "prev_hash", "hash"]
    a = {f: getattr(first, f) for f in fields}
    b = {f: getattr(second, f) for f in fields}
    with tamper():
        AuditEvent.objects.filter(pk=first.pk).update(hash="placeholder")
        AuditEvent.objects.filter(pk=second.pk).update(**a)
        AuditEvent.objects.filter(pk=first.pk).update(**b)
    assert verify() == 1
    assert f"row {first.pk} (chain {chain})" in capsys.readouterr().err


@pytest.mark.parametrize("chain", [FIRST, SECOND])
def test_it_finds_a_truncated_chain(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: int
) -> None:
    events = _two_chains(world, monkeypatch)[chain]
    with tamper():
        AuditEvent.objects.filter(pk__in=[events[-2].pk, events[-1].pk]).delete()
    assert verify() == 1
    err = capsys.readouterr().err
    assert f"rows after row {events[-3].pk} are missing" in err
    assert f"chain {chain} ends at row {events[-1].pk}" in err


@pytest.mark.parametrize("chain", [FIRST, SECOND])
def test_it_finds_a_chain_emptied(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], chain: int
) -> None:
    events = _two_chains(world, monkeypatch)[chain]
    with tamper():
        AuditEvent.objects.filter(chain=chain).delete()
    assert verify() == 1
    assert f"chain {chain} ends at row {events[-1].pk}" in capsys.readouterr().err


def test_it_finds_a_row_moved_to_another_chain(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    events = _two_chains(world, monkeypatch)[FIRST]
    with tamper():
        AuditEvent.objects.filter(pk=events[1].pk).update(chain=SECOND)
    assert verify() == 1
    assert f"row {events[2].pk} (chain {FIRST})" in capsys.readouterr().err


def test_it_finds_a_missing_head(
    world: World, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _two_chains(world, monkeypatch)
    unused = next(n for n in range(CHAINS) if n not in (FIRST, SECOND))
    AuditHead.objects.filter(chain=unused).delete()
    assert verify() == 1
    assert f"the head of chain {unused} is missing" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_an_append_does_not_wait_for_a_busy_chain(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another transaction holds the preferred chain's lock; the append takes the next."""
    monkeypatch.setattr(trail, "_preferred_chain", lambda: FIRST)
    locked, release = threading.Event(), threading.Event()

    def hold_the_chain() -> None:
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_advisory_xact_lock(%s, %s)", [trail._CHAIN_LOCK_KEY, FIRST]
                )
                locked.set()
                release.wait(timeout=30)
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_the_chain)
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '5s'")  # a wait would fail, not hang
        event = trail.record(actor=world.caseworker_oslo, action="person.read")
        assert event.chain == FIRST + 1
    finally:
        release.set()
        holder.join()
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert verify() == 0
