"""Registering an application made on paper, by phone or at the desk."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.urls import reverse
from django.utils import timezone

from navet.applications.models import Application, ApplicationStatus, CaseKind
from navet.audit.models import AuditEvent
from tests.conftest import World, client_for


def url(world: World) -> str:
    return reverse("applications:application-register", args=[world.citizen_oslo.pk])


def data(**overrides: Any) -> dict[str, Any]:
    values = {
        "channel": "desk",
        "received_at": timezone.localtime().strftime("%Y-%m-%dT%H:%M"),
        "applied_for": "Mat til helgen",
        "reason": "Lønnen kommer ikke før mandag.",
    }
    values.update(overrides)
    return values


def test_person_page_offers_registration_to_caseworkers_only(world: World) -> None:
    person_url = world.citizen_oslo.get_absolute_url()
    assert url(world).encode() in client_for(world.caseworker_oslo).get(person_url).content
    assert url(world).encode() not in client_for(world.leader_oslo).get(person_url).content


def test_form_renders_with_now_as_default(world: World) -> None:
    response = client_for(world.caseworker_oslo).get(url(world))
    assert response.status_code == 200
    assert timezone.localdate().isoformat().encode() in response.content
    assert b"Kari Hansen" in response.content


def test_it_registers_and_assigns_to_me(world: World) -> None:
    response = client_for(world.caseworker_oslo).post(url(world), data())
    application = Application.objects.get(person=world.citizen_oslo)
    assert response.status_code == 302
    assert response["Location"] == application.get_absolute_url()
    assert application.status == ApplicationStatus.RECEIVED
    assert application.office == world.oslo
    assert application.caseworker == world.caseworker_oslo
    assert application.channel == "desk"
    assert not application.cases.exists()
    assert AuditEvent.objects.filter(action="application.registered", person=world.citizen_oslo)


def test_emergency_gets_its_case_at_once_and_is_due_today(world: World) -> None:
    response = client_for(world.caseworker_oslo).post(url(world), data(emergency="on"))
    application = Application.objects.get(person=world.citizen_oslo)
    assert response["Location"].endswith("/vurdering/")
    assert application.due_on == timezone.localdate()
    assert application.status == ApplicationStatus.IN_PROGRESS
    assert application.cases.get().kind == CaseKind.EMERGENCY


def test_missing_fields_and_a_future_time_are_shown(world: World) -> None:
    future = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = client_for(world.caseworker_oslo).post(
        url(world), data(applied_for="", received_at=future)
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Du må rette disse feilene" in content
    assert 'href="#id_applied_for"' in content
    assert "kan ikke være frem i tid" in content
    assert not Application.objects.exists()


def test_digital_is_not_a_hand_channel(world: World) -> None:
    response = client_for(world.caseworker_oslo).post(url(world), data(channel="digital"))
    assert response.status_code == 400


def test_leader_and_other_office_cannot_register(world: World) -> None:
    assert client_for(world.leader_oslo).post(url(world), data()).status_code == 403
    assert client_for(world.caseworker_bergen).post(url(world), data()).status_code == 404
    assert not Application.objects.exists()
