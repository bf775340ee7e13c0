"""What the portal's pages say, in plain language (nb, nn, en through translation).

Nothing here is written for staff: no codes, no employee names or idents; the office is the
sender of everything."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from navet.applications.models import (
    Application,
    ApplicationStatus,
    Attachment,
    Case,
    CaseStatus,
    Document,
    DocumentationRequest,
)
from navet.applications.presenters import kroner
from navet.audit.describe import action_label, describe_seen, target_names
from navet.decisions.models import Decision, FollowUpResult, Outcome


def long_day(value: date | None) -> str:
    return date_format(value, "j. F Y") if value else ""


@dataclass
class Step:
    """What happens next, and by when."""

    text: str
    variant: str = "info"


@dataclass
class Card:
    title: str
    href: str
    received: str
    status: str
    status_variant: str
    next_step: Step
    office: str


@dataclass
class Page:
    application: Application
    title: str
    status: str
    status_variant: str
    next_step: Step
    details: list[tuple[str, Any]]
    cases: list[dict[str, Any]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    letters: list[dict[str, Any]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    # Documents asked for and not received: the page puts its upload form first.
    waiting: bool = False


# Cases the person does not see (innsyn: "ikke innsyn", and cases registered by mistake).
HIDDEN_CASES = {CaseStatus.NO_INSIGHT, CaseStatus.WITHDRAWN}

_STATUS_VARIANTS = {
    ApplicationStatus.RECEIVED: "info",
    ApplicationStatus.IN_PROGRESS: "alt3",
    ApplicationStatus.DONE: "success",
    ApplicationStatus.NOT_PROCESSED: "neutral",
}


def _open_requests(application: Application) -> list[DocumentationRequest]:
    return [
        request
        for request in application.documentation_requests.all()
        if any(document.fulfilled_at is None for document in request.documents.all())
    ]


def next_step(application: Application, today: date) -> Step:
    status = ApplicationStatus(application.status)
    waiting = _open_requests(application)
    if status in (ApplicationStatus.RECEIVED, ApplicationStatus.IN_PROGRESS):
        if waiting:
            deadline = min(request.deadline for request in waiting)
            return Step(
                _("Nav-kontoret trenger dokumentasjon fra deg innen %(date)s.")
                % {"date": long_day(deadline)},
                "warning",
            )
        if application.due_on < today:
            return Step(
                _(
                    "Du skulle hatt svar innen %(date)s. Ta kontakt med Nav-kontoret hvis du "
                    "ikke har hørt noe."
                )
                % {"date": long_day(application.due_on)},
                "warning",
            )
        if status == ApplicationStatus.RECEIVED:
            text = _("Nav-kontoret har fått søknaden din. Du skal få svar innen %(date)s.")
        else:
            text = _("En saksbehandler ser på søknaden din. Du skal få svar innen %(date)s.")
        return Step(text % {"date": long_day(application.due_on)})
    if status == ApplicationStatus.DONE:
        return Step(
            _("Søknaden er ferdig behandlet. Du finner vedtaket og brevet under."), "success"
        )
    return Step(
        _("Nav-kontoret har avsluttet søknaden uten vedtak. Du har fått et brev om hvorfor."),
        "info",
    )


def _title(application: Application) -> str:
    received = timezone.localdate(application.received_at)
    if application.emergency:
        return _("Søknad om nødhjelp %(date)s") % {"date": long_day(received)}
    return _("Søknad om økonomisk sosialhjelp %(date)s") % {"date": long_day(received)}


def application_cards(applications: list[Application]) -> list[Card]:
    today = timezone.localdate()
    return [
        Card(
            title=_title(application),
            href=reverse("citizen:application", args=[application.pk]),
            received=long_day(timezone.localdate(application.received_at)),
            status=application.get_status_display(),
            status_variant=_STATUS_VARIANTS[ApplicationStatus(application.status)],
            next_step=next_step(application, today),
            office=application.office.name,
        )
        for application in applications
    ]


_OUTCOME_TEXT = {
    Outcome.GRANTED: "success",
    Outcome.PARTLY_GRANTED: "success",
    Outcome.REFUSED: "warning",
    Outcome.DISMISSED: "neutral",
}


def _condition(condition: Any) -> dict[str, Any]:
    follow_ups = list(condition.follow_ups.all())
    latest = follow_ups[-1] if follow_ups else None
    if latest is None:
        state, variant = _("Ikke vurdert ennå"), "neutral"
    elif latest.result == FollowUpResult.MET:
        state, variant = _("Oppfylt"), "success"
    else:
        state, variant = _("Ikke oppfylt"), "error"
    return {
        "kind": condition.get_kind_display(),
        "text": condition.text,
        "consequence": condition.consequence,
        "deadline": long_day(condition.deadline),
        "state": state,
        "variant": variant,
        "assessed": long_day(latest.assessed_on) if latest else "",
    }


def _decision(decision: Decision, replaced: bool) -> dict[str, Any]:
    details: list[tuple[str, Any]] = [
        (_("Vedtaksdato"), long_day(timezone.localdate(decision.made_at)))
    ]
    granted = decision.outcome in (Outcome.GRANTED, Outcome.PARTLY_GRANTED)
    if granted and decision.amount:
        details.append((_("Beløp"), kroner(decision.amount)))
    if granted and decision.form:
        details.append((_("Stønadsform"), decision.get_form_display()))
    if granted and decision.period_from and decision.period_to:
        details.append(
            (
                _("Periode"),
                _("%(start)s til %(end)s")
                % {"start": long_day(decision.period_from), "end": long_day(decision.period_to)},
            )
        )
    if decision.appeal_deadline:
        details.append((_("Klagefrist"), long_day(decision.appeal_deadline)))
    letter = decision.letter
    return {
        "outcome": decision.get_outcome_display(),
        "variant": _OUTCOME_TEXT.get(Outcome(decision.outcome), "neutral"),
        "replaced": replaced,
        "details": details,
        "conditions": [_condition(condition) for condition in decision.conditions.all()],
        "letter_href": reverse("citizen:document", args=[letter.pk]) if letter else "",
    }


def _request(request: DocumentationRequest, today: date) -> dict[str, Any]:
    documents = []
    for document in request.documents.all():
        if document.fulfilled_at is not None:
            state = _("Mottatt %(date)s") % {
                "date": long_day(timezone.localdate(document.fulfilled_at))
            }
            variant = "success"
        elif request.deadline < today:
            state, variant = _("Mangler – fristen har gått ut"), "error"
        else:
            state, variant = _("Mangler"), "warning"
        documents.append(
            {
                "name": document.document_type,
                "description": document.description,
                "state": state,
                "variant": variant,
            }
        )
    return {"deadline": long_day(request.deadline), "documents": documents}


def application_page(application: Application) -> Page:
    today = timezone.localdate()
    page = Page(
        application=application,
        title=_title(application),
        status=application.get_status_display(),
        status_variant=_STATUS_VARIANTS[ApplicationStatus(application.status)],
        next_step=next_step(application, today),
        details=[
            (_("Mottatt"), long_day(timezone.localdate(application.received_at))),
            (_("Nav-kontor"), application.office.name),
            (_("Saksnummer"), application.reference),
            (_("Svarfrist"), long_day(application.due_on)),
        ],
    )
    for case in application.cases.all():
        if case.status in HIDDEN_CASES:
            continue
        decisions = list(case.decisions.all())
        replaced = {decision.replaces_id for decision in decisions if decision.replaces_id}
        page.cases.append(
            {
                "title": case.get_kind_display(),
                "status": case.get_status_display(),
                "decisions": [_decision(d, d.pk in replaced) for d in decisions],
            }
        )
    page.waiting = bool(_open_requests(application))
    page.requests = [
        _request(request, today) for request in application.documentation_requests.all()
    ]
    page.letters = [
        {
            "title": document.get_kind_display(),
            "date": long_day(timezone.localdate(document.created_at)),
            "href": reverse("citizen:document", args=[document.pk]),
        }
        for document in application.documents.all()
    ]
    page.sent = [
        {
            "name": attachment.filename or attachment_name(attachment),
            "received": long_day(timezone.localdate(attachment.received_at)),
            "href": reverse("citizen:attachment", args=[attachment.pk]),
        }
        for attachment in application.attachments.all()
    ]
    return page


_ENDINGS = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}


def attachment_name(attachment: Attachment) -> str:
    """A download name from the date and the file's own ending; never the person's name."""
    ending = attachment.filename.rsplit(".", 1)[-1].lower() if "." in attachment.filename else ""
    safe = ending if ending.isalnum() and len(ending) <= 5 else "bin"
    return f"dokument-{timezone.localdate(attachment.received_at).isoformat()}.{safe}"


def _role(employee: Any) -> str:
    if employee.is_leader:
        return _("Leder")
    if employee.is_caseworker:
        return _("Veileder")
    if employee.is_administrator:
        return _("Administrator")
    return _("Ansatt")


def _office(employee: Any, person: Any) -> str:
    offices = list(employee.offices.all())
    for office in offices:
        if office.pk == person.office_id:
            return str(office.name)
    return str(offices[0].name) if offices else str(_("Nav"))


def hidden_targets(events: list[Any]) -> set[tuple[str, str]]:
    """The events' targets that are cases hidden from the person, or letters on them."""
    case_ids = {e.target_id for e in events if e.target_type == "applications.case"}
    document_ids = {e.target_id for e in events if e.target_type == "applications.document"}
    hidden: set[tuple[str, str]] = set()
    if case_ids:
        hidden |= {
            ("applications.case", str(pk))
            for pk in Case.objects.filter(pk__in=case_ids, status__in=HIDDEN_CASES).values_list(
                "pk", flat=True
            )
        }
    if document_ids:
        hidden |= {
            ("applications.document", str(pk))
            for pk in Document.objects.filter(
                pk__in=document_ids, case__status__in=HIDDEN_CASES
            ).values_list("pk", flat=True)
        }
    return hidden


def access_rows(events: list[Any], person: Any) -> list[dict[str, str]]:
    """One row per look or change: what, when, which office, which role and why. The
    employee's name is not shown (the office answers for its employees)."""
    names = target_names(events)
    hidden = hidden_targets(events)
    rows = []
    for event in events:
        # What was looked at is not named when it is a case the person is not to see.
        seen = "" if (event.target_type, event.target_id) in hidden else describe_seen(event, names)
        rows.append(
            {
                "what": action_label(event) + (f" ({seen})" if seen else ""),
                "when": date_format(timezone.localtime(event.occurred_at), "SHORT_DATETIME_FORMAT"),
                "office": _office(event.actor, person),
                "role": _role(event.actor),
                "why": event.reason or _("Saksbehandling ved Nav-kontoret ditt"),
            }
        )
    return rows


_PAYMENT_VARIANTS = {
    "planned": "info",
    "in_run": "info",
    "sent": "info",
    "paid": "success",
    "rejected": "warning",
    "stopped": "neutral",
    "annulled": "neutral",
}


def payment_rows(payments: list[Any]) -> list[dict[str, Any]]:
    """Each payment as the person reads it: how much, to whom, for which period, and where
    it stands. A payment the bank refused is "delayed": the office corrects it."""
    labels = {
        "planned": _("Planlagt"),
        "in_run": _("Planlagt"),
        "sent": _("Sendt til banken"),
        "paid": _("Utbetalt"),
        "rejected": _("Forsinket"),
        "stopped": _("Stoppet"),
        "annulled": _("Annullert"),
    }
    rows = []
    for payment in payments:
        variant = _PAYMENT_VARIANTS[payment.state]
        if payment.state == "paid":
            when = _("Utbetalt %(date)s") % {"date": long_day(payment.paid_on)}
        elif payment.state == "rejected":
            when = _("Banken kunne ikke betale ut. Nav-kontoret retter det og gir deg beskjed.")
        elif payment.state in ("stopped", "annulled"):
            when = _("Utbetalingen blir ikke gjort.")
        else:
            when = _("Kommer %(date)s") % {"date": long_day(payment.due_on)}
        rows.append(
            {
                "amount": kroner(payment.amount),
                "state": labels[payment.state],
                "variant": variant,
                "when": when,
                "to": payment.recipient_name if payment.other_recipient else _("Til deg"),
                "period": _("For %(start)s til %(end)s")
                % {"start": long_day(payment.period_from), "end": long_day(payment.period_to)},
            }
        )
    return rows


def note_cards(notes: list[Any]) -> list[dict[str, Any]]:
    return [
        {
            "title": note.title,
            "meta": _("%(kind)s %(date)s, %(office)s")
            % {
                "kind": note.get_kind_display(),
                "date": long_day(note.happened_on),
                "office": note.office.name,
            },
            "text": note.versions.all()[0].text,
        }
        for note in notes
    ]


def meeting_cards(meetings: list[Any]) -> list[dict[str, Any]]:
    now = timezone.now()
    cards = []
    for meeting in meetings:
        if meeting.cancelled_at is not None:
            state, variant = _("Avlyst"), "neutral"
        elif meeting.starts_at > now:
            state, variant = _("Kommende"), "info"
        else:
            state, variant = _("Holdt"), "success"
        details: list[tuple[str, Any]] = [
            (_("Møteform"), meeting.get_channel_display()),
            (_("Varighet"), _("%(minutes)s minutter") % {"minutes": meeting.minutes_long}),
        ]
        if meeting.place:
            details.append((_("Sted, telefonnummer eller lenke"), meeting.place))
        details.append((_("Nav-kontor"), meeting.office.name))
        cards.append(
            {
                "when": _("%(day)s klokka %(time)s")
                % {
                    "day": long_day(timezone.localdate(meeting.starts_at)),
                    "time": date_format(timezone.localtime(meeting.starts_at), "H:i"),
                },
                "state": state,
                "variant": variant,
                "details": details,
                "agenda": meeting.agenda,
                # The minutes are the person's only once shared.
                "minutes": bool(meeting.minutes and meeting.minutes.shared_at),
            }
        )
    return cards
