"""At the same moment (PostgreSQL, real parallel connections): two approvals of one run,
two generators of its file, two imports of the same bank file. Each makes one change."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections

from navet.payments.bank import import_bank_file
from navet.payments.errors import PaymentError
from navet.payments.files import generate_file
from navet.payments.models import BankFile, PaymentRun, RunState
from navet.payments.runs import approve_run, mark_sent, prepare_run
from tests.conftest import World
from tests.iso20022.answers import answer
from tests.payments.test_crash import approved_run  # noqa: F401 (fixture)
from tests.payments.test_runs import FAR

pytestmark = pytest.mark.django_db(transaction=True)


def at_once(work: Callable[[], Any], times: int = 2) -> tuple[list[Any], list[Exception]]:
    start = threading.Barrier(times)
    results: list[Any] = []
    errors: list[Exception] = []

    def one() -> None:
        try:
            start.wait()
            results.append(work())
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one) for _ in range(times)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


@pytest.fixture(autouse=True)
def postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("parallel connections to one database: PostgreSQL (CI runs both)")


def test_two_approvals_make_one(world: World, approved_run: Any) -> None:  # noqa: F811
    # A fresh draft: the fixture's run is cancelled and its payments prepared again.
    from navet.payments.runs import cancel_run

    cancel_run(run=approved_run, actor=world.leader_oslo)
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    results, errors = at_once(
        lambda: approve_run(run=PaymentRun.objects.get(pk=run.pk), actor=world.leader_oslo)
    )
    assert len(results) == 1 and len(errors) == 1 and isinstance(errors[0], PaymentError)
    run.refresh_from_db()
    assert run.state == RunState.APPROVED


def test_two_generators_store_one_file(approved_run: Any) -> None:  # noqa: F811
    results, errors = at_once(
        lambda: generate_file(PaymentRun.objects.get(pk=approved_run.pk)).file_sha256, times=4
    )
    assert errors == [] and len(set(results)) == 1
    approved_run.refresh_from_db()
    assert approved_run.file_sha256 == results[0]


def test_two_imports_of_one_bank_file_apply_it_once(world: World, approved_run: Any) -> None:  # noqa: F811
    run = mark_sent(run=generate_file(approved_run), actor=world.leader_oslo)
    content = answer("pain002_rejected", msg=run.message_id or "")
    results, errors = at_once(
        lambda: import_bank_file(content=content, filename="x.xml", actor=None), times=3
    )
    assert errors == []
    assert sorted(r.already for r in results) == [False, True, True]
    assert BankFile.objects.count() == 1
    assert run.attempts.filter(state="rejected").count() == 3


def test_two_preparations_at_once_take_each_payment_once(
    world: World,
    approved_run: Any,  # noqa: F811
) -> None:
    from navet.payments.models import Payment, PaymentState, TransferAttempt
    from navet.payments.runs import cancel_run

    cancel_run(run=approved_run, actor=world.leader_oslo)
    planned = set(Payment.objects.filter(state=PaymentState.PLANNED).values_list("pk", flat=True))
    assert len(planned) >= 2
    results, errors = at_once(
        lambda: prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo), times=3
    )
    # One run takes them all; the others find nothing left and say so.
    assert len(results) == 1 and len(errors) == 2
    assert all(isinstance(e, PaymentError) for e in errors)
    live = TransferAttempt.objects.filter(state="pending")
    assert sorted(live.values_list("payment_id", flat=True)) == sorted(planned)
    assert set(live.values_list("run_id", flat=True)) == {results[0].pk}
    assert PaymentRun.objects.filter(state=RunState.DRAFT).count() == 1
