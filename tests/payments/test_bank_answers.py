"""The bank's answers: a partly rejected file, booking, and the same file twice."""

from __future__ import annotations

from typing import Any

import pytest

from navet.applications.innsyn import checked_innsyn_document
from navet.iso20022.answers import AnswerFileError
from navet.payments.actions import send_again
from navet.payments.bank import import_bank_file
from navet.payments.errors import PaymentError
from navet.payments.files import generate_file
from navet.payments.models import (
    AttemptState,
    BankFile,
    PaymentRun,
    PaymentState,
    RunState,
)
from navet.payments.runs import approve_run, mark_sent, prepare_run
from tests.conftest import World
from tests.iso20022.answers import answer
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)


def sent_run(world: World) -> PaymentRun:
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    run = generate_file(approve_run(run=run, actor=world.leader_oslo))
    return mark_sent(run=run, actor=world.leader_oslo)


def test_a_rejected_line_waits_for_a_new_run_and_a_booked_one_is_paid(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    run = sent_run(world)
    first, second = run.attempts.select_related("payment").order_by("payment__period_from")
    status = answer(
        "pain002_part",
        msg=run.message_id or "",
        e2e_rejected=first.end_to_end_id,
        e2e_accepted=second.end_to_end_id,
    )
    result = import_bank_file(content=status, filename="status.xml", actor=world.leader_oslo)
    assert result.rejected == [first.payment.reference]
    assert result.accepted == [second.payment.reference]
    first.refresh_from_db()
    assert (first.state, first.reason_code) == (AttemptState.REJECTED, "AC04")
    first.payment.refresh_from_db()
    assert first.payment.state == PaymentState.REJECTED
    # The same answer again changes nothing.
    assert import_bank_file(content=status, filename="again.xml", actor=None).already
    assert BankFile.objects.count() == 1

    booking = answer(
        "camt054_booked",
        msg=run.message_id or "",
        e2e_booked=second.end_to_end_id,
        e2e_pending="0" * 32,
        amount=f"{second.amount}.00",
    )
    result = import_bank_file(content=booking, filename="debit.xml", actor=world.leader_oslo)
    assert result.paid == [second.payment.reference] and result.settled == [run.reference]
    second.payment.refresh_from_db()
    assert second.payment.state == PaymentState.PAID
    assert str(second.payment.paid_on) == "2026-12-18"
    run.refresh_from_db()
    assert run.state == RunState.SETTLED
    document, problems = checked_innsyn_document(grant.case.application)
    assert problems == []
    events = {
        h["utbetalingsreferanse"]: h for h in document["hendelser"] if h["type"] == "utbetaling"
    }
    assert events[second.payment.reference]["status"] == "UTBETALT"
    assert events[second.payment.reference]["utbetalingsdato"] == "2026-12-18"
    assert events[first.payment.reference]["status"] == "PLANLAGT_UTBETALING"
    assert import_bank_file(content=booking, filename="debit.xml", actor=None).already

    # The rejected payment waits for the caseworker, not for the next run: sent again as
    # it is (a cause that has passed), it goes in a new run with a new end-to-end id.
    with pytest.raises(PaymentError, match="Ingen utbetalinger"):
        prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    send_again(payment=first.payment, actor=world.caseworker_oslo)
    assert events_of(grant)[first.payment.reference]["status"] == "PLANLAGT_UTBETALING"
    again = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    (retry,) = again.attempts.all()
    assert retry.payment_id == first.payment_id and retry.end_to_end_id != first.end_to_end_id
    with pytest.raises(PaymentError, match="kan ikke endres"):
        send_again(payment=first.payment, actor=world.caseworker_oslo)


def events_of(decision: Any) -> dict[str, Any]:
    document, problems = checked_innsyn_document(decision.case.application)
    assert problems == []
    return {
        h["utbetalingsreferanse"]: h for h in document["hendelser"] if h["type"] == "utbetaling"
    }


def test_a_wholly_rejected_file_rejects_every_line(world: World, grant: Any) -> None:  # noqa: F811
    run = sent_run(world)
    content = answer("pain002_rejected", msg=run.message_id or "")
    result = import_bank_file(content=content, filename="r.xml", actor=None)
    assert len(result.rejected) == 2
    assert set(run.attempts.values_list("reason_code", flat=True)) == {"FF01"}


def test_answers_to_unknown_files_change_nothing(world: World, grant: Any) -> None:  # noqa: F811
    sent_run(world)
    content = answer("pain002_rejected", msg="NAVET-UNKNOWN")
    result = import_bank_file(content=content, filename="x.xml", actor=None)
    assert result.unmatched == ["NAVET-UNKNOWN"] and not result.rejected
    assert set(grant.payments.values_list("state", flat=True)) == {PaymentState.SENT}


def test_a_broken_file_is_refused_and_kept_nowhere(world: World) -> None:
    with pytest.raises(AnswerFileError):
        import_bank_file(content=b"<x/>", filename="x.xml", actor=None)
    assert not BankFile.objects.exists()


def test_the_page_reads_a_bank_file_and_says_what_is_wrong(world: World, grant: Any) -> None:  # noqa: F811
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import client_for

    run = sent_run(world)
    client = client_for(world.leader_oslo)

    def upload(content: bytes) -> Any:
        return client.post(
            "/utbetalinger/bankfiler/",
            {"file": SimpleUploadedFile("svar.xml", content, content_type="text/xml")},
            follow=True,
        )

    for broken, words in (
        (b"hei", "ikke en XML-fil"),
        (b"<Document xmlns='urn:x'/>", "verken en statusrapport"),
        (
            answer("pain002_rejected", msg="M").replace(
                b"<GrpSts>RJCT</GrpSts>", b"<GrpSts>NOPE</GrpSts>"
            ),
            "følger ikke standarden (ved /",
        ),
    ):
        response = upload(broken)
        assert response.status_code == 400 and words in response.content.decode(), words
    assert not BankFile.objects.exists()
    content = answer("pain002_rejected", msg=run.message_id or "")
    page = upload(content).content.decode()
    assert "Svaret fra banken er lest inn: 0 utbetalt, 0 godtatt, 2 avvist, 0 ukjente." in page
    assert "Denne filen fra banken er lest inn før" in upload(content).content.decode()
    detail = client.get(f"/utbetalinger/kjoringer/{run.pk}/").content.decode()
    assert "FF01: Banken kunne ikke lese filen" in detail
