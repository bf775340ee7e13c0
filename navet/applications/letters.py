"""Letters about an application (interim reply, documentation request): from the models
to the letter content, then to PDF/A by `navet.letters`."""

from __future__ import annotations

from datetime import date

from django.utils import timezone
from django.utils.text import slugify

from navet.applications.models import Application, Document, DocumentationRequest
from navet.core.models import Employee, Office
from navet.letters.content import (
    DocumentationRequestLetter,
    InterimReplyLetter,
    Language,
    OfficeInfo,
    Recipient,
    RequestedDocumentText,
    is_office_name,
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
    """The letterhead, from the office's own record.

    The postal address is printed under the office's name, so a line that repeats
    the name ("Nav Grünerløkka, Postboks 1, 0501 Oslo") is left out. Until an
    administrator enters it, the letterhead has the name, and the phone and nav.no say how
    to reach the office. The office has no visiting address in Navet, and a postal address
    is not one, so the letters name the office without an address when they say where to
    come.
    """
    lines = (line.strip() for line in office.postal_address.split(","))
    return OfficeInfo(
        name=office.name,
        number=office.number,
        address_lines=tuple(
            line for line in lines if line and not is_office_name(line, office.name)
        ),
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


_NORWEGIAN_LETTERS = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "Æ": "Ae", "Ø": "O", "Å": "A"})


def download_name(document: Document) -> str:
    """A file name from the letter's title and date: never a name or a number of a person."""
    stem = slugify(document.title.translate(_NORWEGIAN_LETTERS))[:60] or "dokument"
    return f"{stem}-{timezone.localdate(document.created_at).isoformat()}.pdf"
