"""Payment runs (utbetalingskjøringer): prepare, approve (four eyes), cancel, mark as sent.

Each step is one short transaction that moves the state forward and records its audit
event; the innsyn events of the payments are appended in the same transaction. A state
change is a conditional UPDATE on the state it starts from, so two people clicking at once
make one change and the other is told (this also holds on SQLite, where SELECT … FOR
UPDATE does nothing). The database refuses what the code must never do: a payment in two
live attempts, one person preparing and approving the same run."""

from __future__ import annotations

import uuid
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, Office, SequenceKind
from navet.core.sequences import next_reference
from navet.iso20022.numbers import is_account_number
from navet.payments.actions import settings_for
from navet.payments.calendar import next_banking_day
from navet.payments.errors import PaymentError
from navet.payments.files import generate_file
from navet.payments.innsyn import tell_innsyn_of_many
from navet.payments.models import (
    AttemptState,
    EventKind,
    Method,
    Payment,
    PaymentEvent,
    PaymentQuerySet,
    PaymentRun,
    PaymentState,
    RunState,
    TransferAttempt,
)


def payable(office: Office, due_by: date) -> PaymentQuerySet:
    """The office's bank payments due by `due_by` that no run holds: planned, or rejected
    by the bank and waiting for a new attempt. Those without an account wait (the list of
    payments shows them)."""
    return (
        Payment.objects.filter(
            office=office,
            state__in=[PaymentState.PLANNED, PaymentState.REJECTED],
            method=Method.BANK,
            due_on__lte=due_by,
        )
        .exclude(account="")
        .order_by("due_on", "reference")
    )


def _history(
    payments: list[Payment], state: PaymentState, actor: Employee, note: str, kind: str = ""
) -> None:
    PaymentEvent.objects.bulk_create(
        PaymentEvent(payment=p, state=state, kind=kind, note=note, actor=actor) for p in payments
    )


@transaction.atomic
def prepare_run(*, office: Office, due_by: date, actor: Employee) -> PaymentRun:
    """A run of every payable payment due by `due_by`, each as a pending transfer attempt
    with a new end-to-end id. Nothing due is an error that creates nothing."""
    if office.pk not in actor.office_ids():
        raise PaymentError(_("Du kan bare lage utbetalingskjøringer for ditt eget kontor."))
    candidates = list(payable(office, due_by).select_for_update())
    payments = [p for p in candidates if is_account_number(p.account)]
    if not payments:
        raise PaymentError(
            _("Ingen utbetalinger med kontonummer har forfall til og med %(date)s.")
            % {"date": due_by.strftime("%d.%m.%Y")}
        )
    run = PaymentRun.objects.create(
        reference=next_reference(
            office=office, year=timezone.localdate().year, kind=SequenceKind.PAYMENT_RUN
        ),
        office=office,
        due_by=due_by,
        prepared_by=actor,
    )
    try:
        with transaction.atomic():
            TransferAttempt.objects.bulk_create(
                TransferAttempt(
                    payment=p,
                    run=run,
                    end_to_end_id=uuid.uuid4().hex,
                    amount=p.amount,
                    recipient_name=p.recipient_name,
                    account=p.account,
                    kid=p.kid,
                    text=p.text,
                )
                for p in payments
            )
    except IntegrityError as error:
        raise PaymentError(
            _("En annen utbetalingskjøring tok de samme utbetalingene samtidig. Prøv igjen.")
        ) from error
    Payment.objects.filter(attempts__run=run).update(state=PaymentState.IN_RUN)
    _history(payments, PaymentState.IN_RUN, actor, run.reference)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RUN_PREPARED,
        target=run,
        data={
            "run": run.reference,
            "payments": len(payments),
            "total": sum(p.amount for p in payments),
            "due_by": due_by.isoformat(),
        },
    )
    return run


def _with_innsyn_context(attempts: QuerySet[TransferAttempt]) -> QuerySet[TransferAttempt]:
    """The attempts with what an innsyn event names (the payment, its case and application),
    without the large JSON each row would otherwise carry (the received soknad.json, the
    calculation), which made approval of a national run slow."""
    return attempts.select_related("payment__decision__case__application").defer(
        "payment__decision__calculation",
        "payment__decision__case__application__soknad",
        "payment__decision__case__application__children",
        "payment__decision__case__application__notices",
        "payment__decision__case__application__register_failures",
    )


def _refuse_approval(run: PaymentRun, actor: Employee) -> None:
    if run.prepared_by_id == actor.pk:
        raise PaymentError(
            _("Den som har laget utbetalingskjøringen, kan ikke godkjenne den selv.")
        )
    if not actor.may_approve_payments or run.office_id not in actor.office_ids():
        raise PaymentError(_("Du har ikke fullmakt til å godkjenne utbetalinger ved kontoret."))


@transaction.atomic
def approve_run(*, run: PaymentRun, actor: Employee) -> PaymentRun:
    """Approve a prepared run: the message id, the execution date and the paying account
    are fixed now, and innsyn gets PLANLAGT_UTBETALING with the due date for each
    payment. The file is generated from what is fixed here (navet/payments/files.py)."""
    _refuse_approval(run, actor)
    settings = settings_for(run.office)
    if not is_account_number(settings.debtor_account) or not settings.debtor_name:
        raise PaymentError(
            _(
                "Kontoret mangler kontoen det betales fra eller betalerens navn. Be "
                "administratoren fylle det ut under kontorets innstillinger."
            )
        )
    attempts = list(_with_innsyn_context(run.attempts.all()))
    latest_due = max(a.payment.due_on for a in attempts)
    execution = max(latest_due, next_banking_day(timezone.localdate()))
    now = timezone.now()
    changed = PaymentRun.objects.filter(pk=run.pk, state=RunState.DRAFT).update(
        state=RunState.APPROVED,
        approved_by=actor,
        approved_at=now,
        message_id=f"NAVET-{run.reference}",
        execution_date=execution,
        debtor_name=settings.debtor_name,
        debtor_account=settings.debtor_account,
        organisation_number=settings.organisation_number,
        file_version=settings.file_version,
    )
    if not changed:
        raise PaymentError(_("Utbetalingskjøringen er allerede godkjent eller avbrutt."))
    run.refresh_from_db()
    tell_innsyn_of_many(
        [a.payment for a in attempts], "PLANLAGT_UTBETALING", forfallsdato=execution
    )
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RUN_APPROVED,
        target=run,
        data={"run": run.reference, "message_id": run.message_id},
    )
    from navet.payments.tasks import generate_file_task

    generate_file_task.enqueue(str(run.pk))
    return run


@transaction.atomic
def cancel_run(*, run: PaymentRun, actor: Employee) -> PaymentRun:
    """Cancel a run that has not been sent: its attempts end, and its payments are payable
    again (a later run gives them new end-to-end ids)."""
    if run.office_id not in actor.office_ids():
        raise PaymentError(_("Du kan bare avbryte utbetalingskjøringer ved ditt eget kontor."))
    was_approved = run.state != RunState.DRAFT
    changed = PaymentRun.objects.filter(
        pk=run.pk, state__in=[RunState.DRAFT, RunState.APPROVED, RunState.GENERATED]
    ).update(state=RunState.CANCELLED, cancelled_by=actor, cancelled_at=timezone.now())
    if not changed:
        raise PaymentError(_("Utbetalingskjøringen er sendt til banken og kan ikke avbrytes."))
    run.refresh_from_db()
    attempts = list(_with_innsyn_context(run.attempts.all()))
    run.attempts.update(state=AttemptState.CANCELLED)
    payments = [a.payment for a in attempts]
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(state=PaymentState.PLANNED)
    _history(payments, PaymentState.PLANNED, actor, "", kind=EventKind.RUN_CANCELLED)
    if was_approved:
        # innsyn was told these were planned on the run's date; they wait for a new run.
        for payment in payments:
            tell_innsyn_of_many([payment], "PLANLAGT_UTBETALING", forfallsdato=payment.due_on)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RUN_CANCELLED,
        target=run,
        data={"run": run.reference, "payments": len(payments)},
    )
    return run


@transaction.atomic
def mark_sent(*, run: PaymentRun, actor: Employee) -> PaymentRun:
    """The file has been sent to the bank (uploaded in the netbank or through the ERP)."""
    if run.office_id not in actor.office_ids():
        raise PaymentError(_("Du kan bare endre utbetalingskjøringer ved ditt eget kontor."))
    if run.state == RunState.APPROVED:
        # Downloaded before the background job stored it: the same bytes, stored now.
        run = generate_file(run)
    changed = PaymentRun.objects.filter(pk=run.pk, state=RunState.GENERATED).update(
        state=RunState.SENT, sent_by=actor, sent_at=timezone.now()
    )
    if not changed:
        raise PaymentError(_("Bare en kjøring med betalingsfil kan merkes som sendt."))
    run.refresh_from_db()
    payments = [a.payment for a in run.attempts.select_related("payment")]
    Payment.objects.filter(pk__in=[p.pk for p in payments]).update(state=PaymentState.SENT)
    _history(payments, PaymentState.SENT, actor, run.reference)
    trail.record(
        actor=actor, action=AuditAction.PAYMENT_RUN_SENT, target=run, data={"run": run.reference}
    )
    return run
