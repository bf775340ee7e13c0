"""What a review of the portal found, each held by a test: letters on hidden cases, a
mistyped phone number, an oversized upload, Test-ID-porten and real numbers, the portal's
application attributed to the person, and production without an SMS provider."""

from __future__ import annotations

from django.test import Client, override_settings

from navet.applications.models import Application, CaseStatus, DocumentKind
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.dialog.sms import ConsoleBackend, NotConfigured
from tests.citizen.test_apply import _full
from tests.conftest import World, citizen_client, client_for
from tests.factories import make_application, make_case, make_document


def test_a_letter_on_a_case_without_insight_is_neither_listed_nor_downloadable(
    world: World,
) -> None:
    application = make_application(person=world.citizen_oslo)
    hidden = make_case(application=application, status=CaseStatus.NO_INSIGHT, title="Skjult")
    letter = make_document(
        application=application, case=hidden, kind=DocumentKind.DECISION, title="Skjult brev"
    )
    client = citizen_client(world.citizen_oslo)
    assert client.get(f"/min-side/dokumenter/{letter.pk}/").status_code == 404
    page = client.get(f"/min-side/soknader/{application.pk}/").content.decode()
    assert f"/min-side/dokumenter/{letter.pk}/" not in page
    # A caseworker's look at that case is listed, without naming the case.
    client_for(world.caseworker_oslo).get(f"/soknader/{application.pk}/")
    log = client.get("/min-side/hvem-har-sett/").content.decode()
    assert "Så på opplysningene" in log


def test_a_mistyped_phone_number_is_a_message_not_a_server_error(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    for typed in ("abc", "(+47) 412", "12 34"):
        response = client.post("/min-side/sok/skjema/", _full(phone=typed))
        assert response.status_code == 400, typed
        assert "Skriv telefonnummeret med 8 siffer" in response.content.decode()
    response = client.post("/min-side/sok/skjema/", _full(phone="0047 412 34 567"))
    assert response.status_code == 302
    soknad = Application.objects.get().soknad
    assert soknad["data"]["personalia"]["telefonnummer"]["verdi"] == "+4741234567"


@override_settings(CITIZEN_UPLOAD_MAX_FILES=1, CITIZEN_UPLOAD_MAX_BYTES=1024)
def test_an_upload_too_large_in_all_is_refused_before_it_is_read(world: World) -> None:
    application = make_application(person=world.citizen_oslo)
    client = citizen_client(world.citizen_oslo)
    big = b"%PDF-1.7\n" + b"0" * (3 * 1024 * 1024)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/min-side/soknader/{application.pk}/send/",
        {"send-answers": "annet", "send-uploads": [SimpleUploadedFile("stor.pdf", big)]},
    )
    assert response.status_code == 413
    assert "Filene er for store til sammen" in response.content.decode()
    response = client.post(
        "/min-side/sok/skjema/", {**_full(), "uploads": [SimpleUploadedFile("stor.pdf", big)]}
    )
    assert response.status_code == 413
    assert not Application.objects.exclude(pk=application.pk).exists()


def test_test_id_porten_logs_in_no_real_person(world: World) -> None:
    real = "01010150027"  # a valid fødselsnummer, not synthetic
    response = Client().post(
        "/test-idporten/logg-inn/",
        {"pid": real, "level": "idporten-loa-high", "next": "/test-idporten/authorize/?x=1"},
    )
    assert response.status_code == 200
    assert "ikke et gyldig syntetisk fødselsnummer" in response.content.decode()
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username__startswith="testid-").exists()


def test_an_application_from_the_portal_is_the_persons_own_in_the_trail(world: World) -> None:
    citizen_client(world.citizen_oslo).post("/min-side/sok/skjema/", _full())
    event = AuditEvent.objects.of_action(AuditAction.APPLICATION_IMPORTED).get()
    assert (event.actor_id, event.actor_label) == (None, "citizen")


def test_sms_without_a_provider_fails_and_the_console_shows_no_whole_number(
    capsys: object,
) -> None:
    import pytest

    with pytest.raises(RuntimeError):
        NotConfigured().send(to="41234567", text="Ny melding")
    ConsoleBackend().send(to="41234567", text="Ny melding")
    printed = capsys.readouterr().out  # type: ignore[attr-defined]
    assert "41234567" not in printed and "67" in printed
