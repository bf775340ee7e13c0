"""Applying in the portal: the answers become a soknad.json valid against Nav's schema,
received through the same import as every digital application; emergency help lands as
nødhjelp, due the same day."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from navet.applications.models import (
    Application,
    ApplicationStatus,
    Attachment,
    CaseKind,
    Channel,
    Fact,
)
from navet.audit.models import AuditEvent
from navet.audit.vocabulary import AuditAction
from navet.digisos.validation import SOKNAD, schema_problems
from tests.conftest import World, citizen_client

ACCOUNT = "12345678903"  # mod 11


def _full(**changes: Any) -> dict[str, Any]:
    answers = {
        "what": "Penger til mat og husleie for januar",
        "why": "Jeg mistet jobben i november.\nDagpengene er ikke kommet.",
        "marital_status": "samboer",
        "spouse_name": "",
        "housing": "leier",
        "household_size": "3",
        "child_0_name": "Ola",
        "child_0_birth": "03.02.2015",
        "income_salary": "",
        "income_child_support": "1 500",
        "expense_rent": "12 500 kr",
        "expense_power": "1 200,-",
        "asset_account": "350",
        "account": "1234 56 78903",
        "phone": "412 34 567",
        "confirm": "on",
    }
    answers.update(changes)
    return answers


def test_a_full_application_is_valid_digisos_and_received_as_any_import(world: World) -> None:
    person = world.citizen_oslo
    client = citizen_client(person)
    upload = SimpleUploadedFile("husleie.pdf", b"%PDF-1.7\n% rent\n")
    response = client.post("/min-side/sok/skjema/", {**_full(), "uploads": [upload]})
    assert response.status_code == 302, response.content.decode()[:2000]
    application = Application.objects.get()
    assert response["Location"] == f"/min-side/soknader/{application.pk}/"
    assert (application.person, application.office) == (person, person.office)
    assert application.channel == Channel.DIGITAL
    assert application.status == ApplicationStatus.RECEIVED
    assert not application.emergency
    assert application.account_number == ACCOUNT
    assert application.children == [{"name": "Ola", "birth_date": "2015-02-03"}]
    assert schema_problems(application.soknad, SOKNAD) == []
    items = {(f.type, f.amount) for f in Fact.objects.filter(application=application)}
    assert {("husleie", 12500), ("strom", 1200), ("barnebidrag", 1500)} <= items
    assert Attachment.objects.get(application=application).filename.endswith("husleie.pdf")
    imported = AuditEvent.objects.of_action(AuditAction.APPLICATION_IMPORTED).get()
    assert imported.person_id == person.pk
    page = client.get(response["Location"]).content.decode()
    assert "Søknaden er sendt. Du skal få svar innen" in page


def test_emergency_help_lands_as_nodhjelp_due_today(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    response = client.post(
        "/min-side/sok/nodhjelp/",
        {
            "what": "Mat til meg og barna",
            "why": "Jeg har ingen penger før lønna kommer på fredag.",
            "asset_account": "0",
            "no_account": "on",
            "confirm": "on",
        },
    )
    assert response.status_code == 302
    application = Application.objects.get()
    assert application.emergency
    assert application.due_on == timezone.localdate()
    assert application.status == ApplicationStatus.IN_PROGRESS
    assert [case.kind for case in application.cases.all()] == [CaseKind.EMERGENCY]
    assert schema_problems(application.soknad, SOKNAD) == []
    assert application.soknad["data"]["personalia"]["kontonummer"] == {
        "kilde": "bruker",
        "harIkkeKonto": True,
    }


def test_mistakes_people_type_are_refused_and_nothing_is_received(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    cases = [
        ({"account": "1234 56 78904"}, "Skriv et gyldig kontonummer"),
        ({"expense_rent": "12.500"}, "Skriv beløpet i hele kroner"),
        ({"child_0_birth": "31.02.2015"}, "dd.mm.åååå"),
        ({"child_0_name": ""}, "Skriv barnets navn."),
        ({"marital_status": "gift"}, "Skriv navnet til ektefellen"),
        ({"confirm": ""}, "Du må bekrefte opplysningene"),
        ({"account": ""}, "kryss av for at du ikke har bankkonto"),
        ({"what": ""}, "Hva søker du om?"),
    ]
    for changes, message in cases:
        response = client.post("/min-side/sok/skjema/", _full(**changes))
        assert response.status_code == 400, changes
        assert message in response.content.decode(), changes
    renamed = SimpleUploadedFile("kvittering.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    response = client.post("/min-side/sok/skjema/", {**_full(), "uploads": [renamed]})
    assert response.status_code == 400
    assert "«kvittering.pdf»" in response.content.decode()
    assert not Application.objects.exists()


def test_the_form_pages_render_in_fieldsets(world: World) -> None:
    client = citizen_client(world.citizen_oslo)
    for url in ("/min-side/sok/", "/min-side/sok/skjema/", "/min-side/sok/nodhjelp/"):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/min-side/sok/skjema/").content.decode().count("<fieldset") >= 8
