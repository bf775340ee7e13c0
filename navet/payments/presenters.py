"""How payments are shown: rows for the table component, states as tags."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from navet.applications.presenters import day, kroner
from navet.core.tables import Cell, Row, Tag, TagVariant
from navet.decisions.presenters import decision_url
from navet.payments.models import Method, Payment, PaymentState

STATE_VARIANTS: dict[str, TagVariant] = {
    PaymentState.PLANNED: "info",
    PaymentState.IN_RUN: "alt1",
    PaymentState.SENT: "alt2",
    PaymentState.PAID: "success",
    PaymentState.REJECTED: "error",
    PaymentState.STOPPED: "neutral",
    PaymentState.ANNULLED: "neutral",
}


def account_text(account: str) -> str:
    """An account number grouped as it is written in Norway: 8601 11 17947."""
    if len(account) != 11:
        return account
    return f"{account[:4]} {account[4:6]} {account[6:]}"


def state_tags(payment: Payment) -> tuple[Tag, ...]:
    tags = [Tag(payment.get_state_display(), STATE_VARIANTS.get(payment.state, "neutral"))]
    if (
        payment.method == Method.BANK
        and not payment.account
        and payment.state in (PaymentState.PLANNED, PaymentState.REJECTED)
    ):
        tags.append(Tag(_("Mangler kontonummer"), "warning"))
    return tuple(tags)


def stopped_text(payment: Payment) -> str:
    if payment.state != PaymentState.STOPPED:
        return ""
    if payment.stopped_by is not None:
        return _("Erstattet av vedtak %(reference)s") % {"reference": payment.stopped_by.reference}
    return payment.stopped_reason


def payment_columns(*, with_decision: bool = False) -> list[str]:
    columns = [_("Utbetaling")]
    if with_decision:
        columns.append(_("Vedtak"))
    return [
        *columns,
        _("Periode"),
        _("Beløp"),
        _("Forfallsdato"),
        _("Mottaker"),
        _("Kontonummer"),
        _("Status"),
    ]


def payment_rows(payments: Iterable[Payment], *, with_decision: bool = False) -> list[Row]:
    """`with_decision` adds a link to the payment's decision (the person page); there the
    payments are loaded with select_related("decision__case")."""
    rows: list[Row] = []
    for payment in payments:
        recipient = payment.recipient_name
        if payment.other_recipient:
            recipient = _("%(name)s (annen mottaker)") % {"name": recipient}
        account = (
            account_text(payment.account)
            if payment.method == Method.BANK
            else payment.get_method_display()
        )
        row: Row = [Cell(payment.reference, nowrap=True)]
        if with_decision:
            row.append(
                Cell(payment.decision.reference, href=decision_url(payment.decision), nowrap=True)
            )
        state_text = stopped_text(payment) or (
            _("Utbetalt %(date)s") % {"date": day(payment.paid_on)} if payment.paid_on else None
        )
        row += [
            f"{day(payment.period_from)}–{day(payment.period_to)}",
            kroner(payment.amount),
            Cell(day(payment.due_on), nowrap=True),
            recipient,
            Cell(account, nowrap=True),
            Cell(state_text, tags=state_tags(payment)),
        ]
        rows.append(row)
    return rows
