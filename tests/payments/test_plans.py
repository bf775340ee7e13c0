"""A made grant plans its payments in the same transaction: one per month of its period,
adding up to the decision's amount, due on banking days; emergency help once; a refusal
never. A decision that replaces another stops the old one's payments not yet sent."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from navet.audit.models import AuditEvent
from navet.decisions import actions
from navet.decisions.models import Decision, Outcome, Recipient
from navet.payments.actions import plan_payments
from navet.payments.calendar import is_banking_day
from navet.payments.models import Payment, PaymentSettings, PaymentState
from navet.rules.dates import add_months, month_end
from tests.conftest import World
from tests.decisions.test_amount_agrees import assess, draft


def made_grant(world: World, first: date, last: date, **changes: object) -> Decision:
    me = world.caseworker_oslo
    decision = draft(world)
    decision.case.application.account_number = "86011117947"
    decision.case.application.save(update_fields=["account_number"])
    assess(decision, me, outcome=Outcome.GRANTED, period_from=first, period_to=last)
    amount = decision.snapshot.assistance
    assert amount
    assess(decision, me, amount=amount, **changes)
    return actions.propose_decision(decision=decision, actor=me)


def months_ahead(n: int) -> date:
    return add_months(timezone.localdate().replace(day=1), n)


def test_a_grant_over_three_months_is_three_payments_that_add_up(world: World) -> None:
    PaymentSettings.objects.create(office=world.oslo, payment_day=20)
    first, last = months_ahead(1), month_end(months_ahead(3))
    decision = made_grant(world, first, last)
    payments = list(decision.payments.order_by("period_from"))
    assert [p.period_from for p in payments] == [months_ahead(n) for n in (1, 2, 3)]
    assert sum(p.amount for p in payments) == decision.amount
    for payment in payments:
        assert payment.state == PaymentState.PLANNED
        assert is_banking_day(payment.due_on)
        assert payment.due_on.month == payment.period_from.month and payment.due_on.day <= 20
        assert payment.account == "86011117947" and not payment.other_recipient
        assert payment.recipient_name == decision.case.application.person.full_name
        assert payment.form == "grant"
        assert payment.events.get().state == PaymentState.PLANNED
    assert [p.reference for p in payments] == [f"{decision.reference}-{n}" for n in (1, 2, 3)]
    event = AuditEvent.objects.get(action="payments.planned")
    assert event.data["total"] == decision.amount
    # Planning again changes nothing.
    assert plan_payments(decision=decision, actor=world.caseworker_oslo) == []
    assert decision.payments.count() == 3


def test_a_period_in_the_past_is_due_from_today(world: World) -> None:
    decision = made_grant(world, date(2026, 3, 1), date(2026, 3, 31))
    payment = decision.payments.get()
    today = timezone.localdate()
    assert today <= payment.due_on <= today + timedelta(days=5)


def test_another_recipient_gets_a_neutral_text(world: World) -> None:
    decision = made_grant(
        world,
        months_ahead(1),
        month_end(months_ahead(1)),
        recipient=Recipient.OTHER,
        recipient_name="Utleie AS",
        recipient_account="12345678903",
    )
    payment = decision.payments.get()
    assert payment.other_recipient and payment.recipient_name == "Utleie AS"
    assert payment.account == "12345678903"
    assert payment.text.startswith("Betaling ") and decision.reference in payment.text
    assert "sosial" not in payment.text.lower() and "nav" not in payment.text.lower()


def test_emergency_help_is_one_payment(world: World) -> None:
    PaymentSettings.objects.create(office=world.oslo, emergency_same_day=False)
    me = world.caseworker_oslo
    decision = draft(world)
    application = decision.case.application
    application.emergency = True
    application.save(update_fields=["emergency"])
    first = timezone.localdate()
    assess(decision, me, outcome=Outcome.GRANTED, period_from=first, period_to=first)
    assess(decision, me, amount=min(1500, decision.snapshot.assistance or 0))
    made = actions.propose_decision(decision=decision, actor=me)
    payment = made.payments.get()
    assert payment.amount == made.amount
    assert payment.due_on > first and is_banking_day(payment.due_on)


def test_a_refusal_plans_nothing(world: World) -> None:
    me = world.caseworker_oslo
    decision = draft(world)
    assess(decision, me, outcome=Outcome.REFUSED, amount=None)
    actions.propose_decision(decision=decision, actor=me)
    assert not Payment.objects.exists()


def test_a_new_decision_stops_the_old_ones_unsent_payments(world: World) -> None:
    me = world.caseworker_oslo
    old = made_grant(world, months_ahead(1), month_end(months_ahead(2)))
    sent = old.payments.order_by("period_from").first()
    assert sent is not None
    Payment.objects.filter(pk=sent.pk).update(state=PaymentState.SENT)
    new = actions.change_decision(decision=old, actor=me)
    assess(new, me, outcome=Outcome.GRANTED, amount=new.snapshot.assistance)
    made = actions.propose_decision(decision=new, actor=me)
    states = dict(old.payments.values_list("reference", "state"))
    assert states == {f"{old.reference}-1": "sent", f"{old.reference}-2": "stopped"}
    stopped = old.payments.get(state=PaymentState.STOPPED)
    assert stopped.stopped_by == made
    assert AuditEvent.objects.filter(action="payments.stopped").count() == 1
    # The month already sent to the bank is not paid again: the new decision pays only
    # what it gives beyond it (here nothing), and the next month in full.
    (second,) = made.payments.all()
    assert second.period_from == months_ahead(2)
    planned = AuditEvent.objects.filter(action="payments.planned").latest("id")
    assert planned.data["reduced_by_earlier"] == {f"{months_ahead(1):%Y-%m}": sent.amount}


def test_a_higher_new_decision_pays_the_difference_for_a_month_under_way(world: World) -> None:
    me = world.caseworker_oslo
    first, last = months_ahead(1), month_end(months_ahead(1))
    old = draft(world)
    old.case.application.account_number = "86011117947"
    old.case.application.save(update_fields=["account_number"])
    assess(old, me, outcome=Outcome.GRANTED, period_from=first, period_to=last)
    full = old.snapshot.assistance
    assert full and full > 2000
    assess(old, me, amount=full - 2000, amount_reason="Husleien er delvis betalt.")
    old = actions.propose_decision(decision=old, actor=me)
    going = old.payments.get()
    assert going.amount == full - 2000
    Payment.objects.filter(pk=going.pk).update(state=PaymentState.IN_RUN)
    new = actions.change_decision(decision=old, actor=me)
    assess(new, me, outcome=Outcome.GRANTED, amount=full - 500, amount_reason="Delvis betalt.")
    made = actions.propose_decision(decision=new, actor=me)
    (difference,) = made.payments.all()
    assert difference.amount == 1500
    from navet.payments.presenters import covered_note

    assert old.reference in covered_note(made) and "allerede utbetalt" in covered_note(made)
    # A third decision counts what both earlier ones pay.
    Payment.objects.filter(pk=difference.pk).update(state=PaymentState.PAID)
    third = actions.change_decision(decision=made, actor=me)
    assess(third, me, outcome=Outcome.GRANTED, amount=full, amount_reason="")
    paid_now = actions.propose_decision(decision=third, actor=me).payments.all()
    assert [p.amount for p in paid_now] == [500]


def test_a_failing_plan_leaves_the_decision_unmade(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The plan is part of making the decision: if it fails, nothing is made."""
    from navet.payments import actions as payment_actions

    def broken(**kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(payment_actions, "plan_payments", broken)
    me = world.caseworker_oslo
    decision = draft(world)
    first, last = months_ahead(1), month_end(months_ahead(1))
    assess(decision, me, outcome=Outcome.GRANTED, period_from=first, period_to=last)
    assess(decision, me, amount=decision.snapshot.assistance)
    with pytest.raises(RuntimeError):
        actions.propose_decision(decision=decision, actor=me)
    decision.refresh_from_db()
    assert decision.state == "draft" and not Payment.objects.exists()


def test_the_decision_names_another_recipient_with_consent_and_kid(world: World) -> None:
    from navet.decisions.forms import AssessmentForm
    from navet.iso20022.numbers import luhn_check_digit

    kid = "4455667" + luhn_check_digit("4455667")
    decision = draft(world)

    def form(**data: str) -> AssessmentForm:
        return AssessmentForm(
            {"outcome": "granted", "form": "grant", "amount": "5 000", **data},
            decision=decision,
            has_children=False,
            under_activity_age=False,
            calculated=None,
        )

    other = {
        "recipient": "other",
        "recipient_name": "Utleie AS",
        "recipient_account": "1234 56 78903",
        "recipient_kid": kid,
    }
    refused = form(**other)
    refused.is_valid()
    assert "recipient_consent" in refused.errors
    wrong_kid = form(**{**other, "recipient_kid": "12345", "recipient_consent": "Skriftlig."})
    wrong_kid.is_valid()
    assert "recipient_kid" in wrong_kid.errors
    applicant_kid = form(recipient="applicant", recipient_kid=kid)
    applicant_kid.is_valid()
    assert "recipient_kid" in applicant_kid.errors
    accepted = form(**other, recipient_consent="Skriftlig, 3. desember.")
    accepted.is_valid()
    assert not {"recipient_consent", "recipient_kid", "recipient_account"} & set(accepted.errors)
    assert accepted.cleaned_data["recipient_account"] == "12345678903"

    made = made_grant(
        world,
        months_ahead(1),
        month_end(months_ahead(1)),
        recipient=Recipient.OTHER,
        recipient_name="Utleie AS",
        recipient_account="12345678903",
        recipient_kid=kid,
        recipient_consent="Skriftlig, 3. desember.",
    )
    payment = made.payments.get()
    assert payment.kid == kid and payment.text == ""
