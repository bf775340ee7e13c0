"""Many innsyn events appended at once (a payment run's): in order, numbered after what
was there, each a millisecond after the one before, and read back as written, whether the
database takes them by INSERT or (PostgreSQL, from COPY_FROM events) by COPY."""

from __future__ import annotations

import itertools

import pytest

from navet.applications import innsyn
from navet.applications.innsyn import (
    COPY_FROM,
    append_event,
    append_events,
    append_to_histories,
    innsyn_document,
)
from navet.applications.models import InnsynEvent
from tests.conftest import World
from tests.factories import make_application


def test_a_thousand_events_and_more_are_appended_in_order(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    append_event(application, "soknadsStatus", status="MOTTATT")
    count = COPY_FROM + 200
    events = [
        (
            "utbetaling",
            {
                "utbetalingsreferanse": f"R-{n}",
                "status": "PLANLAGT_UTBETALING",
                "belop": n + 1,
                "mottaker": 'Kari «Æ» "Hansen" \\ tab\t',
                "kontonummer": None,
                "annenMottaker": False,
            },
        )
        for n in range(count)
    ]
    append_events(application.pk, events)
    stored = list(InnsynEvent.objects.filter(application=application).order_by("sequence"))
    assert [e.sequence for e in stored] == list(range(1, count + 2))
    times = [e.occurred_at for e in stored]
    assert all(later > earlier for earlier, later in itertools.pairwise(times))
    hendelser = innsyn_document(application)["hendelser"]
    assert len(hendelser) == count + 1
    last = hendelser[-1]
    assert last["utbetalingsreferanse"] == f"R-{count - 1}" and last["belop"] == count
    assert last["mottaker"] == 'Kari «Æ» "Hansen" \\ tab\t'
    assert "kontonummer" not in last and last["annenMottaker"] is False


@pytest.mark.parametrize("lock_table_from", [2, innsyn.TABLE_LOCK_FROM])
def test_events_to_many_histories_continue_each_one(
    world: World, monkeypatch: pytest.MonkeyPatch, lock_table_from: int
) -> None:
    """On PostgreSQL, from TABLE_LOCK_FROM applications the table is locked instead of the
    rows (here from two, to try it)."""
    monkeypatch.setattr(innsyn, "TABLE_LOCK_FROM", lock_table_from)
    first = make_application(person=world.citizen_oslo)
    second = make_application(person=world.citizen_oslo)
    append_event(first, "soknadsStatus", status="MOTTATT")
    append_event(first, "soknadsStatus", status="UNDER_BEHANDLING")
    before = InnsynEvent.objects.filter(application=first).order_by("sequence").last()
    assert before is not None
    append_to_histories(
        {
            first.pk: [("utbetaling", {"utbetalingsreferanse": "A-1", "belop": 1})],
            second.pk: [
                ("utbetaling", {"utbetalingsreferanse": "B-1", "belop": 2}),
                ("utbetaling", {"utbetalingsreferanse": "B-2", "belop": 3}),
            ],
        }
    )
    a = list(InnsynEvent.objects.filter(application=first).order_by("sequence"))
    b = list(InnsynEvent.objects.filter(application=second).order_by("sequence"))
    assert [e.sequence for e in a] == [1, 2, 3] and [e.sequence for e in b] == [1, 2]
    assert a[-1].occurred_at > before.occurred_at
    assert [e.payload["utbetalingsreferanse"] for e in b] == ["B-1", "B-2"]
