"""The edges of a run: a cancel or "sent" touches only what the run still holds, a bank
file from the page reaches only the importer's office, an account that fails its check
digit stays out, a control character never reaches a file."""

from __future__ import annotations

from typing import Any

import pytest

from navet.iso20022.pain001 import Transfer, build
from navet.payments.actions import change_recipient, send_again
from navet.payments.bank import import_bank_file
from navet.payments.errors import PaymentError
from navet.payments.models import AttemptState, Method, Payment, PaymentState, RunState
from navet.payments.presenters import change_items
from navet.payments.runs import cancel_run, mark_sent, prepare_run
from tests.conftest import World
from tests.iso20022.answers import answer
from tests.iso20022.test_pain001 import a_file
from tests.payments.test_bank_answers import sent_run
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)


def partly_rejected(world: World) -> tuple[Any, Any, Any]:
    run = sent_run(world)
    first, second = run.attempts.select_related("payment").order_by("payment__period_from")
    status = answer(
        "pain002_part",
        msg=run.message_id or "",
        e2e_rejected=first.end_to_end_id,
        e2e_accepted=second.end_to_end_id,
    )
    import_bank_file(content=status, filename="s.xml", actor=None)
    return run, first, second


def test_an_answered_run_cannot_be_cancelled(world: World, grant: Any) -> None:  # noqa: F811
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    from navet.payments.files import generate_file
    from navet.payments.runs import approve_run

    run = generate_file(approve_run(run=run, actor=world.leader_oslo))
    first = run.attempts.order_by("id").first()
    status = answer(
        "pain002_part",
        msg=run.message_id or "",
        e2e_rejected=first.end_to_end_id,
        e2e_accepted="0" * 32,
    )
    import_bank_file(content=status, filename="s.xml", actor=None)  # answered before "sent"
    with pytest.raises(PaymentError, match="Banken har svart"):
        cancel_run(run=run, actor=world.leader_oslo)
    run.refresh_from_db()
    assert run.state == RunState.GENERATED
    first.payment.refresh_from_db()
    assert first.payment.state == PaymentState.REJECTED
    # Marking it sent leaves the rejected payment as it is.
    mark_sent(run=run, actor=world.leader_oslo)
    first.payment.refresh_from_db()
    assert first.payment.state == PaymentState.REJECTED
    assert set(Payment.objects.values_list("state", flat=True)) == {
        PaymentState.REJECTED,
        PaymentState.SENT,
    }


def test_cancelling_a_run_leaves_a_payment_another_run_holds(world: World, grant: Any) -> None:  # noqa: F811
    run, first, _second = partly_rejected(world)
    send_again(payment=first.payment, actor=world.caseworker_oslo)
    later = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    cancel_run(run=later, actor=world.leader_oslo)
    first.payment.refresh_from_db()
    assert first.payment.state == PaymentState.PLANNED
    assert not first.payment.attempts.filter(state=AttemptState.PENDING).exists()
    # The first run, sent and answered, is never cancelled.
    with pytest.raises(PaymentError):
        cancel_run(run=run, actor=world.leader_oslo)


def test_a_bank_file_from_the_page_reaches_only_the_importers_office(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    run = sent_run(world)
    content = answer("pain002_rejected", msg=run.message_id or "")
    result = import_bank_file(
        content=content,
        filename="r.xml",
        actor=world.caseworker_bergen,
        office_ids=world.caseworker_bergen.office_ids(),
    )
    assert result.unmatched == [run.message_id] and not result.rejected
    assert set(Payment.objects.values_list("state", flat=True)) == {PaymentState.SENT}


def test_an_account_failing_its_check_digit_stays_planned(world: World, grant: Any) -> None:  # noqa: F811
    first, second = grant.payments.order_by("period_from")
    Payment.objects.filter(pk=first.pk).update(account="12345678900")
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    assert [a.payment_id for a in run.attempts.all()] == [second.pk]
    first.refresh_from_db()
    assert first.state == PaymentState.PLANNED and not first.attempts.exists()


def test_a_control_character_never_reaches_a_file() -> None:
    bad = Transfer("d" * 32, a_file().transfers[0].amount, "Kari\x0bHansen", "86011117947")
    with pytest.raises(ValueError, match="control character"):
        build(a_file(transfers=(bad,)))


def test_the_review_list_names_nothing_of_a_person_the_reader_may_not_see(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    payment = grant.payments.first()
    change = change_recipient(
        payment=payment,
        actor=world.caseworker_oslo,
        method=Method.BANK,
        other_recipient=False,
        account="12345678903",
        reason="Ny konto.",
    )
    (hidden,) = change_items([change], visible=set(), reader_id=world.leader_oslo.pk)
    text = str(hidden)
    assert hidden["hidden"] and payment.person.full_name not in text
    assert "1234 56 78903" not in text and "Ny konto." not in text
    (shown,) = change_items([change], visible={payment.person_id}, reader_id=world.leader_oslo.pk)
    assert "1234 56 78903" in str(shown)
