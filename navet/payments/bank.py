"""The bank's answers, imported: pain.002 status reports and camt.054 debit notifications.

One import is one transaction. The file is kept by its sha256 and its message id, so the
same answer twice changes nothing (also when two people import it at once: the unique
constraint decides). Each answer is matched to the transfer attempt by its end-to-end id:

- RJCT: the attempt is rejected with the bank's reason; the payment waits for the
  caseworker (a corrected account or "send again" plans it for a new attempt with a new
  end-to-end id); innsyn keeps it as planned.
- ACCP, ACSP, ACTC, ACWC, ACSC: the attempt is accepted.
- a BOOK entry: the attempt is booked and the payment paid on the booking date; innsyn
  gets UTBETALT with utbetalingsdato.

Ids that match nothing are listed and change nothing. A run whose attempts are all
booked or rejected is settled (a rejected payment goes in a later run)."""

from __future__ import annotations

import hashlib
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee
from navet.iso20022.answers import DebitNotification, StatusReport, read_answer
from navet.payments.innsyn import tell_innsyn
from navet.payments.models import (
    AttemptState,
    BankFile,
    Payment,
    PaymentEvent,
    PaymentRun,
    PaymentState,
    RunState,
    TransferAttempt,
)

ACCEPTED = {"ACCP", "ACSP", "ACTC", "ACWC", "ACSC"}
ANSWERED_STATES = (RunState.GENERATED, RunState.SENT, RunState.SETTLED)


@dataclass
class ImportResult:
    already: bool = False
    kind: str = ""
    rejected: list[str] = field(default_factory=list)  # payment references
    accepted: list[str] = field(default_factory=list)
    paid: list[str] = field(default_factory=list)
    unmatched: list[str] = field(default_factory=list)  # end-to-end ids or message ids
    settled: list[str] = field(default_factory=list)  # run references


def import_bank_file(
    *,
    content: bytes,
    filename: str,
    actor: Employee | None,
    office_ids: Collection[int] | None = None,
) -> ImportResult:
    """Read and apply one file; AnswerFileError for a file that cannot be read (nothing is
    changed then). With `office_ids` (an employee's import from the page) the answer is
    applied only to those offices' runs; what belongs to another office is unmatched. The
    command line (operations) applies it to any office."""
    answer = read_answer(content)
    digest = hashlib.sha256(content).hexdigest()
    kind = "pain.002.001.03" if isinstance(answer, StatusReport) else "camt.054.001.02"
    if (
        BankFile.objects.filter(sha256=digest).exists()
        or BankFile.objects.filter(kind=kind, message_id=answer.message_id).exists()
    ):
        return ImportResult(already=True, kind=kind)
    try:
        with transaction.atomic():
            result = ImportResult(kind=kind)
            if isinstance(answer, StatusReport):
                _apply_status(answer, result, actor, office_ids)
            else:
                _apply_bookings(answer, result, actor, office_ids)
            BankFile.objects.create(
                sha256=digest,
                kind=kind,
                message_id=answer.message_id,
                filename=filename[:255],
                content=content,
                summary=_summary(result),
                imported_by=actor,
            )
            trail.record(
                actor=actor,
                action=AuditAction.BANK_FILE_IMPORTED,
                data={"kind": kind, "message_id": answer.message_id, **_summary(result)},
            )
    except IntegrityError:
        # The same file was imported at the same moment by someone else: theirs counts.
        return ImportResult(already=True, kind=kind)
    return result


def _summary(result: ImportResult) -> dict[str, list[str]]:
    return {
        "rejected": result.rejected,
        "accepted": result.accepted,
        "paid": result.paid,
        "unmatched": result.unmatched,
        "settled": result.settled,
    }


def _attempts(
    run: PaymentRun | None, ids: list[str], office_ids: Collection[int] | None = None
) -> dict[str, TransferAttempt]:
    found = (
        TransferAttempt.objects.select_related("payment__decision__case__application", "run")
        .defer(
            "run__file",
            "payment__decision__calculation",
            "payment__decision__case__application__soknad",
        )
        .filter(end_to_end_id__in=ids)
    )
    if run is not None:
        found = found.filter(run=run)
    if office_ids is not None:
        found = found.filter(run__office_id__in=office_ids)
    return {a.end_to_end_id: a for a in found.select_for_update()}


def _reject(
    attempt: TransferAttempt, code: str, actor: Employee | None, result: ImportResult
) -> None:
    if attempt.state not in (AttemptState.PENDING, AttemptState.ACCEPTED):
        return
    attempt.state = AttemptState.REJECTED
    attempt.reason_code = code[:10]
    attempt.save(update_fields=["state", "reason_code"])
    payment = attempt.payment
    Payment.objects.filter(pk=payment.pk).update(state=PaymentState.REJECTED)
    PaymentEvent.objects.create(
        payment=payment, state=PaymentState.REJECTED, note=code, actor=actor
    )
    result.rejected.append(payment.reference)


def _apply_status(
    report: StatusReport,
    result: ImportResult,
    actor: Employee | None,
    office_ids: Collection[int] | None,
) -> None:
    runs = PaymentRun.objects.filter(
        message_id=report.original_message_id, state__in=ANSWERED_STATES
    )
    if office_ids is not None:
        runs = runs.filter(office_id__in=office_ids)
    run = runs.first()
    if run is None:
        result.unmatched.append(report.original_message_id)
        return
    if report.group_status == "RJCT" and not report.transactions:
        every = _attempts(run, list(run.attempts.values_list("end_to_end_id", flat=True)))
        for each in every.values():
            _reject(each, report.reason_code or "RJCT", actor, result)
        return
    attempts = _attempts(run, [t.original_end_to_end_id for t in report.transactions])
    for status in report.transactions:
        attempt = attempts.get(status.original_end_to_end_id)
        if attempt is None:
            result.unmatched.append(status.original_end_to_end_id)
        elif status.status == "RJCT":
            _reject(attempt, status.reason_code or "RJCT", actor, result)
        elif status.status in ACCEPTED and attempt.state == AttemptState.PENDING:
            attempt.state = AttemptState.ACCEPTED
            attempt.save(update_fields=["state"])
            result.accepted.append(attempt.payment.reference)


def _apply_bookings(
    notification: DebitNotification,
    result: ImportResult,
    actor: Employee | None,
    office_ids: Collection[int] | None,
) -> None:
    booked = [b for b in notification.entries if b.status == "BOOK" and not b.reversal]
    attempts = _attempts(None, [b.end_to_end_id for b in booked], office_ids)
    runs: set[PaymentRun] = set()
    for booking in booked:
        attempt = attempts.get(booking.end_to_end_id)
        if attempt is None or attempt.run.state not in ANSWERED_STATES:
            result.unmatched.append(booking.end_to_end_id)
            continue
        if attempt.state not in (AttemptState.PENDING, AttemptState.ACCEPTED):
            continue
        day: date = booking.booking_date or booking.value_date or timezone.localdate()
        attempt.state = AttemptState.BOOKED
        attempt.booked_on = day
        attempt.save(update_fields=["state", "booked_on"])
        payment = attempt.payment
        Payment.objects.filter(pk=payment.pk).update(state=PaymentState.PAID, paid_on=day)
        payment.paid_on = day
        PaymentEvent.objects.create(payment=payment, state=PaymentState.PAID, actor=actor)
        tell_innsyn(payment, "UTBETALT", utbetalingsdato=day)
        result.paid.append(payment.reference)
        runs.add(attempt.run)
    for run in runs:
        open_lines = run.attempts.filter(state__in=[AttemptState.PENDING, AttemptState.ACCEPTED])
        if not open_lines.exists():
            PaymentRun.objects.filter(pk=run.pk).update(state=RunState.SETTLED)
            result.settled.append(run.reference)
