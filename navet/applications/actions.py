"""State changes of applications: registration, assignment, cases, facts, interim replies
and documentation requests. Each runs in one transaction with its audit event and, where
the citizen follows it in innsyn, its innsyn event."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from navet.applications.innsyn import append_event, file_reference
from navet.applications.letters import documentation_request_pdf, interim_reply_pdf
from navet.applications.models import (
    Application,
    ApplicationStatus,
    Attachment,
    AttachmentStatus,
    Case,
    CaseKind,
    CaseStatus,
    Channel,
    Document,
    DocumentationRequest,
    DocumentKind,
    Fact,
    FactSource,
    RequestedDocument,
)
from navet.audit import trail
from navet.audit.vocabulary import AuditAction
from navet.core.models import Employee, Office
from navet.digisos.validation import format_timestamp
from navet.people.models import Person
from navet.rules.dates import add_months


class CaseworkError(Exception):
    """A step that is not allowed in the application's current state; the message is
    shown to the caseworker as it is."""


def answer_due(received: date) -> date:
    """An application should be answered within a month, or get an interim reply."""
    return add_months(received, 1)


def local_day(moment: datetime) -> date:
    return timezone.localdate(moment)


@transaction.atomic
def register_application(
    *,
    person: Person,
    office: Office,
    channel: str,
    received_at: datetime,
    applied_for: str,
    reason: str = "",
    emergency: bool = False,
    actor: Employee | None,
    caseworker: Employee | None = None,
) -> Application:
    """An application made on paper, by phone or at the desk (digital ones are imported).

    Nødhjelp gets one case at once so that it can be decided the same day."""
    application = Application(
        person=person,
        office=office,
        addressed_to=office.number,
        channel=channel,
        received_at=received_at,
        applied_for=applied_for,
        reason=reason,
        emergency=emergency,
        due_on=local_day(received_at) if emergency else answer_due(local_day(received_at)),
        caseworker=caseworker,
    )
    application.assign_reference()
    application.save()
    append_event(application, "soknadsStatus", at=received_at, status=ApplicationStatus.RECEIVED)
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_REGISTERED,
        person=person,
        target=application,
        data={"channel": channel, "emergency": emergency},
    )
    if emergency:
        start_processing(application=application, actor=actor, first_case=CaseKind.EMERGENCY)
    return application


@transaction.atomic
def assign_application(
    *, application: Application, caseworker: Employee | None, actor: Employee
) -> None:
    if caseworker is not None and application.office_id not in caseworker.office_ids():
        raise CaseworkError(_("Saksbehandleren arbeider ikke ved kontoret som har søknaden."))
    previous = application.caseworker_id
    application.caseworker = caseworker
    application.save(update_fields=["caseworker", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_ASSIGNED,
        person=application.person,
        target=application,
        data={"from": previous, "to": caseworker.pk if caseworker else None},
    )


def _next_case_reference(application: Application) -> str:
    return f"S{application.cases.count() + 1}"


@transaction.atomic
def add_case(
    *, application: Application, kind: str, title: str = "", actor: Employee | None
) -> Case:
    if not application.is_open:
        raise CaseworkError(_("Søknaden er avsluttet. Registrer en ny søknad i stedet."))
    case = Case.objects.create(
        application=application,
        reference=_next_case_reference(application),
        title=title or str(CaseKind(kind).label),
        kind=kind,
    )
    append_event(
        application,
        "saksStatus",
        referanse=case.reference,
        tittel=case.title,
        status=case.status,
    )
    trail.record(
        actor=actor,
        action=AuditAction.CASE_CREATED,
        person=application.person,
        target=case,
        data={"application": str(application.pk), "kind": kind},
    )
    return case


@transaction.atomic
def start_processing(
    *, application: Application, actor: Employee | None, first_case: str = CaseKind.LIVING
) -> None:
    """Status under behandling, with a first case when there is none."""
    if application.status == ApplicationStatus.RECEIVED:
        application.status = ApplicationStatus.IN_PROGRESS
        application.save(update_fields=["status", "updated_at"])
        append_event(application, "soknadsStatus", status=ApplicationStatus.IN_PROGRESS)
        trail.record(
            actor=actor,
            action=AuditAction.APPLICATION_STARTED,
            person=application.person,
            target=application,
        )
    if not application.cases.exists():
        add_case(application=application, kind=first_case, actor=actor)


@transaction.atomic
def set_case_status(*, case: Case, status: str, actor: Employee) -> None:
    """Withdraw a case (feilregistrert), stop processing it, or hide it from innsyn."""
    if case.decisions.made().exists() and status == CaseStatus.WITHDRAWN:
        raise CaseworkError(_("En sak med vedtak kan ikke trekkes tilbake."))
    case.status = status
    case.save(update_fields=["status"])
    append_event(
        case.application, "saksStatus", referanse=case.reference, tittel=case.title, status=status
    )
    trail.record(
        actor=actor,
        action=AuditAction.CASE_STATUS_CHANGED,
        person=case.application.person,
        target=case,
        data={"status": status},
    )
    close_if_finished(application=case.application, actor=actor)


@transaction.atomic
def close_if_finished(*, application: Application, actor: Employee | None) -> bool:
    """Ferdigbehandlet once every case has a decision or is no longer processed.

    innsyn shows ferdigbehandlet as under behandling while a case is still open, so it is
    never sent before then (reference/digisos.md § 5.4 rule 8)."""
    if application.status != ApplicationStatus.IN_PROGRESS:
        return False
    cases = list(application.cases.all())
    if not cases:
        return False
    for case in cases:
        if case.status == CaseStatus.IN_PROGRESS and not case.decisions.made().exists():
            return False
    application.status = ApplicationStatus.DONE
    application.save(update_fields=["status", "updated_at"])
    append_event(application, "soknadsStatus", status=ApplicationStatus.DONE)
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_FINISHED,
        person=application.person,
        target=application,
    )
    return True


@transaction.atomic
def reject_application(*, application: Application, reason: str, actor: Employee) -> None:
    """Behandles ikke: withdrawn by the applicant, or a duplicate."""
    if not application.is_open:
        raise CaseworkError(_("Søknaden er allerede avsluttet."))
    for case in application.cases.filter(status=CaseStatus.IN_PROGRESS):
        if case.decisions.made().exists():
            raise CaseworkError(_("En sak i denne søknaden har allerede vedtak."))
        case.status = CaseStatus.NOT_PROCESSED
        case.save(update_fields=["status"])
        append_event(
            application,
            "saksStatus",
            referanse=case.reference,
            tittel=case.title,
            status=CaseStatus.NOT_PROCESSED,
        )
    application.status = ApplicationStatus.NOT_PROCESSED
    application.save(update_fields=["status", "updated_at"])
    append_event(application, "soknadsStatus", status=ApplicationStatus.NOT_PROCESSED)
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_NOT_PROCESSED,
        person=application.person,
        target=application,
        data={"reason_length": len(reason)},
    )


@transaction.atomic
def add_fact(
    *,
    application: Application,
    area: str,
    type_: str,
    title: str,
    amount: int | None,
    rules_type: str,
    note: str,
    actor: Employee,
    replaces: Fact | None = None,
) -> Fact:
    """A fact from the caseworker; a correction supersedes the fact it replaces."""
    fact = Fact.objects.create(
        application=application,
        area=area,
        type=type_,
        title=title,
        amount=amount,
        rules_type=rules_type,
        note=note,
        source=FactSource.CASEWORKER,
        created_by=actor,
    )
    if replaces is not None:
        if replaces.application_id != application.pk or replaces.superseded_by_id:
            raise CaseworkError(_("Bare en gjeldende opplysning i denne søknaden kan rettes."))
        replaces.superseded_by = fact
        replaces.save(update_fields=["superseded_by"])
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_FACT_ADDED,
        person=application.person,
        target=fact,
        data={"area": area, "replaces": replaces.pk if replaces else None},
    )
    return fact


@transaction.atomic
def set_household(
    *, application: Application, adults: str, children: Sequence[dict[str, str]], actor: Employee
) -> None:
    application.adults = adults
    application.children = [dict(child) for child in children]
    application.save(update_fields=["adults", "children", "updated_at"])
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_HOUSEHOLD_CHANGED,
        person=application.person,
        target=application,
        data={"adults": adults, "children": len(children)},
    )


def store_document(
    *,
    application: Application,
    case: Case | None,
    kind: str,
    title: str,
    language: str,
    pdf: bytes,
    actor: Employee | None,
    translation_of: Document | None = None,
) -> Document:
    """Keep a letter as a document of the application (call inside the action's transaction)."""
    document = Document(
        application=application,
        case=case,
        kind=kind,
        title=title,
        language=language,
        sha256=hashlib.sha256(pdf).hexdigest(),
        size=len(pdf),
        created_by=actor,
        translation_of=translation_of,
    )
    document.file.save(f"{document.id}.pdf", ContentFile(pdf), save=False)
    document.save()
    trail.record(
        actor=actor,
        action=AuditAction.DOCUMENT_CREATED,
        person=application.person,
        target=document,
        data={"kind": kind, "language": language, "sha256": document.sha256},
    )
    return document


@transaction.atomic
def send_interim_reply(
    *, application: Application, expected_by: date, reason: str, actor: Employee
) -> Document:
    """Foreløpig svar: the office needs more time and says when the answer will come."""
    if not application.is_open:
        raise CaseworkError(_("Søknaden er avsluttet."))
    if expected_by <= timezone.localdate():
        raise CaseworkError(_("Datoen for svar må være fram i tid."))
    rendered = interim_reply_pdf(application, expected_by=expected_by, reason=reason, actor=actor)
    document = store_document(
        application=application,
        case=None,
        kind=DocumentKind.INTERIM_REPLY,
        title=rendered.title,
        language=rendered.language,
        pdf=rendered.pdf,
        actor=actor,
    )
    application.due_on = expected_by
    application.save(update_fields=["due_on", "updated_at"])
    append_event(
        application, "forelopigSvar", forvaltningsbrev={"referanse": file_reference(document.id)}
    )
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_INTERIM_REPLY_SENT,
        person=application.person,
        target=application,
        data={"expected_by": expected_by.isoformat(), "document": str(document.id)},
    )
    return document


def _outstanding_documents(application: Application) -> list[RequestedDocument]:
    return list(
        RequestedDocument.objects.filter(
            request__application=application, fulfilled_at__isnull=True
        ).select_related("request")
    )


def _documentation_event(application: Application, letter: Document | None) -> None:
    """The request event repeats every document still outstanding: innsyn replaces the
    list with each event. An empty list tells the citizen nothing more is needed."""
    documents = [
        {
            "dokumenttype": item.document_type,
            "tilleggsinformasjon": item.description or None,
            "innsendelsesfrist": deadline_moment(item.request.deadline),
            "dokumentreferanse": item.reference,
        }
        for item in _outstanding_documents(application)
    ]
    letter_reference = {"referanse": file_reference(letter.id)} if letter is not None else None
    append_event(
        application,
        "dokumentasjonEtterspurt",
        dokumenter=documents,
        forvaltningsbrev=letter_reference,
    )


def deadline_moment(day: date) -> str:
    """A deadline date as the end of that day in Norway, as a Digisos timestamp."""
    end = timezone.make_aware(datetime(day.year, day.month, day.day, 23, 59, 59))
    return format_timestamp(end)


@dataclass(frozen=True)
class DocumentWanted:
    document_type: str
    description: str = ""


@transaction.atomic
def request_documentation(
    *,
    application: Application,
    documents: Sequence[DocumentWanted],
    deadline: date,
    actor: Employee,
) -> DocumentationRequest:
    if not application.is_open:
        raise CaseworkError(_("Søknaden er avsluttet."))
    if not documents:
        raise CaseworkError(_("Skriv minst ett dokument."))
    if deadline <= timezone.localdate():
        raise CaseworkError(_("Fristen må være fram i tid."))
    request = DocumentationRequest.objects.create(
        application=application, deadline=deadline, created_by=actor
    )
    for wanted in documents:
        RequestedDocument.objects.create(
            request=request,
            reference=f"D-{secrets.token_hex(6)}",
            document_type=wanted.document_type,
            description=wanted.description,
        )
    rendered = documentation_request_pdf(application, request=request, actor=actor)
    letter = store_document(
        application=application,
        case=None,
        kind=DocumentKind.DOCUMENTATION_REQUEST,
        title=rendered.title,
        language=rendered.language,
        pdf=rendered.pdf,
        actor=actor,
    )
    request.letter = letter
    request.save(update_fields=["letter"])
    _documentation_event(application, letter)
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_DOCUMENTATION_REQUESTED,
        person=application.person,
        target=request,
        data={"documents": len(documents), "deadline": deadline.isoformat()},
    )
    return request


@transaction.atomic
def receive_document(
    *,
    application: Application,
    answers: RequestedDocument | None,
    filename: str,
    content: bytes,
    actor: Employee | None,
    received_at: datetime | None = None,
    actor_label: str = "",
) -> Attachment:
    """A document from the applicant, linked to the request it answers. `actor_label`
    names who sent it when no employee did (trail.CITIZEN_ACTOR: the person in the
    portal)."""
    if answers is not None and answers.request.application_id != application.pk:
        raise CaseworkError(_("Forespørselen hører til en annen søknad."))
    attachment = Attachment(
        application=application,
        type=answers.document_type if answers else "annet",
        extra_info=answers.description if answers else "",
        status=AttachmentStatus.UPLOADED,
        filename=filename,
        sha512=hashlib.sha512(content).hexdigest(),
        size=len(content),
        answers=answers,
        event_type="dokumentasjonEtterspurt" if answers else "bruker",
        event_reference=answers.reference if answers else "",
        received_at=received_at or timezone.now(),
    )
    attachment.file.save(attachment.sha512[:32], ContentFile(content), save=False)
    attachment.save()
    if answers is not None and answers.fulfilled_at is None:
        answers.fulfilled_at = attachment.received_at
        answers.save(update_fields=["fulfilled_at"])
        _documentation_event(application, None)
    trail.record(
        actor=actor,
        action=AuditAction.APPLICATION_DOCUMENT_RECEIVED,
        person=application.person,
        target=attachment,
        data={"answers": answers.reference if answers else None, "size": len(content)},
        actor_label=actor_label,
    )
    return attachment


PAPER_CHANNELS = (Channel.PAPER, Channel.PHONE, Channel.DESK)
