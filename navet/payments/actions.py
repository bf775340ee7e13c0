"""State changes of payments, each inside the caller's transaction with its audit event.

`plan_for_made_decision` answers the decisions layer's `decision_made` signal: a grant
plans its payments in the transaction that made it; a decision that replaces another stops
the old one's payments that have not been sent. A payment already sent is never changed."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, Office
from navet.decisions.models import Decision, Outcome, Recipient
from navet.payments.calendar import emergency_due_date, monthly_due_date, split_by_days
from navet.payments.models import (
    Method,
    Payment,
    PaymentEvent,
    PaymentSettings,
    PaymentState,
)
from navet.rules.dates import months_in

GRANTING = (Outcome.GRANTED, Outcome.PARTLY_GRANTED)


def settings_for(office: Office) -> PaymentSettings:
    """The office's payment settings; the defaults (the 1st, emergency help the next banking
    day) until an administrator sets them."""
    found = PaymentSettings.objects.filter(office=office).first()
    return found or PaymentSettings(office=office)


def plan_for_made_decision(
    sender: Any, *, decision: Decision, actor: Employee, **kwargs: Any
) -> None:
    """The `decision_made` receiver (navet/decisions/signals.py)."""
    if decision.replaces is not None:
        stop_unsent(decision=decision.replaces, replaced_by=decision, actor=actor)
    plan_payments(decision=decision, actor=actor)


@transaction.atomic
def plan_payments(*, decision: Decision, actor: Employee) -> list[Payment]:
    """The payments of a made grant: one per calendar month of its period (the amount split
    by the days of the period in each month), or one for emergency help; none for anything
    but a grant with an amount and a period. Doing it twice changes nothing."""
    if (
        not decision.is_made
        or decision.outcome not in GRANTING
        or not decision.amount
        or decision.period_from is None
        or decision.period_to is None
    ):
        return []
    application = decision.case.application
    office = application.office
    settings = settings_for(office)
    today = timezone.localdate(decision.made_at) if decision.made_at else timezone.localdate()
    if application.emergency:
        pieces = [(decision.period_from, decision.period_to)]
        amounts = [decision.amount]
        dues = [emergency_due_date(today, same_day=settings.emergency_same_day)]
    else:
        pieces = list(months_in(decision.period_from, decision.period_to))
        amounts = split_by_days(decision.amount, pieces)
        dues = [
            monthly_due_date(first.replace(day=1), settings.payment_day, today)
            for first, _last in pieces
        ]
    other = decision.recipient == Recipient.OTHER
    person = application.person
    planned = []
    for number, ((first, last), amount, due) in enumerate(
        zip(pieces, amounts, dues, strict=True), start=1
    ):
        if amount <= 0:
            continue
        payment, created = Payment.objects.get_or_create(
            decision=decision,
            period_from=first,
            period_to=last,
            defaults={
                "reference": f"{decision.reference}-{number}",
                "person": person,
                "office": office,
                "amount": amount,
                "form": decision.form,
                "due_on": due,
                "method": Method.BANK,
                "other_recipient": other,
                "recipient_name": decision.recipient_name if other else person.full_name,
                "account": decision.recipient_account if other else application.account_number,
                "text": neutral_text(first, reference=f"{decision.reference}-{number}")
                if other
                else "",
            },
        )
        if created:
            PaymentEvent.objects.create(payment=payment, state=PaymentState.PLANNED, actor=actor)
            planned.append(payment)
    if planned:
        trail.record(
            actor=actor,
            action=AuditAction.PAYMENTS_PLANNED,
            person=person,
            target=decision,
            data={
                "payments": [p.reference for p in planned],
                "total": sum(p.amount for p in planned),
            },
        )
    return planned


def neutral_text(month_first: Any, *, reference: str) -> str:
    """What another recipient's statement shows: the month and Navet's reference, in bokmål,
    and nothing that says what the money is for (sosialtjenesteloven § 44)."""
    with override("nb"):
        month = date_format(month_first, "F Y")
    return f"Betaling {month}, ref. {reference}"[:140]


@transaction.atomic
def stop_unsent(
    *,
    decision: Decision,
    actor: Employee,
    replaced_by: Decision | None = None,
    reason: str = "",
) -> list[Payment]:
    """Stop the decision's payments that have not gone to the bank, because a new decision
    replaces it or for the caseworker's written reason; the others are left as they are."""
    stopped = list(decision.payments.not_sent().select_for_update())
    for payment in stopped:
        payment.state = PaymentState.STOPPED
        payment.stopped_by = replaced_by
        payment.stopped_reason = reason
        payment.save(update_fields=["state", "stopped_by", "stopped_reason"])
        PaymentEvent.objects.create(
            payment=payment, state=PaymentState.STOPPED, note=reason, actor=actor
        )
    if stopped:
        trail.record(
            actor=actor,
            action=AuditAction.PAYMENTS_STOPPED,
            person=decision.case.application.person,
            target=decision,
            data={
                "payments": [p.reference for p in stopped],
                "replaced_by": replaced_by.reference if replaced_by else None,
                "reason": reason,
            },
        )
    return stopped


@transaction.atomic
def save_payment_settings(*, settings: PaymentSettings, actor: Employee) -> PaymentSettings:
    """The office's payment day and the account it pays from; the change of an account is
    audited with the old and the new number, for the leader's and the auditor's review."""
    old = PaymentSettings.objects.filter(pk=settings.pk).first() if settings.pk else None
    settings.full_clean()
    settings.save()
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_SETTINGS_CHANGED,
        target=settings,
        data={
            "office": settings.office_id,
            "payment_day": settings.payment_day,
            "emergency_same_day": settings.emergency_same_day,
            "debtor_account": settings.debtor_account,
            "previous_debtor_account": old.debtor_account if old else None,
            "file_version": settings.file_version,
        },
    )
    return settings
