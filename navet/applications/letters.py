"""Letters about an application (interim reply, documentation request): from the models
to the letter content, then to PDF/A by `navet.letters`."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from navet.applications.models import Application, DocumentationRequest
from navet.core.models import Employee, Office
from navet.letters.content import (
    DocumentationRequestLetter,
    InterimReplyLetter,
    Language,
    OfficeInfo,
    Recipient,
    RequestedDocumentText,
)
from navet.letters.render import (
    RenderedLetter,
    render_documentation_request,
    render_interim_reply,
)
from navet.people.models import Person


def letter_language(person: Person) -> Language:
    """Bokmål or nynorsk, as the person writes; bokmål for every other choice."""
    return "nn" if person.written_language == "nn" else "nb"


def office_info(office: Office) -> OfficeInfo:
    """The letterhead, from the office's own record."""
    return OfficeInfo(
        name=office.name,
        number=office.number,
        # Until an administrator enters the office's postal address, the letter names the
        # office, and the phone and nav.no say how to reach it.
        address_lines=tuple(
            line.strip() for line in office.postal_address.split(",") if line.strip()
        )
        or (office.name,),
        phone=office.phone,
        web="nav.no",
    )


def recipient(person: Person) -> Recipient:
    lines = [person.street_address, f"{person.postal_code} {person.postal_town}".strip()]
    if person.has_address_protection:
        lines = []
    return Recipient(name=person.full_name, address_lines=tuple(line for line in lines if line))


def interim_reply_pdf(
    application: Application, *, expected_by: date, reason: str, actor: Employee
) -> RenderedLetter:
    person = application.person
    return render_interim_reply(
        InterimReplyLetter(
            language=letter_language(person),
            office=office_info(application.office),
            recipient=recipient(person),
            letter_date=timezone.localdate(),
            reference=application.reference,
            received_on=timezone.localdate(application.received_at),
            expected_by=expected_by,
            reason=reason,
            caseworker_name=actor.name,
        )
    )


def documentation_request_pdf(
    application: Application, *, request: DocumentationRequest, actor: Employee
) -> RenderedLetter:
    person = application.person
    return render_documentation_request(
        DocumentationRequestLetter(
            language=letter_language(person),
            office=office_info(application.office),
            recipient=recipient(person),
            letter_date=timezone.localdate(),
            reference=application.reference,
            documents=tuple(
                RequestedDocumentText(title=d.document_type, description=d.description)
                for d in request.documents.all()
            ),
            deadline=request.deadline,
            caseworker_name=actor.name,
        )
    )
