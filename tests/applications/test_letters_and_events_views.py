"""The brev tab (documents, the preview of a draft's letter), the download, the hendelser
tab and the innsyn JSON."""

from __future__ import annotations

import json
from typing import Any

from django.urls import reverse

from navet.applications.innsyn import append_event
from navet.audit.models import AuditEvent
from navet.decisions.models import Outcome
from tests.conftest import World, client_for
from tests.factories import make_decision, make_document


def test_letters_tab_lists_documents_with_download_links(world: World, application: Any) -> None:
    document = make_document(application=application)
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-letters", args=[application.pk]))
        .content.decode()
    )
    assert "Foreløpig svar på søknaden din" in content
    assert reverse("applications:document-download", args=[document.pk]) in content


def test_letters_tab_previews_the_draft_decision(world: World, application: Any) -> None:
    case = application.cases.get()
    make_decision(
        case=case,
        drafted_by=world.caseworker_oslo,
        outcome=Outcome.REFUSED,
        considerations="Du har nok penger på konto.",
    )
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-letters", args=[application.pk]))
        .content.decode()
    )
    assert "Forhåndsvisning av vedtaksbrevet" in content
    assert "Du har nok penger på konto." in content
    assert '<article class="letter"' in content


def test_letter_preview_says_what_is_missing(world: World, application: Any) -> None:
    make_decision(case=application.cases.get(), drafted_by=world.caseworker_oslo)
    content = (
        client_for(world.caseworker_oslo)
        .get(reverse("applications:application-letters", args=[application.pk]))
        .content.decode()
    )
    assert "Brevet kan ikke vises ennå" in content
    assert "Velg utfall." in content


def test_download_streams_the_pdf_without_personal_data_in_the_name(
    world: World, application: Any
) -> None:
    document = make_document(application=application, content=b"%PDF-1.7 brev")
    url = reverse("applications:document-download", args=[document.pk])
    response = client_for(world.caseworker_oslo).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "forelopig-svar-pa-soknaden-din" in disposition
    assert "Kari" not in disposition and "Hansen" not in disposition
    assert b"".join(response.streaming_content) == b"%PDF-1.7 brev"  # type: ignore[attr-defined]
    read = AuditEvent.objects.filter(action="person.read", person=world.citizen_oslo).last()
    assert read is not None and read.data["view"] == "applications:document-download"


def test_events_tab_reads_as_a_timeline(world: World, application: Any) -> None:
    append_event(application, "soknadsStatus", status="MOTTATT")
    append_event(
        application, "saksStatus", referanse="S1", tittel="Livsopphold", status="UNDER_BEHANDLING"
    )
    content = (
        client_for(world.leader_oslo)
        .get(reverse("applications:application-events", args=[application.pk]))
        .content.decode()
    )
    assert "Status for søknaden" in content
    assert "status: Mottatt" in content
    assert "sak: S1; tittel: Livsopphold; status: Under behandling" in content
    assert reverse("applications:application-events-json", args=[application.pk]) in content


def test_innsyn_json_is_the_digisos_document_and_audited(world: World, application: Any) -> None:
    append_event(application, "soknadsStatus", status="MOTTATT")
    url = reverse("applications:application-events-json", args=[application.pk])
    response = client_for(world.caseworker_oslo).get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    document = json.loads(response.content)
    assert document["hendelser"][0]["type"] == "soknadsStatus"
    assert AuditEvent.objects.filter(
        action="person.read", data__view="applications:application-events-json"
    ).exists()
    assert client_for(world.caseworker_bergen).get(url).status_code == 404
