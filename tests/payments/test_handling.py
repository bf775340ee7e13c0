"""One payment by hand: a rejected payment corrected and paid in a new attempt, stopped or
annulled, paid by card or cash, paid to another recipient with consent; every change of a
recipient or account reviewed by a leader; innsyn told each time, and valid."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from navet.applications.innsyn import checked_innsyn_document
from navet.audit.models import AuditEvent
from navet.payments.actions import change_recipient, review_change, stop_payment
from navet.payments.bank import import_bank_file
from navet.payments.errors import PaymentError
from navet.payments.models import Method, Payment, PaymentChange, PaymentState
from navet.payments.runs import prepare_run
from tests.conftest import World, client_for
from tests.iso20022.answers import answer
from tests.payments.test_bank_answers import sent_run
from tests.payments.test_runs import FAR, grant  # noqa: F401 (fixture)


def innsyn_of(payment: Payment) -> dict[str, Any]:
    document, problems = checked_innsyn_document(payment.decision.case.application)
    assert problems == []
    events = [
        h
        for h in document["hendelser"]
        if h["type"] == "utbetaling" and h["utbetalingsreferanse"] == payment.reference
    ]
    return events[-1]


def page(payment: Payment) -> str:
    return reverse("payments:payment-detail", args=[payment.pk])


def test_a_rejected_payment_is_a_task_is_corrected_and_paid_in_a_new_attempt(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    application = grant.case.application
    application.caseworker = world.caseworker_oslo
    application.save(update_fields=["caseworker"])
    run = sent_run(world)
    first, second = run.attempts.select_related("payment").order_by("payment__period_from")
    status = answer(
        "pain002_part",
        msg=run.message_id or "",
        e2e_rejected=first.end_to_end_id,
        e2e_accepted=second.end_to_end_id,
    )
    import_bank_file(content=status, filename="status.xml", actor=world.leader_oslo)
    payment = first.payment
    caseworker = client_for(world.caseworker_oslo)
    # The caseworker's own list and the office's payments name it, with the bank's reason.
    mine = caseworker.get("/soknader/?liste=mine").content.decode()
    assert "Utbetalinger avvist av banken" in mine and payment.reference in mine
    assert "AC04: Mottakerens konto er avsluttet" in mine
    office = caseworker.get("/utbetalinger/").content.decode()
    assert "Avvist av banken" in office and page(payment) in office

    # Mistakes people type change nothing.
    url = reverse("payments:payment-recipient", args=[payment.pk])
    form = {
        "mottaker-method": "bank",
        "mottaker-recipient": "applicant",
        "mottaker-account": "1234 56 78900",  # wrong check digit
        "mottaker-reason": "Kontoen er avsluttet; ny konto fra personen på telefon.",
    }
    response = caseworker.post(url, form)
    assert response.status_code == 400 and "gyldig kontonummer" in response.content.decode()
    response = caseworker.post(url, {**form, "mottaker-account": "", "mottaker-reason": ""})
    assert response.status_code == 400
    payment.refresh_from_db()
    assert payment.state == PaymentState.REJECTED and not PaymentChange.objects.exists()

    # Written the Norwegian way, with spaces: corrected, planned again, for the leader.
    response = caseworker.post(url, {**form, "mottaker-account": "1234 56 78903"})
    assert response.status_code == 302
    payment.refresh_from_db()
    assert (payment.state, payment.account) == (PaymentState.PLANNED, "12345678903")
    change = PaymentChange.objects.get()
    assert change.before["account"] == "86011117947" and change.after["account"] == "12345678903"
    assert AuditEvent.objects.filter(action="payment.recipient_changed").count() == 1
    assert innsyn_of(payment)["status"] == "PLANLAGT_UTBETALING"
    assert payment.reference not in caseworker.get("/soknader/?liste=mine").content.decode()

    # The next run pays it again with a new end-to-end id.
    again = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    new = again.attempts.get()
    assert new.payment_id == payment.pk and new.end_to_end_id != first.end_to_end_id
    assert new.account == "12345678903"

    # The leader sees the change until it is reviewed; the changer cannot review it.
    leader = client_for(world.leader_oslo)
    listing = leader.get("/utbetalinger/").content.decode()
    assert "1 endret mottaker eller konto venter på gjennomgang" in listing
    review = leader.get(reverse("payments:changes")).content.decode()
    assert "8601 11 17947" in review and "1234 56 78903" in review
    with pytest.raises(PaymentError, match="egen endring"):
        review_change(change=change, actor=world.caseworker_oslo)
    with pytest.raises(IntegrityError), transaction.atomic():
        PaymentChange.objects.filter(pk=change.pk).update(reviewed_by=world.caseworker_oslo)
    response = leader.post(reverse("payments:change-review", args=[change.pk]))
    assert response.status_code == 302
    change.refresh_from_db()
    assert change.reviewed_by == world.leader_oslo
    assert "Ingen endringer venter" in leader.get(reverse("payments:changes")).content.decode()
    assert caseworker.get(reverse("payments:changes")).status_code == 403


def test_stop_and_annul_one_payment_and_innsyn_says_so(world: World, grant: Any) -> None:  # noqa: F811
    first, second = grant.payments.order_by("period_from")
    client = client_for(world.caseworker_oslo)
    url = reverse("payments:payment-end", args=[first.pk])
    response = client.post(url, {"stopp-what": "stop", "stopp-reason": "  "})
    assert response.status_code == 400
    first.refresh_from_db()
    assert first.state == PaymentState.PLANNED
    response = client.post(url, {"stopp-what": "stop", "stopp-reason": "Personen har flyttet."})
    assert response.status_code == 302
    first.refresh_from_db()
    assert (first.state, first.stopped_reason) == (PaymentState.STOPPED, "Personen har flyttet.")
    assert innsyn_of(first)["status"] == "STOPPET"
    detail = client.get(page(first)).content.decode()
    assert "Personen har flyttet." in detail and "Stoppet" in detail
    assert "Stopp eller annuller utbetalingen" not in detail  # nothing more to do
    # Stopped is final: stopping or changing it again is refused.
    response = client.post(url, {"stopp-what": "annul", "stopp-reason": "Feil."}, follow=True)
    assert "Utbetalingen er stoppet og kan ikke endres." in response.content.decode()
    first.refresh_from_db()
    assert first.state == PaymentState.STOPPED

    url = reverse("payments:payment-end", args=[second.pk])
    client.post(url, {"stopp-what": "annul", "stopp-reason": "Registrert to ganger."})
    second.refresh_from_db()
    assert second.state == PaymentState.ANNULLED
    assert innsyn_of(second)["status"] == "ANNULLERT"
    assert AuditEvent.objects.filter(action="payment.annulled").count() == 1


def test_a_payment_in_a_run_cannot_be_changed_by_hand(world: World, grant: Any) -> None:  # noqa: F811
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    payment = run.attempts.first().payment
    with pytest.raises(PaymentError, match="kan ikke endres"):
        stop_payment(payment=payment, actor=world.caseworker_oslo, reason="Feil")
    detail = client_for(world.caseworker_oslo).get(page(payment)).content.decode()
    assert "Avbryt kjøringen først" in detail and "Lagre endringen" not in detail


def test_a_prepaid_card_is_paid_by_hand_never_in_a_file(world: World, grant: Any) -> None:  # noqa: F811
    first, second = grant.payments.order_by("period_from")
    client = client_for(world.caseworker_oslo)
    client.post(
        reverse("payments:payment-recipient", args=[first.pk]),
        {
            "mottaker-method": "card",
            "mottaker-recipient": "applicant",
            "mottaker-reason": "Har ikke bankkonto nå.",
        },
    )
    first.refresh_from_db()
    assert (first.method, first.account) == (Method.CARD, "")
    run = prepare_run(office=world.oslo, due_by=FAR, actor=world.caseworker_oslo)
    assert [a.payment_id for a in run.attempts.all()] == [second.pk]

    url = reverse("payments:payment-paid-by-hand", args=[first.pk])
    tomorrow = timezone.localdate() + timedelta(days=1)
    for typed in ("", tomorrow.strftime("%d.%m.%Y"), "1.1.2020", "i går"):
        assert client.post(url, {"hand-paid_on": typed}).status_code == 400, typed
    first.refresh_from_db()
    assert first.state == PaymentState.PLANNED
    today = timezone.localdate()
    assert client.post(url, {"hand-paid_on": today.strftime("%d.%m.%Y")}).status_code == 302
    first.refresh_from_db()
    assert (first.state, first.paid_on) == (PaymentState.PAID, today)
    event = innsyn_of(first)
    assert event["status"] == "UTBETALT" and event["utbetalingsmetode"] == "kontantkort"
    assert event["utbetalingsdato"] == today.isoformat()


def test_another_recipient_needs_consent_a_valid_kid_and_gets_a_neutral_text(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    payment = grant.payments.order_by("period_from").first()
    client = client_for(world.caseworker_oslo)
    url = reverse("payments:payment-recipient", args=[payment.pk])
    form = {
        "mottaker-method": "bank",
        "mottaker-recipient": "other",
        "mottaker-recipient_name": "Utleier AS",
        "mottaker-account": "1234.56.78903",
        "mottaker-kid": "1234 5678 9",  # wrong check digit by either rule
        "mottaker-reason": "Husleien betales direkte.",
        "mottaker-consent": "",
    }
    response = client.post(url, form)
    text = response.content.decode()
    assert response.status_code == 400
    assert "KID-nummeret stemmer ikke" in text and "samtykket" in text
    assert not PaymentChange.objects.exists()
    form.update({"mottaker-kid": "1234567897", "mottaker-consent": "Skriftlig, 3. desember."})
    assert client.post(url, form).status_code == 302
    payment.refresh_from_db()
    assert payment.other_recipient and payment.kid == "1234567897"
    assert payment.text.startswith("Betaling ") and "sosial" not in payment.text.lower()
    assert PaymentChange.objects.get().consent == "Skriftlig, 3. desember."
    event = innsyn_of_or_none(payment)
    assert event is None  # innsyn had not heard of the payment; it hears at approval
    # Back to the applicant: the KID and the text go; a KID for the applicant is refused.
    response = client.post(url, {**form, "mottaker-recipient": "applicant"})
    assert response.status_code == 400 and "KID brukes bare" in response.content.decode()
    change_recipient(
        payment=payment,
        actor=world.caseworker_oslo,
        method=Method.BANK,
        other_recipient=False,
        account="86011117947",
        reason="Tilbake til søkeren.",
    )
    payment.refresh_from_db()
    assert not payment.other_recipient and payment.kid == "" and payment.text == ""
    assert payment.recipient_name == grant.case.application.person.full_name
    with pytest.raises(PaymentError, match="Ingenting er endret"):
        change_recipient(
            payment=payment,
            actor=world.caseworker_oslo,
            method=Method.BANK,
            other_recipient=False,
            account="86011117947",
            reason="Igjen.",
        )


def innsyn_of_or_none(payment: Payment) -> dict[str, Any] | None:
    document, _problems = checked_innsyn_document(payment.decision.case.application)
    events = [
        h
        for h in document["hendelser"]
        if h["type"] == "utbetaling" and h["utbetalingsreferanse"] == payment.reference
    ]
    return events[-1] if events else None


def test_who_may_see_and_change_a_payment(world: World, grant: Any) -> None:  # noqa: F811
    payment = grant.payments.first()
    assert client_for(world.caseworker_bergen).get(page(payment)).status_code == 404
    leader = client_for(world.leader_oslo)
    detail = leader.get(page(payment))
    assert detail.status_code == 200 and "Lagre endringen" not in detail.content.decode()
    url = reverse("payments:payment-end", args=[payment.pk])
    assert leader.post(url, {"stopp-what": "stop", "stopp-reason": "x"}).status_code == 403
    assert AuditEvent.objects.filter(action="person.read", person=payment.person).exists()
    # The payment's page is linked from the decision and the person page.
    person_page = client_for(world.caseworker_oslo).get(payment.person.get_absolute_url())
    assert page(payment) in person_page.content.decode()


def test_a_rejection_for_a_passing_cause_is_sent_again_from_its_page(
    world: World,
    grant: Any,  # noqa: F811
) -> None:
    run = sent_run(world)
    content = answer("pain002_rejected", msg=run.message_id or "")
    import_bank_file(content=content, filename="r.xml", actor=None)
    payment = run.attempts.first().payment
    client = client_for(world.caseworker_oslo)
    detail = client.get(page(payment)).content.decode()
    assert "FF01: Banken kunne ikke lese filen" in detail and "Send på nytt uendret" in detail
    response = client.post(reverse("payments:payment-send-again", args=[payment.pk]))
    assert response.status_code == 302
    payment.refresh_from_db()
    assert payment.state == PaymentState.PLANNED
    assert AuditEvent.objects.filter(action="payment.sent_again").count() == 1
    again = client.post(reverse("payments:payment-send-again", args=[payment.pk]), follow=True)
    assert "kan ikke endres" in again.content.decode()
