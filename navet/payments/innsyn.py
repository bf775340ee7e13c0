"""What innsyn (the citizen's view in Digisos) is told of payments: one `utbetaling` event
per payment and change, appended in the transaction that changes the payment. The statuses
are Digisos' own: PLANLAGT_UTBETALING (a run approved), UTBETALT (booked by the bank, or
paid by hand), STOPPET (stopped), ANNULLERT (registered in error)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.db.models import QuerySet

from navet.applications.innsyn import append_to_histories
from navet.payments.models import Method, Payment

# How innsyn names the method (free text in Digisos; the citizen reads it in bokmål).
INNSYN_METHODS: dict[str, str] = {
    Method.BANK: "kontooverføring",
    Method.CARD: "kontantkort",
    Method.CASH: "kontant",
}


# What an event needs of a payment, its case and application, read as plain values: a run
# of 150 000 payments tells innsyn of each without building a model instance per row.
FIELDS = (
    "reference",
    "amount",
    "period_from",
    "period_to",
    "due_on",
    "other_recipient",
    "recipient_name",
    "account",
    "method",
    "decision__case__reference",
    "decision__case__title",
    "decision__case__application_id",
)


def tell_innsyn(payment: Payment, status: str, **dates: date | None) -> None:
    tell_innsyn_of_many([payment], status, **dates)


def tell_innsyn_of_many(payments: list[Payment], status: str, **dates: date | None) -> None:
    tell_innsyn_of_payments(
        Payment.objects.filter(pk__in=[p.pk for p in payments]).order_by("due_on", "reference"),
        status,
        dates=dates,
    )


def tell_innsyn_of_payments(
    payments: QuerySet[Payment],
    status: str,
    *,
    dates: Mapping[str, date | None] | None = None,
    due_on_as_forfallsdato: bool = False,
) -> None:
    """One `utbetaling` event per payment (as they are stored now), appended per application
    in one go; a later event with the same reference replaces the earlier in innsyn.
    `annenMottaker` is always sent, the account only when the applicant is paid. With
    `due_on_as_forfallsdato` each payment's own due date is its forfallsdato."""
    days: dict[str, Any] = {name: day.isoformat() for name, day in (dates or {}).items() if day}
    by_application: dict[Any, list[tuple[str, dict[str, Any]]]] = {}
    for row in payments.values(*FIELDS).iterator(chunk_size=5000):
        event = {
            "utbetalingsreferanse": row["reference"],
            "saksreferanse": row["decision__case__reference"],
            "status": status,
            "belop": row["amount"],
            "beskrivelse": row["decision__case__title"],
            "fom": row["period_from"].isoformat(),
            "tom": row["period_to"].isoformat(),
            "annenMottaker": row["other_recipient"],
            "mottaker": row["recipient_name"],
            "kontonummer": None if row["other_recipient"] else (row["account"] or None),
            "utbetalingsmetode": INNSYN_METHODS[row["method"]],
            **days,
        }
        if due_on_as_forfallsdato:
            event["forfallsdato"] = row["due_on"].isoformat()
        by_application.setdefault(row["decision__case__application_id"], []).append(
            ("utbetaling", event)
        )
    append_to_histories(by_application)
