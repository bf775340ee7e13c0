"""Ettersendelse: the person sends documents from the portal; the caseworker sees them on the
application at once, and a documentation request they answer is met."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import timezone

from navet.applications.models import (
    Attachment,
    DocumentationRequest,
    InnsynEvent,
    RequestedDocument,
)
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_application

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n% a receipt\n"
# An iPhone photo: an ISO media file whose brand is heic.
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
EXE = b"MZ\x90\x00\x03" + b"\x00" * 256


def _requested(world: World) -> tuple[Any, RequestedDocument]:
    application = make_application(person=world.citizen_oslo)
    request = DocumentationRequest.objects.create(
        application=application,
        deadline=timezone.localdate() + timedelta(days=7),
        created_by=world.caseworker_oslo,
    )
    document = RequestedDocument.objects.create(
        request=request, reference=f"{application.reference}-D1", document_type="Husleiekontrakt"
    )
    return application, document


def _send(client: Any, application: Any, answers: str, *files: tuple[str, bytes]) -> Any:
    uploads = [SimpleUploadedFile(name, content) for name, content in files]
    return client.post(
        f"/min-side/soknader/{application.pk}/send/",
        {"send-answers": answers, "send-uploads": uploads},
    )


def test_a_photo_answering_a_request_meets_it_and_the_caseworker_sees_it(world: World) -> None:
    application, requested = _requested(world)
    events_before = InnsynEvent.objects.filter(application=application).count()
    response = _send(
        citizen_client(world.citizen_oslo), application, str(requested.pk), ("kontrakt.png", PNG)
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=application)
    assert (attachment.filename, attachment.answers_id) == ("kontrakt.png", requested.pk)
    requested.refresh_from_db()
    assert requested.fulfilled_at is not None
    assert InnsynEvent.objects.filter(application=application).count() > events_before
    event = AuditEvent.objects.of_action(AuditAction.APPLICATION_DOCUMENT_RECEIVED).get()
    assert (event.actor_id, event.actor_label) == (None, "citizen")
    tab = client_for(world.caseworker_oslo).get(f"/soknader/{application.pk}/vedlegg/")
    assert "kontrakt.png" in tab.content.decode()
    page = citizen_client(world.citizen_oslo).get(f"/min-side/soknader/{application.pk}/")
    assert "kontrakt.png, sendt" in page.content.decode()
    assert "Mottatt" in page.content.decode()


def test_several_files_at_once_and_a_heic_photo(world: World) -> None:
    application, _requested_document = _requested(world)
    response = _send(
        citizen_client(world.citizen_oslo),
        application,
        "annet",
        ("bilde.HEIC", HEIC),
        ("kvittering.pdf", PDF),
    )
    assert response.status_code == 302
    assert Attachment.objects.filter(application=application).count() == 2


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ((("stor.pdf", PDF + b"0" * (12 * 1024 * 1024)),), "«stor.pdf» er 12 MB"),
        ((("faktura.pdf", EXE),), "«faktura.pdf» er ikke en PDF, JPG, PNG eller HEIC"),
        ((("bilde.pdf", PNG),), "«bilde.pdf» er ikke en PDF"),
        ((("tom.pdf", b""),), "«tom.pdf» er tom."),
        ((), "Velg minst én fil å sende."),
        ((("ok.pdf", PDF), ("program.exe", EXE)), "«program.exe»"),
    ],
)
def test_refused_files_say_which_and_why_and_nothing_is_kept(
    world: World, files: tuple[tuple[str, bytes], ...], message: str
) -> None:
    application, requested = _requested(world)
    response = _send(citizen_client(world.citizen_oslo), application, str(requested.pk), *files)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    requested.refresh_from_db()
    assert requested.fulfilled_at is None


@override_settings(CITIZEN_UPLOAD_MAX_FILES=2)
def test_too_many_files_at_once_are_refused(world: World) -> None:
    application, _requested_document = _requested(world)
    files = [(f"side{n}.pdf", PDF) for n in range(3)]
    response = _send(citizen_client(world.citizen_oslo), application, "annet", *files)
    assert response.status_code == 400
    assert "høyst 2 filer om gangen" in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_request_of_another_application_cannot_be_answered(world: World) -> None:
    application, _requested_document = _requested(world)
    _other_application, others = _requested(world)
    response = _send(
        citizen_client(world.citizen_oslo), application, str(others.pk), ("a.pdf", PDF)
    )
    assert response.status_code == 400
    assert not Attachment.objects.exists()


def test_a_sent_document_downloads_as_an_attachment_without_the_persons_name(
    world: World,
) -> None:
    application, requested = _requested(world)
    client = citizen_client(world.citizen_oslo)
    _send(client, application, str(requested.pk), ("Kari Nordmann lønn.pdf", PDF))
    attachment = Attachment.objects.get()
    response = client.get(f"/min-side/sendt/{attachment.pk}/")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="dokument-')
    assert "Kari" not in response["Content-Disposition"]
    assert response["Content-Type"] == "application/octet-stream"
    assert b"".join(response.streaming_content) == PDF
