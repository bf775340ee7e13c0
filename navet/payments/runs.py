"""Payment runs (utbetalingskjøringer): prepare, approve (four eyes), cancel, mark as sent.

Each step is one short transaction that moves the state forward and records its audit
event; the innsyn events of the payments are appended in the same transaction. A state
change is a conditional UPDATE on the state it starts from, so two people clicking at once
make one change and the other is told (this also holds on SQLite, where SELECT … FOR
UPDATE does nothing). The database refuses what the code must never do: a payment in two
live attempts, one person preparing and approving the same run."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Max, Model, Sum
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
from navet.payments.innsyn import tell_innsyn_of_payments
from navet.payments.models import (
    LIVE_ATTEMPTS,
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
    """The office's planned bank payments due by `due_by` that no run holds. A payment the
    bank rejected waits for the caseworker: a corrected account (or "send again" for a
    passing cause) plans it again. Those without an account wait (the page lists them)."""
    return (
        Payment.objects.filter(
            office=office,
            state=PaymentState.PLANNED,
            method=Method.BANK,
            due_on__lte=due_by,
        )
        .exclude(account="")
        .order_by("due_on", "reference")
    )


def _params(model: type[Model], **values: Any) -> list[Any]:
    """Values as the database takes them for the model's fields (a UUID, an aware time)."""
    fields = [model._meta.get_field(name) for name in values]
    return [
        field.get_db_prep_value(value, connection)  # type: ignore[union-attr]
        for field, value in zip(fields, values.values(), strict=True)
    ]


def _history(
    payments: PaymentQuerySet, state: PaymentState, actor: Employee, note: str = "", kind: str = ""
) -> None:
    """A history row for each of the payments, written by the database in one statement
    (INSERT … SELECT: a national run is 150 000 rows)."""
    # Into the SQL go the table name and the SQL Django compiled for the queryset; every
    # value is a parameter.
    events = PaymentEvent._meta.db_table
    source, source_params = payments.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (payment_id, state, kind, note, actor_id, occurred_at) "  # noqa: S608  # nosec B608
            f"SELECT p.pk, %s, %s, %s, %s, %s FROM ({source}) p",
            [
                *_params(
                    PaymentEvent,
                    state=state,
                    kind=kind,
                    note=note,
                    actor=actor.pk,
                    occurred_at=timezone.now(),
                ),
                *source_params,
            ],
        )


def _random_end_to_end_id() -> str:
    """SQL for a new end-to-end id: 32 random hexadecimal digits, as uuid4().hex."""
    if connection.vendor == "postgresql":
        return "replace(gen_random_uuid()::text, '-', '')"
    return "lower(hex(randomblob(16)))"


def _insert_attempts(run: PaymentRun, payments: PaymentQuerySet) -> int:
    """A pending transfer attempt for each payment, with what is paid copied from it (an
    approved run's lines never change), in one INSERT … SELECT."""
    # Into the SQL go the table name, a fixed expression and the SQL Django compiled for the
    # queryset; every value is a parameter.
    attempts = TransferAttempt._meta.db_table
    source, source_params = (
        payments.order_by("due_on", "reference")
        .values("pk", "amount", "recipient_name", "account", "kid", "text")
        .query.sql_with_params()
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {attempts} (payment_id, run_id, end_to_end_id, state, amount, "  # noqa: S608  # nosec B608
            "recipient_name, account, kid, text, reason_code, created_at) "
            f"SELECT p.pk, %s, {_random_end_to_end_id()}, %s, p.amount, p.recipient_name, "
            f"p.account, p.kid, p.text, '', %s FROM ({source}) p",
            [
                *_params(
                    TransferAttempt,
                    run=run.pk,
                    state=AttemptState.PENDING,
                    created_at=timezone.now(),
                ),
                *source_params,
            ],
        )
        return int(cursor.rowcount)


@transaction.atomic
def prepare_run(*, office: Office, due_by: date, actor: Employee) -> PaymentRun:
    """A run of every payable payment due by `due_by`, each as a pending transfer attempt
    with a new end-to-end id. Nothing due is an error that creates nothing."""
    if office.pk not in actor.office_ids():
        raise PaymentError(_("Du kan bare lage utbetalingskjøringer for ditt eget kontor."))
    nothing = PaymentError(
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
    # Taking the payments is one conditional UPDATE: a run prepared at the same moment
    # waits for each row and skips those this one took (each row is written once, which
    # matters at 150 000). The payments this transaction took are then those in a run
    # without a live attempt: another's are invisible to it until committed, and committed
    # with their attempts.
    try:
        with transaction.atomic():
            moved = payable(office, due_by).update(state=PaymentState.IN_RUN)
    except OperationalError as error:  # two runs over crossing payments: one gives way
        raise PaymentError(
            _("En annen utbetalingskjøring tok de samme utbetalingene samtidig. Prøv igjen.")
        ) from error
    taken = Payment.objects.filter(
        office=office, state=PaymentState.IN_RUN, method=Method.BANK, due_on__lte=due_by
    ).exclude(attempts__state__in=LIVE_ATTEMPTS)
    # An account that fails its check digit waits, planned (the page lists it). Checked on
    # the rows taken, which are locked now.
    invalid = [
        pk for pk, account in taken.values_list("pk", "account") if not is_account_number(account)
    ]
    for start in range(0, len(invalid), 500):
        Payment.objects.filter(pk__in=invalid[start : start + 500]).update(
            state=PaymentState.PLANNED
        )
    if moved == len(invalid):
        raise nothing
    try:
        with transaction.atomic():
            count = _insert_attempts(run, taken)
    except IntegrityError as error:
        raise PaymentError(
            _("En annen utbetalingskjøring tok de samme utbetalingene samtidig. Prøv igjen.")
        ) from error
    _history(Payment.objects.filter(attempts__run=run), PaymentState.IN_RUN, actor, run.reference)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RUN_PREPARED,
        target=run,
        data={
            "run": run.reference,
            "payments": count,
            "total": run.attempts.aggregate(total=Sum("amount"))["total"],
            "due_by": due_by.isoformat(),
        },
    )
    return run


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
    latest_due = Payment.objects.filter(attempts__run=run).aggregate(latest=Max("due_on"))["latest"]
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
    tell_innsyn_of_payments(
        Payment.objects.filter(attempts__run=run).order_by("attempts__id"),
        "PLANLAGT_UTBETALING",
        dates={"forfallsdato": execution},
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
    """Cancel a run that has not been sent and that the bank has not answered: its attempts
    end, and its payments are payable again (a later run gives them new end-to-end ids)."""
    if run.office_id not in actor.office_ids():
        raise PaymentError(_("Du kan bare avbryte utbetalingskjøringer ved ditt eget kontor."))
    state = (
        PaymentRun.objects.select_for_update()
        .filter(pk=run.pk)
        .values_list("state", flat=True)
        .first()
    )
    if state not in (RunState.DRAFT, RunState.APPROVED, RunState.GENERATED):
        raise PaymentError(_("Utbetalingskjøringen er sendt til banken og kan ikke avbrytes."))
    if run.attempts.exclude(state=AttemptState.PENDING).exists():
        raise PaymentError(
            _("Banken har svart på utbetalinger i kjøringen, så den kan ikke avbrytes.")
        )
    PaymentRun.objects.filter(pk=run.pk).update(
        state=RunState.CANCELLED, cancelled_by=actor, cancelled_at=timezone.now()
    )
    run.refresh_from_db()
    # Only what this run holds: a payment whose attempt here is pending and still in a run.
    held = Payment.objects.filter(
        attempts__run=run, attempts__state=AttemptState.PENDING, state=PaymentState.IN_RUN
    )
    count = held.count()
    _history(held, PaymentState.PLANNED, actor, kind=EventKind.RUN_CANCELLED)
    if state != RunState.DRAFT:
        # innsyn was told these were planned on the run's date; they wait for a new run.
        tell_innsyn_of_payments(
            held.order_by("attempts__id"), "PLANLAGT_UTBETALING", due_on_as_forfallsdato=True
        )
    held.update(state=PaymentState.PLANNED)
    run.attempts.update(state=AttemptState.CANCELLED)
    trail.record(
        actor=actor,
        action=AuditAction.PAYMENT_RUN_CANCELLED,
        target=run,
        data={"run": run.reference, "payments": count},
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
    # Only what the bank has not answered yet: a rejected or paid payment stays so.
    sent = Payment.objects.filter(
        attempts__run=run,
        attempts__state__in=[AttemptState.PENDING, AttemptState.ACCEPTED],
        state=PaymentState.IN_RUN,
    )
    _history(sent, PaymentState.SENT, actor, run.reference)
    sent.update(state=PaymentState.SENT)
    trail.record(
        actor=actor, action=AuditAction.PAYMENT_RUN_SENT, target=run, data={"run": run.reference}
    )
    return run
