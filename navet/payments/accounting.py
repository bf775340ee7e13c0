"""The accounting file of a run for the municipality's ERP: one line per payment, with the
account (art) from the office's settings and KOSTRA function 281 ("Ytelse til
livsopphold"). Documented in docs/payments.md; semicolon-separated UTF-8, amounts with two
decimals and a full stop, dates as YYYY-MM-DD."""

from __future__ import annotations

import csv
import io

from navet.payments.actions import settings_for
from navet.payments.models import PaymentRun

FUNCTION = "281"
COLUMNS = [
    "kjoring",
    "meldingsid",
    "utbetaling",
    "ende_til_ende_id",
    "betalingsdato",
    "bokfort_dato",
    "belop",
    "stonadsform",
    "art",
    "funksjon",
    "periode_fra",
    "periode_til",
    "vedtak",
    "status_i_banken",
]


def accounting_csv(run: PaymentRun) -> str:
    settings = settings_for(run.office)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\n")
    writer.writerow(COLUMNS)
    attempts = run.attempts.select_related("payment__decision").order_by("id")
    for attempt in attempts:
        payment = attempt.payment
        loan = payment.form == "loan"
        writer.writerow(
            [
                run.reference,
                run.message_id or "",
                payment.reference,
                attempt.end_to_end_id,
                run.execution_date.isoformat() if run.execution_date else "",
                attempt.booked_on.isoformat() if attempt.booked_on else "",
                f"{attempt.amount}.00",
                "laan" if loan else "bidrag",
                settings.loan_account_code if loan else settings.grant_account_code,
                FUNCTION,
                payment.period_from.isoformat(),
                payment.period_to.isoformat(),
                payment.decision.reference,
                attempt.state,
            ]
        )
    return out.getvalue()
