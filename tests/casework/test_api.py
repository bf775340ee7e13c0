"""The innsyn JSON over the API: a bearer token acts as its employee, with their access."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from navet.api.models import ApiToken
from navet.applications import actions as app_actions
from navet.applications.models import Application
from navet.audit.models import AuditEvent
from navet.digisos.validation import INNSYN, schema_problems
from navet.people.models import Person
from tests.conftest import World


def token_for(username: str) -> str:
    out = StringIO()
    call_command("create_api_token", "--username", username, "--name", "test", stdout=out)
    return out.getvalue().strip()


def application_of(world: World, person: Person) -> Application:
    return app_actions.register_application(
        person=person,
        office=person.office,
        channel="paper",
        received_at=timezone.now(),
        applied_for="Husleie",
        actor=world.caseworker_oslo,
    )


def test_token_reads_innsyn_json_and_is_audited(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    response = Client().get(
        f"/api/v1/applications/{application.pk}/innsyn", HTTP_AUTHORIZATION=f"Bearer {token}"
    )
    assert response.status_code == 200
    document = response.json()
    assert schema_problems(document, INNSYN) == []
    assert document["hendelser"][0]["status"] == "MOTTATT"
    read = AuditEvent.objects.filter(action="person.read", person=world.citizen_oslo).last()
    assert read is not None and read.actor == world.caseworker_oslo
    assert ApiToken.objects.get().last_used_at is not None


def test_other_office_and_protected_persons_are_not_found(world: World) -> None:
    token = token_for("veileder.bergen")
    for person in (world.citizen_oslo, world.strengt_fortrolig_oslo):
        application = application_of(world, person)
        response = Client().get(
            f"/api/v1/applications/{application.pk}/innsyn",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        )
        assert response.status_code == 404


@pytest.mark.parametrize("header", ["", "Bearer nope", "Basic x"])
def test_no_or_bad_token_is_refused(world: World, header: str) -> None:
    application = application_of(world, world.citizen_oslo)
    extra = {"HTTP_AUTHORIZATION": header} if header else {}
    response = Client().get(f"/api/v1/applications/{application.pk}/innsyn", **extra)
    assert response.status_code == 401


def test_expired_and_revoked_tokens_are_refused(world: World) -> None:
    application = application_of(world, world.citizen_oslo)
    token = token_for("veileder.oslo")
    ApiToken.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    url = f"/api/v1/applications/{application.pk}/innsyn"
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401
    ApiToken.objects.update(
        expires_at=timezone.now() + timedelta(days=1), revoked_at=timezone.now()
    )
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 401


def test_only_a_hash_of_the_token_is_stored(world: World) -> None:
    token = token_for("veileder.oslo")
    stored = ApiToken.objects.get()
    assert token not in (stored.token_hash, stored.prefix) and token.startswith(stored.prefix)
