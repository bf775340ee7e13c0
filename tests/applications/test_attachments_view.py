"""The vedlegg tab: outstanding requested documents, attachments, a received document."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from navet.applications.models import Attachment, DocumentationRequest, RequestedDocument
from navet.audit.models import AuditEvent
from tests.conftest import World, client_for


def tab(application: Any) -> str:
    return reverse("applications:application-attachments", args=[application.pk])


def receive(application: Any) -> str:
    return reverse("applications:application-receive-document", args=[application.pk])


def requested(application: Any, world: World, days: int = 10) -> RequestedDocument:
    request = DocumentationRequest.objects.create(
        application=application,
        deadline=timezone.localdate() + timedelta(days=days),
        created_by=world.caseworker_oslo,
    )
    return RequestedDocument.objects.create(
        request=request, reference="D-abc123", document_type="Husleiekontrakt"
    )


def pdf(name: str = "kontrakt.pdf", content: bytes = b"%PDF-1.7 kontrakt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_it_shows_outstanding_documents_with_deadlines(world: World, application: Any) -> None:
    requested(application, world, days=-1)
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Husleiekontrakt" in content
    assert "Fristen er ute" in content
    assert 'enctype="multipart/form-data"' in content


def test_a_received_document_answers_the_request(world: World, application: Any) -> None:
    wanted = requested(application, world)
    response = client_for(world.caseworker_oslo).post(
        receive(application), {"vedlegg-answers": wanted.pk, "vedlegg-file": pdf()}
    )
    assert response.status_code == 302
    attachment = Attachment.objects.get(application=application)
    assert attachment.answers == wanted and attachment.filename == "kontrakt.pdf"
    wanted.refresh_from_db()
    assert wanted.fulfilled_at is not None
    assert AuditEvent.objects.filter(action="application.document_received").exists()
    content = client_for(world.caseworker_oslo).get(tab(application)).content.decode()
    assert "Ingen etterspurte dokumenter mangler." in content
    assert "Husleiekontrakt (D-abc123)" in content


def test_leader_reads_but_cannot_register(world: World, application: Any) -> None:
    client = client_for(world.leader_oslo)
    content = client.get(tab(application)).content.decode()
    assert "Registrer mottatt dokument" not in content
    assert client.post(receive(application), {"vedlegg-file": pdf()}).status_code == 403
