"""State changes of payments, each inside the caller's transaction with its audit event.

`plan_for_made_decision` answers the decisions layer's `decision_made` signal: a grant
plans its payments in the transaction that made it; a decision that replaces another stops
the old one's payments that have not been sent. A payment already sent is never changed."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import override

from navet.applications.models import InnsynEvent
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, Office
from navet.decisions.models import Decision, Outcome, Recipient
from navet.payments.calendar import emergency_due_date, monthly_due_date, split_by_days
from navet.payments.errors import PaymentError
from navet.payments.innsyn import tell_innsyn, tell_innsyn_of_many
from navet.payments.models import (
    EventKind,
    Method,
    Payment,
    PaymentChange,
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
    going = already_going(decision)
    reduced: dict[str, int] = {}
    for number, ((first, last), amount, due) in enumerate(
        zip(pieces, amounts, dues, strict=True), start=1
    ):
        # What the decisions this one replaces already pay for the month is not paid twice.
        covered = going.pop((first.year, first.month), 0)
        if covered:
            reduced[f"{first:%Y-%m}"] = min(covered, amount)
        amount -= covered
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
                "kid": decision.recipient_kid if other else "",
                "text": neutral_text(first, reference=f"{decision.reference}-{number}")
                if other and not decision.recipient_kid
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
                "reduced_by_earlier": reduced,
            },
        )
    return planned


def already_going(decision: Decision) -> dict[tuple[int, int], int]:
    """Per (year, month): what the decisions this one replaces, and those they replaced,
    pay that has not been stopped — in a run, sent to the bank or paid. A replacing
    decision plans only the rest, so a month is never paid twice."""
    going: dict[tuple[int, int], int] = {}
    earlier = decision.replaces
    while earlier is not None:
        for start, amount in earlier.payments.filter(
            state__in=[PaymentState.IN_RUN, PaymentState.SENT, PaymentState.PAID]
        ).values_list("period_from", "amount"):
            key = (start.year, start.month)
            going[key] = going.get(key, 0) + amount
        earlier = earlier.replaces
    return going


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
        tell_innsyn_of_many(stopped, "STOPPET")
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


# A payment in these states has not gone to the bank: a caseworker may still change it.
CHANGEABLE = (PaymentState.PLANNED, PaymentState.REJECTED)
# How far back a payment made by hand (card, cash) may be dated when it is registered.
PAID_BY_HAND_DAYS_BACK = 90


def _locked(payment: Payment, states: tuple[str, ...]) -> Payment:
    """The payment locked for the change, if it is still in one of `states`: two people
    changing one payment at once make one change, and the other is told."""
    current = (
        Payment.objects.select_for_update()
        .select_related("decision__case__application", "person")
        .get(pk=payment.pk)
    )
    if current.state not in states:
        raise PaymentError(
            _("Utbetalingen er %(state)s og kan ikke endres.")
            % {"state": current.get_state_display().lower()}
        )
    return current


def _end(payment: Payment, *, actor: Employee, reason: str, annul: bool) -> Payment:
    reason = reason.strip()
    if not reason:
        raise PaymentError(_("Skriv hvorfor."))
    payment = _locked(payment, CHANGEABLE)
    state = PaymentState.ANNULLED if annul else PaymentState.STOPPED
    payment.state = state
    payment.stopped_reason = reason
    payment.save(update_fields=["state", "stopped_reason"])
    PaymentEvent.objects.create(payment=payment, state=state, note=reason, actor=actor)
    tell_innsyn(payment, "ANNULLERT" if annul else "STOPPET")
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_ANNULLED if annul else AuditAction.PAYMENTS_STOPPED,
        person=payment.person,
        target=payment.decision,
        data={"payments": [payment.reference], "reason": reason},
    )
    return payment


@transaction.atomic
def stop_payment(*, payment: Payment, actor: Employee, reason: str) -> Payment:
    """Stop one payment that has not gone to the bank (the person has moved, the landlord is
    paid another way); innsyn shows it as stopped."""
    return _end(payment, actor=actor, reason=reason, annul=False)


@transaction.atomic
def annul_payment(*, payment: Payment, actor: Employee, reason: str) -> Payment:
    """Annul one payment registered in error (Digisos ANNULLERT means exactly that)."""
    return _end(payment, actor=actor, reason=reason, annul=True)


@transaction.atomic
def record_paid_by_hand(*, payment: Payment, actor: Employee, paid_on: date) -> Payment:
    """A prepaid card or cash handed over at the office: never in a bank file, paid when the
    caseworker registers it."""
    today = timezone.localdate()
    if paid_on > today:
        raise PaymentError(_("Utbetalingsdatoen kan ikke være frem i tid."))
    if paid_on < today - timedelta(days=PAID_BY_HAND_DAYS_BACK):
        raise PaymentError(
            _("Utbetalingsdatoen kan være høyst %(days)s dager tilbake.")
            % {"days": PAID_BY_HAND_DAYS_BACK}
        )
    payment = _locked(payment, (PaymentState.PLANNED,))
    if payment.method == Method.BANK:
        raise PaymentError(_("En bankoverføring utbetales i en utbetalingskjøring, ikke for hånd."))
    payment.state = PaymentState.PAID
    payment.paid_on = paid_on
    payment.save(update_fields=["state", "paid_on"])
    PaymentEvent.objects.create(
        payment=payment, state=PaymentState.PAID, kind=EventKind.PAID_BY_HAND, actor=actor
    )
    tell_innsyn(payment, "UTBETALT", utbetalingsdato=paid_on)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_PAID_BY_HAND,
        person=payment.person,
        target=payment.decision,
        data={
            "payment": payment.reference,
            "method": payment.method,
            "paid_on": paid_on.isoformat(),
            "amount": payment.amount,
        },
    )
    return payment


RECIPIENT_FIELDS = ("method", "other_recipient", "recipient_name", "account", "kid", "text")


def recipient_of(payment: Payment) -> dict[str, Any]:
    return {name: getattr(payment, name) for name in RECIPIENT_FIELDS}


def _told_innsyn(payment: Payment) -> bool:
    return InnsynEvent.objects.filter(
        application=payment.decision.case.application,
        type="utbetaling",
        payload__utbetalingsreferanse=payment.reference,
    ).exists()


@transaction.atomic
def change_recipient(
    *,
    payment: Payment,
    actor: Employee,
    method: str,
    other_recipient: bool,
    recipient_name: str = "",
    account: str = "",
    kid: str = "",
    text: str = "",
    reason: str,
    consent: str = "",
) -> PaymentChange:
    """Change who a payment not yet sent goes to, the account, KID or method. Another
    recipient needs the person's consent (§ 22) and a neutral text (§ 44). The change is
    kept with what it was before, for the leader's review; a payment the bank rejected is
    planned again, for the next run."""
    payment = _locked(payment, CHANGEABLE)
    reason, consent = reason.strip(), consent.strip()
    if not reason:
        raise PaymentError(_("Skriv hvorfor mottakeren eller kontoen endres."))
    if method != Method.BANK:
        account, kid = "", ""
    if other_recipient:
        if not recipient_name.strip() or (method == Method.BANK and not account):
            raise PaymentError(_("Skriv navnet og kontonummeret til den andre mottakeren."))
        if not consent:
            raise PaymentError(
                _(
                    "Skriv hvordan personen har samtykket til at stønaden betales til en "
                    "annen (sosialtjenesteloven § 22)."
                )
            )
        text = text.strip() or neutral_text(payment.period_from, reference=payment.reference)
    else:
        recipient_name, kid, text = payment.person.full_name, "", ""
    before = recipient_of(payment)
    payment.method = method
    payment.other_recipient = other_recipient
    payment.recipient_name = recipient_name.strip()
    payment.account = account
    payment.kid = kid
    payment.text = text
    after = recipient_of(payment)
    if after == before:
        raise PaymentError(_("Ingenting er endret."))
    was_rejected = payment.state == PaymentState.REJECTED
    payment.state = PaymentState.PLANNED
    payment.save(update_fields=[*RECIPIENT_FIELDS, "state"])
    change = PaymentChange.objects.create(
        payment=payment,
        changed_by=actor,
        before=before,
        after=after,
        reason=reason,
        consent=consent if other_recipient else "",
    )
    PaymentEvent.objects.create(
        payment=payment,
        state=PaymentState.PLANNED,
        kind=EventKind.RECIPIENT_CHANGED,
        note=reason,
        actor=actor,
    )
    if was_rejected or _told_innsyn(payment):
        tell_innsyn(payment, "PLANLAGT_UTBETALING", forfallsdato=payment.due_on)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RECIPIENT_CHANGED,
        person=payment.person,
        target=payment.decision,
        data={"payment": payment.reference, "before": before, "after": after, "reason": reason},
    )
    return change


@transaction.atomic
def review_change(*, change: PaymentChange, actor: Employee) -> PaymentChange:
    """A leader has looked at a change of recipient or account (never their own)."""
    if change.changed_by_id == actor.pk:
        raise PaymentError(_("Du kan ikke gå gjennom din egen endring."))
    done = PaymentChange.objects.filter(pk=change.pk, reviewed_at__isnull=True).update(
        reviewed_by=actor, reviewed_at=timezone.now()
    )
    if not done:
        raise PaymentError(_("Endringen er allerede gått gjennom."))
    change.refresh_from_db()
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_CHANGE_REVIEWED,
        target=change.payment.decision,
        data={"payment": change.payment.reference, "change": change.pk},
    )
    return change


@transaction.atomic
def send_again(*, payment: Payment, actor: Employee) -> Payment:
    """Plan a rejected payment again as it is, for a cause that has passed (no funds on the
    office's account, the bank's own error): the next run sends it with a new end-to-end
    id. A wrong or closed account is corrected instead (change_recipient)."""
    payment = _locked(payment, (PaymentState.REJECTED,))
    payment.state = PaymentState.PLANNED
    payment.save(update_fields=["state"])
    PaymentEvent.objects.create(
        payment=payment, state=PaymentState.PLANNED, kind=EventKind.SENT_AGAIN, actor=actor
    )
    tell_innsyn(payment, "PLANLAGT_UTBETALING", forfallsdato=payment.due_on)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_SENT_AGAIN,
        person=payment.person,
        target=payment.decision,
        data={"payment": payment.reference},
    )
    return payment
