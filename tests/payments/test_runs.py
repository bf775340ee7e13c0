"""Payment runs: prepared by one, approved by another; a payment is in at most one live
transfer attempt; innsyn hears of the plan at approval; nothing due creates nothing."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from navet.applications.innsyn import checked_innsyn_document
from navet.audit.models import AuditEvent
from navet.payments.calendar import is_banking_day
from navet.payments.errors import PaymentError
from navet.payments.models import (
    AttemptState,
    PaymentRun,
    PaymentSettings,
    PaymentState,
    RunState,
    TransferAttempt,
)
from navet.payments.runs import approve_run, cancel_run, prepare_run
from navet.rules.dates import month_end
from tests.conftest import World
from tests.payments.test_plans import made_grant, months_ahead

FAR = months_ahead(12)


@pytest.fixture
def grant(world: World) -> Any:
    PaymentSettings.objects.create(
        office=world.oslo,
        debtor_name="Oslo kommune",
        debtor_account="12345678903",
        organisation_number="999999999",
    )
    return made_grant(world, months_ahead(1), month_end(months_ahead(2)))


def test_a_run_takes_the_due_payments_as_new_attempts(world: World, grant: Any) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    assert run.state == RunState.DRAFT and re.fullmatch(r"0315-\d{4}-U0001", run.reference)
    attempts = list(run.attempts.all())
    assert len(attempts) == 2
    assert all(re.fullmatch(r"[0-9a-f]{32}", a.end_to_end_id) for a in attempts)
    assert {a.amount for a in attempts} == set(grant.payments.values_list("amount", flat=True))
    assert set(grant.payments.values_list("state", flat=True)) == {PaymentState.IN_RUN}
    assert AuditEvent.objects.filter(action="payment_run.prepared").count() == 1
    # Nothing is due any more: a second run is refused and nothing is created.
    with pytest.raises(PaymentError, match="Ingen utbetalinger"):
        prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    assert PaymentRun.objects.count() == 1


def test_only_payments_due_by_the_date_and_with_an_account(world: World, grant: Any) -> None:
    first, second = grant.payments.order_by("period_from")
    second.account = ""
    second.save(update_fields=["account"])
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    assert [a.payment_id for a in run.attempts.all()] == [first.pk]


def test_four_eyes(world: World, grant: Any) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    with pytest.raises(PaymentError, match="kan ikke godkjenne den selv"):
        approve_run(run=run, actor=world.caseworker_oslo)
    with pytest.raises(PaymentError, match="fullmakt"):
        approve_run(run=run, actor=world.caseworker_confidential)  # no authority
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentRun.objects.filter(pk=run.pk).update(approved_by=world.caseworker_oslo)
    run.refresh_from_db()
    assert run.state == RunState.DRAFT


def test_approval_fixes_the_file_and_tells_innsyn(world: World, grant: Any) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    run = approve_run(run=run, actor=world.leader_oslo)
    assert run.state == RunState.APPROVED and run.message_id == f"NAVET-{run.reference}"
    assert run.execution_date is not None and is_banking_day(run.execution_date)
    assert run.execution_date >= timezone.localdate()
    assert run.debtor_account == "12345678903"
    document, problems = checked_innsyn_document(grant.case.application)
    assert problems == []
    planned = [h for h in document["hendelser"] if h["type"] == "utbetaling"]
    assert {h["utbetalingsreferanse"] for h in planned} == set(
        grant.payments.values_list("reference", flat=True)
    )
    for event in planned:
        assert event["status"] == "PLANLAGT_UTBETALING"
        assert event["forfallsdato"] == run.execution_date.isoformat()
        assert event["annenMottaker"] is False and event["kontonummer"] == "86011117947"
    # A second approval (a double click, a colleague at the same time) changes nothing.
    with pytest.raises(PaymentError, match="allerede godkjent"):
        approve_run(
            run=PaymentRun.objects.get(pk=run.pk, state=RunState.APPROVED), actor=world.leader_oslo
        )
    assert AuditEvent.objects.filter(action="payment_run.approved").count() == 1


def test_no_paying_account_no_approval(world: World, grant: Any) -> None:
    PaymentSettings.objects.filter(office=world.oslo).update(debtor_account="")
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    with pytest.raises(PaymentError, match="kontoen det betales fra"):
        approve_run(run=run, actor=world.leader_oslo)
    run.refresh_from_db()
    assert run.state == RunState.DRAFT and run.message_id is None


def test_a_cancelled_run_frees_its_payments_for_new_attempts(world: World, grant: Any) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    old_ids = set(run.attempts.values_list("end_to_end_id", flat=True))
    cancel_run(run=run, actor=world.leader_oslo)
    assert set(run.attempts.values_list("state", flat=True)) == {AttemptState.CANCELLED}
    assert set(grant.payments.values_list("state", flat=True)) == {PaymentState.PLANNED}
    again = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    new_ids = set(again.attempts.values_list("end_to_end_id", flat=True))
    assert len(new_ids) == 2 and not new_ids & old_ids
    with pytest.raises(PaymentError):
        cancel_run(run=run, actor=world.leader_oslo)


def test_the_database_refuses_a_second_live_attempt(world: World, grant: Any) -> None:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    attempt = run.attempts.first()
    assert attempt is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        TransferAttempt.objects.create(
            payment=attempt.payment,
            run=run,
            end_to_end_id="f" * 32,
            amount=attempt.amount,
            recipient_name=attempt.recipient_name,
            account=attempt.account,
        )
