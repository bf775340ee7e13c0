"""How payments are shown: rows for the table component, states as tags."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from navet.applications.presenters import day, kroner, moment
from navet.core.tables import Cell, Row, Tag, TagVariant
from navet.decisions.presenters import decision_url
from navet.iso20022.answers import AnswerFileError
from navet.payments.bank import ImportResult
from navet.payments.models import (
    AttemptState,
    Method,
    Payment,
    PaymentChange,
    PaymentEvent,
    PaymentRun,
    PaymentState,
    RunState,
    TransferAttempt,
)

STATE_VARIANTS: dict[str, TagVariant] = {
    PaymentState.PLANNED: "info",
    PaymentState.IN_RUN: "alt1",
    PaymentState.SENT: "alt2",
    PaymentState.PAID: "success",
    PaymentState.REJECTED: "error",
    PaymentState.STOPPED: "neutral",
    PaymentState.ANNULLED: "neutral",
}


def payment_url(payment: Payment) -> str:
    return reverse("payments:payment-detail", args=[payment.pk])


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
        row: Row = [Cell(payment.reference, href=payment_url(payment), nowrap=True)]
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


RUN_VARIANTS: dict[str, TagVariant] = {
    RunState.DRAFT: "warning",
    RunState.APPROVED: "info",
    RunState.GENERATED: "alt1",
    RunState.SENT: "alt2",
    RunState.SETTLED: "success",
    RunState.CANCELLED: "neutral",
}


def run_columns() -> list[str]:
    return [
        _("Kjøring"),
        _("Forfall til og med"),
        _("Utbetalinger"),
        _("Beløp"),
        _("Laget av"),
        _("Godkjent av"),
        _("Status"),
    ]


def run_rows(runs: Iterable[PaymentRun]) -> list[Row]:
    """Runs annotated with `line_count` and `line_total` (navet/staff/payment_views.py)."""
    return [
        [
            Cell(run.reference, href=reverse("payments:run-detail", args=[run.pk]), nowrap=True),
            day(run.due_by),
            str(getattr(run, "line_count", 0)),
            kroner(getattr(run, "line_total", 0) or 0),
            run.prepared_by.name,
            run.approved_by.name if run.approved_by else "",
            Cell(None, tags=(Tag(run.get_state_display(), RUN_VARIANTS[run.state]),)),
        ]
        for run in runs
    ]


# The banks' reason codes (ISO 20022 ExternalStatusReason1Code) seen for Norwegian
# payments (../shared/reference/payments.md §3.2), in words.
REASONS = {
    "AC01": gettext_lazy("Kontonummeret er feil"),
    "AC03": gettext_lazy("Mottakerens kontonummer er feil eller mangler"),
    "AC04": gettext_lazy("Mottakerens konto er avsluttet"),
    "AC06": gettext_lazy("Mottakerens konto er sperret"),
    "AG08": gettext_lazy("Den som godkjente, mangler rettigheter i banken"),
    "AM04": gettext_lazy("Ikke dekning på kontoen det betales fra"),
    "AM05": gettext_lazy("Betalingen er sendt før (duplikat)"),
    "DUPL": gettext_lazy("Filen er sendt før (duplikat)"),
    "FF01": gettext_lazy("Banken kunne ikke lese filen"),
    "RC01": gettext_lazy("Bankidentifikasjonen er feil"),
}


def reason_text(code: str) -> str:
    """ "AC04: Mottakerens konto er avsluttet"; an unknown code as the bank gave it."""
    if not code:
        return ""
    known = REASONS.get(code)
    return f"{code}: {known}" if known else _("Bankens kode %(code)s") % {"code": code}


def line_columns() -> list[str]:
    return [
        _("Utbetaling"),
        _("Mottaker"),
        _("Kontonummer"),
        _("KID eller tekst"),
        _("Beløp"),
        _("Forfallsdato"),
        _("Status i banken"),
    ]


ATTEMPT_VARIANTS: dict[str, TagVariant] = {
    AttemptState.PENDING: "info",
    AttemptState.ACCEPTED: "alt1",
    AttemptState.BOOKED: "success",
    AttemptState.REJECTED: "error",
    AttemptState.CANCELLED: "neutral",
}


def line_rows(attempts: Iterable[TransferAttempt], visible: Collection[Any]) -> list[Row]:
    """The run's lines; a person the reader may not see is named only as such, with no
    account (the run's total still includes them)."""
    rows: list[Row] = []
    for attempt in attempts:
        payment = attempt.payment
        seen = payment.person_id in visible
        rows.append(
            [
                Cell(payment.reference, nowrap=True),
                attempt.recipient_name if seen else _("Person du ikke har tilgang til"),
                Cell(account_text(attempt.account) if seen else "", nowrap=True),
                (attempt.kid or attempt.text) if seen else "",
                kroner(attempt.amount),
                Cell(day(payment.due_on), nowrap=True),
                Cell(
                    reason_text(attempt.reason_code) or None,
                    tags=(Tag(attempt.get_state_display(), ATTEMPT_VARIANTS[attempt.state]),),
                ),
            ]
        )
    return rows


def run_summary(run: PaymentRun, *, count: int, total: int) -> list[tuple[str, str]]:
    items = [
        (_("Utbetalinger"), str(count)),
        (_("Beløp i alt"), kroner(total)),
        (_("Forfall til og med"), day(run.due_by)),
        (_("Laget av"), f"{run.prepared_by.name}, {moment(run.prepared_at)}"),
    ]
    if run.approved_by and run.approved_at:
        items.append((_("Godkjent av"), f"{run.approved_by.name}, {moment(run.approved_at)}"))
    if run.execution_date:
        items.append((_("Betalingsdato"), day(run.execution_date)))
    if run.message_id:
        items.append((_("Filens meldings-ID"), run.message_id))
    if run.sent_by and run.sent_at:
        items.append((_("Sendt til banken av"), f"{run.sent_by.name}, {moment(run.sent_at)}"))
    if run.cancelled_by and run.cancelled_at:
        items.append((_("Avbrutt av"), f"{run.cancelled_by.name}, {moment(run.cancelled_at)}"))
    return items


def answer_problem(error: AnswerFileError) -> str:
    """Why a bank file could not be read, in words, with where."""
    if error.kind == "not_xml":
        return _("Filen er ikke en XML-fil som kan leses.")
    if error.kind == "unknown_message":
        return _(
            "Filen er verken en statusrapport (pain.002.001.03) eller en debetmelding "
            "(camt.054.001.02)."
        )
    if error.kind == "amount":
        return _("Et beløp i filen er ikke et tall (ved %(where)s).") % {"where": error.where}
    return _("Filen følger ikke standarden (ved %(where)s).") % {"where": error.where}


def import_summary(result: ImportResult) -> str:
    if result.already:
        return _("Denne filen fra banken er lest inn før. Ingenting er endret.")
    return _(
        "Svaret fra banken er lest inn: %(paid)s utbetalt, %(accepted)s godtatt, "
        "%(rejected)s avvist, %(unmatched)s ukjente."
    ) % {
        "paid": len(result.paid),
        "accepted": len(result.accepted),
        "rejected": len(result.rejected),
        "unmatched": len(result.unmatched),
    }


def payment_summary(payment: Payment) -> list[tuple[str, Any]]:
    decision = payment.decision
    recipient = payment.recipient_name
    if payment.other_recipient:
        recipient = _("%(name)s (annen mottaker)") % {"name": recipient}
    items: list[tuple[str, Any]] = [
        (
            _("Person"),
            {"text": payment.person.full_name, "href": payment.person.get_absolute_url()},
        ),
        (_("Vedtak"), {"text": decision.reference, "href": decision_url(decision)}),
        (_("Periode"), f"{day(payment.period_from)}–{day(payment.period_to)}"),
        (_("Beløp"), kroner(payment.amount)),
        (_("Stønadsform"), decision.get_form_display()),
        (_("Forfallsdato"), day(payment.due_on)),
        (_("Utbetalingsmåte"), payment.get_method_display()),
        (_("Mottaker"), recipient),
    ]
    if payment.method == Method.BANK:
        items.append((_("Kontonummer"), account_text(payment.account) or _("Mangler")))
    if payment.kid:
        items.append((_("KID"), payment.kid))
    if payment.text:
        items.append((_("Tekst til mottakeren"), payment.text))
    if payment.paid_on:
        items.append((_("Utbetalt dato"), day(payment.paid_on)))
    stopped = stopped_text(payment) or (
        payment.stopped_reason if payment.state == PaymentState.ANNULLED else ""
    )
    if stopped:
        items.append((_("Hvorfor"), stopped))
    return items


def history_columns() -> list[str]:
    return [_("Tidspunkt"), _("Status"), _("Merknad"), _("Av")]


def history_rows(events: Iterable[PaymentEvent]) -> list[Row]:
    return [
        [
            Cell(moment(event.occurred_at), nowrap=True),
            Cell(
                None,
                tags=(Tag(event.get_state_display(), STATE_VARIANTS.get(event.state, "neutral")),),
            ),
            reason_text(event.note)
            if event.state == PaymentState.REJECTED  # the note is the bank's code
            else ": ".join(t for t in (event.get_kind_display(), event.note) if t),
            event.actor.name if event.actor else _("Navet"),
        ]
        for event in events
    ]


def attempt_columns() -> list[str]:
    return [_("Kjøring"), _("Kontonummer"), _("Beløp"), _("Status i banken")]


def attempt_rows(attempts: Iterable[TransferAttempt]) -> list[Row]:
    return [
        [
            Cell(
                attempt.run.reference,
                href=reverse("payments:run-detail", args=[attempt.run_id]),
                nowrap=True,
            ),
            Cell(account_text(attempt.account), nowrap=True),
            kroner(attempt.amount),
            Cell(
                reason_text(attempt.reason_code)
                or (
                    _("Bokført %(date)s") % {"date": day(attempt.booked_on)}
                    if attempt.booked_on
                    else None
                ),
                tags=(Tag(attempt.get_state_display(), ATTEMPT_VARIANTS[attempt.state]),),
            ),
        ]
        for attempt in attempts
    ]


def recipient_text(values: dict[str, Any]) -> str:
    """One side of a change: "Søkeren, bankoverføring til 8601 11 17947"."""
    method = dict(Method.choices).get(values.get("method", ""), "")
    who = values.get("recipient_name", "")
    if values.get("other_recipient"):
        who = _("%(name)s (annen mottaker)") % {"name": who}
    parts = [f"{who}, {str(method).lower()}"]
    if values.get("account"):
        parts.append(_("konto %(account)s") % {"account": account_text(values["account"])})
    if values.get("kid"):
        parts.append(_("KID %(kid)s") % {"kid": values["kid"]})
    return ", ".join(parts)


def change_columns() -> list[str]:
    return [_("Endret"), _("Før"), _("Etter"), _("Hvorfor"), _("Samtykke"), _("Gått gjennom")]


def _changed(change: PaymentChange) -> str:
    return f"{change.changed_by.name}, {moment(change.changed_at)}"


def change_rows(changes: Iterable[PaymentChange]) -> list[Row]:
    rows: list[Row] = []
    for change in changes:
        reviewed = (
            f"{change.reviewed_by.name}, {moment(change.reviewed_at)}"
            if change.reviewed_by and change.reviewed_at
            else None
        )
        rows.append(
            [
                _changed(change),
                recipient_text(change.before),
                recipient_text(change.after),
                change.reason,
                change.consent or "–",
                Cell(reviewed, tags=() if reviewed else (Tag(_("Ikke gått gjennom"), "warning"),)),
            ]
        )
    return rows


def change_items(
    changes: Iterable[PaymentChange], *, visible: Collection[Any], reader_id: Any
) -> list[dict[str, Any]]:
    """The leader's review list: each change with the payment and the person named only
    when the reader may see them."""
    items = []
    for change in changes:
        payment = change.payment
        seen = payment.person_id in visible
        who = payment.person.full_name if seen else _("person du ikke har tilgang til")
        items.append(
            {
                "pk": change.pk,
                "title": _("Utbetaling %(reference)s til %(person)s")
                % {"reference": payment.reference, "person": who},
                "href": payment_url(payment) if seen else "",
                "own": change.changed_by_id == reader_id,
                "hidden": not seen,
                # Names, accounts and reasons say who the person is: only for a reader who
                # may see them.
                "facts": [
                    (_("Endret av"), _changed(change)),
                    (_("Før"), recipient_text(change.before)),
                    (_("Etter"), recipient_text(change.after)),
                    (_("Hvorfor"), change.reason),
                    (_("Personens samtykke"), change.consent or "–"),
                ]
                if seen
                else [(_("Endret av"), _changed(change))],
            }
        )
    return items


def followup_columns() -> list[str]:
    return [_("Utbetaling"), _("Person"), _("Beløp"), _("Forfallsdato"), _("Hvorfor")]


def followup_rows(payments: Iterable[Payment], visible: Collection[Any]) -> list[Row]:
    """Payments waiting for someone or something: rejected by the bank (the bank's code of
    the latest attempt, annotated as `reason_code`), with no account, or due for a run."""
    rows: list[Row] = []
    for payment in payments:
        seen = payment.person_id in visible
        code = getattr(payment, "reason_code", "") or ""
        if payment.state == PaymentState.REJECTED:
            why = reason_text(code)
        elif payment.method == Method.BANK and not payment.account:
            why = _("Mangler kontonummer")
        else:
            why = _("Venter på neste utbetalingskjøring")
        rows.append(
            [
                Cell(payment.reference, href=payment_url(payment) if seen else "", nowrap=True),
                payment.person.full_name if seen else _("Person du ikke har tilgang til"),
                kroner(payment.amount),
                Cell(day(payment.due_on), nowrap=True),
                why or _("Avvist av banken"),
            ]
        )
    return rows


def covered_note(decision: Any) -> str:
    """Why a changed decision pays less than its amount: the decision it replaced already
    pays part of the same months (navet/payments/actions.py, already_going)."""
    if decision.replaces is None or not decision.amount:
        return ""
    # A plan adds up to the decision's amount unless months were covered (the payments
    # prefetched by the page; `replaces` loaded with the decision).
    planned = sum(p.amount for p in decision.payments.all())
    covered = decision.amount - planned
    if covered <= 0:
        return ""
    return _(
        "%(covered)s av beløpet er allerede utbetalt eller på vei etter vedtak %(reference)s, "
        "som dette vedtaket erstatter. Utbetalingene nedenfor er resten."
    ) % {"covered": kroner(covered), "reference": decision.replaces.reference}
