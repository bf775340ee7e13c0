"""The bank file of an approved run: ISO 20022 pain.001 (navet/iso20022), built only from
what the approval fixed (message id, creation time = the approval's moment, execution date,
the paying account) and the run's attempts in their fixed order. Building it again gives
the same bytes; the first build is validated (the official XSD and the checks the XSD
cannot make) and stored once with its sha256."""

from __future__ import annotations

import hashlib
import os
import signal
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.iso20022.pain001 import (
    Debtor,
    PaymentFile,
    Transfer,
    build,
    problems,
)
from navet.payments.errors import PaymentError
from navet.payments.models import PaymentRun, RunState

# The pain.001 Nm element of a party holds at most 70 characters.
NAME_LENGTH = 70


class FileProblemError(PaymentError):
    """A generated file failed validation: nothing is stored, and the run stays approved."""


def crash_point(name: str) -> None:
    """The crash test's hook (tests/payments/test_crash.py): with NAVET_PAYMENT_CRASH_AT
    set to this point's name, and only in a test run, the process kills itself here."""
    if name == settings.NAVET_PAYMENT_CRASH_AT:
        os.kill(os.getpid(), signal.SIGKILL)


def run_file(run: PaymentRun) -> PaymentFile:
    if run.message_id is None or run.execution_date is None or run.approved_at is None:
        raise PaymentError(_("Utbetalingskjøringen er ikke godkjent ennå."))
    # Plain values in the attempts' fixed order: a national run is 150 000 rows.
    attempts = (
        run.attempts.order_by("id")
        .values_list("end_to_end_id", "amount", "recipient_name", "account", "kid", "text")
        .annotate(reference=F("payment__reference"))
    )
    return PaymentFile(
        message_id=run.message_id,
        created_at=run.approved_at,
        execution_date=run.execution_date,
        debtor=Debtor(
            name=run.debtor_name[:NAME_LENGTH],
            account=run.debtor_account,
            organisation_number=run.organisation_number,
        ),
        transfers=tuple(
            Transfer(
                end_to_end_id=end_to_end_id,
                amount=Decimal(amount),
                creditor_name=name[:NAME_LENGTH],
                creditor_account=account,
                kid=kid,
                text="" if kid else (text or applicant_text(reference)),
            )
            for end_to_end_id, amount, name, account, kid, text, reference in attempts.iterator(
                chunk_size=5000
            )
        ),
        version="09" if run.file_version == "09" else "03",
    )


def applicant_text(reference: str) -> str:
    """What the applicant's own statement shows."""
    return f"Økonomisk stønad, ref. {reference}"


def build_run_file(run: PaymentRun) -> bytes:
    return build(run_file(run))


def generate_file(run: PaymentRun) -> PaymentRun:
    """Store the run's file once. Called again, by a second worker, after a crash or for a
    download, it rebuilds the file and checks that the bytes are the ones stored."""
    if run.state not in (RunState.APPROVED, RunState.GENERATED, RunState.SENT, RunState.SETTLED):
        raise PaymentError(_("Bare en godkjent utbetalingskjøring har en betalingsfil."))
    try:
        xml = build_run_file(run)
    except ValueError as error:  # what in the run's lines would make an invalid file
        raise FileProblemError(
            _("Betalingsfilen er ikke gyldig: %(problems)s") % {"problems": str(error)}
        ) from error
    digest = hashlib.sha256(xml).hexdigest()
    if run.file_sha256:
        if digest != run.file_sha256:
            raise FileProblemError(
                _("Betalingsfilen ble ikke lik den som er lagret. Kontakt brukerstøtte.")
            )
        return run
    assert run.approved_at is not None
    found = problems(xml, today=timezone.localdate(run.approved_at))
    if found:
        raise FileProblemError(
            _("Betalingsfilen er ikke gyldig: %(problems)s") % {"problems": "; ".join(found)}
        )
    crash_point("built")
    with transaction.atomic():
        stored = PaymentRun.objects.filter(
            pk=run.pk, state=RunState.APPROVED, file_sha256=""
        ).update(
            file=xml, file_sha256=digest, generated_at=timezone.now(), state=RunState.GENERATED
        )
        if stored:
            trail.record(
                actor=None,
                action=AuditAction.PAYMENT_FILE_GENERATED,
                target=run,
                data={"run": run.reference, "sha256": digest, "bytes": len(xml)},
            )
        crash_point("stored")
    crash_point("committed")
    run.refresh_from_db(fields=["state", "file_sha256", "generated_at"])
    if run.state == RunState.CANCELLED:
        raise PaymentError(_("Utbetalingskjøringen er avbrutt."))
    if run.file_sha256 != digest:
        raise FileProblemError(
            _("Betalingsfilen ble ikke lik den som er lagret. Kontakt brukerstøtte.")
        )
    return run
