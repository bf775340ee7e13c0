"""What innsyn (the citizen's view in Digisos) is told of payments: one `utbetaling` event
per payment and change, appended in the transaction that changes the payment. The statuses
are Digisos' own: PLANLAGT_UTBETALING (a run approved), UTBETALT (booked by the bank, or
paid by hand), STOPPET (stopped), ANNULLERT (registered in error)."""

from __future__ import annotations

from datetime import date
from typing import Any

from navet.applications.innsyn import append_events
from navet.payments.models import Method, Payment

# How innsyn names the method (free text in Digisos; the citizen reads it in bokmål).
INNSYN_METHODS: dict[str, str] = {
    Method.BANK: "kontooverføring",
    Method.CARD: "kontantkort",
    Method.CASH: "kontant",
}


def tell_innsyn(payment: Payment, status: str, **dates: date | None) -> None:
    tell_innsyn_of_many([payment], status, **dates)


def tell_innsyn_of_many(payments: list[Payment], status: str, **dates: date | None) -> None:
    """One `utbetaling` event per payment, appended per application in one go; a later
    event with the same reference replaces the earlier in innsyn. `annenMottaker` is always
    sent, the account only when the applicant is paid."""
    days: dict[str, Any] = {name: day.isoformat() for name, day in dates.items() if day}
    by_application: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
    applications = {}
    for payment in payments:
        case = payment.decision.case
        application = case.application
        applications[application.pk] = application
        by_application.setdefault(application.pk, []).append(
            (
                "utbetaling",
                {
                    "utbetalingsreferanse": payment.reference,
                    "saksreferanse": case.reference,
                    "status": status,
                    "belop": payment.amount,
                    "beskrivelse": case.title,
                    "fom": payment.period_from.isoformat(),
                    "tom": payment.period_to.isoformat(),
                    "annenMottaker": payment.other_recipient,
                    "mottaker": payment.recipient_name,
                    "kontonummer": None if payment.other_recipient else (payment.account or None),
                    "utbetalingsmetode": INNSYN_METHODS[payment.method],
                    **days,
                },
            )
        )
    for application_id, events in by_application.items():
        append_events(applications[application_id], events)
